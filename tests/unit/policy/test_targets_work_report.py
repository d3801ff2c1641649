"""A work report's counts (round x-targets4): the review of the past year and the aims of the new one, totals and
increments, 累计 stocks, 分别 pairs, bounds (余, 超过, 突破) and Chinese numerals. dev7's two 2025 reports showed
that every count whose kind the type stage reads gets its number, year and kind right; these cases keep it so.
Texts are made up for the test; none is taken from a scored file."""

from __future__ import annotations

from ingest.policy.models import ExtractedDocument
from tests.unit.policy._extract import extract_raw

_HEAD = "2025年某省政府工作报告\n2025年1月15日在某省第十四届人民代表大会第三次会议上\n"
_REVIEW = _HEAD + "一、2024年工作回顾\n"
_PLAN = "\n二、2025年工作安排\n"

Row = tuple[int, str, int | None, str]


def _rows(text: str) -> set[Row]:
    d: ExtractedDocument = extract_raw(text)
    return {(t.count, t.type, t.year, t.kind) for t in d.targets}


def test_review_gives_the_past_year_and_the_plan_the_new_one() -> None:
    # one report, two sections: the same verb is a statistic of 2024 in the review and an aim for 2025 after it
    got = _rows(_REVIEW + "新增高新技术企业900家。" + _PLAN + "新增高新技术企业1000家。")
    assert got == {(900, "高新技术企业", 2024, "stat_increment"), (1000, "高新技术企业", 2025, "increment")}


def test_new_ones_then_the_total_in_one_sentence() -> None:
    # 新认定 N, 总数达到 M: an increment and a total; the second clause names no kind and counts the first's
    got = _rows(_REVIEW + "全年新认定高新技术企业1200家，总数达到8000家。")
    assert got == {(1200, "高新技术企业", 2024, "stat_increment"), (8000, "高新技术企业", 2024, "stat_total")}


def test_cumulative_chain_is_a_stock_for_every_member() -> None:
    # 累计 before a verb of building opens a 、 chain: each count is the stock at the end of 2024
    got = _rows(_REVIEW + "累计培育国家级科技企业孵化器28家、众创空间56家。")
    assert got == {(28, "科技企业孵化器", 2024, "stat_total"), (56, "众创空间", 2024, "stat_total")}


def test_respective_counts_in_ten_thousands() -> None:
    # 分别增至 1.2万家、2.5万家: the k-th count counts the k-th kind, 万 multiplies
    got = _rows(_REVIEW + "高新技术企业、科技型中小企业分别增至1.2万家、2.5万家。")
    assert got == {(12000, "高新技术企业", 2024, "stat_total"), (25000, "科技型中小企业", 2024, "stat_total")}


def test_bounds_keep_the_stated_number() -> None:
    # 余 and 超过 make a lower bound; the count stays the number written, the kind follows the chain's verb
    d = extract_raw(_REVIEW + "新增高新技术企业1000余家，科技型中小企业超过3000家。")
    got = {(t.count, t.bound, t.kind) for t in d.targets}
    assert got == {(1000, "min", "stat_increment"), (3000, "min", "stat_total")}


def test_breaking_a_mark_in_the_plan_is_a_total() -> None:
    # 突破2万家 with no other kind word in its chain: the aim's total, a lower bound
    d = extract_raw(_HEAD + _PLAN + "科技型中小企业总数突破2万家。")
    assert {(t.count, t.year, t.kind, t.bound) for t in d.targets} == {(20000, 2025, "total", "min")}


def test_chinese_numerals_count() -> None:
    got = _rows(_REVIEW + "新增两家国家级技术创新中心，新增省级工程技术研究中心二十个。")
    assert got == {(2, "技术创新中心", 2024, "stat_increment"), (20, "工程技术研究中心", 2024, "stat_increment")}


def test_a_later_horizon_inside_the_plan() -> None:
    # 到2027年 in the plan of a 2025 report dates its count 2027, not the section's year
    got = _rows(_HEAD + _PLAN + "到2027年，全省高新技术企业达到1.5万家。")
    assert got == {(15000, "高新技术企业", 2027, "total")}


def test_from_a_baseline_to_a_total() -> None:
    # 由2020年的50家增加到2024年的80家: the baseline keeps its own year, the total the year it reaches
    d = extract_raw(_REVIEW + "重点实验室由2020年的50家增加到2024年的80家。")
    assert {(t.count, t.type, t.year) for t in d.targets} == {(50, "重点实验室", 2020), (80, "重点实验室", 2024)}
    assert {t.kind for t in d.targets if t.count == 50} == {"baseline_total"}

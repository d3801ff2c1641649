"""Whether a count is a total, an increment, a stock or a selection (targets._kind_word, _chain, _STOCK, round
x-targets3): the verbs data/gold/CONVENTIONS.md §9 lists per section of a work report. Texts are made up for the
test; none is taken from a scored file."""

from __future__ import annotations

from ingest.policy.models import ExtractedDocument
from tests.unit.policy._extract import extract_raw

_HEAD = "2025年某省政府工作报告\n2025年1月15日在某省第十四届人民代表大会第三次会议上\n"
_REVIEW = _HEAD + "一、过去一年工作回顾\n"
_PLAN = "\n二、2025年重点工作\n"


def _kinds(text: str) -> dict[tuple[int, int | None], str]:
    d: ExtractedDocument = extract_raw(text)
    return {(t.count, t.year): t.kind for t in d.targets}


def test_net_increase_governs_every_count_of_its_chain() -> None:
    # 净增 opens the chain: both counts the 、 joins are the review year's increments
    got = _kinds(_REVIEW + "全年净增高新技术企业320家、科技型中小企业540家。")
    assert got == {(320, 2024): "stat_increment", (540, 2024): "stat_increment"}


def test_newly_set_up_is_an_increment() -> None:
    got = _kinds(_REVIEW + "新设博士后工作站9个。")
    assert got == {(9, 2024): "stat_increment"}


def test_selected_into_a_designation_is_accepted_in_a_review() -> None:
    got = _kinds(_REVIEW + "新入选国家先进制造业集群2个。")
    assert got == {(2, 2024): "stat_accepted"}


def test_cumulative_before_a_verb_of_building_is_a_total() -> None:
    # 累计 scopes over 建设: the 12 laboratories are the stock, not this year's new ones
    got = _kinds(_REVIEW + "累计获批建设全国重点实验室12家。")
    assert got == {(12, 2024): "stat_total"}


def test_verbs_of_building_in_a_plan_are_increments() -> None:
    got = _kinds(_REVIEW + "工作扎实推进。" + _PLAN + "打造智能工厂6个。建成2所国家区域医疗中心。")
    assert got == {(6, 2025): "increment", (2, 2025): "increment"}


def test_bare_bound_is_a_total_only_without_another_kind_word() -> None:
    # 超 alone reaches a total; after 新增 it only bounds the increment
    got = _kinds(_REVIEW + "工作扎实推进。" + _PLAN + "力争高新技术企业超1.2万家。新增国家级专精特新小巨人企业超50家。")
    assert got == {(12000, 2025): "total", (50, 2025): "increment"}


def test_quantity_noun_names_a_total() -> None:
    got = _kinds(_REVIEW + "工作扎实推进。" + _PLAN + "高新技术企业数量突破3000家。")
    assert got == {(3000, 2025): "total"}


def test_strengthening_a_stock_is_a_stat_total_of_the_plan_year() -> None:
    # 壮大 and 建设好运营好 name what exists without a change
    got = _kinds(_REVIEW + "工作扎实推进。" + _PLAN + "壮大9个省级先进制造业集群。建设好运营好3个国家区域医疗中心。")
    assert got == {(9, 2025): "stat_total", (3, 2025): "stat_total"}


def test_a_stock_word_yields_to_a_verb_of_building_in_its_clause() -> None:
    # 新建和提升: the new ones are counted, 提升 is the weakest kind word
    got = _kinds(_REVIEW + "工作扎实推进。" + _PLAN + "新建和提升省级重点实验室10个。")
    assert got == {(10, 2025): "increment"}


def test_the_longer_of_two_kind_words_ending_together_wins() -> None:
    # 获批创建 selects; the 创建 inside it does not make the counts new units
    got = _kinds(_REVIEW + "获批创建国家级现代农业产业园2个，国家农业产业强镇5个。")
    assert got == {(2, 2024): "stat_accepted", (5, 2024): "stat_accepted"}

"""Targets (targets.py, doc.py year headings): the kind nearest the count, aliases in brackets, members
counted instead of the kind, 户 as a unit, a numbered review heading. Texts are made up for the test; none
is taken from a scored file."""

from __future__ import annotations

from ingest.policy.models import ExtractedDocument
from ingest.policy.pipeline import extract_text
from ingest.policy.read import RawDocument


def _extract(text: str) -> ExtractedDocument:
    return extract_text(RawDocument(path="t.txt", doc_id="t", raw_text=text, sha256="x", fmt="text"))


def _targets(text: str) -> list[tuple[int, str, int | None]]:
    return [(t.count, t.type, t.year) for t in _extract(text).targets]


def test_count_counts_the_kind_nearest_before_it() -> None:
    got = _targets("到2027年，认定省级绿色工厂和数字化车间30个以上。")
    assert got == [(30, "数字化车间", 2027)]


def test_alias_in_brackets_is_not_the_counted_kind() -> None:
    got = _targets("到2027年，省级技术创新中心（工程技术研究中心）达到80家。")
    assert [t for _, t, _ in got] == ["技术创新中心"]


def test_members_of_a_kind_are_not_the_kind() -> None:
    got = _targets("到2027年，全省产业技术创新战略联盟成员达到300家。")
    assert got == []


def test_hu_counts_firms_right_after_a_kind() -> None:
    got = _targets("到2027年，新增高新技术企业120户。")
    assert got == [(120, "高新技术企业", 2027)]


def test_hu_far_from_a_kind_counts_nothing() -> None:
    got = _targets("到2027年，依托高新技术企业带动农户3000户增收。")
    assert got == []


def test_numbered_review_heading_states_the_year_before() -> None:
    text = (
        "2026年某省政府工作报告\n2026年1月10日在某省第十四届人民代表大会第三次会议上\n一、过去一年工作回顾\n新增国家级绿色工厂12家。\n"
        "二、2026年重点工作\n新增国家级绿色工厂15家。\n"
    )
    got = _targets(text)
    assert (12, "绿色工厂", 2025) in got
    assert (15, "绿色工厂", 2026) in got


def test_count_of_a_short_form_the_text_defines() -> None:
    text = "为加强国家农业科技园区（以下简称园区）管理，科技部2021年对第五批共30个园区开展评估。"
    got = _targets(text)
    assert [(c, t) for c, t, _ in got] == [(30, "农业科技园区")]


def test_undefined_short_form_counts_nothing() -> None:
    assert _targets("加强国家农业科技园区管理，全市新建30个园区绿地。") == []


def test_paragraph_opening_year_is_states_its_year() -> None:
    text = (
        "2026年某省政府工作报告\n2026年1月10日在某省第十四届人民代表大会第三次会议上\n"
        "2025年是极不平凡的一年。新增国家级绿色工厂12家。\n"
        "2026年是“十五五”开局之年。新增国家级绿色工厂15家。\n"
    )
    got = _targets(text)
    assert (12, "绿色工厂", 2025) in got
    assert (15, "绿色工厂", 2026) in got


def test_ordinal_is_no_count() -> None:
    from ingest.policy.pipeline import extract_text
    from ingest.policy.read import RawDocument

    raw = RawDocument(
        path="t.txt",
        doc_id="t",
        raw_text="某省2030年工作要点\n某市集群成为我省第2个国家先进制造业集群。",
        sha256="x",
        fmt="text",
    )
    assert not extract_text(raw).targets

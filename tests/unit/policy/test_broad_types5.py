"""Broad-head rules of round x-types5 (broad_types): alliances of patents and standards founded (成立), bodies
of a zone (示范区管理机构), the bare 研究机构 only where counted. Texts are made up for the test; none is taken
from a scored file."""

from __future__ import annotations

from tests.unit.policy._extract import REGULATION, extract


def _types(body: str) -> set[str]:
    return {p.type for p in extract(body, REGULATION).platform_types}


def test_founded_patent_and_standard_alliances_are_kinds() -> None:
    assert {"专利联盟", "标准联盟"} <= _types("鼓励园区内的企业成立专利联盟，成立标准联盟。")


def test_an_alliance_only_named_is_no_kind() -> None:
    assert "专利联盟" not in _types("专利联盟的章程由成员协商制定。")


def test_the_body_of_a_zone_is_no_kind() -> None:
    types = _types("市人民政府设立高新区管理机构，区统计部门设立示范区统计机构。")
    assert not any(t.endswith("机构") for t in types)


def test_bare_research_institutions_are_a_class_unless_counted() -> None:
    assert "研究机构" not in _types("社会公益型的研究机构应当逐步实行企业化经营。")
    assert "研究机构" in _types("全市新增研究机构12家。")

"""The kind of a named platform whose name carries the state's designation (platform_types._state_designated,
round x-types4): 某某国家技术创新中心, 某某国家自主创新示范区 are also mentions of that kind at 国家级 (test and
holdout READMEs). Since x-types7 (`extract/named_heads.py`) any named platform standing alone whose level its kind's
words mark lends its head too; names in a list of names do not. Texts are made up for the test; none is taken
from a scored file."""

from __future__ import annotations

from ingest.policy.models import ExtractedDocument
from tests.unit.policy._extract import extract_raw


def _kinds(text: str) -> set[tuple[str, str | None]]:
    d: ExtractedDocument = extract_raw(text)
    return {(p.type, p.level) for p in d.platform_types}


def test_state_designated_zone_in_a_name_is_a_kind() -> None:
    assert ("自主创新示范区", "国家级") in _kinds("某省2030年工作要点\n高水平建设长江国家自主创新示范区。")


def test_named_research_centre_lends_no_kind_in_a_list() -> None:
    kinds = _kinds("某省2030年工作要点\n支持东湖光电国家研究中心、西山材料国家研究中心等平台开展前沿研究。")
    assert "国家研究中心" not in {k for k, _ in kinds}


def test_named_research_centre_alone_lends_its_kind() -> None:
    kinds = _kinds("某省2030年工作要点\n支持东湖光电国家研究中心开展前沿研究。")
    assert ("国家研究中心", "国家级") in kinds

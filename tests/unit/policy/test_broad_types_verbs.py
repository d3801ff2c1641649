"""Verbs before a broad head (broad_types, round x-types4): a verb that acts on a zone or a body (编制, 符合,
结合 …) is no word of a kind unless it names what the platform does (孵化, 检测 …); a process verb inside the
modifier (投入, 进行, 使用 …) and a deictic (本市, 我省) start the kind after them. Texts are made up for the
test; none is taken from a scored file."""

from __future__ import annotations

from ingest.policy.models import ExtractedDocument
from tests.unit.policy._extract import extract_raw


def _extract(text: str) -> ExtractedDocument:
    return extract_raw(text)


def _types(text: str) -> set[str]:
    return {p.type for p in _extract(text).platform_types}


def test_verb_acting_on_a_zone_is_no_kind() -> None:
    types = _types("某市条例\n市人民政府编制示范区建设规划，建立符合平台运行特点的考核机制。")
    assert not {"编制示范区", "符合平台"} & types


def test_verb_naming_what_a_platform_does_stays_a_kind() -> None:
    assert "孵化基地" in _types("某市条例\n支持高校建设孵化基地和检测中心。")


def test_process_verb_and_deictic_start_the_kind_after_them() -> None:
    types = _types("某市条例\n鼓励社会力量投入科技创新中心建设，推进本市科技创新中心建设。")
    assert not {t for t in types if t.startswith(("力量", "本市"))}


def test_zone_without_a_science_or_industry_word_is_no_kind() -> None:
    types = _types("某省2030年工作要点\n建设跨境电商综合试验区和共同富裕示范区，创建数字创意产业试验区。")
    assert not {"跨境电商综合试验区", "共同富裕示范区"} & types
    assert "数字创意产业试验区" in types

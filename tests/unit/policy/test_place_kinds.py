"""Designated kinds of place (place_kinds, round x-types5): a designation morpheme on a place head, with a
modifier of industry or technology, counted, levelled or selected. Texts are made up for the test; none is
taken from a scored file."""

from __future__ import annotations

from tests.unit.policy._extract import extract


def _kinds(body: str) -> set[tuple[str, str | None]]:
    return {(p.type, p.level) for p in extract(body).platform_types}


def test_counted_county_and_town_designations_are_kinds() -> None:
    types = {t for t, _ in _kinds("培育制造业强县3个、电子工业特色镇8个。")}
    assert {"制造业强县", "电子工业特色镇"} <= types


def test_a_selected_pilot_city_is_a_national_kind() -> None:
    assert ("数据要素应用试点城市", "国家级") in _kinds("某市入选国家首批数据要素应用试点城市。")


def test_city_pilot_word_order_follows_the_lexicon() -> None:
    types = {t for t, _ in _kinds("某市入选国家中小企业数字化转型城市试点。")}
    assert "中小企业数字化转型试点城市" in types


def test_a_designation_outside_industry_and_technology_is_no_kind() -> None:
    assert not any(t.endswith("城市") for t, _ in _kinds("某市入选首批城市更新示范城市。"))


def test_an_uncounted_unselected_designation_is_no_kind() -> None:
    assert not any(t.endswith("强县") for t, _ in _kinds("研究工业强县的评价办法。"))


def test_a_verb_before_the_head_is_no_modifier() -> None:
    assert not any(t.endswith("强县") for t, _ in _kinds("深化扩权强县改革，推进强县扩权。"))


def test_a_counted_designation_gives_a_target() -> None:
    d = extract("到2030年，培育制造业强县5个。")
    assert any(t.count == 5 and t.type == "制造业强县" for t in d.targets)

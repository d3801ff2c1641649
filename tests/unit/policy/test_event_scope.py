"""Events and forums are no entities (round x-ents12: the test, holdout, dev3a, dev4b, dev5 and dev6 READMEs leave
them out; CONVENTIONS.md "What is not labelled"). Sentences made up from public knowledge."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds


def test_an_event_of_science_or_industry_is_no_entity() -> None:
    got = entity_kinds("办好世界智能制造大会和中关村论坛。")
    assert "世界智能制造大会" not in got
    assert "中关村论坛" not in got


def test_an_event_of_trade_or_culture_is_none() -> None:
    got = entity_kinds("办好世界晋商大会、敦煌文化论坛和进博会配套活动。")
    assert "世界晋商大会" not in got
    assert "敦煌文化论坛" not in got


def test_a_zone_named_in_an_event_is_still_a_zone() -> None:
    got = entity_kinds("依托中关村举办科技创新论坛。")
    assert got.get("中关村") == "zone"

"""Events are programmes only when they belong to the S&T system (`programmes._events`; the test and holdout READMEs
leave trade, culture and tourism events out). Sentences made up from public knowledge."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds


def test_an_event_of_science_or_industry_is_a_programme() -> None:
    got = entity_kinds("办好世界智能制造大会和中关村论坛。")
    assert got.get("世界智能制造大会") == "programme"
    assert got.get("中关村论坛") == "programme"


def test_an_event_of_trade_or_culture_is_none() -> None:
    got = entity_kinds("办好世界晋商大会、敦煌文化论坛和进博会配套活动。")
    assert "世界晋商大会" not in got
    assert "敦煌文化论坛" not in got

"""Zones that are no zones (`entities._NATIONAL_STRATEGY`, `entities.ZONE_PIECE`): the areas of the state's major
regional strategies span provinces and no gold labels them; 创新|区 holds no 新区. Sentences made up."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds


def test_a_national_strategy_area_is_no_zone() -> None:
    got = entity_kinds("主动融入长江经济带发展，共建沿江绿色产业走廊。")
    assert "长江经济带" not in got


def test_an_in_province_economic_belt_stays_a_zone() -> None:
    got = entity_kinds("推动闽江流域生态经济带建设。")
    assert got.get("闽江流域生态经济带") == "zone"


def test_an_innovation_zone_holds_no_new_area() -> None:
    # 发展|创新区: the two characters before 新区 end in 创, so 展创新区 is no zone
    got = entity_kinds("高质量建设数字经济发展创新区，推动滨江新区建设。")
    assert "展创新区" not in got

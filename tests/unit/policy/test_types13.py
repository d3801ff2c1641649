"""Round x-types13: a bare zone word the text reforms or pilots is a kind (`platform_types._zone_system`).
Sentences written for these tests in the style of a work report or a regulation."""

from __future__ import annotations

from _extract import extract


def _types(body: str) -> set[str]:
    return {p.type for p in extract(body).platform_types}


def test_a_zone_word_before_its_reform_is_a_kind() -> None:
    assert "开发区" in _types("稳步推进开发区管理体制改革，提升服务效能。")


def test_a_zone_word_joined_by_its_pilot_is_a_kind() -> None:
    assert "开发区" in _types("组织科技专员走进开发区试点。")


def test_a_zone_word_as_the_place_a_rule_applies_stays_refused() -> None:
    # where a rule applies (进入开发区的企业): no kind, as before the round
    assert "开发区" not in _types("进入开发区的企业依法享受税收优惠。")


def test_a_zone_word_before_another_object_stays_refused() -> None:
    assert "开发区" not in _types("组织开展开发区用地情况清查。")

"""Bonded zones named by any place (`bonded_zones`, round x-ents7). Sentences made up from public knowledge, none
taken from a scored text."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds


def test_a_bonded_zone_is_named_by_the_place_before_it_even_one_no_gazetteer_knows() -> None:
    got = entity_kinds("加快白云机场综保区二期建设，南沙综合保税区封关运行，优化前海综保区管理。")
    assert got.get("白云机场综保区二期") == "zone"
    assert got.get("南沙综合保税区") == "zone"
    assert got.get("前海综保区") == "zone"


def test_a_piece_of_an_unknown_name_is_no_opening_verb() -> None:
    assert entity_kinds("推动横琴综保区建设。").get("横琴综保区") == "zone"


def test_a_bonded_zone_with_no_place_of_its_own_is_the_kind() -> None:
    got = entity_kinds("深化综保区体制机制改革，支持综保区内企业开展保税维修，提升开发区、高新区、综保区等开放平台。")
    assert not any("综保区" in n for n in got)

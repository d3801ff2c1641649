"""Names listed and counted before a head (`entities._counted_before`, `_counted_zones`, round x-ents6).
Sentences made up from public knowledge, none taken from a scored text."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds


def test_two_names_joined_by_he_and_counted_before_a_lab_are_platforms() -> None:
    got = entity_kinds("泰山和黄河两个实验室启动运行。")
    assert got.get("泰山") == "platform"
    assert got.get("黄河") == "platform"


def test_places_counted_before_a_zone_head_are_zones() -> None:
    got = entity_kinds("芜湖、蚌埠、滁州3个国家级经开区排名上升。")
    assert {got.get("芜湖"), got.get("蚌埠"), got.get("滁州")} == {"zone"}


def test_a_count_of_zones_without_a_place_list_names_nothing() -> None:
    got = entity_kinds("新增3个国家级经开区，建设两个实验室。")
    assert not got


def test_a_topic_with_latin_letters_and_digits_opens_a_quoted_programme() -> None:
    got = entity_kinds("启动5G融合应用“领航”行动，推进科技创新。")
    assert got.get("5G融合应用“领航”行动") == "programme"


def test_a_bracketed_place_is_inside_an_arriving_platform_s_name() -> None:
    got = entity_kinds("首个在省外设立的甘肃(上海)科技创新中心建成投运。")
    assert got.get("甘肃(上海)科技创新中心") in {"platform", "zone"}

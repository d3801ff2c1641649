"""Zones named by a place and parks that are only a kind (`proper_names.named_zones`, `zone_names`, round x-ents6).
Sentences made up from public knowledge, none taken from a scored text."""

from __future__ import annotations

from ingest.policy.extract.lexical import NON_ST_FIELD
from tests.unit.policy._extract import entity_kinds


def test_an_abbreviated_development_zone_after_a_place_is_a_zone() -> None:
    got = entity_kinds("支持芜湖经开区、马鞍山经开区创建国家级开发区。加快杨凌国家农高区发展。")
    assert got.get("芜湖经开区") == "zone"
    assert got.get("马鞍山经开区") == "zone"
    assert got.get("杨凌国家农高区") == "zone"


def test_a_national_park_is_no_zone_of_the_s_and_t_system() -> None:
    got = entity_kinds("推进大熊猫国家公园建设，创建秦岭国家公园。")
    assert not any(name.endswith("国家公园") for name in got)


def test_a_park_named_by_its_field_is_one_park_where_a_clause_builds_it() -> None:
    got = entity_kinds("加快机器人产业园建设。")
    assert got.get("机器人产业园") == "zone"


def test_a_park_named_by_its_field_is_a_kind_when_graded_fostered_or_run_on() -> None:
    got = entity_kinds(
        "培育跨境电商产业园和直播基地。布局氢能产业园区。高质量建设新型显示产业园。创建省级现代农业产业园。"
    )
    assert not {"跨境电商产业园", "氢能产业园", "新型显示产业园", "省级现代农业产业园"} & set(got)


def test_a_numeral_character_inside_a_word_jieba_cuts_does_not_end_a_zone_s_name() -> None:
    got = entity_kinds("建设鄂尔多斯零碳产业园，加快建设。建设3个零碳产业园。")
    assert got.get("鄂尔多斯零碳产业园") == "zone"
    assert "零碳产业园" not in got


def test_a_zone_of_a_field_outside_the_s_and_t_system_is_none_wherever_the_field_stands() -> None:
    # tourism, culture, education and safety zones (and education platforms) are not labelled, even with words
    # between field and head;
    # a place's zone of industry and innovation still is
    got = entity_kinds(
        "创建武夷山生态旅游目的地示范区，建设徽州文化国家级生态保护实验区和滨江国际教育创新试验区，"
        "推进长白山林区防灭火示范区建设。支持珲春海洋经济发展示范区建设。建成江城教育大数据中心。"
    )
    assert not any(k in name for name in got for k in ("旅游", "文化", "教育", "防灭火"))
    assert got.get("珲春海洋经济发展示范区") == "zone"


def test_education_science_and_talent_together_name_the_s_and_t_system() -> None:
    assert not NON_ST_FIELD.search("教育科技人才一体改革试验区")
    assert NON_ST_FIELD.search("国际教育创新试验区")

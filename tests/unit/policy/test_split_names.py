"""Names jieba's dictionary splits at a one-character place word (张|江), and names a conjunction joins.
Sentences made up from public knowledge."""

from __future__ import annotations

from ingest.policy.extract.names import loose_measure
from tests.unit.policy._extract import entity_kinds


def test_a_measure_word_with_no_numeral_before_it_is_a_name_character() -> None:
    assert loose_measure("张", "持", "江")  # 支持|张|江
    assert not loose_measure("张", "一", "图")  # 一张图: counted
    assert not loose_measure("张", "这", "表")
    assert not loose_measure("个", "持", "江")  # 个 is a stop whatever precedes it


def test_a_zone_and_a_platform_named_by_a_split_place_keep_the_whole_place() -> None:
    got = entity_kinds("支持张江科学城集聚一批研发机构。争取张江综合性国家科学中心布局大科学装置。")
    assert got.get("张江科学城") == "zone"
    assert got.get("张江综合性国家科学中心") == "platform"
    assert not any(n.startswith("江") for n in got)


def test_a_counted_measure_word_starts_no_name() -> None:
    got = entity_kinds("建成一张覆盖全省的科技资源共享网，发布三张清单。")
    assert not any(n.startswith("张") for n in got)


def test_a_zone_joined_by_a_conjunction_is_not_part_of_the_next_name() -> None:
    got = entity_kinds("推动张江国家自主创新示范区与自由贸易试验区联动发展。")
    assert got.get("张江国家自主创新示范区") == "zone"
    assert not any("与" in n for n in got)


def test_a_governing_verb_tagged_as_an_abbreviation_opens_no_name() -> None:
    got = entity_kinds("深化张江高新区、临港新片区建设。")
    assert not any(n.startswith("深化") for n in got)


def test_a_place_jieba_cuts_into_characters_starts_a_zone_name() -> None:
    # 呼包鄂, 长吉图: abbreviations of two or three cities, unknown to jieba's dictionary
    got = entity_kinds("支持呼包鄂国家自主创新示范区建设。实施好长吉图开发开放先导区战略。")
    assert got.get("呼包鄂国家自主创新示范区") == "zone"
    assert got.get("长吉图开发开放先导区") == "zone"


def test_an_adverb_before_a_kind_of_zone_starts_no_name() -> None:
    # 普 (ad) | 惠 (nr): a descriptive kind of zone, no place in it
    got = entity_kinds("三地入选中央财政支持普惠金融发展示范区。")
    assert "普惠金融发展示范区" not in got


def test_an_industrial_park_named_by_its_place_is_a_zone() -> None:
    got = entity_kinds("支持昆山工业园区开展开放创新综合试验。建设一批高水平工业园区和绿色工业园区。")
    assert got.get("昆山工业园区") == "zone"
    assert "高水平工业园区" not in got and "绿色工业园区" not in got


def test_a_state_centre_whose_subject_holds_a_verb_like_word_is_named() -> None:
    # (a 中医药 centre is health service since x-named2, CONVENTIONS.md "What is not labelled": an instrument one here)
    got = entity_kinds("加强与国家工业信息安全发展研究中心合作。推动军民协同试点、国家精密仪器传承创新中心建设。")
    assert got.get("国家工业信息安全发展研究中心") == "platform"
    assert got.get("国家精密仪器传承创新中心") == "platform"
    assert "试点" not in got and "军民协同试点" not in got  # no conjunct shares a state centre's head


def test_a_verb_of_support_after_guojia_opens_no_name() -> None:
    got = entity_kinds("推动国家支持发展研究中心。")
    assert not got

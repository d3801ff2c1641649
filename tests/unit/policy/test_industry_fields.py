"""Known industry fields by their use (industries.py): a measure of production or an industry noun after
the field (not a “X+” campaign). Texts are made up for the test; none is taken from a scored file."""

from __future__ import annotations

from ingest.policy.models import ExtractedDocument
from ingest.policy.pipeline import extract_text
from ingest.policy.read import RawDocument


def _extract(text: str) -> ExtractedDocument:
    return extract_text(RawDocument(path="t.txt", doc_id="t", raw_text=text, sha256="x", fmt="text"))


def _industries(text: str) -> set[str]:
    return {i.text for i in _extract(text).industries}


def test_known_field_before_a_production_measure() -> None:
    assert "集成电路" in _industries("去年全市集成电路产量增长两成，出口稳步回升。")


def test_known_field_leading_a_plus_campaign_is_no_industry() -> None:
    # “X+” names a campaign (a programme); the field inside the slogan is not an industry mention
    assert "人工智能" not in _industries("深入实施“人工智能+”行动，推动医疗、教育场景落地。")


def test_known_field_as_a_resource_is_no_industry() -> None:
    got = _industries("依托大数据支撑决策，提供大数据共享服务。")
    assert "大数据" not in got


def test_list_of_means_is_no_list_of_industries() -> None:
    got = _industries("可以通过财政投入、引导社会资本参与等方式做大产业基金规模。")
    assert not {"财政投入", "引导社会资本参与"} & got


def test_list_of_projects_is_no_list_of_industries() -> None:
    got = _industries("推进某某化工二期、某某电池基地等重大产业项目建设。")
    assert not got


def test_list_starts_after_the_verb_that_governs_it() -> None:
    got = _industries("鼓励企业、科研机构开展海水养殖、海洋装备、海洋生物医药等海洋领域研究。")
    assert {"海水养殖", "海洋装备", "海洋生物医药"} <= got
    assert not {"企业", "科研机构开展海水养殖"} & got


def test_verb_with_its_object_is_a_task() -> None:
    got = _industries("把更多资金用于稳就业、促消费、惠民生等关键领域。")
    assert not {"促消费", "稳就业"} & got


def test_a_sector_named_by_verb_and_noun_stays() -> None:
    got = _industries("聚焦道路交通、建设施工、危化品等重点行业开展安全检查。")
    assert "建设施工" in got


def test_field_after_a_growing_verb_starts_after_it() -> None:
    got = _industries("三是大力发展生产性服务业，推动两业融合。")
    assert "生产性服务业" in got
    assert "大力发展生产性服务业" not in got


def test_one_character_field_after_a_growing_verb() -> None:
    assert "茶产业" in _industries("持续发展壮大茶产业，带动农户增收。")


def test_verb_governing_the_economy_names_no_economy() -> None:
    got = _industries("激发经济活力，推动经济发展。")
    assert "激发经济" not in got
    assert "避暑经济" in _industries("发展康养旅游、避暑经济。")


def test_quoted_campaign_field_drops_its_plus() -> None:
    got = _industries("启动建设“储能+”产业园，壮大新能源装备。")
    assert "储能" in got
    assert "储能+" not in got


def test_organisations_in_a_list_are_no_sectors() -> None:
    got = _industries("支持行业协会、科技类学会、高等院校等参与人工智能、生物医药等领域标准制定。")
    assert not {"行业协会", "科技类学会"} & got


def test_list_of_activities_of_industry_is_no_list_of_industries() -> None:
    got = _industries("开展跨区域合作、招才引智等产业活动。")
    assert not got


def test_an_industry_as_subject_lists_its_fields() -> None:
    got = _industries("装备产业推动高端装备、工业母机、智能农机等提质发展。")
    assert {"高端装备", "工业母机", "智能农机"} <= got


def test_one_known_item_without_an_industry_subject_is_not_enough() -> None:
    got = _industries("企业推动生物医药、冷链物流、城市配送等协同发展。")
    assert "冷链物流" not in got


# Round x-inds4: a dictionary head alone (制造业) does not block the field of nouns before it; a class name of
# GB/T 4754 keeps its 和.


def test_noun_field_before_a_dictionary_head() -> None:
    got = _industries("今年，电子元件制造业增加值增长12%。")
    assert "电子元件制造业" in got and "制造业" not in got


def test_verb_phrase_before_a_dictionary_head_is_no_field() -> None:
    got = _industries("借助全球制造业博览会发布成果，按期完成制造业技改任务。")
    assert not {"借助全球制造业", "按期完成制造业"} & got


def test_class_name_with_and_is_one_sector() -> None:
    got = _industries("全省软件和信息技术服务业收入突破800亿元。")
    assert "软件和信息技术服务业" in got and "信息技术服务业" not in got

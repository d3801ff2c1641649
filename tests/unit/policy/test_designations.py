"""Ministry designations of clusters and parks (types.tsv, flag `entity`; industries._not_designations): a kind
where counted, levelled, built or listed with a kind, and then no industry. Texts are made up for the test;
none is taken from a scored file."""

from __future__ import annotations

from ingest.policy.models import ExtractedDocument
from ingest.policy.pipeline import extract_text
from ingest.policy.read import RawDocument


def _extract(text: str) -> ExtractedDocument:
    return extract_text(RawDocument(path="t.txt", doc_id="t", raw_text=text, sha256="x", fmt="text"))


def test_counted_cluster_designation_is_a_kind_and_a_target() -> None:
    d = _extract("某省2030年工作要点\n到2030年，新增国家级先进制造业集群3个、现代农业产业园5个。")
    kinds = {(p.type, p.level) for p in d.platform_types}
    assert ("先进制造业集群", "国家级") in kinds
    assert {(t.count, t.type) for t in d.targets} >= {(3, "先进制造业集群"), (5, "现代农业产业园")}
    assert "先进制造业集群" not in {i.text for i in d.industries}


def test_field_named_cluster_stays_an_industry() -> None:
    d = _extract("某市条例\n新增国家级先进制造业集群2个，壮大光伏装备产业集群。")
    assert "光伏装备产业集群" in {i.text for i in d.industries}


def test_designation_only_naming_whom_a_rule_applies_to_is_no_kind() -> None:
    d = _extract("某市条例\n对入驻零碳园区的企业，按照有关规定给予支持。")
    assert "零碳园区" not in {p.type for p in d.platform_types}


def test_free_trade_zone_is_national_whatever_region_names_it() -> None:
    d = _extract("某省2030年工作要点\n深化某省自贸试验区改革，探索建设自由贸易港。")
    kinds = {(p.type, p.level) for p in d.platform_types}
    assert ("自由贸易试验区", "国家级") in kinds
    assert ("自由贸易港", "国家级") in kinds


def test_count_of_firms_a_zone_registers_is_no_target() -> None:
    d = _extract("某省2030年工作要点\n某省自贸试验区新设企业3000家。")
    assert not d.targets


def test_traditional_industries_as_a_group_are_an_industry() -> None:
    got = {i.text for i in _extract("某省2030年工作要点\n改造提升传统产业，积极培育未来产业。").industries}
    assert "传统产业" in got


def test_upgrading_traditional_industries_is_a_task() -> None:
    got = {i.text for i in _extract("某省2030年工作要点\n加快传统产业转型升级，壮大实体经济。").industries}
    assert "传统产业" not in got


def test_regional_medical_centre_is_a_designation() -> None:
    d = _extract("某省2030年工作要点\n新增国家区域医疗中心3个，推进省级区域医疗中心建设。")
    assert ("区域医疗中心", "国家级") in {(p.type, p.level) for p in d.platform_types}
    assert (3, "区域医疗中心") in {(t.count, t.type) for t in d.targets}


def test_count_after_another_body_noun_is_not_the_kinds() -> None:
    d = _extract("某省2030年工作要点\n新增国家区域医疗中心3个，建成县域医共体40个。")
    assert 40 not in {t.count for t in d.targets}


def test_short_alliance_kind_and_long_named_alliance() -> None:
    d = _extract("某省2030年工作要点\n组建知识产权联盟10个，成立临床医学协同创新联盟。")
    kinds = {p.type for p in d.platform_types}
    assert "知识产权联盟" in kinds
    assert "临床医学协同创新联盟" not in kinds


def test_student_start_up_park_in_a_list_of_kinds() -> None:
    d = _extract("某市条例\n推进科技企业孵化器、大学科技园、大学生创业园等载体建设。")
    assert "大学生创业园" in {p.type for p in d.platform_types}


def test_enterprise_designation_a_rule_names_is_a_kind() -> None:
    d = _extract("某市条例\n第十条 对经认定的高新技术企业按照规定给予奖励。")
    assert "高新技术企业" in {p.type for p in d.platform_types}


def test_enterprise_designation_as_an_actor_is_no_kind() -> None:
    d = _extract("某市条例\n第十条 依托高校、科研院所、高新技术企业开展研究。鼓励高新技术企业建立研究院。")
    assert "高新技术企业" not in {p.type for p in d.platform_types}


def test_service_class_of_bodies_is_no_kind() -> None:
    d = _extract("某市条例\n第九条 支持设立知识产权服务机构，建设科技成果转化服务机构。")
    kinds = {p.type for p in d.platform_types}
    assert "知识产权服务机构" not in kinds
    assert "科技成果转化服务机构" in kinds


def test_rnd_centre_is_a_kind_rnd_platform_a_class() -> None:
    d = _extract("某市条例\n第八条 鼓励境外企业在本市设立研发中心。支持建设研发平台。")
    kinds = {p.type for p in d.platform_types}
    assert "研发中心" in kinds
    assert "研发平台" not in kinds


def test_big_science_facility_aliases() -> None:
    d = _extract("某省2030年工作要点\n推进大科学装置建设，组建产学研战略联盟。")
    kinds = {p.type for p in d.platform_types}
    assert {"重大科技基础设施", "产业技术创新战略联盟"} <= kinds


def test_firms_of_a_field_own_a_kind_they_do_not_name_it() -> None:
    d = _extract("某市条例\n支持建设集成电路企业开放创新中心。")
    kinds = {p.type for p in d.platform_types}
    assert "开放创新中心" in kinds
    assert "集成电路企业开放创新中心" not in kinds


def test_industry_alliance_is_a_kind_freight_alliance_not() -> None:
    d = _extract("某市条例\n第七条 鼓励企业与科研院所组建产业联盟，探索组建货运联盟。")
    kinds = {p.type for p in d.platform_types}
    assert "产业联盟" in kinds
    assert "货运联盟" not in kinds

"""Designations the real golds count (types.tsv, round x-types4): factory and zone designations (5G工厂, 零碳工厂,
开发区, 经开区), 农业(产业化)龙头企业 as 农业产业化重点龙头企业, 国家医学中心 whole, 基础科学中心 with the level its
省 prefix gives. Texts are made up for the test; none is taken from a scored file."""

from __future__ import annotations

from ingest.policy.models import ExtractedDocument
from tests.unit.policy._extract import extract_raw


def _extract(text: str) -> ExtractedDocument:
    return extract_raw(text)


def test_counted_factory_and_zone_designations_are_kinds_and_targets() -> None:
    d = _extract("某省2030年工作要点\n到2030年，新增省级5G工厂20家、零碳工厂5家，培育国家级经开区3个、省级开发区10个。")
    kinds = {(p.type, p.level) for p in d.platform_types}
    assert {("5G工厂", "省级"), ("经济技术开发区", "国家级"), ("开发区", "省级")} <= kinds
    assert {(t.count, t.type) for t in d.targets} >= {(20, "5G工厂"), (5, "零碳工厂"), (10, "开发区")}


def test_zone_designation_only_as_a_place_is_no_kind() -> None:
    d = _extract("某市条例\n入驻开发区的企业应当遵守本条例。")
    assert "开发区" not in {p.type for p in d.platform_types}


def test_agricultural_leading_firms_are_one_designation() -> None:
    d = _extract("某省2030年工作要点\n新增国家级农业产业化龙头企业12家、省级农业龙头企业30家。")
    assert {(t.count, t.type) for t in d.targets} >= {(12, "农业产业化重点龙头企业"), (30, "农业产业化重点龙头企业")}


def test_national_medical_centre_is_named_whole_and_province_prefix_gives_a_level() -> None:
    d = _extract("某省2030年工作要点\n争创国家医学中心，布局建设3个省基础科学中心。")
    kinds = {(p.type, p.level) for p in d.platform_types}
    assert ("国家医学中心", "国家级") in kinds
    assert ("基础科学中心", "省级") in kinds
    assert "医学中心" not in {p.type for p in d.platform_types}


def test_bare_rnd_bodies_are_a_kind_only_where_counted() -> None:
    d = _extract("某省2030年工作要点\n到2030年，新增研发机构120家。")
    assert (120, "研发机构") in {(t.count, t.type) for t in d.targets}
    d = _extract("某市条例\n鼓励企业设立研发机构，支持国家级和省级研发机构开展合作。")
    assert "研发机构" not in {p.type for p in d.platform_types}


def test_short_forms_map_onto_their_types() -> None:
    d = _extract("某市条例\n支持建设新型科研机构、工程技术中心和产业技术联盟，培育科技中介机构。")
    types = {p.type for p in d.platform_types}
    assert {"新型研发机构", "工程技术研究中心", "产业技术创新战略联盟", "科技中介服务机构"} <= types


def test_firms_an_incubator_grows_are_no_designation() -> None:
    d = _extract("某市条例\n孵化器应当孵化和育成科技型企业。")
    assert "科技型企业" not in {p.type for p in d.platform_types}

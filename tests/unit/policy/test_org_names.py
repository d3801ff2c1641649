"""Organisations named by a place before a plain suffix (`ingest/policy/extract/org_names.py`)."""

from __future__ import annotations

from ingest.policy.models import ExtractedDocument
from tests.unit.policy._extract import extract_raw


def _extract(body: str) -> ExtractedDocument:
    text = "某省关于推进科技创新的工作报告\n" + body
    return extract_raw(text)


def _companies(body: str) -> dict[str, str]:
    return {e.name: e.kind for e in _extract(body).entities if e.rule.startswith(("entity.region_", "entity.group_"))}


def test_a_region_led_company_is_that_regions_company() -> None:
    got = _companies("责任单位：省通信管理局，江苏电信公司、省铁塔分公司。")
    assert got.get("江苏电信公司") == "company"
    assert got.get("省铁塔分公司") == "company"


def test_a_class_of_company_is_no_name() -> None:
    got = _companies("支持上市公司并购重组，推动融资平台公司转型，鼓励跨国公司设立研发中心，组建省级中试研发公司。")
    assert got == {}


def test_a_group_company_and_its_numbered_institute() -> None:
    got = _companies("依托单位：中国航天科工集团公司第二研究院。合作方：中国核工业集团公司。")
    assert got.get("中国航天科工集团公司第二研究院") == "institution"
    assert got.get("中国核工业集团公司") == "company"


def test_short_names_listed_before_firms_are_companies() -> None:
    ents = {
        e.name: e.kind for e in _extract("持续抓好鞍钢、本钢等重点企业改革。支持比亚迪、宁德时代等龙头企业。").entities
    }
    assert {ents.get(n) for n in ("鞍钢", "本钢", "比亚迪", "宁德时代")} == {"company"}


def test_fields_listed_before_firms_are_no_companies() -> None:
    ents = {e.name for e in _extract("深挖制造业、跨境电商等企业潜力，推动家电、家具等企业升级。").entities}
    assert not ({"制造业", "跨境电商"} & ents)


def test_innovation_vouchers_are_programmes() -> None:
    ents = {
        e.name: e.kind for e in _extract("市科技部门通过科技创新券等方式予以支持，推动京津冀科技创新券互认。").entities
    }
    assert ents.get("科技创新券") == "programme"
    assert ents.get("京津冀科技创新券") == "programme"


def test_a_short_name_before_gongsi_reporting_a_feat_is_a_firm() -> None:
    ents = {e.name: e.kind for e in _extract("产值增长5%。大疆公司成为行业领军企业。该公司获批上市。").entities}
    assert ents.get("大疆") == "company"
    assert "该" not in ents


def test_hospitals_named_by_a_place_museums_not() -> None:
    ents = {e.name: e.kind for e in _extract("推动北京协和医院与省人民医院合作，建成苏州丝绸博物馆。").entities}
    assert ents.get("北京协和医院") == "hospital"
    assert ents.get("省人民医院") == "hospital"
    assert "苏州丝绸博物馆" not in ents  # culture: the test and holdout READMEs leave museums out (x-ents6)


def test_a_class_of_hospitals_is_no_name() -> None:
    ents = {e.name for e in _extract("深化公立医院改革，新增三级医院3家，支持市属医院和县级中医医院发展。").entities}
    assert not any(n.endswith("医院") for n in ents)


def test_a_group_that_succeeds_is_a_company_grouping_is_not() -> None:
    ents = {e.name: e.kind for e in _extract("华星集团成功完成重组，推进义务教育集团化办学，深化集团化改革。").entities}
    assert ents.get("华星集团") == "company"
    assert not any(n.endswith("教育集团") or n == "深化集团" for n in ents)


def test_a_regions_bank_is_a_company_the_banking_sector_is_not() -> None:
    ents = {
        e.name: e.kind for e in _extract("组建江西农商联合银行，引导银行业金融机构支持，鼓励银行等机构参与。").entities
    }
    assert ents.get("江西农商联合银行") == "company"
    assert not any(n.endswith(("银行业", "银行")) and n != "江西农商联合银行" for n in ents)


def test_a_short_firm_before_gongsi_whose_verb_follows_a_short_object() -> None:
    ents = {e.name: e.kind for e in _extract("产值增长。星河公司科创板上市，该公司深交所上市。").entities}
    assert ents.get("星河") == "company"
    assert "该" not in ents

"""Agencies (`ingest/policy/extract/agencies.py`, `agency_grammar.py`, `agencies.tsv`): the state's organs under
their short forms, and classes of organs that are no one agency. Examples are made up."""

from __future__ import annotations

from ingest.policy.extract.agency_grammar import grammar_agencies
from tests.unit.policy._extract import REGULATION, extract


def _agencies(body: str, title: str | None = None) -> set[str]:
    doc = extract(body) if title is None else extract(body, title)
    return {a.name for a in doc.agencies}


def _grammar(text: str) -> set[str]:
    return {text[s:e] for s, e in grammar_agencies(text)}


def test_state_organs_after_a_verb_under_their_short_forms() -> None:
    names = _agencies("某新药获国家药监局批准上市，经验得到生态环境部和国家民委肯定，被国家金融监管总局推广。")
    assert {"国家药监局", "生态环境部", "国家民委", "国家金融监管总局"} <= names
    assert "国务院国资委" in _agencies("5家企业入选国务院国资委“双百企业”。")


def test_a_word_running_on_after_a_ministry_is_no_ministry() -> None:
    names = _agencies("做好教育部署，推进跨境电子商务部分试点，全国人大代表来视察。")
    assert not names & {"教育部", "商务部", "全国人大"}
    assert not _agencies("水利部门和商务部门应当配合。") & {"水利部", "商务部"}


def test_a_class_of_governments_is_no_agency() -> None:
    names = _grammar("第三条 县级以上人民政府应当支持。全省各级政府要担当作为。在全省范围实施政府购买服务。")
    assert not names, names
    assert "省人民政府" in _grammar("第四条 省人民政府负责。")
    assert "北京市海淀区人民政府" in _grammar("第五条 北京市海淀区人民政府负责。")


def test_market_is_no_city_prefix() -> None:
    assert not _grammar("第六条 市场监督管理部门应当依法监管。")
    assert "市市场监督管理局" in _grammar("第六条 市市场监督管理局应当依法监管。")


def test_unanchored_administrative_organs_are_not_agencies() -> None:
    names = _agencies("第七条 行政机关应当依法公开信息。", REGULATION)
    assert "行政机关" not in names


def test_districts_counties_and_townships_of_a_city() -> None:
    names = _grammar("第八条 市和区、县人民政府应当支持。省辖市、县（市、区）、乡（镇）人民政府应当配合。")
    assert {"区、县人民政府", "乡（镇）人民政府"} <= names


def test_a_city_a_regulation_means_not_a_bare_government() -> None:
    names = _agencies("第九条 示范区所在地省辖市人民政府应当建立工作机制。", REGULATION)
    assert "省辖市人民政府" in names
    assert "人民政府" not in names


def test_a_congress_whose_name_a_line_wrap_cut() -> None:
    assert "青海省第十四届 人民代表大会" in _grammar("——2025年1月19日在青海省第十四届 人民代表大会第三次会议上")

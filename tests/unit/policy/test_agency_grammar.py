"""The agency grammar's short forms after a word (`ingest/policy/extract/agency_grammar.py`)."""

from __future__ import annotations

from ingest.policy.extract.agency_grammar import grammar_agencies
from tests.unit.policy._extract import extract_raw


def _names(text: str) -> set[str]:
    return {text[s:e] for s, e in grammar_agencies(text)}


def test_a_short_government_after_a_modifier_is_that_government() -> None:
    assert "市人民政府" in _names("（责任单位：省发展改革委，相关市人民政府）")
    assert "市人民政府" in _names("可以优先享受市人民政府的支持政策。")


def test_no_government_inside_a_word_or_a_class_of_addressees() -> None:
    assert "市人民政府" not in _names("各地级以上市人民政府，省政府各部门：")
    assert not any(n.startswith("市") for n in _names("推进城市人民政府职能转变。"))


def test_counties_and_districts_of_a_city_in_brackets() -> None:
    names = _names("第六条 市和县（市）区人民政府应当加强领导。市和区、县（市）人民政府应当支持。")
    assert {"县（市）区人民政府", "区、县（市）人民政府"} <= names


def test_a_zones_committee_and_the_bare_committee_a_regulation_defines() -> None:
    body = (
        "某市科技园区条例\n第三条 苏州工业园区管理委员会（以下简称管委会）负责园区的建设。"
        "市人民政府和管委会应当支持园区企业。推广“管委会+公司”模式。\n"
    )
    doc = extract_raw(body)
    names = [a.name for a in doc.agencies]
    assert "管委会" in names
    assert any(n.endswith("工业园区管理委员会") for n in names)
    assert sum(n == "管委会" for n in names) == 1  # not “管委会+公司”


def test_a_new_districts_and_the_states_agencies() -> None:
    names = _names("市和滨海新区有关部门应当支持。滨海新区人民政府、天津海关、国家药品监管局应当配合。")
    assert {"滨海新区人民政府", "天津海关", "国家药品监管局"} <= names
    assert not any(n.startswith("市和") for n in names)


def test_a_class_of_state_organs_is_no_agency() -> None:
    names = _names("争取国家部委支持，国家机关和国家各部门应当依法履职。")
    assert not any(n.startswith("国家") for n in names)


def test_town_governments_and_street_offices() -> None:
    assert {"镇人民政府", "街道办事处"} <= _names("浦东新区相关镇人民政府、街道办事处应当配合。")


def test_a_short_government_after_a_verb() -> None:
    assert "自治区政府" in _names("制定自治区政府规章2件。")
    assert "省政府" in _names("立改废省政府规章12件。")


def test_unanchored_functional_references_are_not_agencies() -> None:
    body = "某省科技创新条例\n财政部门、海关和有关部门应当支持。市科技主管部门会同市财政部门负责，省直有关部门配合。"
    doc = extract_raw(body)
    names = {a.name for a in doc.agencies}
    assert {"市科技主管部门", "市财政部门"} <= names  # the government is named
    assert not names & {"财政部门", "海关", "省直有关部门", "有关部门"}


def test_central_party_organs_are_unique_names() -> None:
    names = _names("贯彻落实中央纪委全会精神，中央政治局常委会会议研究部署。")
    assert {"中央纪委", "中央政治局常委会"} <= names
    assert "中央政治局" not in names  # the longer organ, not its part

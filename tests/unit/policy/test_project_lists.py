"""Firms named in lists of industrial projects (`project_firms`, round x-ents6). Sentences made up from public
knowledge, none taken from a scored text."""

from __future__ import annotations

from ingest.policy.extract.project_firms import project_firm
from tests.unit.policy._extract import entity_kinds


def test_bare_firm_names_before_an_industrial_kind_of_project_are_companies() -> None:
    got = entity_kinds("加快建设华为、字节跳动、中国联通等12个数据中心和智算项目。")
    assert got.get("华为") == "company"
    assert got.get("字节跳动") == "company"
    assert got.get("中国联通") == "company"


def test_a_count_and_an_investment_size_may_stand_between_deng_and_the_kind() -> None:
    got = entity_kinds("推进中国中车、三一重工等总投资300亿元以上的装备制造项目。")
    assert got.get("中国中车") == "company"
    assert got.get("三一重工") == "company"


def test_bare_items_before_works_or_a_leisure_kind_are_no_firms() -> None:
    got = entity_kinds("实施梯田、淤地坝、小流域等项目。推进动漫、演艺、电竞等重大文化产业项目。")
    assert not {"梯田", "淤地坝", "动漫", "演艺", "电竞"} & set(got)


def test_a_phase_in_brackets_follows_a_firm_s_name() -> None:
    a, b = project_firm("隆基绿能（二期）")
    assert "隆基绿能（二期）"[a:b] == "隆基绿能"
    assert project_firm("宁波（二期）") == (0, 0)  # a place's project, not a firm's


def test_a_company_s_form_word_ends_its_name_in_a_project_item() -> None:
    got = entity_kinds("加快项目建设，华能股份如东一期、国电投二期等项目开工。")
    assert got.get("华能股份") == "company"


def test_opening_verbs_after_a_boundary_are_no_trade_name() -> None:
    got = entity_kinds("开展治理行动，接续推进重点城镇污水处理厂提标改造、乡镇管网等项目。")
    assert not any(name.startswith(("接续", "推进")) for name in got)

"""Trade names before what a plant makes (`project_firms.material`, round x-ents7): a chemical name (element
character, compound class suffix, a coal-to-X process) ends the company's short name in a project item. Sentences
made up from public knowledge, none taken from a scored text."""

from __future__ import annotations

from ingest.policy.extract.project_firms import material, project_firm
from tests.unit.policy._extract import entity_kinds


def _name(item: str) -> str:
    a, b = project_firm(item)
    return item[a:b]


def test_an_element_or_a_compound_class_ends_a_trade_name() -> None:
    assert material("钽粉") and material("烯烃") and material("芳纶") and material("甲醇")
    assert _name("天齐氢氧化锂") == "天齐"
    assert _name("万华聚氨酯") == "万华"


def test_common_metals_carbon_and_hydrogen_and_trades_are_no_material() -> None:
    assert not material("金川") and not material("零碳") and not material("绿氢") and not material("锂业")


def test_a_coal_to_chemicals_process_jieba_cuts_ends_the_name_and_is_none() -> None:
    assert _name("久泰煤制乙二醇") == "久泰"
    assert _name("煤制乙二醇") == ""
    assert _name("80万吨煤制油") == ""  # a capacity is no name


def test_an_abbreviation_is_a_whole_name_before_a_material_s_modifier() -> None:
    assert _name("中海油对位芳纶") == "中海油"


def test_a_refinery_company_s_short_name_ends_in_shihua() -> None:
    got = entity_kinds("加快推进燕山石化乙烯改造、茂名石化针状焦等重大项目建设。")
    assert got.get("燕山石化") == "company"
    assert got.get("茂名石化") == "company"


def test_generic_energy_words_before_a_product_are_no_firm() -> None:
    got = entity_kinds("推动异质结太阳能电池、绿电制氢等项目开工建设。")
    assert not {"异质结太阳能", "绿电", "异质结"} & set(got)


def test_an_institute_that_owns_a_project_is_an_institution() -> None:
    got = entity_kinds("加快推进中国原子能院海南基地、中车株洲二期等重大项目。")
    assert got.get("中国原子能院") == "institution"


def test_one_project_without_a_list_names_its_builder() -> None:
    got = entity_kinds("燕山石化100万吨乙烯项目主体完工，加快万华高性能聚氨酯新材料项目建设。")
    assert got.get("燕山石化") == "company"
    assert got.get("万华") == "company"


def test_a_lone_project_s_clause_opening_is_no_firm() -> None:
    got = entity_kinds("全面完成30项民生实事项目，协同布局新型储能项目建设，首批乙烯项目投产。")
    assert not {"全面完成", "协同布局", "首批"} & set(got)


def test_a_place_before_shihua_names_a_refinery_company() -> None:
    got = entity_kinds("镇海石化组建运营。加快惠州石化炼油转型。")
    assert got.get("镇海石化") == "company"


def test_shihua_going_on_into_an_industry_or_after_a_grade_is_no_firm() -> None:
    got = entity_kinds("建设世界一流石化产业基地，发展绿色石化，打造宁波石化新材料集群。")
    assert not any(n.endswith("石化") for n in got)

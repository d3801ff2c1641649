"""Members of a class a list names (class_lists, round x-types5): the items of a 、-list closed by 等 + a class
of platforms are kinds. Texts are made up for the test; none is taken from a scored file."""

from __future__ import annotations

from tests.unit.policy._extract import REGULATION, extract


def _types(body: str) -> set[str]:
    return {p.type for p in extract(body, REGULATION).platform_types}


def test_items_of_a_class_of_incubators_are_kinds() -> None:
    types = _types("鼓励社会资本设立大学科技园、创客园、创业服务中心等各类创业孵化服务机构。")
    assert {"创客园", "创业服务中心"} <= types


def test_items_of_a_class_of_parks_are_kinds() -> None:
    assert "小微企业园" in _types("完善经济开发区、小微企业园等各类园区的公共设施。")


def test_a_place_word_opening_an_item_is_no_word_of_the_kind() -> None:
    types = _types("推进科技企业孵化器、海外留学生创业园等各类创新载体建设。")
    assert "留学生创业园" in types and "海外留学生创业园" not in types


def test_a_class_of_public_services_names_no_kind() -> None:
    assert not _types("完善医院、学校、文化中心等公共服务机构的布局。")


def test_a_class_phrase_with_a_clause_names_no_kind() -> None:
    assert "网络空间" not in _types("为创业者提供包含工作空间、网络空间等在内的创业场所和综合服务平台。")


def test_a_bare_head_as_an_item_is_no_kind() -> None:
    assert "实验室" not in {t for t in _types("建设一批创新中心、实验室等科技创新载体。") if len(t) == 3}


def test_a_named_base_in_the_list_is_no_kind() -> None:
    assert not any("新疆基地" in t for t in _types("用好某某实验室新疆基地、智能装备研究院等科技创新平台。"))


def test_the_class_closing_a_list_of_kinds_is_an_umbrella() -> None:
    types = _types("支持科技企业孵化器、大学科技园、众创空间等创新孵化载体建设。")
    assert not any(t.endswith("载体") for t in types) and "科技企业孵化器" in types


def test_the_class_after_named_items_stays_a_kind() -> None:
    assert "国家实验室基地" in _types("争取创建某某湾等国家实验室基地。")

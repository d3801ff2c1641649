"""Branch centres named by a body or a function (`proper_names.branch_centres`) and graded classes of lab
that are no name (`entities._head_noun_names`). Sentences made up from public knowledge."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds


def _names(body: str) -> set[str]:
    return set(entity_kinds(body, "某市科技创新促进条例"))


def test_a_branch_centre_keeps_its_body_and_function() -> None:
    got = _names("本市支持国家知识产权局专利审查协作华南分中心、商标审查协作华南分中心建设。")
    assert "国家知识产权局专利审查协作华南分中心" in got
    assert "商标审查协作华南分中心" in got


def test_a_bare_or_class_branch_is_no_name() -> None:
    got = _names("各分中心按要求报送，建设省级分中心。")
    assert not any(n.endswith("分中心") for n in got)


def test_a_graded_lab_is_a_class() -> None:
    assert not any("二级实验室" in n for n in _names("建设动物生物安全二级实验室。"))


def test_a_province_lab_named_by_its_field_is_one_lab() -> None:
    assert "新材料省实验室" in _names("建设新材料省实验室。")
    assert not any(n.endswith("重点实验室") for n in _names("建设一批新材料重点实验室。"))


def test_what_is_counted_is_a_kind_not_a_name() -> None:
    got = _names("支持建设一批量子计算创新中心，建成5个省级海洋科技产业园，建设深海科技创新中心。")
    assert not any(n.endswith(("量子计算创新中心", "海洋科技产业园")) for n in got)


def test_a_naming_template_is_no_name() -> None:
    got = _names("观测站统一命名为“国家+领域+地名+野外科学观测研究站”，即国家+领域+地名+野外科学观测研究站。")
    assert not any("+" in n and "“" not in n for n in got)


def test_a_numbered_list_line_ending_in_a_type_is_one_name() -> None:
    got = _names("名单如下：\n1. 甘肃陇中国家农业科技园区\n2. 国家农业科技园区\n3. 各地要加强管理\n")
    assert "甘肃陇中国家农业科技园区" in got
    assert "国家农业科技园区" not in got  # a bare type on its line is no name


def test_a_regions_science_and_technology_centre_is_a_zone() -> None:
    kinds = entity_kinds("加快建设成都国际科技创新中心，支持建设成渝技术创新中心。", "某市科技创新促进条例")
    assert kinds.get("成都国际科技创新中心") == "zone"

"""Spans that only qualify a kind are no names: a place outside (境外), a bare 工程, a field with 领域, a
quoted count of a group (“五大中心”). Sentences made up from public knowledge."""

from __future__ import annotations

from tests.unit.policy._extract import REGULATION, entity_kinds


def _names(body: str) -> dict[str, str]:
    return entity_kinds(body, REGULATION)


def test_qualified_kinds_are_no_names() -> None:
    got = _names("鼓励境外研究开发机构在本省设立分支。支持工程技术中心建设。培育人工智能领域科技企业孵化器。")
    assert "境外研究开发机构" not in got
    assert "工程技术中心" not in got
    assert not any(n.endswith("科技企业孵化器") for n in got)


def test_a_field_named_national_lab_and_a_quoted_lab_stay_names() -> None:
    got = _names("。深海探测领域国家实验室青岛创新中心设立运行。建设“海河实验中心”。推进“三大中心”建设。")
    assert any(n.startswith("深海探测领域国家实验室") for n in got)
    assert "海河实验中心" in got
    assert "三大中心" not in got


def test_a_new_area_keeps_its_citys_short_name() -> None:
    got = _names("支持南宁五象新区高质量发展。推进上海市浦东新区综合改革。建设一批优质片区。")
    assert got.get("南宁五象新区") == "zone"
    assert "上海市浦东新区" not in got
    assert "优质片区" not in got


def test_parks_and_institutes_of_culture_tourism_or_sport_are_no_names() -> None:
    got = entity_kinds("建设大运河文化产业园、桂林国际旅游示范区和三星堆文化研究院。支持桂林高新区建设。")
    assert not any(("文化" in n or "旅游" in n) for n in got)
    assert got.get("桂林高新区") == "zone"


def test_a_fund_of_funds_is_no_programme() -> None:
    got = entity_kinds("设立省未来产业母基金，用好省自然科学基金。")
    assert not any(n.endswith("母基金") for n in got)


def test_heritage_logistics_and_tcm_facilities_are_no_names() -> None:
    # CONVENTIONS.md "What is not labelled": museums and heritage (culture), logistics hubs, 中医药 (health service);
    # the test holds for institutes too (…研究院), not only platforms
    got = entity_kinds(
        "省文物考古研究院揭牌成立。打造国家中医药传承创新中心，建设东山智慧物流创新中心和南湖博物研究中心。"
    )
    assert not any(("文物" in n or "中医药" in n or "物流" in n or "博物" in n) for n in got)


def test_the_ministry_of_education_owning_an_institute_is_no_education_field() -> None:
    got = entity_kinds("教育部东南高等研究院揭牌成立。")
    assert "教育部东南高等研究院" in got

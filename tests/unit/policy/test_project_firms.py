"""Companies named as a project's prefix (`project_firms`). Sentences made up from public knowledge."""

from __future__ import annotations

from ingest.policy.extract.project_firms import project_firm
from tests.unit.policy._extract import entity_kinds


def _cut(item: str) -> str:
    a, b = project_firm(item)
    return item[a:b]


def test_the_trade_name_ends_where_what_is_built_begins() -> None:
    assert _cut("宁德时代高端电池材料") == "宁德时代"  # a grade
    assert _cut("比亚迪二期") == "比亚迪"  # a phase right after a short name
    assert _cut("宝钢湛江") == "宝钢"  # a region
    assert _cut("万华LNG三期") == "万华"  # a Latin product code


def test_a_region_first_is_the_plant_s_place_unless_one_noun_follows() -> None:
    assert _cut("湘潭吉利新能源汽车") == "吉利"
    assert _cut("上海电气绿色甲醇") == "上海电气"


def test_routes_works_sites_and_verbs_are_no_trade_names() -> None:
    assert _cut("成都至重庆高速") == ""
    assert _cut("隋唐洛阳城") == ""
    assert _cut("北仑港区作业区") == ""
    assert _cut("茅台扩建一期") == ""  # 扩建 (a verb) ends no name


def test_one_project_before_deng_names_its_company() -> None:
    got = entity_kinds("加快宁德时代高端电池材料等项目建设。推进比亚迪二期等重大项目投产。")
    assert got.get("宁德时代") == "company"
    assert got.get("比亚迪") == "company"


def test_one_project_of_a_route_or_a_place_names_no_company() -> None:
    got = entity_kinds("力争开工成都至重庆高速等项目。服务保障中国空间站等标志性项目。")
    assert not [n for n, k in got.items() if k == "company"]

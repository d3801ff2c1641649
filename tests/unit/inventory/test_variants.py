"""Issue #16 items 1–3: regions in any common form, types and hosts from names, name variants."""

from __future__ import annotations

import pytest

from app.text.cells import norm_name
from app.text.gazetteer import locate, region_by_name
from app.text.names import name_host, parse_name, unmapped_type
from app.text.taxonomy import UNMAPPED, by_name
from ingest.resolve.resolver import Resolver
from ingest.resolve.variants import _safe, renamed, typo_of


@pytest.mark.parametrize(
    ("cell", "province", "city"),
    [
        ("四川省成都市", "四川省", "成都市"),
        ("成都", "四川省", "成都市"),
        ("凉山州", "四川省", "凉山彝族自治州"),
        ("阿坝", "四川省", "阿坝藏族羌族自治州"),
        ("阿坝州", "四川省", "阿坝藏族羌族自治州"),
        ("锡林郭勒盟", "内蒙古自治区", "锡林郭勒盟"),
        ("湖北省（省直）", "湖北省", None),
        ("四川", "四川省", None),
        ("成都市（崇州）", "四川省", "成都市"),
    ],
)
def test_region_fast_path(cell: str, province: str, city: str | None) -> None:
    place = locate(cell)
    assert place is not None and place.rule != "library"
    assert (place.province.name, place.city.name if place.city else None) == (province, city)


@pytest.mark.parametrize(
    ("cell", "province", "county"),
    [("崇州市", "四川省", "崇州市"), ("海淀区", "北京市", "海淀区"), ("四川省崇州市", "四川省", "崇州市")],
)
def test_county_level_cells_via_the_library(cell: str, province: str, county: str) -> None:
    place = locate(cell)
    assert place is not None and (place.province.name, place.county) == (province, county)


def test_province_hint_and_cells_that_name_no_place() -> None:
    assert locate("省直") is None and locate("不详") is None and locate("") is None
    beijing = region_by_name("北京市")
    place = locate("朝阳区", beijing)
    assert place is not None and place.province == beijing


@pytest.mark.parametrize(
    ("name", "type_", "host"),
    [
        ("四川省汽车工业股份有限公司技术中心", "企业技术中心", "四川省汽车工业股份有限公司"),
        ("成都先进制造研究院", "研究院", ""),
        ("四川省先进材料重点实验室（四川大学）", "重点实验室", "四川大学"),
        ("成都智能制造工程实验室（依托：西南交通大学）", "工程实验室", "西南交通大学"),
        ("国家蔬菜种质资源中期库（北京）", "种质资源库", ""),
        ("国家果树种质资源圃（南京）", "种质资源圃", ""),
        ("国家土壤质量祁阳观测实验站", "农业科学观测实验站", ""),
        ("贡嘎山高山生态系统野外科学观测研究站", "野外科学观测研究站", ""),
        ("成都生物医药新型研发机构", "新型研发机构", ""),
        ("江苏淮安国家农业科技园区", "农业科技园区", ""),
    ],
)
def test_types_and_hosts_from_names(name: str, type_: str, host: str) -> None:
    parts = parse_name(norm_name(name))
    assert (parts.type, name_host(norm_name(name))[0]) == (type_, host)
    assert by_name()[type_].category is not None or by_name()[type_].family == "zone"


def test_unmapped_type_for_platform_like_names_only() -> None:
    assert unmapped_type(norm_name("成都市生物医药公共服务平台")) == UNMAPPED
    assert unmapped_type(norm_name("四川大学")) is None
    name = norm_name("国家蔬菜种质资源中期库（北京）")
    assert name_host(name) == ("", "北京") and parse_name(name).level == "国家级"


@pytest.mark.parametrize(
    ("surface", "province", "name", "rule"),
    [
        ("华中工学院", None, "华中科技大学", "renamed"),
        ("华中理工大学", None, "华中科技大学", "renamed"),
        ("华西医科大学", None, "四川大学", "renamed"),
        ("华西医院", None, "四川大学华西医院", "alias"),
        ("协和医院", "湖北省", "华中科技大学同济医学院附属协和医院", "alias"),
        ("协和医院", "北京市", "北京协和医院", "alias"),
        ("四川化工研究院", None, "四川省化工研究院", "province_full"),
        ("西南交通大雪", None, "西南交通大学", "typo"),
        ("北京航空航天大", None, "北京航空航天大学", "typo"),
        ("中国科学院金属研究", None, "中国科学院金属研究所", "typo"),
        ("四川大学", None, "四川大学", "moe_gazetteer"),
        ("四川长虹电器股份有限公司", None, "四川长虹电器股份有限公司", "as_published"),
        ("江南师范大学", None, "江南师范大学", "as_published"),
    ],
)
def test_name_variants(surface: str, province: str | None, name: str, rule: str) -> None:
    res = Resolver().resolve(surface, province)
    assert (res.name, res.rule) == (name, rule)


def test_variants_share_the_canonical_id() -> None:
    r = Resolver()
    assert r.resolve("华西医院").id == r.resolve("四川大学华西医院").id
    assert r.resolve("华中工学院").id == r.resolve("华中科技大学").id == r.resolve("华中科枝大学").id


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("北京同仁眼科医院研究所", "北京同仁耳科医院研究所"),
        ("四川锂电池材料研究院", "四川钠电池材料研究院"),
        ("华东师范大学附属中学", "华南师范大学附属中学"),
        ("第一附属医院研究所", "第二附属医院研究所"),
        ("湖南师范大学", "河南师范大学"),
    ],
)
def test_distinguishing_characters_never_merge(a: str, b: str) -> None:
    assert not _safe(a, b)


def test_typo_needs_a_long_unique_candidate() -> None:
    assert typo_of("山西大学") is None  # too short to call a one-character change a typo
    assert typo_of("华东师范大学") is None  # a real name is never a typo of another
    assert renamed("华中工学院") == "华中科技大学"


def test_locate_on_the_labelled_region_cells() -> None:
    """The comparison set of docs/reference/inventory.md (tests/unit/inventory/region_compare.py)."""
    from tests.unit.inventory.region_compare import _ours, labelled

    cases = labelled()
    right = sum(_ours(cell)[:2] == label[:2] for cell, label, _ in cases)
    assert right / len(cases) >= 0.98, right


@pytest.mark.parametrize(
    ("surface", "name", "kind"),
    [
        ("江苏工学院", "江苏大学", "university"),  # 江苏工学院 → 江苏理工大学 → 江苏大学: the chain is followed
        ("华东纺织工学院", "东华大学", "university"),  # → 中国纺织大学 → 东华大学
        ("河北理工大学", "华北理工大学", "university"),  # → 河北联合大学 → 华北理工大学
        ("上海第二医科大学", "上海交通大学", "university"),  # a medical university merged into a comprehensive one
        ("第四军医大学", "空军军医大学", "university"),
        ("北京有色金属研究总院", "中国有研科技集团有限公司", "company"),  # an institute turned company
        ("同济医科大学附属协和医院", "华中科技大学同济医学院附属协和医院", "hospital"),  # a hospital of a merged one
    ],
)
def test_former_names_from_the_extended_table(surface: str, name: str, kind: str) -> None:
    res = Resolver().resolve(surface)
    assert (res.name, res.rule, res.kind) == (name, "renamed", kind)


def test_typo_guards_hold_on_the_new_names() -> None:
    r = Resolver()
    # 陆 / 海 name two universities' hospitals, 一 / 三 two hospitals of one university: never a typo
    assert r.resolve("陆军军医大学第一附属医院").rule == "as_published"
    assert r.resolve("中山大学附属第二医院").rule == "as_published"
    # hospitals and companies differ by a short proper name: one character there is another institution
    assert r.resolve("首都医科大学附属北京地坛医院").rule == "as_published"  # not 天坛
    assert r.resolve("中国钢研科技集团有限公司").rule == "as_published"  # not 中国有研
    # a typo in a university's or an institute's name is still corrected
    assert r.resolve("南京信息工程大雪").name == "南京信息工程大学"


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("华中理工大学机械学院", "华中科技大学"),  # a college listed under its university's former name
        ("华西医科大学药学院", "四川大学"),
        ("中国纺织大学材料学院", "东华大学"),  # → 中国纺织大学 → 东华大学: the chain is followed here too
    ],
)
def test_a_college_under_a_former_name_is_part_of_the_current_university(surface: str, name: str) -> None:
    res = Resolver().resolve(surface)
    assert (res.name, res.rule) == (name, "subunit_of")

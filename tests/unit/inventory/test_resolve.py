from __future__ import annotations

import csv

import pytest

from app.text.cells import norm_name
from app.text.gazetteer import universities
from ingest.resolve.resolver import RESOURCES, Resolver, kind_of


@pytest.mark.parametrize(
    ("surface", "province", "name", "rule"),
    [
        ("吉大", None, "吉林大学", "alias"),
        ("大工", None, "大连理工大学", "alias"),
        ("中科院金属所", None, "中国科学院金属研究所", "cas_short"),
        ("中科院大连化物所", None, "中国科学院大连化学物理研究所", "cas_short"),
        ("中国科学院沈阳自动化所", None, "中国科学院沈阳自动化研究所", "cas_short"),
        ("省农科院", "辽宁省", "辽宁省农业科学院", "province_academy"),
        ("省农科院", "吉林省", "吉林省农业科学院", "province_academy"),
        ("广西农科院", None, "广西壮族自治区农业科学院", "province_academy"),
        ("东大", "辽宁省", "东北大学", "alias"),
        ("东大", "江苏省", "东南大学", "alias"),
        ("東北大學", None, "东北大学", "moe_gazetteer"),
        ("大连理工大学（盘锦校区）", None, "大连理工大学", "bracket_stripped"),
        ("大连理工大学化工学院", None, "大连理工大学", "subunit_of"),
        ("中国石油大学(北京)", None, "中国石油大学（北京）", "moe_gazetteer"),
        ("鞍钢集团有限公司", None, "鞍钢集团有限公司", "as_published"),
    ],
)
def test_resolutions(surface: str, province: str | None, name: str, rule: str) -> None:
    res = Resolver().resolve(surface, province)
    assert (res.name, res.rule) == (name, rule)
    assert surface in res.explain() and name in res.explain()


def test_university_metadata_and_same_id_for_every_surface() -> None:
    r = Resolver()
    a, b, c = r.resolve("大工"), r.resolve("大连理工大学"), r.resolve("大连理工大学（盘锦校区）")
    assert a.id == b.id == c.id
    assert (b.kind, b.province, b.city, b.moe_code) == ("university", "辽宁省", "大连市", "4121010141")
    assert a.alias == "大工" and b.alias is None


def test_province_academy_without_province_stays_as_published() -> None:
    res = Resolver().resolve("省农科院", None)
    assert res.rule == "as_published" and res.name == "省农科院"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("中国医科大学附属第一医院", "hospital"),
        ("中国建设银行辽宁省分行", "financial"),
        ("辽宁省机械工程学会", "association"),
        ("沈阳新松机器人自动化股份有限公司", "company"),
        ("辽宁工程职业学院", "university"),
        ("辽宁省农业科学院", "institute"),
        ("辽宁省科技成果转化服务中心", "service"),
        ("某某", "other"),
    ],
)
def test_kind_of(name: str, kind: str) -> None:
    assert kind_of(name) == kind


# Issue #16: the tables extended from public sources (ingest/resolve/resources, a source per line).
@pytest.mark.parametrize(
    ("surface", "province", "name", "rule"),
    [
        # short forms of 双一流 universities, nationwide
        ("北邮", None, "北京邮电大学", "alias"),
        ("南科大", None, "南方科技大学", "alias"),
        ("西南交大", None, "西南交通大学", "alias"),
        # one short form, two universities in two provinces: the row's province decides
        ("延大", "吉林省", "延边大学", "alias"),
        ("延大", "陕西省", "延安大学", "alias"),
        ("华农", "湖北省", "华中农业大学", "alias"),
        ("华农", "广东省", "华南农业大学", "alias"),
        # hospitals under the names readers use
        ("中山一院", None, "中山大学附属第一医院", "alias"),
        ("301医院", None, "中国人民解放军总医院", "alias"),
        ("天坛医院", "北京市", "首都医科大学附属北京天坛医院", "alias"),
        # CAS institutes' 所 forms
        ("中科院理化所", None, "中国科学院理化技术研究所", "cas_short"),
        ("中国科学院高能所", None, "中国科学院高能物理研究所", "cas_short"),
        ("中科院苏州纳米所", None, "中国科学院苏州纳米技术与纳米仿生研究所", "cas_short"),
        # a CAS institute merged since: its 所 form and its old full name reach the current institute
        ("中科院寒旱所", None, "中国科学院西北生态环境资源研究院", "renamed"),
        ("中国科学院长春光学精密机械研究所", None, "中国科学院长春光学精密机械与物理研究所", "renamed"),
    ],
)
def test_extended_tables(surface: str, province: str | None, name: str, rule: str) -> None:
    res = Resolver().resolve(surface, province)
    assert (res.name, res.rule) == (name, rule)


@pytest.mark.parametrize(
    ("surface", "province"),
    [
        ("延大", None),  # 延边大学 or 延安大学: no province, no answer
        ("华农", None),
        ("宁大", None),
        ("协和医院", None),
        ("天坛医院", "四川省"),  # scoped to 北京: another province's list keeps its own name
    ],
)
def test_ambiguous_short_form_without_its_province_resolves_to_nothing(surface: str, province: str | None) -> None:
    res = Resolver().resolve(surface, province)
    assert (res.name, res.rule) == (surface, "as_published")


@pytest.mark.parametrize("surface", ["全国人大常委会", "省人大", "人民代表大会常务委员会", "人大代表"])
def test_renda_only_as_a_whole_host_cell(surface: str) -> None:
    """人大 is 中国人民大学 only when it is the whole name: a host naming a people's congress stays itself."""
    assert Resolver().resolve("人大").name == "中国人民大学"
    res = Resolver().resolve(surface)
    assert res.name == surface and res.rule == "as_published"


def _table(name: str) -> list[dict[str, str]]:
    with (RESOURCES / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_line_has_a_public_source() -> None:
    for name in ("renames.csv", "institution_aliases.csv", "cas_institutes.csv"):
        for row in _table(name):
            assert row["source"].startswith(("https://", "http://")), (name, row)


def test_no_common_word_and_no_shared_short_form_unscoped() -> None:
    plain = {r["alias"] for r in _table("institution_aliases.csv") if not r["province"]}
    # words of the language (长大 grow up) and forms several universities share (交大, 师大, 海大 …)
    assert not plain & {"长大", "交大", "师大", "农大", "海大", "石大", "华师", "中大", "地大", "矿大", "延大"}
    shorts = [r["short"] for r in _table("cas_institutes.csv")]
    assert len(shorts) == len(set(shorts)) and not {"化物", "光机", "有机"} & set(shorts)


def test_a_former_name_is_never_a_current_university() -> None:
    current = {norm_name(u.name) for u in universities()}
    formers = {norm_name(r["former"]) for r in _table("renames.csv")}
    assert not formers & current

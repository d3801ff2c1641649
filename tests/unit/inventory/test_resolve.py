from __future__ import annotations

import pytest

from ingest.resolve.resolver import Resolver, kind_of


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

"""dedup 1.4: one-city link from the host's city, shared heads not modifiers, 兵团 divisions, thesaurus
coverage (no store).

Examples are public facts (platforms of the national lists as published, MoE universities, GB/T 13745 /
GB/T 4754 classes, the 兵团's divisions), never pairs of the test or holdout split.
"""

from __future__ import annotations

import doctest
from typing import Any

import numpy as np
import pytest

from app.derive.dedup import place, relations, subject, variants
from app.derive.dedup.engine import DedupIndex
from app.derive.dedup.features import KIND_CODES
from app.derive.dedup.model import Proposal
from app.derive.dedup.place import host_city, town_of
from app.derive.dedup.relations import close_words
from app.derive.dedup.subject import shared_head
from app.derive.dedup.variants import VARIANT_NONE, VARIANT_PLACE, distinguishing, name_variant
from tests.unit.dedup._detect import kinds


@pytest.mark.parametrize("module", [place, relations, subject, variants])
def test_doctests(module: Any) -> None:
    assert doctest.testmod(module, raise_on_error=False).failed == 0


def _row(pid: str, name: str, field: str, type_: str, host: str, region: str, level: str = "国家级") -> dict[str, Any]:
    return {"id": pid, "name": name, "field": field, "type": type_, "level": level, "region": region, "host": host}


def _rule_kinds(rows: list[dict[str, Any]]) -> dict[frozenset[str], str]:
    """Every pair scored (no blocking): what the kind rules say."""
    idx = DedupIndex.build(rows)
    i, j = np.triu_indices(len(rows), 1)
    sc = idx.score_pairs(i.astype(np.int64), j.astype(np.int64))
    names = {v: k for k, v in KIND_CODES.items()}
    ids = idx.recs.ids
    pairs = zip(i.tolist(), j.tolist(), sc.kind.tolist(), strict=True)
    return {frozenset((ids[a], ids[b])): names[k] for a, b, k in pairs if k}


def test_host_city_from_universities_and_place_names() -> None:
    assert host_city("东南大学", "江苏省") == "南京市"  # MoE list
    assert host_city("中国科学院南京土壤研究所", "江苏省") == "南京市"
    assert host_city("中国科学院长春应用化学研究所", "吉林省") == "长春市"
    assert host_city("吉林省农业科学院", "吉林省") is None  # 吉林 here is the province
    assert host_city("中国科学院大连化学物理研究所", None) == "大连市"  # province unknown: any
    assert town_of("中国科学院物理研究所", "北京市", None) == "北京市"
    assert town_of("某研究所", "四川省", "成都市") == "成都市"


def test_shared_head_not_modifier() -> None:
    assert shared_head("智能电网", "电网安全", 2) == "电网"
    assert shared_head("光电材料", "光电器件", 2) is None  # 光电 modifies two classes
    assert shared_head("计算机科学", "计算机体系结构") is None  # 科学 ends the shorter, not in the other
    assert not close_words("半导体照明", "半导体超晶格")
    assert not close_words("新能源储能运行控制", "新能源电力系统")  # 新能源 modifies both


def test_two_national_labs_of_one_city_in_a_province() -> None:
    rows = [
        # 淮南: a mining group named after the city, a university of the MoE list in the city
        _row("a", "深部煤炭开采与环境保护国家重点实验室", "深部煤炭开采与环境保护", "重点实验室",
             "淮南矿业(集团)有限责任公司", "安徽省"),
        _row("b", "煤炭开采水资源保护与利用国家重点实验室", "煤炭开采水资源保护与利用", "重点实验室",
             "安徽理工大学", "安徽省"),
        # 合肥 on the same subject: another city, no link
        _row("c", "煤炭开采与安全国家重点实验室", "煤炭开采与安全", "重点实验室", "合肥工业大学", "安徽省"),
        # the city link is for national platforms only
        _row("d", "煤炭开采工程技术研究中心", "煤炭开采", "工程技术研究中心", "安徽理工大学", "安徽省", "省级"),
    ]  # fmt: skip
    found = _rule_kinds(rows)
    assert found.get(frozenset(("a", "b"))) == "overlap"
    assert not any("c" in pair for pair in found)
    assert frozenset(("a", "d")) not in found
    assert kinds(rows[:2]) == {frozenset(("a", "b")): "overlap"}  # blocked by the one-city scheme


def test_screening_sees_a_national_platform_of_the_hosts_city() -> None:
    rows = [
        _row("a", "深部煤炭开采与环境保护国家重点实验室", "深部煤炭开采与环境保护", "重点实验室",
             "淮南矿业(集团)有限责任公司", "安徽省"),
    ]  # fmt: skip
    idx = DedupIndex.build(rows)
    proposal = Proposal(
        name="煤炭开采水资源保护与利用国家重点实验室",
        type="重点实验室",
        host="安徽理工大学",
        region="安徽省",
        level="国家级",
    )
    assert {c.platform.id: c.kind for c in idx.screen(proposal)}.get("a") == "overlap"


def test_bingtuan_divisions_are_distinct_places() -> None:
    park = "农业科技园区"
    assert name_variant("生产建设兵团", "生产建设兵团五家渠", park, None) == VARIANT_NONE
    assert name_variant("兵团", "兵团第一师阿拉尔", park, None) == VARIANT_NONE
    assert name_variant("兵团", "生产建设兵团", park, None) == VARIANT_PLACE  # one unit written two ways
    assert name_variant("宝安", "深圳宝安", park, "广东省") == VARIANT_PLACE  # a city's district: one park
    assert distinguishing("生产建设兵团第一师", "生产建设兵团第二师") == "一/二"


def test_generic_words_guard_nothing() -> None:
    assert distinguishing("膜材料膜应用", "膜材料膜过程") is None  # 应用 / 过程 name no subject
    assert distinguishing("眼科", "耳科") == "眼/耳"
    assert distinguishing("锂电池", "钠电池") == "锂/钠"


def test_whole_shared_conjunct_is_the_field() -> None:
    # 分离膜 is written 膜材料 (synonyms.tsv, GB/T 20103-2006): one conjunct of both subjects
    assert shared_head("膜材料膜应用", "膜材料膜过程", 3, ("膜材料", "膜应用"), ("膜材料", "膜过程")) == "膜材料"
    assert shared_head("膜材料", "生物材料", 2) is None  # one character before a class word


def test_station_without_region_meets_its_academys_platforms() -> None:
    rows = [
        # MoA lists give many stations no region; the station's host is an institute of the academy (a
    # made-up station of a real institute: not a labelled pair)
        _row("moa", "国家农业科学土壤质量儋州观测实验站", "", "农业科学观测实验站",
             "中国热带农业科学院橡胶研究所", ""),
        _row("most", "海南儋州热带农业生态系统国家野外科学观测研究站", "儋州热带农业生态系统",
             "野外科学观测研究站", "中国热带农业科学院", "海南省"),
        _row("other", "海南万宁热带作物国家野外科学观测研究站", "万宁热带作物", "野外科学观测研究站",
             "中国热带农业科学院", "海南省"),
    ]  # fmt: skip
    for r in rows:
        r["region"] = r["region"] or None
    found = kinds(rows)
    assert found.get(frozenset(("moa", "most"))) == "overlap"  # one site (儋州), two programmes
    assert frozenset(("moa", "other")) not in found  # two sites


def test_sector_lines_relate_one_host_only() -> None:
    from app.derive.dedup.subject import broader_related

    assert broader_related("地质过程矿产资源", "火山")  # GB/T 13745 170.50 地质学 ⊃ 火山
    assert not broader_related("地质过程矿产资源", "火山", city=True)
    assert broader_related("植物保护生物学", "农业虫害鼠害综合治理", city=True)  # broader.tsv (1.3)
    assert not broader_related("森林生态", "草原生态")  # siblings stay unrelated
    assert broader_related("森林生态", "杉木人工林")  # 森林 ⊃ 人工林 (GB/T 26424-2010)

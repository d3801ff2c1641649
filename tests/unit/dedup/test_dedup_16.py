"""dedup 1.6: relations that hold on pairs nobody tuned on — heads, not modifiers; broad bigrams as no
evidence; a germplasm station's head; siblings under one broader term; a station's city from its site;
the 冰冻圈 and 地球物理 thesaurus lines (no store).

The rows are made up to show one structure each (hosts and places are real names, the platforms are
not list rows); none is a row of the real dev, dev2, test or holdout pairs. The facts are public: 人工林
is a kind of forest, 地质灾害 a kind of hazard; 冻土 is part of the 冰冻圈 (《冰冻圈科学辞典》); 地震学 is
a branch of 地球物理学 (GB/T 13745-2009 170.20); 德州 and 鹰潭 are prefecture-level cities.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from app.derive.dedup.place import site_city, town_of
from app.derive.dedup.relations import RecordView, relate
from app.derive.dedup.subject import (
    bigram_dice,
    broader_related,
    concepts,
    shared_head,
    shared_word,
    siblings,
    unmodified,
)
from tests.unit.dedup._detect import kinds

_STATION = "野外科学观测研究站"
_LAB = "重点实验室"


def _row(pid: str, name: str, type_: str | None, host: str | None, region: str | None, **more: Any) -> dict[str, Any]:
    return {"id": pid, "name": name, "type": type_, "level": "国家级", "region": region, "host": host, **more}


def test_a_shared_broad_bigram_is_no_evidence() -> None:
    assert bigram_dice("城市环境", "海洋环境监测") == 0.0  # 环境 alone
    assert bigram_dice("农业资源", "矿产资源") == 0.0  # 资源 alone
    assert bigram_dice("大气遥感", "大气化学") > 0.3  # 大气 is a field word


def test_a_broad_modifier_does_not_narrow_a_germplasm_subject() -> None:
    assert unmodified("农业种质资源") == "种质资源"
    assert unmodified("生物农药") == "生物农药"  # 农药 alone is < 4 characters: kept whole
    rows = [
        _row("st", "国家农业科学农业种质资源德州观测实验站", None, "某农业大学", "山东省"),
        _row("bank", "国家果树种质资源圃（德州）", None, "某农业大学", "山东省"),
    ]
    assert kinds(rows) == {frozenset(("st", "bank")): "overlap"}


def test_a_word_that_starts_another_word_is_its_modifier() -> None:
    assert not shared_word("人工林生态", "人工智能")  # 人工林 is a forest, 人工智能 no forest
    assert not shared_word("地质灾害", "环境地质")  # 地质灾害 is a hazard
    assert shared_word("动力学", "大陆裂谷动力学")  # the head of the other's word
    assert shared_word("黄土第四纪地质", "黄土高原", ("黄土", "第四纪地质"))  # a whole conjunct: a field
    assert concepts("三峡地质灾害") == frozenset()  # 地质 starts 地质灾害: no 地质 subject
    assert "地质" in concepts("喀斯特岩溶")


def test_two_narrower_terms_of_one_broader_term_are_siblings() -> None:
    assert siblings("饲料微生物", "植保微生物", "微生物")
    assert not siblings("微生物", "植保微生物", "微生物")
    assert not broader_related("饲料微生物", "植保微生物")
    assert broader_related("微生物", "植保微生物")
    assert shared_head("饲料微生物", "植保微生物", 3) is None
    assert shared_head("微生物资源前期开发", "农业微生物", 3) == "微生物"


def test_a_station_is_in_the_city_of_its_site() -> None:
    assert site_city("国家农业科学土壤质量德州观测实验站", "土壤质量德州", None) == "德州市"
    assert site_city("江西鹰潭红壤生态系统国家野外科学观测研究站", "鹰潭红壤生态系统", _STATION) == "鹰潭市"
    assert site_city("土壤与农业可持续发展国家重点实验室", "土壤农业可持续发展", _LAB) is None
    # a station of a Nanjing institute at a site in 德州 is not in Nanjing
    site = site_city("国家农业科学土壤质量德州观测实验站", "土壤质量德州", None)
    assert town_of("中国科学院南京土壤研究所", "江苏省", None, site) == "德州市"
    assert town_of("中国科学院南京土壤研究所", "江苏省", None) == "南京市"


def test_station_site_decides_the_one_city_link() -> None:
    def rows(site: str) -> list[dict[str, Any]]:
        return [
            _row("st", f"国家农业科学植物保护{site}观测实验站", None, "中国科学院南京土壤研究所", "江苏省"),
            _row("bank", "国家植物保护微生物种质资源库（江苏）", None, "南京农业大学", "江苏省"),
        ]

    assert kinds(rows("南京")) == {frozenset(("st", "bank")): "overlap"}  # one city: 南京
    assert kinds(rows("德州")) == {}  # the station is in 德州


def test_cryosphere_and_geophysics_lines_relate_a_station_to_its_hosts_lab() -> None:
    assert broader_related("冰冻圈环境", "冻土工程")
    assert not broader_related("冰川变化", "冻土工程")  # two parts of the 冰冻圈: siblings
    assert broader_related("地球物理", "地震动力学")
    assert not broader_related("冰冻圈环境", "冻土工程", city=True)  # one host only

    def rel(a: str, b: str) -> float:
        va = RecordView(a, a.removesuffix("国家野外科学观测研究站"), _STATION, "某研究所", "甘肃省")
        vb = RecordView(b, b.removesuffix("国家重点实验室"), _LAB, "某研究所", "甘肃省")
        r = relate([va], [vb], np.ones(1, np.bool_), np.ones(1, np.bool_))
        return float(r.subject_sim[0])

    assert rel("祁连山冰冻圈环境国家野外科学观测研究站", "冻土工程国家重点实验室") >= 0.4

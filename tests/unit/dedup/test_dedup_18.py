"""dedup 1.8: what a field station observes beside the discipline of a lab of its host; two stations of
two hosts of one city (no store).

The rows are made up to show one structure each (hosts are invented, places are real names, the
platforms are not list rows); none is a row of the real dev, dev2, test or holdout pairs. The facts are
public: a farmland station observes the soil and crops a soil lab studies (GB/T 13745-2009 210 农学,
the observation network's farmland station type); karst is chemical dissolution of carbonate rock near
the surface (environmental / biogeochemistry, not ore deposits); corrosion is a line of 430.20 材料失效与保护.
"""

from __future__ import annotations

from typing import Any

from app.derive.dedup.observes import observed, related, studied, table
from app.derive.dedup.records import has_town
from tests.unit.dedup._detect import kinds

_LAB = "重点实验室"
_STATION = "野外科学观测研究站"


def _row(pid: str, name: str, type_: str | None, host: str, region: str, level: str = "国家级") -> dict[str, Any]:
    return {"id": pid, "name": name, "type": type_, "level": level, "region": region, "host": host}


def test_the_table_has_a_source_per_line_and_reads_both_sides() -> None:
    spellings, words = table()
    assert spellings["稻田"] == "农田" and "农田" in words["土壤"]
    # the station names its object as a word end; a lab names the discipline as a head
    assert observed("洞庭农田生态系统") == {"农田"}
    assert observed("岷江湿地生态系统") == frozenset()  # no line for wetlands: nothing read
    assert studied(("土壤肥力", "养分循环")) == {"农田"}
    assert studied(("表生地球化学",)) == {"喀斯特"}


def test_a_modifier_is_no_discipline() -> None:
    # 草原 starts 草原畜牧 (it modifies the head): no grassland discipline is named
    assert studied(("草原畜牧装备",)) == frozenset()
    # 矿床地球化学 is the geochemistry of ore deposits, not of the surface a karst station observes
    assert related("茂兰喀斯特森林生态系统", ("矿床地球化学",)) is None
    assert related("茂兰喀斯特森林生态系统", ("生物地球化学",)) == "喀斯特"


def test_a_farmland_station_beside_the_soil_lab_of_its_host_overlaps() -> None:
    rows = [
        _row("st", "湖南洞庭农田生态系统国家野外科学观测研究站", _STATION, "某农业生态研究所", "湖南省"),
        _row("lab", "土壤肥力与养分循环国家重点实验室", _LAB, "某农业生态研究所", "湖南省"),
    ]
    assert kinds(rows) == {frozenset(("st", "lab")): "overlap"}


def test_the_relation_holds_at_one_host_only() -> None:
    # the same two subjects at two hosts of one city: no institutional link the table may use
    rows = [
        {
            **_row("st", "湖南洞庭农田生态系统国家野外科学观测研究站", _STATION, "某农业生态研究所", "湖南省"),
            "city": "长沙市",
        },
        {**_row("lab", "土壤肥力与养分循环国家重点实验室", _LAB, "某农业大学", "湖南省"), "city": "长沙市"},
    ]
    assert kinds(rows) == {}


def test_a_corrosion_station_beside_a_protection_lab_of_its_host_overlaps() -> None:
    rows = [
        _row("st", "海南万宁大气材料腐蚀国家野外科学观测研究站", _STATION, "某材料研究院", "海南省"),
        _row("lab", "材料保护与再制造国家重点实验室", _LAB, "某材料研究院", "海南省"),
        _row("other", "高端轴承材料国家重点实验室", _LAB, "某材料研究院", "海南省"),
    ]
    # no shared word (材料 is broad): the table relates them; the bearing lab names no protection field
    assert related("万宁大气材料腐蚀", ("材料保护", "再制造")) == "腐蚀"
    assert kinds(rows) == {frozenset(("st", "lab")): "overlap"}


def test_two_stations_of_two_hosts_of_one_city_on_one_subject_overlap() -> None:
    # a national and a ministry (read 省级) station of two universities, one city, one kind of place
    rows = [
        _row("a", "上海崇明东滩湿地生态系统国家野外科学观测研究站", _STATION, "某海洋大学", "上海市"),
        _row("b", "上海南汇边滩湿地生态系统教育部野外科学观测研究站", _STATION, "某师范大学", "上海市", "省级"),
        _row("c", "上海佘山森林生态系统教育部野外科学观测研究站", _STATION, "某农林大学", "上海市", "省级"),
    ]
    # wetland / wetland overlap; a forest station shares only 生态系统 with them (furniture, no subject)
    assert kinds(rows) == {frozenset(("a", "b")): "overlap"}


def test_two_stations_of_one_host_on_two_sites_stay_two_platforms() -> None:
    rows = [
        _row("a", "上海崇明东滩湿地生态系统国家野外科学观测研究站", _STATION, "某海洋大学", "上海市"),
        _row("b", "上海南汇边滩湿地生态系统教育部野外科学观测研究站", _STATION, "某海洋大学", "上海市", "省级"),
    ]
    assert kinds(rows) == {}  # a station is its site: one host's network, not a duplicate


def test_stations_of_national_programmes_take_part_in_the_city_link() -> None:
    assert has_town("省级", "上海佘山森林生态系统教育部野外科学观测研究站", _STATION)  # a ministry programme
    assert not has_town("省级", "上海佘山森林生态系统野外科学观测研究站", _STATION)  # a provincial one
    assert has_town("国家级", "某某国家重点实验室", _LAB)
    assert not has_town("省级", "某某省级重点实验室", _LAB)

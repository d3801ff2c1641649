"""dedup 1.5: co-hosts (a host cell listing several, a co-builder the name states), a station's site from
its name, conjuncts held whole, screening finding what detection finds (no store).

The rows are made up to show one structure each (hosts and places are real names, the platforms are
not list rows); none is a row of the real dev, test or holdout pairs.
"""

from __future__ import annotations

from typing import Any

from app.derive.dedup.engine import DedupIndex
from app.derive.dedup.model import Proposal
from app.derive.dedup.records import build_records, cohost_names, named_cobuilders
from app.derive.dedup.subject import conjunct_in, name_site
from tests.unit.dedup._detect import kinds

_STATION = "野外科学观测研究站"


def _row(pid: str, name: str, type_: str, host: str | None, region: str | None, **more: Any) -> dict[str, Any]:
    return {"id": pid, "name": name, "type": type_, "level": "国家级", "region": region, "host": host, **more}


def test_cohosts_from_host_cell_and_name() -> None:
    assert cohost_names({"name": "某重点实验室", "hosts": ["清华大学", "天津大学"]}) == ["天津大学"]
    assert cohost_names({"name": "某工程技术研究中心（与浙江大学共建）"}) == ["浙江大学"]
    assert named_cobuilders("某实验室（筹）") == ()
    assert cohost_names({"name": "某实验室", "co_builders": ["某公司"]}) == []  # the column is not a co-host
    recs = build_records(
        [_row("a", "某重点实验室", "重点实验室", "清华大学", "北京市", hosts=["清华大学", "天津大学"])]
    )
    assert [recs.inst_coder.values[c] for c in recs.cohosts[0]] == ["清华大学", "天津大学"]


def test_station_site_from_name_prefix() -> None:
    assert name_site("林芝高山生态教育部野外科学观测研究站", "高山生态") == "林芝"
    assert name_site("西藏林芝高山森林生态系统站", "林芝高山森林生态系统") is None  # starts the field already
    assert name_site("河北高山生态站", "高山生态") is None  # a province is no site


def _linzhi(hosts: list[str]) -> list[dict[str, Any]]:
    return [
        _row("moe", "林芝高山生态教育部野外科学观测研究站", _STATION, "西藏农牧学院", "西藏自治区", level="省级"),
        _row(
            "most",
            "西藏林芝高山森林生态系统国家野外科学观测研究站",
            _STATION,
            hosts[0],
            "西藏自治区",
            hosts=hosts,
        ),
    ]


def test_two_stations_of_one_site_at_cohosts_overlap() -> None:
    pair = frozenset(("moe", "most"))
    assert kinds(_linzhi(["中国科学院地理科学与资源研究所", "西藏农牧学院"])).get(pair) == "overlap"
    assert pair not in kinds(_linzhi(["中国科学院地理科学与资源研究所"]))  # no co-host: two hosts


def test_cohost_needs_a_relation_beyond_one_host() -> None:
    """A crop / tree character shared, or a sector line, relates a station to a lab of its own host
    only: at a co-host the pair stays apart."""
    rows = [
        _row("st", "黑龙江凉水森林生态系统国家野外科学观测研究站", _STATION, "东北林业大学", "黑龙江省"),
        _row(
            "lab",
            "林木遗传育种国家重点实验室",
            "重点实验室",
            "中国林业科学研究院",
            "北京市",
            hosts=["中国林业科学研究院", "东北林业大学"],
        ),
    ]
    assert kinds(rows) == {}


def test_named_cobuilder_links_in_any_city_and_screening_agrees() -> None:
    rows = [
        _row("st", "浙江天目山湿地生态系统国家野外科学观测研究站", _STATION, "浙江农林大学", "浙江省"),
        _row("lab", "湿地生态国家重点实验室（与浙江农林大学共建）", "重点实验室", "中国科学院某研究所", "北京市"),
    ]
    assert kinds(rows) == {frozenset(("st", "lab")): "overlap"}
    idx = DedupIndex.build(rows)
    assert [c.platform.id for c in idx.duplicates_of("st") or []] == ["lab"]
    assert [c.platform.id for c in idx.duplicates_of("lab") or []] == ["st"]


def test_conjunct_held_whole() -> None:
    assert conjunct_in(("海岸带", "湿地生态"), "黄河三角洲湿地生态系统") == "湿地生态"
    assert conjunct_in(("光电", "材料"), "光电子器件") is None  # no conjunct of 4 characters
    rows = [
        _row("lab", "海岸带与湿地生态国家重点实验室", "重点实验室", "某大学", "山东省"),
        _row("st", "山东黄河三角洲湿地生态系统国家野外科学观测研究站", _STATION, "某大学", "山东省"),
    ]
    assert kinds(rows) == {frozenset(("st", "lab")): "overlap"}


def test_screening_blocks_an_unplaced_institute_beside_its_academy() -> None:
    """A MoA station listed without a region, hosted by an institute of an academy: detection pairs it
    with the academy's lab (host_collection); screening, both ways, finds the same pair."""
    rows = [
        _row(
            "st",
            "国家农业科学农业环境万宁观测实验站",
            "农业科学观测实验站",
            "中国热带农业科学院环境与植物保护研究所",
            None,
        ),
        _row("lab", "热带农业环境国家重点实验室", "重点实验室", "中国热带农业科学院", "海南省"),
    ]
    assert kinds(rows) == {frozenset(("st", "lab")): "overlap"}
    idx = DedupIndex.build(rows)
    assert [c.platform.id for c in idx.duplicates_of("st") or []] == ["lab"]
    assert [c.platform.id for c in idx.duplicates_of("lab") or []] == ["st"]
    found = idx.screen(Proposal(name="热带农业环境国家重点实验室", host="中国热带农业科学院", region="海南省"))
    assert "st" in [c.platform.id for c in found]

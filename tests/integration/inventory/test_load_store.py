"""Inventories into the live store: lab-cluster members resolved to existing platforms / institutions,
the per-file summary (new vs existing, rejects by reason), the worker-pool path, re-ingest as a no-op."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.store.loader import counts_by_label
from app.store.protocol import GraphStore
from ingest.inventory.read import read_inventory
from ingest.inventory.to_graph import platform_id, to_batches
from ingest.pipeline.run import ingest_paths

PLATFORMS = """编号,名称,建设单位,地区,认定时间,运行状态,级别
1,辽宁省先进材料制备技术重点实验室,东北大学,沈阳市,2019,运行,省级
2,辽宁省精细化工工程研究中心,大连理工大学,大连市,2020,运行,省级
3,先进焊接技术工程研究中心,沈阳工业大学,沈阳市,2021,运行,市级
4,,沈阳工业大学,沈阳市,2021,运行,市级
"""
# The lead is written short (辽宁…); 先进焊接… is a 市级 platform the cluster list does not qualify;
# 未入库… and 鞍钢… are in no inventory.
CLUSTERS = """实验室群名称,群主任,群主任单位,牵头平台,服务产业集群,成员单位,角色
辽宁省先进材料实验室群,张三（东北大学）,东北大学,辽宁先进材料制备技术重点实验室,沈阳新材料产业集群,辽宁省精细化工工程研究中心,成员单位
,,,,,先进焊接技术工程研究中心,成员单位
,,,,,辽宁省未入库工程研究中心,成员单位
,,,,,大连理工大学、鞍钢集团有限公司,成员单位
"""


def _write(d: Path) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    (d / "a_platforms.csv").write_text(PLATFORMS, encoding="utf-8")
    (d / "b_clusters.csv").write_text(CLUSTERS, encoding="utf-8")
    return d


def _members(store: GraphStore) -> list[tuple[str, str]]:
    rows = store.read("MATCH (a)-[r:MEMBER_OF]->(:LabCluster) RETURN a.name AS a, labels(a)[0] AS l")
    return sorted((r["a"], r["l"]) for r in rows)


def test_cluster_members_link_to_existing_platforms_and_institutions(store: GraphStore, tmp_path: Path) -> None:
    report = ingest_paths(store, [_write(tmp_path / "in")], workers=0)
    assert not report.failed
    counts = counts_by_label(store)
    # 3 listed platforms + 1 member found in no inventory; hosts 东北大学/大连理工大学/沈阳工业大学 + 鞍钢.
    assert counts["Platform"] == 4 and counts["Institution"] == 4 and counts["LabCluster"] == 1
    assert _members(store) == [
        ("先进焊接技术工程研究中心", "Platform"),
        ("大连理工大学", "Institution"),
        ("辽宁省未入库工程研究中心", "Platform"),
        ("辽宁省精细化工工程研究中心", "Platform"),
        ("鞍钢集团有限公司", "Institution"),
    ]
    leads = store.read("MATCH (a)-[r:LEADS]->(:LabCluster) RETURN a.name AS a, r.role AS role")
    assert sorted((r["a"], r["role"]) for r in leads) == [
        ("东北大学", "群主任单位"),
        ("辽宁省先进材料制备技术重点实验室", "牵头平台"),
    ]
    # The existing 市级 platform keeps what its inventory said and gains the cluster list's evidence.
    weld = store.read(
        "MATCH (p:Platform {name: '先进焊接技术工程研究中心'})-[:EVIDENCED_BY]->(e:Evidence) "
        "RETURN p.level AS level, p.source_file AS src, e.doc_id AS doc ORDER BY doc"
    )
    assert weld == [
        {"level": "市级", "src": "a_platforms", "doc": "a_platforms"},
        {"level": "市级", "src": "a_platforms", "doc": "b_clusters"},
    ]
    outcome = report.files[1]
    assert (outcome.members_existing, outcome.members_new) == (4, 2)
    assert outcome.result is not None
    assert {k: v for k, v in outcome.result.created.items() if v} == {
        "Platform": 1,
        "Institution": 1,
        "LabCluster": 1,
        "Person": 1,
        "IndustrialCluster": 1,
    }
    assert "members existing=4 new=2" in outcome.summary()


def test_without_the_store_lookup_the_unqualified_member_would_be_a_second_node(tmp_path: Path) -> None:
    """What the lookup buys: the cluster list alone keys 先进焊接… at another level than its inventory."""
    d = _write(tmp_path / "in")
    listed = platform_id("先进焊接技术工程研究中心", "市级", "辽宁省")
    (batch,) = list(to_batches(read_inventory(d / "b_clusters.csv")))
    ids = {n["id"] for n in batch.nodes[next(lb for lb in batch.nodes if lb.value == "Platform")]}
    assert listed not in ids


def test_summary_counts_rejects_new_and_existing(store: GraphStore, tmp_path: Path) -> None:
    d = _write(tmp_path / "in")
    first = ingest_paths(store, [d / "a_platforms.csv"], workers=0).files[0]
    assert first.rejects == [
        {
            "file": str(d / "a_platforms.csv"),
            "sheet": "",
            "row": 5,
            "column": "name",
            "reason": "empty name",
            "value": "4",
            "dropped": True,
        }
    ]
    line = first.summary()
    assert "rows read=3 loaded=3 rejected=1 (empty name: 1)" in line
    assert "entities new=6 existing=5" in line and "Platform 3/0" in line
    again = ingest_paths(store, [d], workers=0)
    assert [f.result.status for f in again.files if f.result] == ["unchanged", "loaded"]


def test_worker_pool_loads_the_same_graph(store: GraphStore, tmp_path: Path) -> None:
    d = _write(tmp_path / "in")
    for i in range(3):  # enough files for the pool; the same platforms listed by four documents
        shutil.copy(d / "a_platforms.csv", d / f"a{i}_platforms.csv")
    report = ingest_paths(store, [d], workers=2)
    assert not report.failed and len(report.files) == 5
    counts = counts_by_label(store)
    assert counts["Platform"] == 4 and counts["Institution"] == 4
    assert counts["Evidence"] - 364 == 4 * 3 + 4
    again = ingest_paths(store, [d], workers=2)
    assert {f.result.status for f in again.files if f.result} == {"unchanged"}
    assert counts_by_label(store) == counts


def test_a_published_style_list_into_the_store(store: GraphStore, tmp_path: Path) -> None:
    """Issue #16: a GB18030 list with no type / level column and mixed region forms, then its cluster
    list: every platform typed and located; a company 技术中心 member links the platform and the company."""
    from ingest.synth.real_style import generate_real_list

    plist, clusters, _ = generate_real_list(150, 11, tmp_path / "real")
    report = ingest_paths(store, [plist, clusters], workers=0)
    assert not report.failed
    rows = store.read(
        "MATCH (p:Platform) WHERE p.source_file IS NOT NULL "
        "OPTIONAL MATCH (p)-[:TYPED_AS]->(t:PlatformType) OPTIONAL MATCH (p)-[:LOCATED_IN]->(r:Region) "
        "RETURN p.name AS name, t.name AS type, r.name AS region"
    )
    assert len(rows) == 150
    assert [r["name"] for r in rows if r["type"] is None or r["region"] is None] == []
    via = store.read(
        "MATCH (c:Institution)-[m:MEMBER_OF]->(l:LabCluster)<-[:MEMBER_OF]-(p:Platform)<-[:HOSTS]-(c) "
        "WHERE p.type = '企业技术中心' RETURN c.name AS company, p.name AS centre, l.name AS cluster"
    )
    assert via and all(r["centre"].startswith(r["company"]) for r in via)

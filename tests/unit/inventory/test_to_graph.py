from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.model.batch import GraphBatch
from app.model.schema import Label, Rel, check_rel, stable_id
from ingest.inventory.read import read_inventory
from ingest.inventory.to_graph import platform_id, to_batches


def one_batch(path: Path) -> GraphBatch:
    batches = list(to_batches(read_inventory(path)))
    assert len(batches) == 1
    return batches[0]


def nodes(b: GraphBatch, label: Label) -> dict[str, dict[str, Any]]:
    return {n["id"]: n["props"] for n in b.nodes.get(label, [])}


EXPECTED = {
    "platforms_utf8.csv": {
        "Document": 1,
        "Platform": 5,
        "Institution": 7,
        "Region": 4,
        "PlatformType": 3,
        "LOCATED_IN": 12,
        "HOSTS": 6,
        "TYPED_AS": 5,
        "CO_BUILDS": 3,
        "Evidence": 5,
    },
    "platforms_bom.csv": {
        "Document": 1,
        "Platform": 3,
        "Institution": 4,
        "Region": 3,
        "PlatformType": 3,
        "LOCATED_IN": 6,
        "HOSTS": 4,
        "TYPED_AS": 3,
        "Evidence": 3,
    },
    "platforms_gb18030.csv": {
        "Document": 1,
        "Platform": 3,
        "Institution": 3,
        "PlatformType": 2,
        "Region": 2,
        "HOSTS": 3,
        "TYPED_AS": 3,
        "LOCATED_IN": 5,
        "Evidence": 3,
    },
    "platforms.xlsx": {
        "Document": 1,
        "Platform": 5,
        "Institution": 6,
        "Region": 2,
        "PlatformType": 3,
        "LOCATED_IN": 11,
        "HOSTS": 5,
        "TYPED_AS": 5,
        "CO_BUILDS": 1,
        "Evidence": 5,
    },
    "platforms.docx": {
        "Document": 1,
        "Platform": 3,
        "Institution": 4,
        "Region": 3,
        "PlatformType": 3,
        "LOCATED_IN": 6,
        "HOSTS": 4,
        "TYPED_AS": 3,
        "Evidence": 3,
    },
    "platforms.html": {
        "Document": 1,
        "Platform": 3,
        "Institution": 2,
        "Region": 2,
        "PlatformType": 1,
        "LOCATED_IN": 5,
        "HOSTS": 4,
        "TYPED_AS": 3,
        "Evidence": 3,
    },
    "numbered_list.txt": {
        "Document": 1,
        "Platform": 4,
        "Institution": 5,
        "Region": 3,
        "PlatformType": 2,
        "LOCATED_IN": 9,
        "HOSTS": 4,
        "TYPED_AS": 4,
        "CO_BUILDS": 2,
        "Evidence": 4,
    },
    "spaced_list.txt": {
        "Document": 1,
        "Platform": 3,
        "Institution": 3,
        "Region": 3,
        "PlatformType": 2,
        "LOCATED_IN": 6,
        "HOSTS": 3,
        "TYPED_AS": 3,
        "Evidence": 3,
    },
    "lab_clusters.csv": {
        "Document": 1,
        "LabCluster": 2,
        "Person": 2,
        "Institution": 7,
        "Region": 3,
        "Platform": 3,
        "IndustrialCluster": 2,
        "IndustrialChain": 1,
        "DIRECTS": 2,
        "LOCATED_IN": 5,
        "AFFILIATED_WITH": 2,
        "LEADS": 4,
        "SERVES": 3,
        "MEMBER_OF": 6,
        "Evidence": 5,
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_exact_counts(fixtures: Path, name: str) -> None:
    assert one_batch(fixtures / name).counts() == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_batches_respect_the_schema_and_property_types(fixtures: Path, name: str) -> None:
    b = one_batch(fixtures / name)
    ids = {n["id"] for rows in b.nodes.values() for n in rows}
    for (rel, src, dst), rows in b.rels.items():
        check_rel(rel, src, dst)
        for r in rows:
            assert r["src"] in ids and r["dst"] in ids, (rel, r)
            assert all(e in b.evidence for e in r["evidence"]) and r["evidence"]
    for rows in b.nodes.values():
        for n in rows:
            for value in n["props"].values():
                ok_list = isinstance(value, list) and all(isinstance(v, str | int | float | bool) for v in value)
                assert value is None or isinstance(value, str | int | float | bool) or ok_list


def test_platform_parts_resolution_and_evidence(fixtures: Path) -> None:
    b = one_batch(fixtures / "platforms_utf8.csv")
    plats = b.nodes[Label.PLATFORM]
    first = plats[0]["props"]
    assert (first["region_prefix"], first["field"], first["type_suffix"]) == (
        "辽宁省",
        "先进材料制备技术",
        "重点实验室",
    )
    assert (first["level"], first["region"], first["city"], first["host"]) == ("省级", "辽宁省", "沈阳市", "东北大学")
    assert first["field_tokens"] == ["先进", "材料", "制备", "技术"]
    # Row 8 writes the same platform with a short prefix and 东大: one id, two pieces of evidence.
    assert plats[0]["id"] == plats[4]["id"] == platform_id("辽宁省先进材料制备技术重点实验室", "省级", "辽宁省")
    ev = [b.evidence[e] for e in plats[0]["evidence"] + plats[4]["evidence"]]
    assert [(e.row, e.seq, e.doc_id) for e in ev] == [(3, "1", "platforms_utf8"), (8, "6", "platforms_utf8")]
    legacy = plats[2]["props"]
    assert (legacy["name_norm"], legacy["type"], legacy["family"]) == (
        "辽宁省智能农机装备工程技术研究中心",
        "工程技术研究中心",
        "engineering",
    )
    assert (legacy["host"], legacy["co_builders"]) == ("辽宁省农业科学院", ["沈阳农业大学"])
    insts = {p["name"]: p for p in nodes(b, Label.INSTITUTION).values()}
    assert insts["大连理工大学"]["aliases"] == ["大工", "大连理工大学（盘锦校区）"]
    assert (insts["辽宁省农业科学院"]["resolution_rule"], insts["辽宁省农业科学院"]["resolution_alias"]) == (
        "province_academy",
        "省农科院",
    )
    hosts = b.rels[(Rel.HOSTS, Label.INSTITUTION, Label.PLATFORM)]
    assert {(h["props"]["surface"], h["props"]["rule"]) for h in hosts} >= {("大工", "alias"), ("东大", "alias")}
    doc = b.nodes[Label.DOCUMENT][0]
    assert doc["id"] == stable_id(Label.DOCUMENT, "platforms_utf8") and doc["props"]["kind"] == "inventory"
    assert len(doc["props"]["sha256"]) == 64


def test_national_level_and_traditional_names(fixtures: Path) -> None:
    b = one_batch(fixtures / "platforms_gb18030.csv")
    p = b.nodes[Label.PLATFORM][0]["props"]
    assert (p["name_norm"], p["level"], p["type"], p["type_suffix"]) == (
        "卫星导航系统与装备技术国家重点实验室",
        "国家级",
        "重点实验室",
        "国家重点实验室",
    )
    assert p["name"] == "衛星導航系統與裝備技術國家重點實驗室"  # the published surface is kept


def test_same_platform_gets_the_same_id_across_formats(fixtures: Path) -> None:
    csv_ids = set(nodes(one_batch(fixtures / "platforms_utf8.csv"), Label.PLATFORM))
    txt_ids = set(nodes(one_batch(fixtures / "numbered_list.txt"), Label.PLATFORM))
    cluster_ids = set(nodes(one_batch(fixtures / "lab_clusters.csv"), Label.PLATFORM))
    assert len(csv_ids & txt_ids) == 2  # 先进材料制备技术重点实验室, 海洋生物资源重点实验室
    assert len(cluster_ids & csv_ids) == 3


def test_lab_cluster_graph(fixtures: Path) -> None:
    b = one_batch(fixtures / "lab_clusters.csv")
    people = {p["name"]: p for p in nodes(b, Label.PERSON).values()}
    assert people["张三"]["organisation"] == "东北大学" and people["李四"]["organisation"] == "大连海洋大学"
    leads = b.rels[(Rel.LEADS, Label.PLATFORM, Label.LAB_CLUSTER)]
    assert [r["props"]["role"] for r in leads] == ["牵头平台"]
    members = b.rels[(Rel.MEMBER_OF, Label.INSTITUTION, Label.LAB_CLUSTER)]
    inst = nodes(b, Label.INSTITUTION)
    assert sorted((inst[m["src"]]["kind"], m["props"]["role"]) for m in members) == [
        ("association", "成员单位"),
        ("company", "成员单位"),
        ("financial", "金融机构"),
        ("service", "服务机构"),
    ]
    chains = [n["props"]["name"] for n in b.nodes[Label.INDUSTRIAL_CHAIN]]
    assert chains == ["鞍山钢铁产业链"]


def test_batching_splits_rows_and_repeats_shared_nodes(fixtures: Path) -> None:
    batches = list(to_batches(read_inventory(fixtures / "platforms_utf8.csv"), batch_rows=2))
    assert [len(b.nodes[Label.PLATFORM]) for b in batches] == [2, 2, 1]
    assert all(len(b.nodes[Label.DOCUMENT]) == 1 for b in batches)


@pytest.mark.parametrize(
    ("name", "level", "province"),
    [
        ("辽宁省先进材料制备技术重点实验室", "省级", "辽宁省"),
        (" 空格 名称 ", None, None),
        ("x", "", " 吉林省 "),
        ("全国重点实验室", "国家级", None),
    ],
)
def test_platform_id_is_the_schema_key(name: str, level: str | None, province: str | None) -> None:
    """to_graph hashes platform ids without stable_id's generic walk: the key must stay the schema's."""
    assert platform_id(name, level, province) == stable_id(Label.PLATFORM, name, level, province)


def test_row_evidence_ids_are_the_schema_key(fixtures: Path) -> None:
    """Row evidence ids are hashed inline too (constant head per document): equal to stable_id's."""
    for fixture in ("platforms_utf8.csv", "platforms.xlsx"):
        b = one_batch(fixtures / fixture)
        assert b.evidence
        for eid, ev in b.evidence.items():
            assert eid == stable_id(Label.EVIDENCE, ev.doc_id, ev.start, ev.end, ev.row, ev.rule, ev.quote)

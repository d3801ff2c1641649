"""Blocking schemes, the level rule, and the generator's labels the evaluation relies on (no store)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np

from app.derive.dedup.blocking import blocked_pairs, similar_hosts
from app.derive.dedup.records import build_records
from app.derive.dedup.vectors import build_vectors
from app.text.names import parse_name
from ingest.synth import generate
from ingest.synth.generator import _core
from tests.unit.dedup._detect import kinds


def row(pid: str, name: str, host: str | None, **kw: Any) -> dict[str, Any]:
    parts = parse_name(name)
    out: dict[str, Any] = {
        "id": pid,
        "name": name,
        "field": parts.field,
        "type": parts.type,
        "level": "省级",
        "region": "辽宁省",
        "city": "大连市",
        "host": host,
        "status": "运行",
    }
    out.update(kw)
    return out


def test_host_written_two_ways_is_blocked_without_a_province_type_block() -> None:
    rows = [
        row("a", "辽宁省船舶焊接工艺重点实验室", "大连理工大学"),
        row("b", "船舶焊接工艺重点实验室", "大连理工"),
        row("c", "辽宁省船舶焊接工艺重点实验室", "沈阳工业大学", city="沈阳市"),  # another host: no pair
    ]
    recs = build_records(rows)
    pairs = similar_hosts(recs)
    hosts = recs.host_coder.values
    assert {(hosts[a], hosts[b]) for _, a, b in pairs} == {("大连理工大学", "大连理工")} or {
        (hosts[b], hosts[a]) for _, a, b in pairs
    } == {("大连理工大学", "大连理工")}
    found = kinds(rows)
    assert found == {frozenset(("a", "b")): "same_entity"}


def test_a_platform_without_host_is_probed_against_its_province_and_type() -> None:
    rows = [
        row("a", "辽宁省海水淡化膜材料重点实验室", "大连理工大学"),
        row("b", "辽海水淡化膜材料重点实验室", None, year=2012),
    ]
    assert kinds(rows) == {frozenset(("a", "b")): "same_entity"}


def test_city_and_province_level_at_one_host_are_two_platforms_outside_municipalities() -> None:
    rows = [
        row("a", "辽宁省轨道交通装备重点实验室", "大连交通大学"),
        row("b", "大连市轨道交通装备重点实验室", "大连交通大学", level="市级"),
        row("c", "北京市轨道交通装备重点实验室", "北京交通大学", region="北京市", city="北京市"),
        row("d", "北京轨道交通装备重点实验室", "北京交通大学", region="北京市", city="北京市", level="市级"),
    ]
    found = kinds(rows)
    assert found[frozenset(("a", "b"))] == "overlap"
    assert found[frozenset(("c", "d"))] == "same_entity"


def test_blocked_product_in_many_chunks_equals_one_chunk() -> None:
    fields = ["玉米育种", "大豆育种", "玉米栽培", "水稻育种", "玉米育种技术", "大豆栽培"] * 30
    rows = [row(f"p{i}", f"辽宁省{f}重点实验室", f"第{i % 3}大学") for i, f in enumerate(fields)]
    recs = build_records(rows)
    x = build_vectors(recs.terms).matrix
    rec, key = np.flatnonzero(recs.host >= 0).astype(np.int64), recs.host[recs.host >= 0].astype(np.int64)
    one = blocked_pairs(x, rec, key, cap=400, min_sim=0.2)
    many = blocked_pairs(x, rec, key, cap=400, min_sim=0.2, budget=50)
    assert len(one[0]) > 100
    assert sorted(zip(one[0].tolist(), one[1].tolist(), strict=True)) == sorted(
        zip(many[0].tolist(), many[1].tolist(), strict=True)
    )


def test_generator_labels_pairs_that_share_the_field(tmp_path: Path) -> None:
    generate(3000, seed=4, out=tmp_path)
    from app.derive.dedup.calibrate import inventory_files, platform_rows

    rows, where = platform_rows(inventory_files(tmp_path))
    by_id = {r["id"]: r for r in rows}
    seen = set()
    with (tmp_path / "labels.csv").open(encoding="utf-8") as fh:
        for lab in csv.DictReader(fh):
            a = where[(Path(lab["file_a"]).stem, int(lab["row_a"]))]
            b = where[(Path(lab["file_b"]).stem, int(lab["row_b"]))]
            seen.add(lab["kind"])
            if lab["kind"] in ("overlap", "transition_overlap"):
                assert by_id[a]["field"] == by_id[b]["field"] and by_id[a]["host_id"] == by_id[b]["host_id"]
            if lab["kind"] == "weak_overlap":
                assert _core(by_id[a]["field"]) == _core(by_id[b]["field"])
            if lab["kind"] == "transition_overlap":  # legacy first, successor as the policies state
                assert (by_id[a]["type"], by_id[b]["type"]) in {
                    ("工程技术研究中心", "技术创新中心"),
                    ("工程实验室", "工程研究中心"),
                }
    assert {"overlap", "transition_overlap", "same_entity", "hard_negative"} <= seen

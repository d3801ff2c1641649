from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from app.graph.schema import Label
from ingest.inventory.read import read_inventory
from ingest.inventory.to_graph import to_batches
from ingest.synth import generate


def test_synth_writes_readable_layouts_and_resolvable_labels(tmp_path: Path) -> None:
    m = generate(600, seed=3, out=tmp_path / "a")
    assert (tmp_path / "a" / "README.md").read_text(encoding="utf-8").startswith("# GENERATED")
    assert {f.encoding for f in m.files} >= {"utf-8", "utf-8-sig", "gb18030", "xlsx"}
    assert m.lab_clusters == 12 and all(m.labels[k] > 0 for k in m.labels)
    rows: dict[tuple[str, int], tuple[str, str | None]] = {}
    kinds: Counter[str] = Counter()
    for f in m.files:
        read = read_inventory(tmp_path / "a" / f.path)
        kinds[read.kind] += 1
        assert read.rejects == [] and len(read.rows) == f.rows
        for batch in to_batches(read):
            for p in batch.nodes.get(Label.PLATFORM, []):
                if "source_row" in p["props"]:
                    rows[(f.path, p["props"]["source_row"])] = (p["id"], p["props"]["host_id"])
    assert len(rows) == m.platforms and kinds["lab_cluster"] > 0
    with (tmp_path / "a" / "labels.csv").open(encoding="utf-8") as fh:
        labels = list(csv.DictReader(fh))
    assert sum(m.labels.values()) == len(labels)
    for lab in labels:
        a, b = rows[(lab["file_a"], int(lab["row_a"]))], rows[(lab["file_b"], int(lab["row_b"]))]
        if lab["kind"] in ("overlap", "transition_overlap"):
            assert a[0] != b[0] and a[1] == b[1]  # distinct platforms at one host
        if lab["kind"] == "hard_negative":
            assert a[0] != b[0]


def test_synth_is_deterministic(tmp_path: Path) -> None:
    generate(200, seed=9, out=tmp_path / "x")
    generate(200, seed=9, out=tmp_path / "y")
    for name in ("labels.csv", "辽宁省_平台复核结果.csv"):
        if (tmp_path / "x" / name).exists():
            assert (tmp_path / "x" / name).read_bytes() == (tmp_path / "y" / name).read_bytes()
    assert (tmp_path / "x" / "labels.csv").read_bytes() == (tmp_path / "y" / "labels.csv").read_bytes()

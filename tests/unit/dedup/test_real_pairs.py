"""The hand-labelled evaluation pairs (data/eval/dedup_*_pairs.csv) are well formed and point at real rows."""

from __future__ import annotations

import csv
import os
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
REAL = REPO / "data" / "eval" / "dedup_real_pairs.csv"
SYNTH = REPO / "data" / "eval" / "dedup_synth_pairs.csv"
HOLDOUT = REPO / "data" / "eval" / "dedup_holdout_pairs.csv"
LABELS = {"same_entity", "overlap", "transition_overlap", "none"}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _lists_dir() -> Path:
    env = os.environ.get("INNOKG_SHARED")
    return (Path(env) if env else REPO.parent / "shared") / "corpus" / "real" / "lists"


def test_real_pairs_are_well_formed() -> None:
    rows = _rows(REAL)
    assert list(rows[0]) == ["file_a", "row_a", "file_b", "row_b", "label", "note", "split"]
    assert len(rows) >= 400
    assert {r["label"] for r in rows} <= LABELS and {r["split"] for r in rows} == {"dev", "test"}
    keys = [frozenset({(r["file_a"], r["row_a"]), (r["file_b"], r["row_b"])}) for r in rows]
    assert all(len(k) == 2 for k in keys), "a row paired with itself"
    assert len(set(keys)) == len(keys), "a pair labelled twice"
    assert all(r["note"].strip() for r in rows)
    labels = Counter(r["label"] for r in rows)
    assert labels["none"] >= 0.25 * len(rows)
    test_share = sum(r["split"] == "test" for r in rows) / len(rows)
    assert 0.3 <= test_share <= 0.5


def test_holdout_pairs_share_no_row_with_dev_or_test() -> None:
    rows = _rows(HOLDOUT)
    assert list(rows[0]) == ["file_a", "row_a", "file_b", "row_b", "label", "note", "split"]
    assert len(rows) >= 150
    assert {r["label"] for r in rows} <= LABELS and {r["split"] for r in rows} == {"holdout"}
    assert all(r["note"].strip() for r in rows)
    keys = [frozenset({(r["file_a"], r["row_a"]), (r["file_b"], r["row_b"])}) for r in rows]
    assert all(len(k) == 2 for k in keys) and len(set(keys)) == len(keys)
    used = {(r[f"file_{s}"], r[f"row_{s}"]) for r in _rows(REAL) for s in "ab"}
    assert not used & {row for k in keys for row in k}, "a holdout row also sits in a dev / test pair"


def test_synth_pairs_name_one_generator_world() -> None:
    rows = _rows(SYNTH)
    assert {(r["seed"], r["platforms"]) for r in rows} == {("5", "6000")}
    assert "transition_overlap" in {r["label"] for r in rows}
    assert {r["label"] for r in rows} <= LABELS


def test_real_pairs_point_at_rows_of_the_lists() -> None:
    folder = _lists_dir()
    if not folder.is_dir():
        pytest.skip(f"real lists not found at {folder} (set INNOKG_SHARED)")
    sizes: dict[str, int] = {}
    for r in _rows(REAL) + _rows(HOLDOUT):
        for f, row in ((r["file_a"], r["row_a"]), (r["file_b"], r["row_b"])):
            if f not in sizes:
                sizes[f] = len(_rows(folder / f))
            assert 1 <= int(row) <= sizes[f], (f, row)

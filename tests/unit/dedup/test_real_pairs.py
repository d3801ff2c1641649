"""The hand-labelled evaluation pairs (data/eval/dedup_*_pairs.csv) are well formed and point at real rows."""

from __future__ import annotations

import csv
import hashlib
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
REAL = REPO / "data" / "eval" / "dedup_real_pairs.csv"
SYNTH = REPO / "data" / "eval" / "dedup_synth_pairs.csv"
HOLDOUT = REPO / "data" / "eval" / "dedup_holdout_pairs.csv"
FRESH = REPO / "data" / "eval" / "dedup_fresh_pairs.csv"
COLUMNS = ["file_a", "row_a", "file_b", "row_b", "label", "note", "split"]
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


def _key(r: dict[str, str]) -> frozenset[tuple[str, str]]:
    return frozenset({(r["file_a"], r["row_a"]), (r["file_b"], r["row_b"])})


def test_fresh_pairs_are_well_formed_and_new() -> None:
    rows = _rows(FRESH)
    assert list(rows[0]) == COLUMNS
    assert len(rows) >= 250
    # the real lists hold no legacy / successor types: no transition_overlap
    assert {r["label"] for r in rows} <= {"same_entity", "overlap", "none"}
    assert {r["split"] for r in rows} == {"dev2", "holdout2"}
    assert all(r["note"].strip() for r in rows)
    keys = [_key(r) for r in rows]
    assert all(len(k) == 2 for k in keys), "a row paired with itself"
    assert len(set(keys)) == len(keys), "a pair labelled twice"
    older = {_key(r) for r in _rows(REAL) + _rows(HOLDOUT)}
    assert not older & set(keys), "a fresh pair repeats a pair of dedup_real_pairs.csv / dedup_holdout_pairs.csv"
    labels = Counter(r["label"] for r in rows)
    assert labels["overlap"] >= 30 and labels["none"] >= 0.5 * len(rows)


def test_fresh_split_rule_holds() -> None:
    """A pair with a row in a dev pair of dedup_real_pairs.csv is dev2; of the others, those whose sorted
    'file:row|file:row' key has an even sha1 are holdout2, the rest dev2 (docs/reference/duplicates.md)."""
    dev_rows = {(r[f"file_{s}"], r[f"row_{s}"]) for r in _rows(REAL) if r["split"] == "dev" for s in "ab"}
    for r in _rows(FRESH):
        ends = [(r["file_a"], r["row_a"]), (r["file_b"], r["row_b"])]
        if any(e in dev_rows for e in ends):
            want = "dev2"
        else:
            key = "|".join(sorted(f"{f}:{n}" for f, n in ends))
            want = "holdout2" if int(hashlib.sha1(key.encode()).hexdigest(), 16) % 2 == 0 else "dev2"
        assert r["split"] == want, (r["file_a"], r["row_a"], r["file_b"], r["row_b"])


def test_eval_refuses_errors_outside_the_tuning_splits() -> None:
    """holdout2 (like test / holdout) is scored, never listed: --errors is refused before anything runs."""
    folder = _lists_dir()
    if not folder.is_dir():
        pytest.skip(f"real lists not found at {folder} (set INNOKG_SHARED)")
    env = {**os.environ, "PYTHONPATH": str(REPO), "INNOKG_SHARED": str(folder.parents[2])}
    for only in ("holdout2", "test"):
        done = subprocess.run(
            [sys.executable, str(REPO / "bench" / "eval_dedup_real.py"), "--fresh-pairs", "--only", only, "--errors"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert done.returncode != 0 and "--errors lists tuning pairs only" in done.stderr


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
    for r in _rows(REAL) + _rows(HOLDOUT) + _rows(FRESH):
        for f, row in ((r["file_a"], r["row_a"]), (r["file_b"], r["row_b"])):
            if f not in sizes:
                sizes[f] = len(_rows(folder / f))
            assert 1 <= int(row) <= sizes[f], (f, row)

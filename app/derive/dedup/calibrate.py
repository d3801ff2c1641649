"""Calibration and evaluation on labelled data (the generator's planted pairs, labels.csv).

Inventories are read with the inventory pipeline itself (read_inventory → to_batches), so records have
exactly the props the graph holds. Two rows that the loader already merges into one platform node (same
canonical name, level and province: prefix, script and spacing variants) are counted as resolved
same_entity pairs; the detector sees one node there and cannot, and need not, pair it with itself.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from app.derive.dedup.engine import DedupIndex, Scored
from app.derive.dedup.features import KIND_CODES, Thresholds
from app.derive.dedup.model import KINDS
from app.model.schema import Label

SKIP = {"labels.csv", "manifest.json", "README.md"}


class KindMetrics(BaseModel):
    kind: str
    labelled: int
    collapsed_at_load: int  # both rows became one platform node (same_entity only)
    found: int  # labelled pairs reported with this kind
    found_other_kind: int  # labelled pairs reported, but as another kind
    reported: int  # pairs reported with this kind (denominator of precision)
    precision: float
    recall: float
    f1: float


class Evaluation(BaseModel):
    kinds: list[KindMetrics]
    hard_negatives: int
    hard_negative_fp: int
    hard_negative_fp_rate: float
    unmapped_labels: int
    # overlap / transition labels whose two rows do not share the field phrase (the generator fell back
    # to a fresh field when the name was taken): not a duplicate by the definition; kept in the counts
    inconsistent_labels: int
    weak_overlaps: int  # pairs labelled weak_overlap (excluded from precision and recall)
    weak_reported: int  # of them, reported (as any kind)
    platforms: int
    candidates: int


def platform_rows(paths: Iterable[Path]) -> tuple[list[dict[str, Any]], dict[tuple[str, int], str]]:
    """Platform rows (graph props + id) of inventory files, and (file stem, row) → platform id."""
    from ingest.inventory.read import read_inventory
    from ingest.inventory.to_graph import to_batches

    rows: list[dict[str, Any]] = []
    where: dict[tuple[str, int], str] = {}
    for path in paths:
        read = read_inventory(path)
        if read.kind != "platform":
            continue
        for batch in to_batches(read):
            for node in batch.nodes.get(Label.PLATFORM, []):
                props = node["props"]
                rows.append({"id": node["id"], **props})
                if props.get("source_row") is not None:
                    where[(str(props["source_file"]), int(props["source_row"]))] = node["id"]
    return rows, where


def inventory_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name not in SKIP and not p.name.startswith("."))


def read_labels(path: Path) -> list[tuple[str, int, str, int, str]]:
    with path.open(encoding="utf-8") as fh:
        return [
            (Path(r["file_a"]).stem, int(r["row_a"]), Path(r["file_b"]).stem, int(r["row_b"]), r["kind"])
            for r in csv.DictReader(fh)
        ]


def _reported(index: DedupIndex, sc: Scored) -> dict[frozenset[str], str]:
    """Each reported pair (as the two platform ids) with its kind."""
    ids = index.recs.ids
    code_kind = {v: k for k, v in KIND_CODES.items()}
    return {
        frozenset((ids[a], ids[b])): code_kind[k]
        for a, b, k in zip(sc.i.tolist(), sc.j.tolist(), sc.kind.tolist(), strict=True)
    }


def evaluate(
    index: DedupIndex,
    where: dict[tuple[str, int], str],
    labels: Sequence[tuple[str, int, str, int, str]],
    scored: Scored | None = None,
) -> Evaluation:
    sc = scored if scored is not None else index.detect()
    reported = _reported(index, sc)
    per = {k: {"labelled": 0, "collapsed": 0, "found": 0, "other": 0} for k in KINDS}
    hn = hn_fp = unmapped = inconsistent = 0
    pos = index.recs.index
    fields = index.recs.fields
    done: set[tuple[frozenset[str], str]] = set()
    weak: set[frozenset[str]] = set()
    for fa, ra, fb, rb, kind in labels:
        ia, ib = where.get((fa, ra)), where.get((fb, rb))
        if ia is not None and ib is not None and ia != ib:
            # a copy merged into its original at load repeats the original's labels: count a pair once
            if (frozenset((ia, ib)), kind) in done:
                continue
            done.add((frozenset((ia, ib)), kind))
        if kind == "hard_negative":
            hn += 1
            if ia and ib and ia != ib and frozenset((ia, ib)) in reported:
                hn_fp += 1
            continue
        if kind == "weak_overlap":
            if ia and ib and ia != ib:
                weak.add(frozenset((ia, ib)))
            continue
        if kind not in per:
            continue
        per[kind]["labelled"] += 1
        if ia is None or ib is None:
            unmapped += 1
            continue
        if ia == ib:
            per[kind]["collapsed"] += 1
            continue
        if kind != "same_entity" and fields[pos[ia]] != fields[pos[ib]]:
            inconsistent += 1
        got = reported.get(frozenset((ia, ib)))
        if got == kind:
            per[kind]["found"] += 1
        elif got is not None:
            per[kind]["other"] += 1
    # weak_overlap pairs (one subject under other qualifiers) are neither hits nor false positives
    labelled_pairs = {p for p, k in done if k != "weak_overlap"}
    weak -= labelled_pairs
    counts = {k: sum(1 for p, v in reported.items() if v == k and p not in weak) for k in KINDS}
    weak_reported = sum(1 for p in reported if p in weak)
    out: list[KindMetrics] = []
    for k, m in per.items():
        tp = m["found"] + m["collapsed"]
        rep = counts[k] + m["collapsed"]
        p = tp / rep if rep else 1.0
        r = tp / m["labelled"] if m["labelled"] else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out.append(
            KindMetrics(
                kind=k,
                labelled=m["labelled"],
                collapsed_at_load=m["collapsed"],
                found=m["found"],
                found_other_kind=m["other"],
                reported=counts[k],
                precision=round(p, 4),
                recall=round(r, 4),
                f1=round(f1, 4),
            )
        )
    return Evaluation(
        kinds=out,
        hard_negatives=hn,
        hard_negative_fp=hn_fp,
        hard_negative_fp_rate=round(hn_fp / hn, 4) if hn else 0.0,
        unmapped_labels=unmapped,
        inconsistent_labels=inconsistent,
        weak_overlaps=len(weak),
        weak_reported=weak_reported,
        platforms=len(index.recs),
        candidates=int(sc.stats.get("candidates", 0)),
    )


def grid_search(
    index: DedupIndex,
    where: dict[tuple[str, int], str],
    labels: Sequence[tuple[str, int, str, int, str]],
    grid: Iterable[Thresholds],
) -> list[tuple[Thresholds, Evaluation]]:
    """Each threshold set evaluated on one scoring of the candidate pairs (blocking and features do not
    depend on the thresholds, so the grid costs one classification per point)."""
    from app.derive.dedup.blocking import candidate_pairs
    from app.derive.dedup.kinds import classify

    i, j, stats = candidate_pairs(index.recs, index.vectors.matrix, index.blocking)
    base = index.score_pairs(i, j)
    out: list[tuple[Thresholds, Evaluation]] = []
    for t in grid:
        kinds = classify(base.features, base.score, t)
        keep = np.flatnonzero(kinds > 0)
        sc = Scored(i[keep], j[keep], kinds[keep], base.score[keep], base.features, {}, stats)
        out.append((t, evaluate(index, where, labels, sc)))
    return out

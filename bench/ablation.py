"""The parts the grammar ablations share (bench/ablate_entities.py, bench/ablate_industries.py): the tuning golds
(never test, holdout or dev8), extracting them with a recording hook in place, and what each rule alone contributes
given the ablated stage's own resolution of its candidates."""

from __future__ import annotations

import argparse
import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ingest.policy.eval import REPO_ROOT, SPLITS, _gold_sets, gold_paths, norm
from ingest.policy.models import ExtractedDocument
from ingest.policy.pipeline import extract_paths

# The tuning splits' gold files by stem (eval.SPLITS names them): never test, holdout or dev8.
TUNING = ("seeds", "constructed", "dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7")
GOLDS = {s: tuple(Path(g).name.removesuffix("_gold.json") for g in SPLITS[s]) for s in TUNING}

Record = tuple[str, str, Any, list[Any], set[str]]  # split, doc id, doc, recorded candidates, gold surfaces
Units = Callable[[Any, list[Any]], dict[str, set[str]]]  # the stage's resolution: kept surface → units that gave it


def extracted(
    kind: str, seen: list[tuple[Any, list[Any]]]
) -> Iterator[tuple[str, ExtractedDocument, Any, list[Any], set[str]]]:
    """Each tuning document extracted, with what the caller's hook recorded into `seen` for it and its gold set of
    `kind` (the scorer's normalisation)."""
    for split, names in GOLDS.items():
        for name in names:
            path = REPO_ROOT / f"data/gold/{name}_gold.json"
            golds = {g["doc_id"]: _gold_sets(g)[kind] for g in json.loads(path.read_text())["documents"]}
            seen.clear()
            docs, errors = extract_paths(gold_paths(path))
            if errors:
                raise SystemExit(f"{name}: {errors}")
            for d, (doc, cands) in zip(docs, list(seen), strict=True):
                yield split, d, doc, cands, golds.get(d.doc_id, set())


def records(
    kind: str,
    seen: list[tuple[Any, list[Any]]],
    units: Units,
    pipeline: Callable[[ExtractedDocument], list[Any]],
) -> list[Record]:
    """The tuning documents with what the hook recorded, after checking that the ablation's own resolution of
    the full record gives the pipeline's items of `kind` (else the table would measure something else)."""
    out: list[Record] = []
    for split, d, doc, cands, gold in extracted(kind, seen):
        if set(units(doc, cands)) != {norm(x.text) for x in pipeline(d)}:
            raise SystemExit(f"{d.doc_id}: the ablation's resolution differs from the pipeline's {kind}")
        out.append((split, d.doc_id, doc, cands, gold))
    return out


def _alone(records: list[Record], u: str, unit: Callable[[Any], str], units: Units, items: bool) -> str:
    """What the scored sets lose without unit `u`: documents, splits, true and false items, net of what it hid."""
    tp = fp = 0
    docs: set[str] = set()
    splits: set[str] = set()
    lost: dict[str, list[str]] = defaultdict(list)
    for split, doc_id, doc, cands, gold in records:
        if not any(unit(c) == u for c in cands):
            continue
        full = set(units(doc, cands))
        without = set(units(doc, [c for c in cands if unit(c) != u]))
        gone, new = full - without, without - full
        if gone or new:
            docs.add(doc_id)
            splits.add(split)
            lost[doc_id] += [("+" if x in gold else "-") + x for x in sorted(gone)]
            lost[doc_id] += [("(hid +" if x in gold else "(hid -") + x + ")" for x in sorted(new)]
        tp += len(gone & gold) - len(new & gold)
        fp += len(gone - gold) - len(new - gold)
    row = f"| {len(docs)} | {len(splits)} | {tp} | {fp} | {tp - fp:+d} |"
    if items:
        row += "".join(f"\n    {doc_id}: {' '.join(xs)}" for doc_id, xs in lost.items())
    return row


def ablate(records: list[Record], unit: Callable[[Any], str], units: Units, items: bool) -> None:
    """The table: per unit, where its items are kept and right, and what it alone contributes."""
    names = sorted({unit(c) for *_, cands, _ in records for c in cands})
    fired: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)  # unit → (split, doc, right) per surface
    for split, doc_id, doc, cands, gold in records:
        for surface, us in units(doc, cands).items():
            for u in us:
                fired[u].append((split, doc_id, surface in gold))
    print(
        "| rule (unit) | fires: documents | splits | right in: documents | splits | TP | FP "
        "| alone: documents | splits | TP | FP | net |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for u in names:
        f = fired[u]
        f_tp = sum(r for *_, r in f)
        right = {(sp, d) for sp, d, r in f if r}
        head = (
            f"| {u} | {len({d for _, d, _ in f})} | {len({sp for sp, _, _ in f})} | {len(right)} "
            f"| {len({sp for sp, _ in right})} | {f_tp} | {len(f) - f_tp} "
        )
        print(head + _alone(records, u, unit, units, items), flush=True)


def main(collect: Callable[[], list[Record]], unit: Callable[[Any], str], units: Units) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", action="store_true", help="list the items each rule alone adds, per document")
    args = ap.parse_args()
    if os.environ.get("INNOKG_EXTRACT_MODEL") != "0":
        raise SystemExit("run with INNOKG_EXTRACT_MODEL=0: the ablation measures the grammar alone")
    ablate(collect(), unit, units, args.items)

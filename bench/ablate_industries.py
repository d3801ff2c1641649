"""What each industry rule alone contributes, grammar only (issue #21, round x-inds7).

Usage (from the repo root, INNOKG_SHARED=/work/shared for the real texts):

  INNOKG_EXTRACT_MODEL=0 .venv/bin/python bench/ablate_industries.py            # table over every tuning split
  INNOKG_EXTRACT_MODEL=0 .venv/bin/python bench/ablate_industries.py --items    # and the items each rule alone adds

Each tuning document (seeds, constructed, dev, dev2a … dev6; never test, holdout or dev7) is extracted once; the
candidates `find_industries` resolves are recorded, then resolved again without one rule's candidates (the
dictionary split by its kinds). A rule's own contribution is what the document's scored set loses without it:
true items (in the gold, the scorer's normalisation) and false ones, net of what its spans had hidden. Rules that
read other rules' candidates (list members, headed lists, elided heads) are measured as they fire on the full set.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.policy.eval import REPO_ROOT, _gold_sets, gold_paths, norm
from ingest.policy.extract import industry_grammar as ig
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.industry_grammar import _Cand
from ingest.policy.pipeline import extract_paths

GOLDS = {
    "seeds": ("seeds",),
    "constructed": ("constructed",),
    "dev": ("real_dev",),
    "dev2": ("real_dev2a", "real_dev2b"),
    "dev3": ("real_dev3a", "real_dev3b"),
    "dev4": ("real_dev4a", "real_dev4b"),
    "dev5": ("real_dev5",),
    "dev6": ("real_dev6",),
}

Record = tuple[str, str, Doc, list[_Cand], set[str]]  # split, doc id, doc, resolved candidates, gold surfaces


def _unit(c: _Cand) -> str:
    """The ablation unit of a candidate: its rule, the dictionary split by the kind of its entry."""
    return f"{c[3]}:{c[2]}" if c[3] == "industry.dict" else c[3]


def resolve_units(doc: Doc, cands: list[_Cand]) -> dict[str, set[str]]:
    """find_industries' resolution of overlapping candidates (kept in step by the check in `collect`): each kept
    surface with the units whose candidates gave it."""
    cands = sorted(cands, key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[tuple[int, int, str]] = []
    units: dict[str, set[str]] = defaultdict(set)
    for c in cands:
        s, e, _kind, rule, _conf = c
        dict_rule = rule == "industry.dict"
        if any(a <= s and e <= b and (r != "industry.dict" or dict_rule or e == b) for a, b, r in out):
            continue
        s = s if rule in {"industry.quoted_bases", "industry.designated_cluster"} else ig.without_place(doc.text, s, e)
        out.append((s, e, rule))
        units[norm(doc.q(s, e))].add(_unit(c))
    return units


def resolve(doc: Doc, cands: list[_Cand]) -> set[str]:
    return set(resolve_units(doc, cands))


def collect() -> list[Record]:
    seen: list[tuple[Doc, list[_Cand]]] = []
    original = ig.not_designations

    def record(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        kept = original(doc, cands)
        seen.append((doc, list(kept)))
        return kept

    ig.not_designations = record  # type: ignore[assignment]
    out: list[Record] = []
    try:
        for split, names in GOLDS.items():
            for name in names:
                path = REPO_ROOT / f"data/gold/{name}_gold.json"
                golds = {g["doc_id"]: _gold_sets(g)["industries"] for g in json.loads(path.read_text())["documents"]}
                seen.clear()
                docs, errors = extract_paths(gold_paths(path))
                if errors:
                    raise SystemExit(f"{name}: {errors}")
                for d, (doc, cands) in zip(docs, seen, strict=True):
                    if resolve(doc, cands) != {norm(i.text) for i in d.industries}:
                        raise SystemExit(f"{d.doc_id}: the ablation's resolution differs from find_industries")
                    out.append((split, d.doc_id, doc, cands, golds.get(d.doc_id, set())))
    finally:
        ig.not_designations = original  # type: ignore[assignment]
    return out


def ablate(records: list[Record], items: bool) -> None:
    units = sorted({_unit(c) for *_, cands, _ in records for c in cands})
    fired: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)  # unit → (split, doc, right) per surface
    for split, doc_id, doc, cands, gold in records:
        for surface, us in resolve_units(doc, cands).items():
            for u in us:
                fired[u].append((split, doc_id, surface in gold))
    print("| rule (unit) | fires: documents | splits | TP | FP | alone: documents | splits | TP | FP | net |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for u in units:
        f = fired[u]
        f_docs, f_splits = len({d for _, d, _ in f}), len({sp for sp, _, _ in f})
        f_tp = sum(r for *_, r in f)
        head = f"| {u} | {f_docs} | {f_splits} | {f_tp} | {len(f) - f_tp} "
        tp = fp = 0
        docs: set[str] = set()
        splits: set[str] = set()
        lost: dict[str, list[str]] = defaultdict(list)
        for split, doc_id, doc, cands, gold in records:
            full = resolve(doc, cands)
            without = resolve(doc, [c for c in cands if _unit(c) != u])
            gone, new = full - without, without - full
            d_tp = len(gone & gold) - len(new & gold)
            d_fp = len(gone - gold) - len(new - gold)
            if gone or new:
                docs.add(doc_id)
                splits.add(split)
                lost[doc_id] += [("+" if x in gold else "-") + x for x in sorted(gone)]
                lost[doc_id] += [("(hid +" if x in gold else "(hid -") + x + ")" for x in sorted(new)]
            tp, fp = tp + d_tp, fp + d_fp
        print(f"{head}| {len(docs)} | {len(splits)} | {tp} | {fp} | {tp - fp:+d} |")
        if items:
            for doc_id, xs in lost.items():
                print(f"    {doc_id}: {' '.join(xs)}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", action="store_true", help="list the items each rule alone adds, per document")
    args = ap.parse_args()
    if os.environ.get("INNOKG_EXTRACT_MODEL") != "0":
        raise SystemExit("run with INNOKG_EXTRACT_MODEL=0: the ablation measures the grammar alone")
    ablate(collect(), args.items)


if __name__ == "__main__":
    main()

"""What each industry rule alone contributes, grammar only (issue #21, round x-inds7).

Usage (from the repo root, INNOKG_SHARED=/work/shared for the real texts):

  INNOKG_EXTRACT_MODEL=0 .venv/bin/python bench/ablate_industries.py            # table over every tuning split
  INNOKG_EXTRACT_MODEL=0 .venv/bin/python bench/ablate_industries.py --items    # and the items each rule alone adds

Each tuning document (seeds, constructed, dev, dev2a … dev7; never test, holdout or dev8) is extracted once; the
candidates `find_industries` resolves are recorded, then resolved again without one rule's candidates (the
dictionary split by its kinds). A rule's own contribution is what the document's scored set loses without it:
true items (in the gold, the scorer's normalisation) and false ones, net of what its spans had hidden. Rules that
read other rules' candidates (list members, headed lists, elided heads) are measured as they fire on the full set.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import ablation

from ingest.policy.eval import norm
from ingest.policy.extract import industry_grammar as ig
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.industry_grammar import _Cand


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


def collect() -> list[ablation.Record]:
    seen: list[tuple[Doc, list[_Cand]]] = []
    original = ig.not_designations

    def record(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        kept = original(doc, cands)
        seen.append((doc, list(kept)))
        return kept

    ig.not_designations = record  # type: ignore[assignment]
    try:
        return ablation.records("industries", seen, resolve_units, lambda d: d.industries)
    finally:
        ig.not_designations = original  # type: ignore[assignment]


def main() -> None:
    ablation.main(collect, _unit, resolve_units)


if __name__ == "__main__":
    main()

"""How the golds and the extractor treat one construction over every tuning text (issue #21, round x-inds9).

Usage (from the repo root, INNOKG_SHARED=/work/shared for the real texts):

  .venv/bin/python bench/count_constructions.py '(?:发展|壮大)(?P<x>[一-龥]{2,8}?)(?P<h>产业|经济)'
  .venv/bin/python bench/count_constructions.py --kind industries --lines '…'   # and every match in context

The pattern is matched on each tuning document's normalised text (seeds, constructed, dev, dev2a … dev7; never
test, holdout or dev8). Group `x` is the field; group `h`, if any, its head. A match counts as labelled where the
document's gold set of the kind (the scorer's normalisation) holds x + h, x, or a tail of either (the place or
verb a loose pattern takes in front drops out), and as proposed where the extractor's set holds one. Each match is
then right (labelled, proposed), false (proposed only), missed (labelled only) or left (neither): the counts a
rule needs before it is written (three right documents in two splits, fewer false than right).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import ablation

from app.text.normalise import normalise
from ingest.policy.eval import REPO_ROOT, _gold_sets, _pred_sets, gold_paths
from ingest.policy.pipeline import extract_paths

OUTCOMES = ("right", "false", "missed", "left")


def _held(field: str, head: str, pool: set[str]) -> bool:
    """Field + head, the field alone, or a tail of either keeping two characters of the field is in `pool`."""
    tails = {field[i:] + head for i in range(len(field) - 1)} | {field[i:] for i in range(len(field) - 1)}
    return bool(tails & pool)


def outcome(labelled: bool, proposed: bool) -> str:
    """The cell of one match: right, false, missed or left."""
    if proposed:
        return "right" if labelled else "false"
    return "missed" if labelled else "left"


def count(pattern: re.Pattern[str], kind: str, lines: bool) -> dict[str, Counter[tuple[str, str]]]:
    """Per outcome, the matches per (split, document) over every tuning text."""
    cells: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for split, names in ablation.GOLDS.items():
        for name in names:
            path = REPO_ROOT / f"data/gold/{name}_gold.json"
            golds = {g["doc_id"]: _gold_sets(g)[kind] for g in json.loads(path.read_text())["documents"]}
            docs, errors = extract_paths(gold_paths(path))
            if errors:
                raise SystemExit(f"{name}: {errors}")
            for d in docs:
                text, pred = normalise(d.raw_text), _pred_sets(d)[kind]
                for m in pattern.finditer(text):
                    x, h = m.group("x"), m.groupdict().get("h") or ""
                    cell = outcome(_held(x, h, golds.get(d.doc_id, set())), _held(x, h, pred))
                    cells[cell][(split, d.doc_id)] += 1
                    if lines:
                        ctx = text[max(0, m.start() - 10) : m.end() + 8].replace("\n", "⏎")
                        print(f"{name}\t{d.doc_id}\t{cell}\t{x + h}\t{ctx}")
    return cells


def table(cells: dict[str, Counter[tuple[str, str]]]) -> str:
    """A markdown row per outcome: matches, documents, splits and the documents by name."""
    rows = ["| outcome | matches | docs | splits | documents |", "|---|---:|---:|---:|---|"]
    for cell in OUTCOMES:
        c = cells.get(cell, Counter())
        docs = sorted(c)
        named = ", ".join(f"{doc} ×{n}" if n > 1 else doc for (_, doc), n in sorted(c.items()))
        rows.append(f"| {cell} | {sum(c.values())} | {len(docs)} | {len({s for s, _ in docs})} | {named} |")
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pattern", help="a regex with a group named x (the field) and optionally h (its head)")
    ap.add_argument("--kind", default="industries", help="the scored kind whose gold and predicted sets to use")
    ap.add_argument("--lines", action="store_true", help="print every match with its outcome and context")
    args = ap.parse_args()
    pattern = re.compile(args.pattern)
    if "x" not in pattern.groupindex:
        raise SystemExit("the pattern needs a group named x")
    print(table(count(pattern, args.kind, args.lines)))


if __name__ == "__main__":
    main()

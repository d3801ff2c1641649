"""What each entity rule alone contributes, grammar only (issue #21, round x-ents12).

Usage (from the repo root, INNOKG_SHARED=/work/shared for the real texts):

  INNOKG_EXTRACT_MODEL=0 .venv/bin/python bench/ablate_entities.py            # table over every tuning split
  INNOKG_EXTRACT_MODEL=0 .venv/bin/python bench/ablate_entities.py --items    # and the items each rule alone adds

Each tuning document (seeds, constructed, dev, dev2a … dev6; never test, holdout or dev7) is extracted once; every
call to the entity accumulator's `add` is recorded in order, then replayed without one rule's calls (the named
dictionary split by the kind of its entry) and the owners' pass applied again. The check in `collect` makes sure
the full replay gives the document's own entities. A rule's own contribution is what the scored set loses without
it: true items (in the gold, the scorer's normalisation) and false ones, net of what its spans had hidden. Rules
that read the entities found before them (defined short names, coordinated names) are measured as they fire on
the full set.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.policy.eval import REPO_ROOT, _gold_sets, gold_paths, norm
from ingest.policy.extract import entities as en
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

Call = tuple[Any, ...]  # the arguments of one `add`: s, e, kind, rule, conf, typ, known
_ADD, _INIT = en._Entities.add, en._Entities.__init__
Record = tuple[str, str, Any, list[Call], set[str]]  # split, doc id, doc, recorded calls, gold surfaces


def _unit(call: Call) -> str:
    """The ablation unit of a call: its rule, the named dictionary split by the kind of its entry."""
    return f"{call[3]}:{call[2]}" if call[3] == "entity.dict" else str(call[3])


def replay_units(doc: Any, calls: list[Call]) -> dict[str, set[str]]:
    """The entities the calls give (the accumulator's own resolution, then the owners' pass): each kept surface
    with the units whose calls gave it."""
    acc = en._Entities.__new__(en._Entities)
    _INIT(acc, doc)  # the accumulator's own methods, not the recording ones `collect` puts in place
    units: dict[str, set[str]] = defaultdict(set)
    by_span: dict[tuple[int, int], set[str]] = defaultdict(set)
    for c in calls:
        n = len(acc.out)
        _ADD(acc, *c)
        if len(acc.out) > n:
            by_span[acc.out[-1].span].add(_unit(c))
    for x in en._without_owners(doc.text, acc.out):
        units[norm(x.text)] |= by_span[x.span]
    return units


def replay(doc: Any, calls: list[Call]) -> set[str]:
    return set(replay_units(doc, calls))


def collect() -> list[Record]:
    seen: list[tuple[Any, list[Call]]] = []
    original, init = _ADD, _INIT

    def start(self: Any, doc: Any) -> None:  # one accumulator per document
        init(self, doc)
        seen.append((doc, []))
        self.calls = seen[-1][1]

    def record(
        self: Any, s: int, e: int, kind: str, rule: str, conf: float, typ: str | None = None, known: bool = True
    ) -> None:
        self.calls.append((s, e, kind, rule, conf, typ, known))
        original(self, s, e, kind, rule, conf, typ, known)

    en._Entities.__init__ = start  # type: ignore[method-assign]
    en._Entities.add = record  # type: ignore[method-assign]
    out: list[Record] = []
    try:
        for split, names in GOLDS.items():
            for name in names:
                path = REPO_ROOT / f"data/gold/{name}_gold.json"
                golds = {g["doc_id"]: _gold_sets(g)["entities"] for g in json.loads(path.read_text())["documents"]}
                seen.clear()
                docs, errors = extract_paths(gold_paths(path))
                if errors:
                    raise SystemExit(f"{name}: {errors}")
                for d, (doc, calls) in zip(docs, seen, strict=True):
                    if replay(doc, calls) != {norm(x.text) for x in d.entities}:
                        raise SystemExit(f"{d.doc_id}: the ablation's replay differs from find_entities")
                    out.append((split, d.doc_id, doc, calls, golds.get(d.doc_id, set())))
    finally:
        en._Entities.add, en._Entities.__init__ = original, init  # type: ignore[method-assign]
    return out


def _alone(records: list[Record], u: str, items: bool) -> str:
    tp = fp = 0
    docs: set[str] = set()
    splits: set[str] = set()
    lost: dict[str, list[str]] = defaultdict(list)
    for split, doc_id, doc, calls, gold in records:
        if not any(_unit(c) == u for c in calls):
            continue
        full = replay(doc, calls)
        without = replay(doc, [c for c in calls if _unit(c) != u])
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


def ablate(records: list[Record], items: bool) -> None:
    units = sorted({_unit(c) for *_, calls, _ in records for c in calls})
    fired: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)  # unit → (split, doc, right) per surface
    for split, doc_id, doc, calls, gold in records:
        for surface, us in replay_units(doc, calls).items():
            for u in us:
                fired[u].append((split, doc_id, surface in gold))
    print(
        "| rule (unit) | fires: documents | splits | right in: documents | splits | TP | FP "
        "| alone: documents | splits | TP | FP | net |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for u in units:
        f = fired[u]
        f_tp = sum(r for *_, r in f)
        right = {(sp, d) for sp, d, r in f if r}
        head = (
            f"| {u} | {len({d for _, d, _ in f})} | {len({sp for sp, _, _ in f})} | {len(right)} "
            f"| {len({sp for sp, _ in right})} | {f_tp} | {len(f) - f_tp} "
        )
        print(head + _alone(records, u, items), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", action="store_true", help="list the items each rule alone adds, per document")
    args = ap.parse_args()
    if os.environ.get("INNOKG_EXTRACT_MODEL") != "0":
        raise SystemExit("run with INNOKG_EXTRACT_MODEL=0: the ablation measures the grammar alone")
    ablate(collect(), args.items)


if __name__ == "__main__":
    main()

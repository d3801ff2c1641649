"""What each entity rule alone contributes, grammar only (issue #21, round x-ents12).

Usage (from the repo root, INNOKG_SHARED=/work/shared for the real texts):

  INNOKG_EXTRACT_MODEL=0 .venv/bin/python bench/ablate_entities.py            # table over every tuning split
  INNOKG_EXTRACT_MODEL=0 .venv/bin/python bench/ablate_entities.py --items    # and the items each rule alone adds

Each tuning document (seeds, constructed, dev, dev2a … dev7; never test, holdout or dev8) is extracted once; every
call to the entity accumulator's `add` is recorded in order, then replayed without one rule's calls (the named
dictionary split by the kind of its entry) and the owners' pass applied again. The check in `collect` makes sure
the full replay gives the document's own entities. A rule's own contribution is what the scored set loses without
it: true items (in the gold, the scorer's normalisation) and false ones, net of what its spans had hidden. Rules
that read the entities found before them (defined short names, coordinated names) are measured as they fire on
the full set.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import ablation

from ingest.policy.eval import norm
from ingest.policy.extract import entities as en

Call = tuple[Any, ...]  # the arguments of one `add`: s, e, kind, rule, conf, typ, known
_ADD, _INIT = en._Entities.add, en._Entities.__init__


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


def collect() -> list[ablation.Record]:
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
    try:
        return ablation.records("entities", seen, replay_units, lambda d: d.entities)
    finally:
        en._Entities.add, en._Entities.__init__ = original, init  # type: ignore[method-assign]


def main() -> None:
    ablation.main(collect, _unit, replay_units)


if __name__ == "__main__":
    main()

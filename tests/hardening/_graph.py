"""Whole-graph digests for hardening tests: counts by label / type and a hash over every property, so
"the graph did not change" and "two runs built the same graph" are checked exactly, not sampled."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from app.graph.schema import Label
from app.graph.store import GraphStore
from app.services.named import run

# Volatile by design: when a load happened, and where the file lay on disk.
VOLATILE = frozenset({"loaded_at", "path"})
PAGE = 5000


@dataclass(frozen=True)
class Digest:
    nodes: dict[str, int]
    rels: dict[str, int]
    sha256: str

    @property
    def total(self) -> tuple[int, int]:
        return sum(self.nodes.values()), sum(self.rels.values())


def _canon(props: dict[str, Any] | None) -> str:
    kept = {k: v for k, v in (props or {}).items() if k not in VOLATILE}
    return json.dumps(kept, ensure_ascii=False, sort_keys=True, default=str)


def digest(store: GraphStore) -> Digest:
    h = hashlib.sha256()
    lines: list[str] = []
    nodes: Counter[str] = Counter()
    rels: Counter[str] = Counter()
    skip = 0
    while rows := run(store, "export_nodes", skip=skip, limit=PAGE):
        for r in rows:
            nodes[r["label"]] += 1
            lines.append(f"N|{r['id']}|{r['label']}|{_canon(r['props'])}")
        skip += PAGE
    skip = 0
    while rows := run(store, "export_rels", skip=skip, limit=PAGE):
        for r in rows:
            rels[r["type"]] += 1
            lines.append(f"R|{r['source']}|{r['type']}|{r['target']}|{_canon(r['props'])}")
        skip += PAGE
    for line in sorted(lines):  # a multiset: duplicates would change the hash and the counts
        h.update(line.encode())
        h.update(b"\n")
    return Digest(dict(nodes), dict(rels), h.hexdigest())


def duplicate_ids(store: GraphStore) -> list[str]:
    """Node ids held by more than one node (the loader MERGEs on id: there must be none)."""
    seen: Counter[str] = Counter()
    skip = 0
    while rows := run(store, "export_nodes", skip=skip, limit=PAGE):
        seen.update(str(r["id"]) for r in rows)
        skip += PAGE
    return sorted(i for i, n in seen.items() if n > 1)


def documents_not_complete(store: GraphStore) -> list[str]:
    skip = 0
    out: list[str] = []
    while rows := run(store, "export_nodes", skip=skip, limit=PAGE):
        out.extend(
            str(r["id"])
            for r in rows
            if r["label"] == Label.DOCUMENT.value and r["props"].get("load_state") != "complete"
        )
        skip += PAGE
    return out

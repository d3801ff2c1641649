"""Whole-graph digests for hardening tests: counts by label / type and a hash over every property, so
"the graph did not change" and "two runs built the same graph" are checked exactly, not sampled."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from app.model.schema import Label
from app.store.named import run
from app.store.protocol import GraphStore

# Volatile by design: when a load happened, and where the file lay on disk.
VOLATILE = frozenset({"loaded_at", "derived_at", "path"})
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


def digest(store: GraphStore, page: int = PAGE) -> Digest:
    """``page``: rows per export query; every page sorts the whole graph, so large graphs (bench/) pass
    a large page to keep the number of full sorts small."""
    return check(store, page).digest


def duplicate_ids(store: GraphStore) -> list[str]:
    """Node ids held by more than one node (the loader MERGEs on id: there must be none)."""
    seen: Counter[str] = Counter()
    skip = 0
    while rows := run(store, "export_nodes", skip=skip, limit=PAGE):
        seen.update(str(r["id"]) for r in rows)
        skip += PAGE
    return sorted(i for i, n in seen.items() if n > 1)


def _unfinished(row: dict[str, Any]) -> bool:
    """A loaded document not marked complete (documents only cited by a text carry no load state)."""
    props = row["props"]
    return (
        row["label"] == Label.DOCUMENT.value and props.get("kind") != "cited" and props.get("load_state") != "complete"
    )


def documents_not_complete(store: GraphStore) -> list[str]:
    skip = 0
    out: list[str] = []
    while rows := run(store, "export_nodes", skip=skip, limit=PAGE):
        out.extend(str(r["id"]) for r in rows if _unfinished(r))
        skip += PAGE
    return out


@dataclass(frozen=True)
class Check:
    digest: Digest
    duplicate_ids: list[str]
    not_complete: list[str]  # documents whose load_state is not 'complete'


def check(store: GraphStore, page: int = 2_000_000) -> Check:
    """Digest, duplicate ids and unfinished documents in one pass (large graphs: every export page sorts
    the whole graph, so one big page is far cheaper than many small ones)."""
    h = hashlib.sha256()
    lines: list[str] = []
    nodes: Counter[str] = Counter()
    rels: Counter[str] = Counter()
    ids: Counter[str] = Counter()
    loading: list[str] = []
    skip = 0
    while rows := run(store, "export_nodes", skip=skip, limit=page):
        for r in rows:
            nodes[r["label"]] += 1
            ids[str(r["id"])] += 1
            if _unfinished(r):
                loading.append(str(r["id"]))
            lines.append(f"N|{r['id']}|{r['label']}|{_canon(r['props'])}")
        skip += page
    skip = 0
    while rows := run(store, "export_rels", skip=skip, limit=page):
        for r in rows:
            rels[r["type"]] += 1
            lines.append(f"R|{r['source']}|{r['type']}|{r['target']}|{_canon(r['props'])}")
        skip += page
    lines.sort()
    for line in lines:
        h.update(line.encode())
        h.update(b"\n")
    d = Digest(dict(nodes), dict(rels), h.hexdigest())
    return Check(d, sorted(i for i, n in ids.items() if n > 1), loading)

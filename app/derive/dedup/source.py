"""Read what duplicate detection needs from the store, through named queries only (cypher/queries)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.derive.dedup.engine import DedupIndex
from app.derive.dedup.features import Thresholds
from app.derive.dedup.policy import PolicyIndex, build_policy_index
from app.store.protocol import GraphStore, Row
from app.store.queries import query

# Every page re-sorts the platforms after `after` (≈ 2.4 s a page at 1M): few large pages (a 250k page is
# ~150 MB of rows in flight) read 1M in half the time of 50k pages (docs/benchmarks/dedup.md).
PAGE = 250_000


def _run(store: GraphStore, name: str, **params: Any) -> list[Row]:
    q = query(name, store.backend)
    return store.read(q.text, {p: params.get(p) for p in q.params})


def platform_rows(store: GraphStore, *, region: str | None = None, page: int = PAGE) -> Iterator[Row]:
    """Every platform, in pages keyed on id (no SKIP: each page starts where the last one ended)."""
    after = ""
    while True:
        rows = _run(store, "dedup_platforms", after=after, limit=page, region=region)
        yield from rows
        if len(rows) < page:
            return
        after = str(rows[-1]["id"])


def policy_index(store: GraphStore) -> PolicyIndex:
    return build_policy_index(_run(store, "dedup_transitions"), _run(store, "dedup_policy_texts"))


def fingerprint(store: GraphStore) -> tuple[Any, ...]:
    rows = _run(store, "dedup_fingerprint")
    r = rows[0] if rows else {}
    return (r.get("platforms"), r.get("documents"), r.get("loaded"))


def pending_rows(store: GraphStore, types: list[str], region: str | None) -> list[Row]:
    return _run(store, "dedup_pending", types=types, region=region)


def load_index(store: GraphStore, *, region: str | None = None, thresholds: Thresholds | None = None) -> DedupIndex:
    return DedupIndex.build(platform_rows(store, region=region), policy_index(store), thresholds)

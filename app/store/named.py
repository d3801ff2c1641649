"""Run a named query (cypher/queries/NAME.cypher) with every declared parameter bound (None when unused)."""

from __future__ import annotations

from typing import Any

from app.store.protocol import GraphStore, Row
from app.store.queries import query


def run(store: GraphStore, name: str, timeout_ms: int | None = None, **params: Any) -> list[Row]:
    nq = query(name, store.backend)
    unknown = set(params) - set(nq.params)
    if unknown:
        raise KeyError(f"named query {name!r} takes no parameter(s) {sorted(unknown)}")
    bound = {p: params.get(p) for p in nq.params}
    return store.read(nq.text, bound, timeout_ms=timeout_ms)

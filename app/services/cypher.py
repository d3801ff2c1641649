"""Read-only Cypher for POST /cypher and the console: the engine enforces read-only (FalkorDB
GRAPH.RO_QUERY, Neo4j READ access mode — see GraphStore.read); we add the row cap and the timeout."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from app.store.protocol import GraphStore, Row


class CypherResult(BaseModel):
    columns: list[str]
    rows: list[Row]
    row_count: int  # rows returned here
    truncated: bool  # the query produced more than the row limit


def run_readonly(
    store: GraphStore, text: str, params: dict[str, Any] | None, *, row_limit: int, timeout_ms: int
) -> CypherResult:
    rows = store.read(text, params or {}, timeout_ms=timeout_ms)
    kept = rows[:row_limit]
    columns = list(rows[0].keys()) if rows else []
    return CypherResult(columns=columns, rows=kept, row_count=len(kept), truncated=len(rows) > row_limit)

"""Read-only Cypher for POST /cypher and the console: the engine enforces read-only (FalkorDB
GRAPH.RO_QUERY, Neo4j READ access mode — see GraphStore.read). Before the engine sees a query, the guard
(app/services/cypher_guard.py) refuses what would stall its parser or exhaust its memory; the row cap
goes into the query as a LIMIT, so the engine never builds more rows than are returned, and the
timeout travels with the query."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from app.services.cypher_guard import QueryLimits, check_query, with_row_cap
from app.settings import Settings
from app.store.protocol import GraphStore, Row


class CypherResult(BaseModel):
    columns: list[str]
    rows: list[Row]
    row_count: int  # rows returned here
    truncated: bool  # the query produced more than the row limit


def limits_from(settings: Settings) -> QueryLimits:
    return QueryLimits(
        max_chars=settings.cypher_max_chars,
        max_depth=settings.cypher_max_depth,
        max_literal_items=settings.cypher_max_literal_items,
        max_range=settings.cypher_max_range,
        max_param_bytes=settings.cypher_max_param_bytes,
    )


def run_readonly(
    store: GraphStore,
    text: str,
    params: dict[str, Any] | None,
    *,
    row_limit: int,
    timeout_ms: int,
    limits: QueryLimits | None = None,
) -> CypherResult:
    check_query(text, params, limits or QueryLimits())
    rows = store.read(with_row_cap(text, row_limit + 1), params or {}, timeout_ms=timeout_ms)
    kept = rows[:row_limit]
    columns = list(rows[0].keys()) if rows else []
    return CypherResult(columns=columns, rows=kept, row_count=len(kept), truncated=len(rows) > row_limit)

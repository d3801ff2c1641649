"""Open the store a URL names: the one place that knows which engine class serves which URL."""

from __future__ import annotations

from typing import Any

from app.store.protocol import DEFAULT_GRAPH, DEFAULT_STORE_URL, GraphStore, parse_store_url


def open_store(url: str = DEFAULT_STORE_URL, *, graph: str = DEFAULT_GRAPH, **options: Any) -> GraphStore:
    """Open the store a URL names. Options: neo4j ``user``, ``password``, ``database``."""
    kind, target = parse_store_url(url)
    if kind == "falkordb":
        from app.store.falkordb.store import FalkorStore

        return FalkorStore(target, graph=graph)
    from app.store.neo4j.store import Neo4jStore

    return Neo4jStore(
        target,
        user=options.get("user") or "neo4j",
        password=options.get("password") or "",
        database=options.get("database") or "neo4j",
    )

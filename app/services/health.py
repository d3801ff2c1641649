from __future__ import annotations

from app.graph.loader import counts_by_label
from app.graph.store import GraphStore, Health


def health(store: GraphStore) -> Health:
    return store.health()


def counts(store: GraphStore) -> dict[str, int]:
    return counts_by_label(store)

from __future__ import annotations

from app.store.loader import counts_by_label
from app.store.protocol import GraphStore, Health


def health(store: GraphStore) -> Health:
    return store.health()


def counts(store: GraphStore) -> dict[str, int]:
    return counts_by_label(store)

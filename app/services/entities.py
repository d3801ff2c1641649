"""Any node by id: properties, neighbours grouped by relationship type, evidence, lab clusters."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from app.services import cache
from app.store.named import run
from app.store.protocol import GraphStore

HIDDEN_PROPS = ("search_text", "raw_text")  # index plumbing and whole texts: not entity facts


class Neighbour(BaseModel):
    id: str | None
    label: str | None
    name: str | None
    direction: str  # "out" | "in"
    props: dict[str, Any]


class EvidenceRef(BaseModel):
    id: str
    document: str | None
    title: str | None
    start: int | None
    end: int | None
    row: int | None
    quote: str | None
    rule: str | None
    confidence: float | None


class Entity(BaseModel):
    id: str
    label: str
    props: dict[str, Any]
    neighbours: dict[str, list[Neighbour]]
    neighbours_truncated: bool
    evidence: list[EvidenceRef]


class ClusterLink(BaseModel):
    cluster_id: str
    cluster_name: str | None
    rel: str
    role: str | None
    path: str  # direct | hosted_platform | co_built_platform
    via_id: str | None
    via_name: str | None


def get_entity(store: GraphStore, node_id: str, *, limit: int = 500, evidence_limit: int = 100) -> Entity | None:
    key = (node_id, limit, evidence_limit)
    return cache.answer(store, "entity", key, lambda: _get_entity(store, node_id, limit, evidence_limit))


def _get_entity(store: GraphStore, node_id: str, limit: int, evidence_limit: int) -> Entity | None:
    """One read (entity_get): the node, its first limit + 1 relationships (the extra one tells that the list
    was cut) and its evidence."""
    rows = run(store, "entity_get", id=node_id, limit=limit + 1, evidence_limit=evidence_limit)
    if not rows:
        return None
    props = {k: v for k, v in rows[0]["props"].items() if k not in HIDDEN_PROPS}
    nb_rows = rows[0]["neighbours"] or []
    grouped: dict[str, list[Neighbour]] = {}
    for r in nb_rows[:limit]:
        rel_props = {k: v for k, v in (r["props"] or {}).items() if k != "key" or v}
        grouped.setdefault(r["type"], []).append(
            Neighbour(id=r["id"], label=r["label"], name=r["name"], direction=r["direction"], props=rel_props)
        )
    ev = [EvidenceRef(**r) for r in rows[0]["evidence"] or []]
    return Entity(
        id=node_id,
        label=rows[0]["label"],
        props=props,
        neighbours=grouped,
        neighbours_truncated=len(nb_rows) > limit,
        evidence=ev,
    )


def entity_clusters(store: GraphStore, node_id: str) -> list[ClusterLink] | None:
    """The lab clusters a node belongs to (the ``entity_clusters`` query's rows), None when no node has this
    id: one read (``entity_clusters_of``), where a node in no cluster took a second read to tell it from an
    unknown id."""

    def compute() -> list[ClusterLink] | None:
        rows = run(store, "entity_clusters_of", id=node_id)
        return [ClusterLink(**r) for r in rows[0]["clusters"]] if rows else None

    return cache.answer(store, "entity_clusters_of", node_id, compute)

"""Lab clusters (实验室群): list, members by role and kind, overlap between two clusters."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from app.services import cache
from app.services.scope import check_choice
from app.store.named import run
from app.store.protocol import GraphStore
from ingest.resolve.resolver import INSTITUTION_KINDS

# What ?kind= may say: a member's kind, a node label, and the words the docs and analysts use for them.
MEMBER_KINDS: tuple[str, ...] = ("platform", "person", *INSTITUTION_KINDS, "Platform", "Person", "Institution")
KIND_ALIASES = {"enterprise": "company", "finance": "financial", "organisation": "Institution"}


class ClusterSummary(BaseModel):
    id: str
    name: str | None
    region: str | None
    members: int
    leads: list[dict[str, Any]]
    directors: list[dict[str, Any]]
    serves: list[dict[str, Any]]


class ClusterPage(BaseModel):
    total: int
    skip: int
    limit: int
    items: list[ClusterSummary]


class Member(BaseModel):
    id: str
    label: str
    kind: str  # platform | person | the institution's kind (university, enterprise, institute, service …)
    name: str | None
    role: str | None
    type: str | None = None
    level: str | None = None


class MemberPage(BaseModel):
    cluster_id: str
    total: int
    skip: int
    limit: int
    items: list[Member]


class SharedMember(BaseModel):
    id: str
    label: str
    name: str | None
    path: str  # direct | via_platforms
    roles_a: list[str | None]  # direct: roles in cluster a; via_platforms: the platforms in cluster a
    roles_b: list[str | None]


class Overlap(BaseModel):
    a: str
    b: str
    shared: list[SharedMember]


def list_clusters(store: GraphStore, skip: int = 0, limit: int = 50) -> ClusterPage:
    rows = run(store, "clusters_list", skip=skip, limit=limit)
    total = int(rows[0]["total"]) if rows else int(run(store, "clusters_count")[0]["total"])
    items = [ClusterSummary(**{k: v for k, v in r.items() if k != "total"}) for r in rows]
    return ClusterPage(total=total, skip=skip, limit=limit, items=items)


def cluster_exists(store: GraphStore, cluster_id: str) -> bool:
    rows = cache.answer(store, "entity_node", cluster_id, lambda: run(store, "entity_node", id=cluster_id))
    return bool(rows) and rows[0]["label"] == "LabCluster"


def members(
    store: GraphStore,
    cluster_id: str,
    *,
    role: str | None = None,
    kind: str | None = None,
    skip: int = 0,
    limit: int = 100,
) -> MemberPage:
    kind = check_choice("kind", kind, MEMBER_KINDS, KIND_ALIASES)
    key = (cluster_id, role, kind, skip, limit)
    return cache.answer(store, "cluster_members", key, lambda: _members(store, cluster_id, role, kind, skip, limit))


def _members(
    store: GraphStore, cluster_id: str, role: str | None, kind: str | None, skip: int, limit: int
) -> MemberPage:
    rows = run(store, "cluster_members", id=cluster_id, role=role, kind=kind, skip=skip, limit=limit)
    total = int(rows[0]["total"]) if rows else 0
    items = [Member(**m) for m in (rows[0]["items"] if rows else [])]
    return MemberPage(cluster_id=cluster_id, total=total, skip=skip, limit=limit, items=items)


def overlap(store: GraphStore, a: str, b: str) -> Overlap:
    return Overlap(a=a, b=b, shared=[SharedMember(**r) for r in run(store, "cluster_overlap", a=a, b=b)])

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Response

from app.api.cached import json_answer
from app.api.deps import get_store
from app.services import clusters as service
from app.store.protocol import GraphStore

router = APIRouter(tags=["clusters"])


@router.get("/clusters", response_model=service.ClusterPage, summary="Lab clusters with counts, lead, director")
def clusters(
    store: Annotated[GraphStore, Depends(get_store)],
    skip: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> service.ClusterPage:
    return service.list_clusters(store, skip=skip, limit=limit)


@router.get("/clusters/{cluster_id}/members", response_model=service.MemberPage, summary="Members with role")
async def members(
    cluster_id: str,
    store: Annotated[GraphStore, Depends(get_store)],
    role: Annotated[str | None, Query(description="e.g. 成员单位, 牵头平台, 服务机构, 群主任")] = None,
    kind: Annotated[
        str | None, Query(description="platform | person | an institution kind (university, enterprise …) | a label")
    ] = None,
    skip: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Response:
    def compute() -> service.MemberPage:
        page = service.members(store, cluster_id, role=role, kind=kind, skip=skip, limit=limit)
        if page.total == 0 and not service.cluster_exists(store, cluster_id):
            raise HTTPException(404, f"no lab cluster with id {cluster_id!r}")
        return page

    return await json_answer(store, "cluster_members", (cluster_id, role, kind, skip, limit), compute)


@router.get("/clusters/{a}/overlap/{b}", response_model=service.Overlap, summary="Members two clusters share")
def overlap(a: str, b: str, store: Annotated[GraphStore, Depends(get_store)]) -> service.Overlap:
    for cid in (a, b):
        if not service.cluster_exists(store, cid):
            raise HTTPException(404, f"no lab cluster with id {cid!r}")
    return service.overlap(store, a, b)

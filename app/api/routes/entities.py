from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Response

from app.api.cached import json_answer
from app.api.deps import get_store
from app.services import entities as service
from app.store.protocol import GraphStore

router = APIRouter(tags=["entities"])


@router.get("/entities/{node_id}", response_model=service.Entity, summary="Any node: properties, neighbours, evidence")
async def entity(
    node_id: str,
    store: Annotated[GraphStore, Depends(get_store)],
    limit: Annotated[int, Query(ge=1, le=5000, description="Most neighbours returned")] = 500,
) -> Response:
    def compute() -> service.Entity:
        found = service.get_entity(store, node_id, limit=limit)
        if found is None:
            raise HTTPException(404, f"no entity with id {node_id!r}")
        return found

    return await json_answer(store, "entity", (node_id, limit), compute)


class EntityClustersOut(service.BaseModel):
    id: str
    clusters: list[service.ClusterLink]


@router.get(
    "/entities/{node_id}/clusters",
    response_model=EntityClustersOut,
    summary="Lab clusters a platform/institution/person belongs to, directly or via hosted platforms",
)
async def entity_clusters(node_id: str, store: Annotated[GraphStore, Depends(get_store)]) -> Response:
    def compute() -> EntityClustersOut:
        links = service.entity_clusters(store, node_id)
        if links is None:
            raise HTTPException(404, f"no entity with id {node_id!r}")
        return EntityClustersOut(id=node_id, clusters=links)

    return await json_answer(store, "entity_clusters", node_id, compute)

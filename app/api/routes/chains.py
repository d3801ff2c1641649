from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Response

from app.api.deps import get_store
from app.services import chains as service
from app.store.protocol import GraphStore

router = APIRouter(tags=["industrial chains"])


@router.get("/chains", response_model=list[service.ChainSummary], summary="Chains/clusters with declared coverage")
def chains(
    store: Annotated[GraphStore, Depends(get_store)],
    few: Annotated[int, Query(ge=0, description="gap = at most this many declared platforms")] = 0,
) -> list[service.ChainSummary]:
    return service.list_chains(store, few=few)


@router.get(
    "/chains/{chain_id}/coverage",
    response_model=service.ChainCoverage,
    summary="Platforms (declared and inferred) and lab clusters serving a chain or industrial cluster",
)
def coverage(
    chain_id: str,
    store: Annotated[GraphStore, Depends(get_store)],
    min_score: Annotated[float, Query(ge=0.0, le=1.0)] = service.DEFAULT_MIN_SCORE,
    per_group: Annotated[int, Query(ge=0, le=500)] = 20,
) -> Response:
    found = service.coverage_json(store, chain_id, min_score=min_score, per_group=per_group)
    if found is None:
        raise HTTPException(404, f"no industrial chain or cluster with id {chain_id!r}")
    return Response(found, media_type="application/json")  # JSON made once per answer (docs/benchmarks/api.md)

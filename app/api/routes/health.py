from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from app.api.deps import get_store
from app.services import health as service
from app.store.protocol import GraphStore, StoreUnavailable

router = APIRouter(tags=["health"])


class HealthOut(BaseModel):
    status: str
    backend: str
    store: str
    server_version: str | None
    counts: dict[str, int]


@router.get("/health", response_model=HealthOut, summary="Store reachable, and node counts by label")
def health(store: Annotated[GraphStore, Depends(get_store)]) -> HealthOut:
    report = service.health(store)
    if not report.ok:
        raise StoreUnavailable(report.detail or "the graph store does not answer")
    return HealthOut(
        status="ok",
        backend=report.backend,
        store=report.url,
        server_version=report.server_version,
        counts=service.counts(store),
    )

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from app.api.deps import get_settings_dep, get_store
from app.services import cypher as service
from app.settings import Settings
from app.store.protocol import GraphStore

router = APIRouter(tags=["cypher"])


class CypherIn(BaseModel):
    query: str = Field(min_length=1, max_length=20_000)
    params: dict[str, Any] = Field(default_factory=dict)
    limit: int | None = Field(default=None, ge=1, description="Row cap (never above the server's)")


@router.post(
    "/cypher",
    response_model=service.CypherResult,
    summary="Run read-only Cypher (engine-enforced) with a row cap and a timeout",
)
def cypher(
    body: CypherIn,
    store: Annotated[GraphStore, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings_dep)],
) -> service.CypherResult:
    cap = min(body.limit or settings.cypher_row_limit, settings.cypher_row_limit)
    return service.run_readonly(
        store,
        body.query,
        body.params,
        row_limit=cap,
        timeout_ms=settings.cypher_timeout_ms,
        limits=service.limits_from(settings),
    )

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.api.deps import get_store
from app.services import taxonomy as service
from app.store.protocol import GraphStore

router = APIRouter(tags=["taxonomy"])


@router.get(
    "/platform-types",
    response_model=list[service.CategoryEntry],
    summary="Category → type → level; legacy types and what they became",
)
def platform_types(
    store: Annotated[GraphStore, Depends(get_store)],
    region: Annotated[str | None, Query(description="Only transitions stated for this region")] = None,
) -> list[service.CategoryEntry]:
    return service.platform_types(store, region=region)

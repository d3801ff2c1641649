from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.api.deps import get_store
from app.services import targets as service
from app.store.protocol import GraphStore

router = APIRouter(tags=["targets"])


@router.get("/targets", response_model=list[service.TargetVsActual], summary="Policy targets vs platforms, with gap")
def targets(
    store: Annotated[GraphStore, Depends(get_store)],
    region: Annotated[str | None, Query(description="Province or city, any common form: 辽宁省, 辽宁, 沈阳")] = None,
    type: Annotated[str | None, Query(description="Canonical platform type, e.g. 重点实验室")] = None,
    year: Annotated[int | None, Query(ge=1949, le=2100)] = None,
    kind: Annotated[
        str | None, Query(description="goal | statistic, or a fine kind (total, increment, stat_total …)")
    ] = None,
) -> list[service.TargetVsActual]:
    return service.targets_vs_actual(store, region=region, type_=type, year=year, kind=kind)

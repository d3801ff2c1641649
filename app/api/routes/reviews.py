"""Duplicate review decisions (issue 20): thin wrappers over app.services.reviews.

Recording needs the write API key, exactly as POST /ingest does; listing and export are reads."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from app.api.deps import get_store
from app.api.security import WRITE_RESPONSES, ApiProblem, require_write
from app.services import reviews as service
from app.store.protocol import GraphStore

router = APIRouter(tags=["duplicates"])
Store = Annotated[GraphStore, Depends(get_store)]


@router.post(
    "/duplicates/decisions",
    response_model=service.DecisionOut,
    status_code=201,
    summary="Record a reviewer's decision on a duplicate pair, in the graph (needs the API key)",
    dependencies=[Depends(require_write)],
    responses={**WRITE_RESPONSES, 422: {"description": "Invalid decision, or a platform the graph lacks"}},
)
def record(request: Request, store: Store, decision: service.DecisionIn) -> service.DecisionOut:
    try:
        return service.record(store, decision, client=request.client.host if request.client else None)
    except (service.UnknownPlatform, ValueError) as exc:
        raise ApiProblem(422, "Invalid decision", str(exc)) from exc


@router.get(
    "/duplicates/decisions",
    response_model=service.DecisionPage,
    summary="Reviewer decisions on duplicate pairs, newest first",
)
def decisions(
    store: Store,
    pair: Annotated[list[str] | None, Query(max_length=500, description="pair keys `a|b` (ids sorted)")] = None,
    latest: bool = False,
    skip: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> service.DecisionPage:
    return service.list_decisions(store, pairs=pair, latest=latest, skip=skip, limit=limit)


@router.get(
    "/duplicates/decisions/export",
    summary="Every decision, oldest first, as CSV or JSON (to recalibrate the scorer)",
    responses={200: {"content": {"text/csv": {}, "application/json": {}}}},
)
def export(store: Store, format: Literal["csv", "json"] = "csv") -> Response:
    body = service.export(store, format)
    media = "text/csv; charset=utf-8" if format == "csv" else "application/json"
    name = f"duplicate-decisions.{format}"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})

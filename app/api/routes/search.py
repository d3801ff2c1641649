from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from app.api.cached import json_answer
from app.api.deps import get_settings_dep, get_store
from app.services import search as service
from app.services.search import SEARCHABLE
from app.settings import Settings
from app.store.protocol import GraphStore

router = APIRouter(tags=["search"])
KINDS = [lb.value for lb in SEARCHABLE]


class SearchOut(service.SearchPage):
    q: str
    skip: int
    limit: int


@router.get("/search", response_model=SearchOut, summary="Entities by Chinese name, short form or field terms")
async def search(
    store: Annotated[GraphStore, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings_dep)],
    q: Annotated[str, Query(min_length=1, max_length=100, description="Chinese name, short form or field words")],
    kind: Annotated[
        list[str] | None,
        Query(
            description=f"Restrict to labels: {', '.join(KINDS)}",
            # The spec names the labels the route accepts (it answers 422 to others).
            json_schema_extra={"anyOf": [{"type": "array", "items": {"enum": KINDS}}, {"type": "null"}]},
        ),
    ] = None,
    skip: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> Response:
    # Kept as JSON until a load changes the store (app/api/cached.py), like the lookups: a repeated query is
    # answered on the event loop, a new one with one thread hop and the model's own serialiser — the sync
    # route paid two hops and FastAPI validated the answer again (docs/benchmarks/api.md, session 13).
    def compute() -> SearchOut:
        page = service.search(store, q, kinds=kind, skip=skip, limit=limit, timeout_ms=settings.cypher_timeout_ms)
        return SearchOut(q=q, skip=skip, limit=limit, total=page.total, total_exact=page.total_exact, items=page.items)

    return await json_answer(store, "search", (q, tuple(kind) if kind else None, skip, limit), compute)

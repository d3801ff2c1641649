from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from starlette.concurrency import run_in_threadpool

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
    # Async with one thread hop for the store read and the JSON made once by the model's own serialiser: a
    # sync route returning the model paid a hop for the route, and FastAPI validated the answer again before
    # serialising it (docs/benchmarks/api.md, session 13). response_model keeps the spec as it was.
    def answer() -> bytes:
        page = service.search(store, q, kinds=kind, skip=skip, limit=limit, timeout_ms=settings.cypher_timeout_ms)
        out = SearchOut(q=q, skip=skip, limit=limit, total=page.total, total_exact=page.total_exact, items=page.items)
        return out.model_dump_json().encode()

    return Response(await run_in_threadpool(answer), media_type="application/json")

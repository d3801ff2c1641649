"""The FastAPI application factory. Routes are thin: they parse, call a service, shape the answer."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.api import errors
from app.api.limits import BodyLimit
from app.api.routes import chains, clusters, cypher, documents, entities, health, search, targets, taxonomy
from app.api.routes import duplicates as duplicates_routes
from app.settings import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store = getattr(app.state, "store", None)
        if store is not None:
            store.close()

    app = FastAPI(
        title="InnoKG",
        summary="A knowledge graph of China's S&T innovation platforms, with provenance for every fact.",
        version="0.1.0",
        lifespan=lifespan,
        # Every error is problem+json (app/api/errors.py); documented so clients and spec checks know them.
        responses={
            400: {"description": "Query rejected by the graph store (application/problem+json)"},
            404: {"description": "Not found (application/problem+json)"},
            413: {"description": "Request body too large (application/problem+json)"},
            503: {"description": "Graph store unavailable (application/problem+json)"},
            504: {"description": "Query timed out (application/problem+json)"},
        },
    )
    app.state.settings = settings or get_settings()
    errors.install(app)
    app.add_middleware(BodyLimit, max_bytes=app.state.settings.max_request_bytes)
    app.include_router(health.router)
    for router in (search, entities, clusters, chains, targets, taxonomy, documents, cypher):
        app.include_router(router.router)
    app.include_router(duplicates_routes.router)
    return app

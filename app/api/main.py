"""The FastAPI application factory. Routes are thin: they parse, call a service, shape the answer."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse

from app.api import errors
from app.api.limits import BodyLimit, HeavyGate
from app.api.routes import apidocs, chains, clusters, cypher, documents, entities, health, search, targets, taxonomy
from app.api.routes import duplicates as duplicates_routes
from app.api.routes import ingest as ingest_routes
from app.api.routes import reviews as reviews_routes
from app.api.routes import ui as ui_routes
from app.api.security import READ_RESPONSES, ApiProblem, require_read
from app.api.timing import ServerTiming
from app.settings import Settings, get_settings

log = logging.getLogger("innokg.api")
# Paths whose queries can run for seconds: bounded in how many run at once (app/api/limits.py HeavyGate).
HEAVY_PATHS = ("/cypher", "/duplicates", "/duplicates/screen", "/transitions/")


def _warm(app: FastAPI) -> None:
    """Bring the store's schema up to this version, then warm what the first requests would otherwise pay
    for: the store's pages, indexes and plans (app.services.warm) and every chain's coverage answer
    (docs/benchmarks/api.md). The schema statements are idempotent;
    a store written by an older version gains the indexes newer queries call by name (Neo4j's search_name).
    Best effort: a store that is down answers 503 later; a read-only account keeps its schema."""
    from app.api.deps import app_store
    from app.services import chains, warm

    try:
        store = app_store(app.state)
        try:
            store.apply_schema()
        except Exception as exc:  # e.g. a read-only Neo4j user: search then names the missing index
            log.warning("schema not brought up to date: %s", exc)
        try:
            warm.warm(store)  # page cache, index readers and plans (a restarted Neo4j is cold)
        except Exception as exc:  # a scan past the read timeout …: the coverage warm-up still runs
            log.info("store warm-up stopped: %s", exc)
        chains.warm(store, chains.fingerprint(store), background=False)
        log.info("caches warmed (store read, each serving statement once, coverage of every chain)")
    except Exception as exc:  # any failure just leaves the caches cold
        log.info("cache warm-up skipped: %s", exc)


def create_app(settings: Settings | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Sync routes run in anyio's thread pool: its size per process (INNOKG_THREADS, docs/benchmarks/api.md).
        anyio.to_thread.current_default_thread_limiter().total_tokens = app.state.settings.threads
        if app.state.settings.warm_on_start:
            threading.Thread(target=_warm, args=(app,), name="api-warm-up", daemon=True).start()
        yield
        store = getattr(app.state, "store", None)
        if store is not None:
            store.close()

    app = FastAPI(
        title="InnoKG",
        summary="A knowledge graph of China's S&T innovation platforms, with provenance for every fact.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # /docs and /redoc with local assets: app/api/routes/apidocs.py
        redoc_url=None,
        # Every error is problem+json (app/api/errors.py); documented so clients and spec checks know them.
        responses=errors.ERROR_RESPONSES,
    )
    app.state.settings = s = settings or get_settings()
    errors.install(app)

    @app.exception_handler(ApiProblem)
    async def _api_problem(request: Request, exc: ApiProblem) -> JSONResponse:
        response = errors.problem(exc.status, exc.title, exc.detail, request)
        response.headers.update(exc.headers)
        return response

    app.add_middleware(
        HeavyGate,
        prefixes=HEAVY_PATHS,
        overall=s.heavy_concurrency,
        per_client=s.heavy_per_client,
        wait_s=s.heavy_wait_s,
        retry_after_s=s.retry_after_s,
    )
    app.add_middleware(
        BodyLimit,
        max_bytes=s.max_request_bytes,
        uploads={"/ingest": (s.max_upload_bytes, "INNOKG_MAX_UPLOAD_MB")},
    )
    app.add_middleware(ServerTiming)  # outermost: its figure covers the gate's wait too
    apidocs.install(app)  # open like the spec: the docs pages work offline
    app.include_router(health.router)  # always open: load balancers and `innokg status` probe it
    # Reads are guarded only when configured (decided at start, so the spec shows security only then).
    guarded = s.reads_protected
    read_deps = [Depends(require_read)] if guarded else []
    read_responses = READ_RESPONSES if guarded else None
    routers = (search, entities, clusters, chains, targets, taxonomy, documents, cypher, duplicates_routes)
    for router in routers:
        app.include_router(router.router, dependencies=read_deps, responses=read_responses)
    app.include_router(ingest_routes.router)
    # GET /duplicates/decisions is a read; its POST carries require_write itself (as /ingest does).
    app.include_router(reviews_routes.router, dependencies=read_deps, responses=read_responses)
    app.include_router(ui_routes.router)  # static web app: the page is public, its API calls are not
    errors.document(app)
    return app

"""FastAPI dependencies: the store (opened once per process, lazily, so that the API starts and
answers 503 while the store is down, and recovers when it is back) and settings."""

from __future__ import annotations

import threading
from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from app.settings import Settings, store_from_settings
from app.store.protocol import GraphStore, StoreError, StoreUnavailable, redacted_url

_lock = threading.Lock()


async def get_settings_dep(request: Request) -> Settings:
    """Async: a sync dependency costs a thread-pool hop per request (docs/benchmarks/api.md, session 13)."""
    settings: Settings = request.app.state.settings
    return settings


async def get_store(request: Request) -> GraphStore:
    """Async so that it costs no thread-pool hop per request (docs/benchmarks/api.md "Serving"); the first
    use opens the store in the pool, not on the event loop."""
    store: GraphStore | None = getattr(request.app.state, "store", None)
    if store is not None:
        return store
    return await run_in_threadpool(app_store, request.app.state)


def app_store(state: Any) -> GraphStore:
    """The app's one store, opened on first use (a request, or the start-up warm-up)."""
    store: GraphStore | None = getattr(state, "store", None)
    if store is not None:
        return store
    with _lock:
        if getattr(state, "store", None) is None:
            try:
                opened_now = store_from_settings(state.settings)
                supervise = getattr(opened_now, "supervise", None)  # embedded engines restart a dead server
                if callable(supervise):
                    supervise()
                state.store = opened_now
            except StoreError:
                raise
            except Exception as exc:  # engine missing, server failed to start, bad URL
                raise StoreUnavailable(
                    f"cannot open the graph store {redacted_url(state.settings.store)}: {exc}"
                ) from exc
    opened: GraphStore = state.store
    return opened

"""Hot read routes answered from serialised JSON kept in app/services/cache.py (docs/benchmarks/api.md).

A hit is served on the event loop with no thread-pool hop, no response-model validation and no
serialisation: the bytes were made once, when the answer was computed. A miss (or a due fingerprint
check) runs the route's sync body in the thread pool as FastAPI would, and keeps its JSON. Errors the
body raises (404 …) are not cached.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from app.services import cache
from app.store.protocol import GraphStore


async def json_answer(store: GraphStore, family: str, key: Hashable, compute: Callable[[], BaseModel]) -> Response:
    """``compute()``'s model as a JSON response, serialised once per store fingerprint."""
    body = cache.peek(store, "json:" + family, key)
    if body is None:

        def serialised() -> bytes:
            return cache.answer(store, "json:" + family, key, lambda: compute().model_dump_json().encode())

        body = await run_in_threadpool(serialised)
    return Response(body, media_type="application/json")

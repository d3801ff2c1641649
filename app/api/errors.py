"""One error model for every route: RFC 9457 problem details (application/problem+json)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.services.scope import InvalidFilter
from app.store.protocol import StoreError, StoreTimeout, StoreUnavailable

PROBLEM = "application/problem+json"


class Problem(BaseModel):
    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[dict[str, Any]] | None = None


def problem(status: int, title: str, detail: str | None, request: Request, **extra: Any) -> JSONResponse:
    body = Problem(title=title, status=status, detail=detail, instance=str(request.url.path), **extra)
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, media_type=PROBLEM)


def install(app: FastAPI) -> None:
    @app.exception_handler(InvalidFilter)
    async def _filter(request: Request, exc: InvalidFilter) -> JSONResponse:
        error: dict[str, Any] = {"loc": ["query", exc.param], "msg": str(exc), "type": "value_error"}
        if exc.allowed is not None:
            error["allowed"] = exc.allowed
        if exc.nearest is not None:
            error["nearest"] = exc.nearest
        return problem(422, "Invalid filter", str(exc), request, errors=[error])

    @app.exception_handler(StoreUnavailable)
    async def _unavailable(request: Request, exc: StoreUnavailable) -> JSONResponse:
        return problem(503, "Graph store unavailable", str(exc), request)

    @app.exception_handler(StoreTimeout)
    async def _timeout(request: Request, exc: StoreTimeout) -> JSONResponse:
        return problem(504, "Query timed out", str(exc), request)

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> JSONResponse:
        return problem(400, "Query rejected by the graph store", str(exc), request)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        title = {404: "Not found", 401: "Unauthorized", 413: "Request too large"}.get(exc.status_code, "Error")
        return problem(exc.status_code, title, str(exc.detail), request)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        return problem(422, "Invalid request", "the request does not match the API", request, errors=errors)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return problem(500, "Internal error", type(exc).__name__, request)

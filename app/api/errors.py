"""One error model for every route: RFC 9457 problem details (application/problem+json)."""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.services.cypher_guard import QueryRejected
from app.services.scope import InvalidFilter
from app.store.protocol import StoreError, StoreTimeout, StoreUnavailable

PROBLEM = "application/problem+json"
RETRY_AFTER_UNAVAILABLE_S = 5  # the embedded server restarts within seconds (app/store/falkordb/server.py)


class Problem(BaseModel):
    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[dict[str, Any]] | None = None
    limit: str | None = None  # the limit (its environment variable) a refused request broke


# Every error answer, as OpenAPI documents it (schemathesis checks the content type and the schema).
def problem_response(description: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "description": description,
        "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    if headers:
        entry["headers"] = {name: {"description": text, "schema": {"type": "string"}} for name, text in headers.items()}
    return entry


RETRY = {"Retry-After": "Seconds after which to try again"}
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: problem_response("Query refused by a limit or by the graph store"),
    404: problem_response("Not found"),
    405: problem_response("Method not allowed", {"Allow": "The methods this path allows"}),
    413: problem_response("Request body too large"),
    422: problem_response("Invalid request"),
    429: problem_response("Too many heavy requests at once", RETRY),
    503: problem_response("Graph store unavailable (restarting, or down)", RETRY),
    504: problem_response("Query timed out"),
}


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
        response = problem(503, "Graph store unavailable", str(exc), request)
        response.headers["Retry-After"] = str(RETRY_AFTER_UNAVAILABLE_S)
        return response

    @app.exception_handler(QueryRejected)
    async def _rejected(request: Request, exc: QueryRejected) -> JSONResponse:
        return problem(400, "Query refused by a limit", str(exc), request, limit=exc.limit)

    @app.exception_handler(StoreTimeout)
    async def _timeout(request: Request, exc: StoreTimeout) -> JSONResponse:
        return problem(504, "Query timed out", str(exc), request, limit="INNOKG_CYPHER_TIMEOUT_MS")

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> JSONResponse:
        return problem(400, "Query rejected by the graph store", str(exc), request)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        title = {404: "Not found", 401: "Unauthorized", 405: "Method not allowed", 413: "Request too large"}.get(
            exc.status_code, "Error"
        )
        response = problem(exc.status_code, title, str(exc.detail), request)
        if exc.headers:
            response.headers.update(exc.headers)  # 405 carries Allow
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [_validation_error(e) for e in exc.errors()]
        return problem(422, "Invalid request", "the request does not match the API", request, errors=errors)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return problem(500, "Internal error", type(exc).__name__, request)


def _validation_error(e: Any) -> dict[str, Any]:
    """FastAPI's error, plus the allowed values when a parameter is a closed choice: the same shape an
    InvalidFilter answers with, so a client reads one ``allowed`` list whichever layer refused the value."""
    error: dict[str, Any] = {"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]}
    expected = (e.get("ctx") or {}).get("expected")
    if e["type"] in ("literal_error", "enum") and isinstance(expected, str):
        error["allowed"] = re.findall(r"'([^']*)'", expected)
    return error


def document(app: FastAPI) -> None:
    """The OpenAPI document with every error answer as problem+json (with the Problem schema), FastAPI's
    own 422 entries included: the document must say what the server sends."""
    from fastapi.openapi.utils import get_openapi

    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(
            title=app.title, version=app.version, summary=app.summary, routes=app.routes, servers=app.servers
        )
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        schemas["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        for item in spec.get("paths", {}).values():
            for op in item.values():
                for status, entry in op.get("responses", {}).items():
                    if status[:1] in "45":
                        entry["content"] = {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}
        app.openapi_schema = spec
        return spec

    app.openapi = build  # type: ignore[method-assign]

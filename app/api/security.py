"""API keys (issue 7): write endpoints need INNOKG_API_KEY; read endpoints need a key only when
INNOKG_READ_KEY or INNOKG_PROTECT_READS is set. Keys come from the environment only (app.settings) and
are never logged nor echoed: every refusal below has a fixed text. See docs/operations/security.md.

A key is sent as ``X-API-Key: KEY`` or ``Authorization: Bearer KEY`` (never in the URL: query strings
end up in access logs). Comparison is constant-time (hmac.compare_digest) over UTF-8 bytes."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import SecretStr

from app.settings import Settings

MIN_KEY_CHARS = 16  # a shorter key is refused as configuration: guessable over a shared network

# auto_error=False: the two ways are alternatives, and the refusals must be our problem+json, not FastAPI's.
api_key_header = APIKeyHeader(
    name="X-API-Key",
    scheme_name="ApiKey",
    description="The key from the server's environment (INNOKG_API_KEY; for reads also INNOKG_READ_KEY)",
    auto_error=False,
)
bearer = HTTPBearer(scheme_name="Bearer", description="Authorization: Bearer <the same key>", auto_error=False)

# Documented on every protected operation (schemathesis checks that answers are in the spec).
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing or wrong API key (application/problem+json)"},
    403: {"description": "Writes are disabled: no usable INNOKG_API_KEY on the server (application/problem+json)"},
}
READ_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing or wrong API key (application/problem+json)"},
    403: {"description": "Reads are protected but no key is configured (application/problem+json)"},
}


class ApiProblem(Exception):
    """A refusal with its own title and headers (WWW-Authenticate, Retry-After), answered as problem+json
    by the handler app.api.main installs (the generic HTTPException handler keeps no headers)."""

    def __init__(self, status: int, title: str, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.headers = headers or {}


def _usable(key: SecretStr | None) -> bytes | None:
    if key is None:
        return None
    raw = key.get_secret_value().strip()
    return raw.encode() if len(raw) >= MIN_KEY_CHARS else None


def write_key_problem(settings: Settings) -> str | None:
    """Why writes are disabled on this server (None: they are enabled)."""
    if settings.api_key is None:
        return "writes are disabled on this server: set INNOKG_API_KEY in the server's environment to enable them"
    if _usable(settings.api_key) is None:
        return f"writes are disabled on this server: INNOKG_API_KEY must be at least {MIN_KEY_CHARS} characters"
    return None


def _presented(key: str | None, auth: HTTPAuthorizationCredentials | None) -> bytes | None:
    if key:
        return key.strip().encode()
    if auth is not None and auth.credentials:
        return auth.credentials.strip().encode()
    return None


def _matches(given: bytes, accepted: list[bytes]) -> bool:
    # Every accepted key is compared (no early exit), each in constant time.
    ok = False
    for key in accepted:
        ok |= hmac.compare_digest(given, key)
    return ok


def _unauthorized(missing: bool) -> ApiProblem:
    detail = "missing API key: send X-API-Key: KEY or Authorization: Bearer KEY" if missing else "wrong API key"
    return ApiProblem(401, "Unauthorized", detail, {"WWW-Authenticate": "Bearer"})


def _check(key: str | None, auth: HTTPAuthorizationCredentials | None, accepted: list[bytes]) -> None:
    """401 unless the request presents one of the accepted keys."""
    given = _presented(key, auth)
    if given is None:
        raise _unauthorized(missing=True)
    if not _matches(given, accepted):
        raise _unauthorized(missing=False)


def require_write(
    request: Request,
    key: Annotated[str | None, Depends(api_key_header)],
    auth: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """Write endpoints: 403 while no usable key is configured, 401 without the right key."""
    settings: Settings = request.app.state.settings
    expected = _usable(settings.api_key)
    if expected is None:
        raise ApiProblem(403, "Writes disabled", write_key_problem(settings) or "writes are disabled on this server")
    _check(key, auth, [expected])


def require_read(
    request: Request,
    key: Annotated[str | None, Depends(api_key_header)],
    auth: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """Read endpoints when reads are protected: the read key or the write key (a writer may read)."""
    settings: Settings = request.app.state.settings
    if not settings.reads_protected:
        return
    accepted = [k for k in (_usable(settings.read_key), _usable(settings.api_key)) if k is not None]
    if not accepted:
        raise ApiProblem(
            403,
            "Reads disabled",
            "reads are protected (INNOKG_PROTECT_READS / INNOKG_READ_KEY) but no usable key is configured: "
            f"set INNOKG_READ_KEY or INNOKG_API_KEY (at least {MIN_KEY_CHARS} characters)",
        )
    _check(key, auth, accepted)

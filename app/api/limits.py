"""Request size limits: bodies above them get 413 problem+json.

JSON bodies (settings.max_request_bytes) are refused before any route parses them — by Content-Length
when given, else by counting a streamed (chunked) body. Upload paths (POST /ingest: settings.max_upload_mb)
have a limit of their own and are counted as the route reads them: the route checks the API key first,
so an unauthenticated client never makes the server read (or buffer) its body."""

from __future__ import annotations

import asyncio
import json
import time

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class UploadTooLarge(HTTPException):
    """Raised from receive() while a route reads an upload past its limit (answered 413 problem+json)."""


class BodyLimit:
    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        uploads: dict[str, tuple[int, str]] | None = None,
    ) -> None:
        """``uploads``: path → (limit in bytes, the setting that sets it), for routes that take files."""
        self.app = app
        self.max_bytes = max_bytes
        self.uploads = uploads or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        upload = self.uploads.get(scope.get("path", ""))
        if upload is not None:
            await self._upload(scope, receive, send, *upload)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await self._reject(scope, send)
                return
        if not any(name == b"content-length" for name, _ in scope.get("headers", [])):
            # A streamed body: read it here (at most max_bytes are held) so the route never sees more;
            # a parse error inside the route would otherwise mask the size as a 400.
            messages: list[Message] = []
            seen = 0
            while True:
                message = await receive()
                messages.append(message)
                if message["type"] != "http.request":
                    break
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    await self._reject(scope, send)
                    return
                if not message.get("more_body", False):
                    break

            async def replay() -> Message:
                return messages.pop(0) if messages else await receive()

            await self.app(scope, replay, send)
            return
        await self.app(scope, receive, send)

    async def _upload(self, scope: Scope, receive: Receive, send: Send, limit: int, setting: str) -> None:
        detail = f"the upload exceeds {limit} bytes ({setting}); nothing was stored"
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > limit:
                await self._reject(scope, send, detail)
                return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise UploadTooLarge(413, detail)
            return message

        await self.app(scope, counted, send)

    async def _reject(self, scope: Scope, send: Send, detail: str | None = None) -> None:
        body = json.dumps(
            {
                "type": "about:blank",
                "title": "Request too large",
                "status": 413,
                "detail": detail or f"the request body exceeds {self.max_bytes} bytes (INNOKG_MAX_REQUEST_BYTES)",
                "instance": scope.get("path", ""),
            }
        ).encode()
        headers = [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _problem_bytes(status: int, title: str, detail: str, path: str, limit: str) -> bytes:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, "instance": path}
    body["limit"] = limit
    return json.dumps(body).encode()


class HeavyGate:
    """At most ``overall`` heavy requests (/cypher, duplicates, chain coverage, search) run at once, and at
    most ``per_client`` from one client address. A request above either waits up to ``wait_s`` for a
    slot, then gets 429 with Retry-After: a flood of heavy queries degrades to refusals, while health,
    entity and membership reads (not heavy) never queue behind it. Counted on the event loop: no locks."""

    def __init__(
        self,
        app: ASGIApp,
        prefixes: tuple[str, ...],
        overall: int,
        per_client: int,
        wait_s: float,
        retry_after_s: int,
    ) -> None:
        self.app = app
        self.prefixes = prefixes
        self.overall = max(overall, 1)
        self.per_client = max(per_client, 1)
        self.wait_s = wait_s
        self.retry_after_s = retry_after_s
        self.running = 0
        self.by_client: dict[str, int] = {}

    def _heavy(self, path: str) -> bool:
        return any(path.startswith(p) if p.endswith("/") else path == p for p in self.prefixes) or (
            path.startswith(("/chains/", "/platforms/")) and path.endswith(("/coverage", "/duplicates"))
        )

    def _free(self, client: str) -> bool:
        return self.running < self.overall and self.by_client.get(client, 0) < self.per_client

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self._heavy(scope.get("path", "")):
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("?", 0))[0]
        deadline = time.monotonic() + self.wait_s
        while not self._free(client):
            if time.monotonic() >= deadline:
                await self._refuse(scope, send, client)
                return
            await asyncio.sleep(0.02)
        self.running += 1
        self.by_client[client] = self.by_client.get(client, 0) + 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.running -= 1
            left = self.by_client[client] - 1
            if left:
                self.by_client[client] = left
            else:
                del self.by_client[client]

    async def _refuse(self, scope: Scope, send: Send, client: str) -> None:
        if self.by_client.get(client, 0) >= self.per_client:
            detail = f"this client already runs {self.per_client} heavy requests (INNOKG_HEAVY_PER_CLIENT)"
            limit = "INNOKG_HEAVY_PER_CLIENT"
        else:
            detail = f"the server already runs {self.overall} heavy requests (INNOKG_HEAVY_CONCURRENCY)"
            limit = "INNOKG_HEAVY_CONCURRENCY"
        body = _problem_bytes(429, "Too many requests", detail, scope.get("path", ""), limit)
        headers = [
            (b"content-type", b"application/problem+json"),
            (b"content-length", str(len(body)).encode()),
            (b"retry-after", str(self.retry_after_s).encode()),
        ]
        await send({"type": "http.response.start", "status": 429, "headers": headers})
        await send({"type": "http.response.body", "body": body})

"""Request size limits: bodies above them get 413 problem+json.

JSON bodies (settings.max_request_bytes) are refused before any route parses them — by Content-Length
when given, else by counting a streamed (chunked) body. Upload paths (POST /ingest: settings.max_upload_mb)
have a limit of their own and are counted as the route reads them: the route checks the API key first,
so an unauthenticated client never makes the server read (or buffer) its body."""

from __future__ import annotations

import json

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

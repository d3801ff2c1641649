"""The analyst web app (issue 20): web/dist served at /ui/, `/` redirects there.

Files under web/dist are served as they are (hashed assets cached for a year); any other path under
/ui/ answers index.html, so that a deep link (/ui/entity/plat:…) opens the app, which routes it. Nothing
is loaded from outside the machine: the Content-Security-Policy allows this origin only. Without a
build, /ui/ answers a 503 page that says how to make one (`make setup`)."""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

router = APIRouter(include_in_schema=False)

REPO = Path(__file__).resolve().parents[3]
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; "
    "base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)
_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}
_MISSING = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>InnoKG 分析界面未构建</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>分析界面尚未构建 (web app not built)</h1>
<p>服务器找不到 <code>web/dist/index.html</code>。请在仓库根目录运行 <code>make setup</code>
(或 <code>make web-build</code>)后刷新本页。</p>
<p>The API is running, but the web app has not been built: run <code>make setup</code>
(or <code>make web-build</code>) in the repository, then reload. The JSON API is at
<a href="/docs">/docs</a>.</p></body></html>"""

mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("image/svg+xml", ".svg")


def dist_dir() -> Path:
    """web/dist of this checkout, or INNOKG_WEB_DIST (a build placed elsewhere)."""
    return Path(os.environ.get("INNOKG_WEB_DIST") or REPO / "web" / "dist").resolve()


@router.api_route("/", methods=["GET", "HEAD"])
def root() -> RedirectResponse:
    return RedirectResponse("/ui/", status_code=307)


@router.api_route("/ui", methods=["GET", "HEAD"])
def ui_slash() -> RedirectResponse:
    return RedirectResponse("/ui/", status_code=307)


@router.api_route("/ui/{path:path}", methods=["GET", "HEAD"])
def ui(path: str) -> Response:
    dist = dist_dir()
    index = dist / "index.html"
    if not index.is_file():
        return HTMLResponse(_MISSING, status_code=503, headers={**_HEADERS, "Retry-After": "60"})
    target = (dist / path).resolve() if path else index
    if target != index and target.is_relative_to(dist) and target.is_file():
        immutable = target.parent.name == "assets"
        cache = "public, max-age=31536000, immutable" if immutable else "no-cache"
        return FileResponse(target, headers={**_HEADERS, "Cache-Control": cache})
    if path.startswith("assets/"):
        return Response("not found", status_code=404, media_type="text/plain", headers=_HEADERS)
    return FileResponse(index, media_type="text/html", headers={**_HEADERS, "Cache-Control": "no-cache"})

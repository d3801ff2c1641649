"""Swagger UI (/docs) and ReDoc (/redoc) served with their assets from the app itself, so the API docs render
without internet access (FastAPI's defaults load them from a CDN and show a blank page offline).

The assets are the files the PyPI package ``fastapi-offline`` ships (swagger-ui-bundle.js, swagger-ui.css,
redoc.standalone.js, favicon.png), mounted read-only under ASSETS; no Google fonts are requested.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs-assets"


def asset_dir() -> Path:
    """The folder holding the Swagger UI and ReDoc files (package data of fastapi-offline)."""
    return Path(str(files("fastapi_offline") / "static"))


def install(app: FastAPI) -> None:
    """Mount the assets and add /docs and /redoc (create the app with docs_url=None, redoc_url=None)."""
    app.mount(ASSETS, StaticFiles(directory=asset_dir()), name="docs-assets")
    router = APIRouter(include_in_schema=False)

    def urls(request: Request) -> tuple[str, str]:
        root = str(request.scope.get("root_path", "")).rstrip("/")
        return f"{root}{app.openapi_url}", f"{root}{ASSETS}"

    @router.get("/docs")
    def swagger_ui(request: Request) -> HTMLResponse:
        spec, assets = urls(request)
        return get_swagger_ui_html(
            openapi_url=spec,
            title=f"{app.title} — Swagger UI",
            swagger_js_url=f"{assets}/swagger-ui-bundle.js",
            swagger_css_url=f"{assets}/swagger-ui.css",
            swagger_favicon_url=f"{assets}/favicon.png",
        )

    @router.get("/redoc")
    def redoc(request: Request) -> HTMLResponse:
        spec, assets = urls(request)
        return get_redoc_html(
            openapi_url=spec,
            title=f"{app.title} — ReDoc",
            redoc_js_url=f"{assets}/redoc.standalone.js",
            redoc_favicon_url=f"{assets}/favicon.png",
            with_google_fonts=False,
        )

    app.include_router(router)

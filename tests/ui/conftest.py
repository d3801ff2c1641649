"""One API with the demo data for every browser flow of this folder (tests/ui/demo_server.py).

Skips, with the reason, when Chromium, node, web/node_modules (playwright-core) or the web build
(web/dist) is missing: `make web-build` (the Makefile fragment web/Makefile.fragment) provides the last
two; `apt-get install chromium` the browser.

The server: data/corpus + data/sample ingested into a fresh graph of an embedded FalkorDB (the
pattern of tests/test_demo.py), the API on a free loopback port in a thread. `python -m
tests.ui.demo_server [PORT]` serves the same for development.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from pydantic import SecretStr

from app.api.main import create_app
from app.settings import Settings
from app.store.falkordb.store import FalkorStore
from ingest.pipeline.run import ingest_paths

REPO = Path(__file__).resolve().parents[2]
API_KEY = "ui-test-key-0123456789abcdef"  # only for the throw-away server of the tests


@dataclass(frozen=True)
class Demo:
    url: str
    api_key: str
    store: FalkorStore
    failed: list[str]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def demo_server(embedded: Path, port: int | None = None) -> Iterator[Demo]:
    graph = f"ui_{uuid.uuid4().hex[:8]}"
    store = FalkorStore(embedded, graph=graph)
    report = ingest_paths(store, [REPO / "data" / "corpus", REPO / "data" / "sample"], workers=0)
    settings = Settings(
        store=f"embedded:{embedded}", graph=graph, api_key=SecretStr(API_KEY), data_dir=embedded / "data"
    )
    port = port or free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="ui-api", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield Demo(f"http://127.0.0.1:{port}", API_KEY, store, [str(f.path) for f in report.failed])
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.drop()
        store.close()


CHROMIUM = os.environ.get("INNOKG_CHROMIUM", "/usr/bin/chromium")


def browser_missing() -> str | None:
    """Why the browser flows cannot run here (None: they can)."""
    if not Path(CHROMIUM).is_file():
        return f"Chromium not found at {CHROMIUM}: apt-get install -y chromium (or set INNOKG_CHROMIUM)"
    if shutil.which("node") is None:
        return "node not found: the browser flows are node scripts (tests/ui/*.mjs)"
    if not (REPO / "web" / "node_modules" / "playwright-core").is_dir():
        return "web/node_modules/playwright-core missing: run `make web-build` (npm ci in web/)"
    if not (REPO / "web" / "dist" / "index.html").is_file():
        return "web/dist missing: run `make web-build` to build the web app"
    return None


@pytest.fixture(scope="session")
def ui_demo(embedded_path: Path) -> Iterator[Demo]:
    reason = browser_missing()
    if reason:
        pytest.skip(reason)
    with demo_server(embedded_path) as demo:
        yield demo

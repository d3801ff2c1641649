"""The API with the demo data on a free loopback port, in a thread: what the browser tests drive.

The pattern of tests/test_demo.py: data/corpus + data/sample ingested into a fresh graph of an embedded
FalkorDB. ``python -m tests.ui.demo_server [PORT]`` serves it for development (Ctrl-C stops).
"""

from __future__ import annotations

import shutil
import socket
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from app.api.main import create_app
from app.graph.embedded import stop_server
from app.graph.falkor import FalkorStore
from app.settings import Settings
from ingest.run import ingest_paths

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
    settings = Settings(store=f"embedded:{embedded}", graph=graph, api_key=API_KEY, data_dir=embedded / "data")
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


if __name__ == "__main__":
    path = Path(tempfile.mkdtemp(prefix="innokg-ui-"))
    try:
        with demo_server(path, int(sys.argv[1]) if len(sys.argv) > 1 else None) as demo:
            print(demo.url, "key:", demo.api_key, flush=True)
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        stop_server(path)
        shutil.rmtree(path, ignore_errors=True)

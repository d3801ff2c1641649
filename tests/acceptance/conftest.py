"""The demo data, loaded once, behind the API: what `make demo` serves to analysts.

Every import of the application lives here (the packages are being moved): the questions and the runner only
see `Demo` — an HTTP client on the demo graph, a client on an empty scratch graph for uploads, and the
exporter.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app.api.main import create_app
from app.services.export import export
from app.settings import Settings
from app.store.falkordb.store import FalkorStore
from ingest.pipeline.run import ingest_paths

REPO = Path(__file__).resolve().parents[2]
UPLOAD_KEY = "acceptance-upload-key"


@dataclass
class Demo:
    """What a question can be asked through."""

    client: TestClient  # the demo graph: data/corpus + data/sample
    failed: list[str]  # bundled files the ingest refused
    export: Callable[[str, str | None, dict[str, Any] | None], str]  # (format, named query, params) -> file text
    upload: Callable[[], TestClient]  # a client on an empty scratch graph, writes enabled (X-API-Key)
    upload_headers: dict[str, str] = field(default_factory=lambda: {"X-API-Key": UPLOAD_KEY})


@pytest.fixture(scope="session")
def demo(embedded_path: Path) -> Iterator[Demo]:
    graph = f"acceptance_{uuid.uuid4().hex[:8]}"
    store = FalkorStore(embedded_path, graph=graph)
    report = ingest_paths(store, [REPO / "data" / "corpus", REPO / "data" / "sample"], workers=0)
    failed = [str(f.path) for f in report.failed]
    client = TestClient(create_app(Settings(store=f"embedded:{embedded_path}", graph=graph)))
    scratch_dir = Path(tempfile.mkdtemp(prefix="innokg-acceptance-"))
    scratch: dict[str, Any] = {}

    def do_export(fmt: str, query: str | None, params: dict[str, Any] | None) -> str:
        out = scratch_dir / f"export_{uuid.uuid4().hex[:6]}.{fmt}"
        export(store, out, fmt, query_name=query, params=params)
        return out.read_text(encoding="utf-8-sig")

    def upload() -> TestClient:
        if "client" not in scratch:
            scratch["graph"] = f"acceptance_up_{uuid.uuid4().hex[:8]}"
            settings = Settings(
                store=f"embedded:{embedded_path}",
                graph=scratch["graph"],
                api_key=SecretStr(UPLOAD_KEY),
                data_dir=scratch_dir / "data",
            )
            scratch["client"] = TestClient(create_app(settings))
        client_: TestClient = scratch["client"]
        return client_

    yield Demo(client=client, failed=failed, export=do_export, upload=upload)
    client.close()
    if "graph" in scratch:
        scratch["client"].close()
        up = FalkorStore(embedded_path, graph=scratch["graph"])
        up.drop()
        up.close()
    store.drop()
    store.close()
    shutil.rmtree(scratch_dir, ignore_errors=True)

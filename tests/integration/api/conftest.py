"""The API on a fresh graph of the live embedded store, loaded with the bundled sample once per module."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from app.derive.chains import materialise_inferred
from app.settings import Settings
from app.store.falkordb.store import FalkorStore
from tests.fixtures.graph import load_sample


@dataclass
class Api:
    client: TestClient
    store: FalkorStore
    settings: Settings


def make_api(embedded_path: Path, graph: str, **overrides: object) -> Api:
    settings = Settings(store=f"embedded:{embedded_path}", graph=graph, **overrides)  # type: ignore[arg-type]
    return Api(TestClient(create_app(settings)), FalkorStore(embedded_path, graph=graph), settings)


@pytest.fixture(scope="module")
def api(embedded_path: Path) -> Iterator[Api]:
    graph = f"t_api_{uuid.uuid4().hex[:12]}"
    a = make_api(embedded_path, graph)
    load_sample(a.store, platforms=120, seed=5)
    materialise_inferred(a.store)  # the derived step a full ingest runs
    with a.client:
        yield a
    a.store.drop()
    a.store.close()

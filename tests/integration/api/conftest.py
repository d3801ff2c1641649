"""The API on a fresh graph of each engine, loaded with the bundled sample once per module and engine."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from app.derive.chains import materialise_inferred
from app.settings import Settings, store_from_settings
from app.store.protocol import GraphStore
from tests.conftest import clear, drop_store, engine_url
from tests.fixtures.graph import load_sample


@dataclass
class Api:
    client: TestClient
    store: GraphStore
    settings: Settings

    def drop(self) -> None:
        drop_store(self.store)
        self.store.close()


def make_api(url: str, graph: str, **overrides: object) -> Api:
    """The API and a store on an existing graph (``url``: a store URL, engine_url gives one per engine)."""
    settings = Settings(store=url, graph=graph, **overrides)  # type: ignore[arg-type]
    return Api(TestClient(create_app(settings)), store_from_settings(settings), settings)


def new_api(url: str, prefix: str, **overrides: object) -> Api:
    """The API on a new, empty graph (FalkorDB: a new graph key; Neo4j: its database cleared)."""
    a = make_api(url, f"{prefix}_{uuid.uuid4().hex[:12]}", **overrides)
    clear(a.store)
    return a


@pytest.fixture(scope="module")
def api(request: pytest.FixtureRequest, module_engine: str) -> Iterator[Api]:
    a = new_api(engine_url(request, module_engine), "t_api")
    load_sample(a.store, platforms=120, seed=5)
    materialise_inferred(a.store)  # the derived step a full ingest runs
    with a.client:
        yield a
    a.drop()

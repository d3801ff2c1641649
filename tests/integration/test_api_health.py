"""The API skeleton: /health with counts, OpenAPI docs, problem+json errors, 503 when the store is down."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from app.settings import Settings
from app.store.falkordb.server import stop_server
from ingest.pipeline.run import ensure_initialised
from tests.conftest import engine_url, fresh_store


def test_health_reports_counts_by_label(request: pytest.FixtureRequest, engine: str) -> None:
    with fresh_store(request, engine, "api") as st:
        ensure_initialised(st)
        client = TestClient(create_app(Settings(store=engine_url(request, engine), graph=st.graph)))
        r = client.get("/health")
        assert r.status_code == 200
        body = r.json()
        assert body["status"] == "ok" and body["backend"] == engine
        assert body["counts"]["Region"] == 364 and body["counts"]["PlatformType"] > 40


def test_openapi_docs_are_served(embedded_path: Path) -> None:
    client = TestClient(create_app(Settings(store=f"embedded:{embedded_path}")))
    assert client.get("/docs").status_code == 200
    assert "/health" in client.get("/openapi.json").json()["paths"]


def test_unknown_route_is_problem_json(embedded_path: Path) -> None:
    client = TestClient(create_app(Settings(store=f"embedded:{embedded_path}")))
    r = client.get("/no-such-thing")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["status"] == 404


def test_store_down_is_503_with_a_clear_message_then_recovers(tmp_path: Path) -> None:
    path = tmp_path / "g"
    client = TestClient(create_app(Settings(store=f"embedded:{path}")))
    assert client.get("/health").status_code == 200
    stop_server(path)
    r = client.get("/health")
    assert r.status_code == 503
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "not reachable" in r.json()["detail"]
    from app.store.falkordb.server import ensure_server

    ensure_server(path)  # the store comes back; the same app answers again
    assert client.get("/health").status_code == 200
    stop_server(path)


def test_unopenable_store_is_503(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(store="embedded:/proc/innokg-no")))
    r = client.get("/health")
    assert r.status_code == 503
    assert "cannot open the graph store" in r.json()["detail"]


def test_neo4j_down_is_503_naming_the_url() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # free: nothing listens there
    client = TestClient(create_app(Settings(store=f"bolt://neo4j:secret@127.0.0.1:{port}")))
    r = client.get("/health")
    assert r.status_code == 503
    detail = r.json()["detail"]
    assert f"bolt://127.0.0.1:{port}" in detail and "secret" not in detail

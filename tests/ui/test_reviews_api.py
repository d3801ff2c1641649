"""POST/GET /duplicates/decisions and the export, and the /ui/ mounting, without a browser."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app.api.main import create_app
from app.api.routes import ui
from app.model.schema import Label
from app.settings import Settings
from app.store.falkordb.store import FalkorStore
from app.store.protocol import Statement
from app.store.queries import template

KEY = "reviews-test-key-0123456789"


@pytest.fixture
def client(embedded_path: Path) -> Iterator[TestClient]:
    graph = f"rev_{uuid.uuid4().hex[:8]}"
    store = FalkorStore(embedded_path, graph=graph)
    rows = [{"id": f"plat:{c}", "props": {"name": f"平台{c}"}, "evidence": [], "new_evidence": []} for c in "abc"]
    store.write([Statement(template("merge_nodes_evidenced", label=Label.PLATFORM), {"rows": rows, "document": None})])
    yield TestClient(create_app(Settings(store=f"embedded:{embedded_path}", graph=graph, api_key=SecretStr(KEY))))
    store.drop()
    store.close()


def body(**kw: Any) -> dict[str, Any]:
    base = {"a": "plat:b", "b": "plat:a", "kind": "overlap", "score": 0.91, "method_version": "dedup-1.1.0",
            "decision": "duplicate", "note": "同一依托单位", "reviewer": "王审查"}  # fmt: skip
    return {**base, **kw}


def test_a_decision_is_stored_listed_and_exported(client: TestClient) -> None:
    h = {"X-API-Key": KEY}
    first = client.post("/duplicates/decisions", json=body(), headers=h)
    assert first.status_code == 201
    d = first.json()
    assert d["pair_key"] == "plat:a|plat:b" and d["a"] == "plat:a" and d["a_name"] == "平台a" and d["ts"].endswith("Z")
    client.post("/duplicates/decisions", json=body(decision="convert", note=""), headers=h)
    client.post("/duplicates/decisions", json=body(a="plat:c"), headers={"Authorization": f"Bearer {KEY}"})
    page = client.get("/duplicates/decisions", params={"limit": 2}).json()
    assert page["total"] == 3 and len(page["items"]) == 2
    latest = client.get("/duplicates/decisions", params={"pair": "plat:a|plat:b", "latest": "true"}).json()
    assert latest["total"] == 1 and latest["items"][0]["decision"] == "convert"
    rows = list(csv.DictReader(io.StringIO(client.get("/duplicates/decisions/export").text.lstrip("\ufeff"))))
    assert [r["decision"] for r in rows] == ["duplicate", "convert", "duplicate"]  # oldest first
    assert rows[0]["score"] == "0.91" and rows[0]["method_version"] == "dedup-1.1.0" and rows[0]["reviewer"] == "王审查"
    js = client.get("/duplicates/decisions/export", params={"format": "json"}).json()
    assert len(js) == 3 and js[0]["note"] == "同一依托单位"


@pytest.mark.parametrize(
    ("patch", "status"),
    [
        ({"note": "<script>alert(1)</script>"}, 422),
        ({"reviewer": "<b>x</b>"}, 422),
        ({"note": "字" * 10_000}, 422),
        ({"reviewer": "   "}, 422),
        ({"decision": "maybe"}, 422),
        ({"score": 1.5}, 422),
        ({"a": "plat:zzz"}, 422),
        ({"b": "plat:b"}, 422),
    ],
)
def test_bad_decisions_store_nothing(client: TestClient, patch: dict[str, Any], status: int) -> None:
    assert client.post("/duplicates/decisions", json=body(**patch), headers={"X-API-Key": KEY}).status_code == status
    assert client.get("/duplicates/decisions").json()["total"] == 0


def test_recording_needs_the_write_key(client: TestClient) -> None:
    assert client.post("/duplicates/decisions", json=body()).status_code == 401
    assert client.post("/duplicates/decisions", json=body(), headers={"X-API-Key": "x" * 20}).status_code == 401
    assert client.get("/duplicates/decisions").json()["total"] == 0


def test_ui_serves_the_build_with_a_deep_link_fallback(client: TestClient, tmp_path: Path, monkeypatch: Any) -> None:
    assert client.get("/", follow_redirects=False).headers["location"] == "/ui/"
    monkeypatch.setenv("INNOKG_WEB_DIST", str(tmp_path / "none"))
    missing = client.get("/ui/entity/plat:a")
    assert missing.status_code == 503 and "make setup" in missing.text
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><div id=app></div>", encoding="utf-8")
    (tmp_path / "assets" / "app-1.js").write_text("1", encoding="utf-8")
    monkeypatch.setenv("INNOKG_WEB_DIST", str(tmp_path))
    deep = client.get("/ui/entity/plat:a")
    assert (
        deep.status_code == 200
        and "id=app" in deep.text
        and "default-src 'self'" in deep.headers["content-security-policy"]
    )
    asset = client.get("/ui/assets/app-1.js")
    assert asset.status_code == 200 and "immutable" in asset.headers["cache-control"]
    assert client.get("/ui/assets/nope.js").status_code == 404
    assert client.get("/ui/..%2F..%2Fpyproject.toml").text.startswith("<!doctype html>")  # never outside dist
    assert ui.dist_dir() == tmp_path.resolve()

"""What `make demo` does, end to end: ingest the bundled corpus and sample, then ask the API.

This is the path a newcomer takes; every answer below must come from the real pipelines and the live
store (each engine), not from fixtures.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from app.settings import Settings
from ingest.pipeline.run import ingest_paths
from tests.conftest import engine_url, fresh_store

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo(request: pytest.FixtureRequest, module_engine: str) -> Iterator[tuple[TestClient, list[str]]]:
    with fresh_store(request, module_engine, "demo") as store:
        report = ingest_paths(store, [REPO / "data" / "corpus", REPO / "data" / "sample"], workers=0)
        failed = [str(f.path) for f in report.failed]
        settings = Settings(store=engine_url(request, module_engine), graph=store.graph)
        yield TestClient(create_app(settings)), failed


def test_every_bundled_file_loads(demo: tuple[TestClient, list[str]]) -> None:
    assert demo[1] == []


def test_health_counts_what_was_ingested(demo: tuple[TestClient, list[str]]) -> None:
    counts = demo[0].get("/health").json()["counts"]
    assert counts["Platform"] > 2500 and counts["Institution"] > 500 and counts["LabCluster"] >= 12
    assert counts["Target"] > 50 and counts["Agency"] > 10  # from the five policy texts


def test_documents_include_the_five_policies_with_evidence(demo: tuple[TestClient, list[str]]) -> None:
    client = demo[0]
    doc = client.get("/documents/doc:000_b4f945b6ec42ab35")
    assert doc.status_code == 200
    assert "辽宁省科技创新基地优化整合方案" in doc.text


def test_search_finds_ingested_platforms_by_chinese_terms(demo: tuple[TestClient, list[str]]) -> None:
    body = demo[0].get("/search", params={"q": "重点实验室", "limit": 5}).json()
    assert body["total"] > 100 and all("重点实验室" in item["name"] for item in body["items"])


def test_clusters_and_duplicates_answer_on_the_sample(demo: tuple[TestClient, list[str]]) -> None:
    client = demo[0]
    clusters = client.get("/clusters").json()
    assert clusters["total"] >= 12 and all(c["members"] > 0 for c in clusters["items"])
    dups = client.get("/duplicates", params={"limit": 5}).json()
    assert dups["total"] > 0

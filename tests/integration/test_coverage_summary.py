"""Chain coverage summaries (app.derive.coverage): written by the derive step of every ingest path, read by a
first coverage request instead of inferring, never served once the data changed.

On the demo (data/corpus + data/sample, ingested the way `innokg ingest` does: FalkorDB through GRAPH.BULK,
whose in-memory derive leaves the summaries to ingest.pipeline.derive; Neo4j through MERGE and
materialise_inferred), every chain's answer from its summary is the inferred answer, byte for byte, for
several per_group; then a load that changes a chain's coverage without a derive step makes the summaries
stale, and the answer follows the data until a derive step rewrites them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from app.derive.chains import DEFAULT_MIN_SCORE, materialise_inferred
from app.derive.coverage import SUMMARY_PER_GROUP, basis, refresh_summaries, summary_rows
from app.model.batch import GraphBatch, PropValue
from app.model.schema import Label, Rel
from app.services import chains
from app.settings import Settings
from app.store.loader import load_document
from app.store.named import run
from app.store.protocol import GraphStore
from app.store.queries import template
from ingest.pipeline.run import ingest_paths
from tests.conftest import engine_url, fresh_store

REPO = Path(__file__).resolve().parents[2]
INPUTS = [REPO / "data" / "corpus", REPO / "data" / "sample"]


@pytest.fixture(scope="module")
def demo(request: pytest.FixtureRequest, module_engine: str) -> Iterator[tuple[GraphStore, TestClient]]:
    with fresh_store(request, module_engine, "summary") as st:
        report = ingest_paths(st, INPUTS, workers=0)
        assert not report.failed, [str(f.path) for f in report.failed]
        settings = Settings(store=engine_url(request, module_engine), graph=st.graph)
        yield st, TestClient(create_app(settings))


def _chain_ids(store: GraphStore) -> list[str]:
    return [str(r["id"]) for r in run(store, "chains_terms")]


def test_the_ingest_wrote_a_current_summary_per_chain(demo: tuple[GraphStore, TestClient]) -> None:
    store, _ = demo
    ids = _chain_ids(store)
    assert ids
    fp = chains.fingerprint(store)
    assert all(summary_rows(store, cid, fp) is not None for cid in ids)
    assert store.read(template("coverage_summary_bases")) == [{"basis": basis(fp)}]
    assert refresh_summaries(store).status == "current"


def test_summary_answers_are_the_inferred_answers(demo: tuple[GraphStore, TestClient]) -> None:
    store, client = demo
    fp = chains.fingerprint(store)
    served = 0
    for cid in _chain_ids(store):
        for per_group in (0, 1, 3, 10, SUMMARY_PER_GROUP):
            inferred = chains._coverage(store, cid, min_score=DEFAULT_MIN_SCORE, per_group=per_group)
            summarised, used = chains._summarised(store, cid, fp, min_score=DEFAULT_MIN_SCORE, per_group=per_group)
            assert inferred is not None and summarised is not None and used
            assert summarised.model_dump_json() == inferred.model_dump_json(), (cid, per_group)
        # Through the API (cache and summary): the bytes of the inferred answer.
        r = client.get(f"/chains/{cid}/coverage", params={"per_group": 10})
        assert r.status_code == 200
        direct = chains._coverage(store, cid, min_score=DEFAULT_MIN_SCORE, per_group=10)
        assert direct is not None and r.content == direct.model_dump_json().encode(), cid
        served += direct.declared.total + direct.inferred.total
    assert served  # the demo's chains are covered: the comparison compared samples


def test_a_summary_is_not_served_after_the_data_changed(request: pytest.FixtureRequest, engine: str) -> None:
    with fresh_store(request, engine, "summary_stale") as store:
        b = GraphBatch(doc_id="inv")
        for i in range(4):
            props: dict[str, PropValue] = {"name": f"p{i}", "field_tokens": ["氢能", "储运"], "region": "辽宁省"}
            b.add_node(Label.PLATFORM, f"plat:{i}", {**props, "type": "重点实验室", "level": "省级"})
        b.add_node(Label.INDUSTRIAL_CHAIN, "chain:h2", {"name": "辽宁氢能产业链", "region": "辽宁省"})
        load_document(store, "inv", "sha-1", {"kind": "inventory"}, [b])
        assert materialise_inferred(store).summaries is not None
        client = TestClient(create_app(Settings(store=engine_url(request, engine), graph=store.graph)))
        first = client.get("/chains/chain:h2/coverage").json()
        assert (first["declared"]["total"], first["inferred"]["total"]) == (0, 4)

        # A load without a derive step: two platforms now declare serving the chain, a new one too.
        d = GraphBatch(doc_id="declared")
        for pid in ("plat:0", "plat:1", "plat:new"):
            d.add_node(Label.PLATFORM, pid, {"name": pid, "region": "辽宁省", "type": "重点实验室", "level": "省级"})
            d.add_rel(Rel.SERVES, (Label.PLATFORM, pid), (Label.INDUSTRIAL_CHAIN, "chain:h2"))
        d.add_node(Label.INDUSTRIAL_CHAIN, "chain:h2", {"name": "辽宁氢能产业链", "region": "辽宁省"})
        load_document(store, "declared", "sha-2", {"kind": "inventory"}, [d])
        fp = chains.fingerprint(store)
        assert summary_rows(store, "chain:h2", fp) is None  # computed from other data: not used
        chains._cache.clear()  # the answer cache reads the fingerprint only once a second
        again = client.get("/chains/chain:h2/coverage").json()
        direct = chains._coverage(store, "chain:h2", min_score=DEFAULT_MIN_SCORE, per_group=20)
        assert direct is not None and again == direct.model_dump(mode="json")
        assert again["declared"]["total"] == 3 and again != first

        # The derive step of the next ingest rewrites them: the summary path again, the same answer.
        report = materialise_inferred(store)
        assert report.summaries is not None and report.summaries.status == "written"
        fp = chains.fingerprint(store)
        assert summary_rows(store, "chain:h2", fp) is not None
        now, used = chains._summarised(store, "chain:h2", fp, min_score=DEFAULT_MIN_SCORE, per_group=20)
        inferred = chains._coverage(store, "chain:h2", min_score=DEFAULT_MIN_SCORE, per_group=20)
        assert now is not None and inferred is not None and used
        assert now.model_dump_json() == inferred.model_dump_json()
        assert (now.declared.total, now.inferred.total) == (3, 2)


def test_export_leaves_the_summaries_out(request: pytest.FixtureRequest, engine: str) -> None:
    with fresh_store(request, engine, "summary_gone") as store:
        b = GraphBatch(doc_id="inv")
        b.add_node(Label.PLATFORM, "plat:0", {"name": "p0", "field_tokens": ["氢能"], "region": "辽宁省"})
        b.add_node(Label.INDUSTRIAL_CHAIN, "chain:h2", {"name": "辽宁氢能产业链", "region": "辽宁省"})
        load_document(store, "inv", "sha-1", {"kind": "inventory"}, [b])
        materialise_inferred(store)
        assert store.read(template("coverage_summary_get"), {"id": "chain:h2"})
        exported = run(store, "export_nodes", skip=0, limit=1000)
        assert exported and all(r["label"] != "CoverageSummary" for r in exported)

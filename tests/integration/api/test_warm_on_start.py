"""INNOKG_WARM_ON_START: the served app computes every chain's coverage at start, so the first analysts'
requests are answered from the cache (docs/benchmarks/api.md)."""

from __future__ import annotations

import threading
import time

import pytest

from app.derive.chains import materialise_inferred
from app.services import chains
from app.store.protocol import Statement
from tests.conftest import engine_url
from tests.fixtures.graph import load_sample
from tests.integration.api.conftest import new_api


def _warm_thread_done(timeout_s: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not any(t.name == "api-warm-up" for t in threading.enumerate()):
            return True
        time.sleep(0.05)
    return False


def test_start_fills_the_coverage_cache(request: pytest.FixtureRequest, engine: str) -> None:
    a = new_api(engine_url(request, engine), "t_warm", warm_on_start=True)
    load_sample(a.store, platforms=120, seed=5)
    materialise_inferred(a.store)
    chain_ids = [str(r["id"]) for r in chains.run(a.store, "chains_terms")]
    assert chain_ids
    try:
        with a.client:
            assert _warm_thread_done()
            skey = (a.store.url, a.store.graph)
            fp = chains.fingerprint(a.store)
            cached = {k[2] for k, (f, _) in chains._cache.items() if k[:2] == skey and f == fp}
            assert set(chain_ids) <= cached
            # Served from the cache: the same answer as a direct computation.
            first = chain_ids[0]
            r = a.client.get(f"/chains/{first}/coverage")
            assert r.status_code == 200
            direct = chains._coverage(a.store, first, min_score=chains.DEFAULT_MIN_SCORE, per_group=20)
            assert direct is not None and r.json()["inferred"]["total"] == direct.inferred.total
    finally:
        a.drop()


def test_no_warm_up_unless_asked(request: pytest.FixtureRequest, engine: str) -> None:
    a = new_api(engine_url(request, engine), "t_warm")
    skey = (a.store.url, a.store.graph)
    for k in [k for k in chains._cache if k[:2] == skey]:  # Neo4j: the one database a test before warmed
        del chains._cache[k]
    load_sample(a.store, platforms=60, seed=6)
    try:
        with a.client:
            assert not any(t.name == "api-warm-up" for t in threading.enumerate())
            assert not any(k[:2] == skey for k in chains._cache)
    finally:
        a.drop()


def test_start_brings_an_older_schema_up_to_date(request: pytest.FixtureRequest, engine: str) -> None:
    """A Neo4j store written before the search_name index existed: search names the missing index until
    the served app's warm-up applies the (idempotent) schema; then it answers."""
    if engine != "neo4j":
        pytest.skip("the index that newer search statements call by name exists on Neo4j only")
    a = new_api(engine_url(request, engine), "t_warm_schema", warm_on_start=True)
    load_sample(a.store, platforms=30, seed=7)
    a.store.write([Statement("DROP INDEX search_name IF EXISTS")])
    assert a.client.get("/search", params={"q": "重点实验室"}).status_code >= 400
    try:
        with a.client:
            assert _warm_thread_done()
            r = a.client.get("/search", params={"q": "重点实验室"})
            assert r.status_code == 200, r.text
            assert r.json()["items"]
    finally:
        a.drop()

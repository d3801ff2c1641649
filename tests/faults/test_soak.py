"""Issue 18, the 15-s version of bench/fault_soak.py: 200 clients against a real API server on 127.0.0.1
mixing searches, membership, duplicates and hostile queries. No well-formed request fails (a 429 from the
heavy-path gate is a refusal with Retry-After, not a failure); every hostile one is answered 4xx/504 in
under 6 s; the server is alive at the end."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import httpx

from app.store.falkordb.server import stop_server
from app.store.falkordb.store import FalkorStore
from bench.fault_soak import api_server, run_soak
from tests.fixtures.graph import load_sample


def test_soak_200_clients_15_s() -> None:
    work = Path(tempfile.mkdtemp(prefix="innokg-soak-"))
    store = work / "store"
    try:
        st = FalkorStore(store, graph="soak")
        load_sample(st, platforms=120, seed=5)
        st.close()
        with api_server(store, "soak") as base:
            soak = run_soak(base, clients=200, seconds=15.0, think_s=1.0)
            assert httpx.get(base + "/health", timeout=30).status_code == 200
        print(soak.report())
        assert not soak.errors, soak.report()
        assert not soak.slow_hostile, soak.report()
        assert sum(len(v) for v in soak.latencies.values()) > 200
    finally:
        stop_server(store)
        shutil.rmtree(work, ignore_errors=True)

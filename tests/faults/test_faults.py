"""Faults (issue 7), one light case each (the loops are in bench/fault_kill.py):

- the ingest process SIGKILLed mid-load, then re-run: the graph equals an uninterrupted run's (counts and
  a hash over every property), no duplicate ids, no document left half-written;
- the embedded server SIGKILLed mid-batch: the ingest stops with a clear store error, the server comes
  back from its append-only file, a re-run gives the same graph;
- the store stopped and restarted under a running API: 503 problem+json, then recovery without
  restarting the API;
- a data directory that cannot be created: a clear error at start.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.model.schema import Label
from app.store.falkordb.server import EmbeddedServerError, ensure_server, server_pid, stop_server
from app.store.falkordb.store import FalkorStore
from ingest.pipeline.run import ingest_paths
from ingest.synth.generator import generate
from tests.faults._graph import Digest, digest, documents_not_complete, duplicate_ids
from tests.integration.api.conftest import make_api

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def private(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A server of its own: these tests kill it."""
    path = tmp_path_factory.mktemp("faults")
    yield path
    stop_server(path)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    generate(300, 17, out)
    return out


@pytest.fixture(scope="module")
def reference(private: Path, corpus: Path) -> Digest:
    store = FalkorStore(private, graph="reference")
    report = ingest_paths(store, [corpus], workers=0, bulk=False)
    assert not report.failed
    d = digest(store)
    store.close()
    return d


def _child(private: Path, graph: str, corpus: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults._ingest_child", str(private), graph, str(corpus)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_files(proc: subprocess.Popen[str], n: int) -> None:
    assert proc.stdout is not None
    for _ in range(n):
        line = proc.stdout.readline()
        assert line and not line.startswith("DONE"), "the ingest finished before the kill point"


def _assert_same(store: FalkorStore, reference: Digest) -> None:
    got = digest(store)
    assert (got.nodes, got.rels) == (reference.nodes, reference.rels)
    assert got.sha256 == reference.sha256
    assert not duplicate_ids(store)
    assert not documents_not_complete(store)


def test_sigkill_of_the_ingest_then_rerun_equals_an_uninterrupted_run(
    private: Path, corpus: Path, reference: Digest
) -> None:
    proc = _child(private, "killed", corpus)
    _wait_files(proc, 12)  # mid-load: a dozen of ~90 files written, the next one in flight
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    store = FalkorStore(private, graph="killed")
    partial = digest(store)
    assert partial.nodes.get(Label.DOCUMENT.value, 0) < reference.nodes[Label.DOCUMENT.value]
    report = ingest_paths(store, [corpus], workers=0, bulk=False)
    assert not report.failed
    _assert_same(store, reference)
    store.close()


def test_server_death_mid_batch_then_rerun_equals_an_uninterrupted_run(
    private: Path, corpus: Path, reference: Digest
) -> None:
    proc = _child(private, "server_killed", corpus)
    _wait_files(proc, 12)
    pid = server_pid(private)
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert "StoreUnavailable" in err and "not reachable" in err, err[-2000:]
    store = FalkorStore(private, graph="server_killed")  # starts the server again from its AOF
    report = ingest_paths(store, [corpus], workers=0, bulk=False)
    assert not report.failed
    _assert_same(store, reference)
    store.close()


def test_api_answers_503_while_the_store_is_down_and_recovers(private: Path, reference: Digest) -> None:
    api = make_api(f"embedded:{private}", "reference")
    with api.client:
        assert api.client.get("/health").status_code == 200
        stop_server(private)
        t = time.monotonic()
        r = api.client.get("/health")
        assert r.status_code == 503 and r.headers["content-type"].startswith("application/problem+json")
        assert "not reachable" in r.json()["detail"]
        r = api.client.post("/cypher", json={"query": "MATCH (n) RETURN count(n) AS n"})
        assert r.status_code == 503
        assert time.monotonic() - t < 30  # fail fast, not hang: a generous bound only against a hang
        ensure_server(private)
        r = api.client.get("/health")
        assert r.status_code == 200, r.text
        assert r.json()["counts"][Label.PLATFORM.value] == reference.nodes[Label.PLATFORM.value]
    api.store.close()


def test_uncreatable_data_dir_is_a_clear_error_at_start(tmp_path: Path) -> None:
    blocker = tmp_path / "not_a_dir"
    blocker.write_text("a file where the store directory should be")
    with pytest.raises(EmbeddedServerError, match="cannot create the store directory"):
        FalkorStore(blocker / "graph")
    out = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "init"],
        cwd=REPO,
        env={**os.environ, "INNOKG_STORE": f"embedded:{blocker / 'graph'}"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode != 0
    assert "Traceback" not in out.stderr + out.stdout, out.stderr[-1500:]
    assert "cannot create the store directory" in out.stderr + out.stdout

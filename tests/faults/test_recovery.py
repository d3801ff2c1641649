"""Issue 18: the embedded server is supervised and reopens fast. A kill -9 of the server gets in-flight and
early requests 503 with Retry-After and /health degraded, then the supervisor starts it again and later
requests succeed; schema commands that exist are not re-issued (each start replayed them: 'Constraint
already exists'); the append-only file is compacted to a snapshot on stop, so a reopen loads a snapshot."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store.falkordb.server import ensure_server, server_paths, server_pid, stop_server
from app.store.falkordb.store import FalkorStore
from ingest.pipeline.run import ingest_paths
from tests.faults._graph import digest
from tests.faults.conftest import write_good
from tests.integration.api.conftest import make_api


@pytest.fixture
def own_store() -> Iterator[Path]:
    """A store with a server of its own: these tests kill and stop it."""
    path = Path(tempfile.mkdtemp(prefix="innokg-rec-"))
    yield path
    stop_server(path)
    shutil.rmtree(path, ignore_errors=True)


def test_a_killed_server_is_restarted_and_health_says_degraded_meanwhile(own_store: Path, tmp_path: Path) -> None:
    api = make_api(f"embedded:{own_store}", f"t_rec_{uuid.uuid4().hex[:8]}")
    assert not ingest_paths(api.store, [write_good(tmp_path)], workers=0, bulk=False).failed
    before = digest(api.store)
    with api.client:
        assert api.client.get("/health").status_code == 200  # opens the app's store: supervised from now
        pid = server_pid(own_store)
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        r = api.client.get("/health")
        assert r.status_code == 503, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        assert "retry-after" in {k.lower() for k in r.headers}
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if api.client.get("/health").status_code == 200:
                break
            time.sleep(0.2)
        else:
            raise AssertionError("the server was not restarted within 30 s")
        assert server_pid(own_store) not in (None, pid)
        r = api.client.post("/cypher", json={"query": "MATCH (p:Platform) RETURN count(p) AS n"})
        assert r.status_code == 200 and r.json()["rows"][0]["n"] == 3
    assert digest(api.store) == before
    api.store.close()


def test_a_stopped_server_stays_stopped(own_store: Path) -> None:
    store = FalkorStore(own_store, graph="g")
    store.supervise(interval_s=0.1)
    try:
        stop_server(own_store)
        time.sleep(0.6)
        assert server_pid(own_store) is None  # `innokg stop` is not undone by the supervisor
    finally:
        store.close()


def test_schema_is_not_reissued_and_restart_replays_no_errors(own_store: Path) -> None:
    store = FalkorStore(own_store, graph="g")
    first = store.apply_schema()
    assert any(s.startswith("GRAPH.CONSTRAINT") for s in first)
    again = store.apply_schema()
    assert not any(s.startswith(("GRAPH.CONSTRAINT", "CREATE INDEX", "CALL db.idx")) for s in again), again
    store.close()
    pid = server_pid(own_store)
    assert pid is not None
    os.kill(pid, signal.SIGKILL)  # no compaction: the next start replays the log
    time.sleep(0.3)
    ensure_server(own_store)
    log = server_paths(own_store).logfile.read_text(errors="replace")
    assert "already exists" not in log, log[-2000:]


def test_stop_compacts_the_append_only_file_into_a_snapshot(own_store: Path, tmp_path: Path) -> None:
    store = FalkorStore(own_store, graph="g")
    assert not ingest_paths(store, [write_good(tmp_path)], workers=0, bulk=False).failed
    before = digest(store)
    store.close()
    stop_server(own_store)
    folder = own_store / "appendonlydir"
    incr = sum(f.stat().st_size for f in folder.glob("*.incr.aof"))
    assert incr < 1024, incr  # the statements live in the snapshot now
    assert list(folder.glob("*.base.rdb")), list(folder.iterdir())
    t = time.perf_counter()
    again = FalkorStore(own_store, graph="g")
    assert time.perf_counter() - t < 10
    assert digest(again) == before
    again.close()


def test_a_torn_command_inside_the_append_only_file_is_cut_and_a_rerun_restores_the_graph(
    own_store: Path, tmp_path: Path
) -> None:
    """A kill -9 or a full disk mid-write can leave a partial command inside the append-only file, not only at
    its end; redis-server then refuses to start. The store must start again, keep what came before the torn
    command, keep the cut bytes for inspection, and a rerun of the same input must give the graph as it was."""
    good = write_good(tmp_path)
    store = FalkorStore(own_store, graph="g")
    assert not ingest_paths(store, [good], workers=0, bulk=False).failed
    before = digest(store)
    store.close()
    pid = server_pid(own_store)
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    time.sleep(0.3)
    incr = max((own_store / "appendonlydir").glob("*.incr.aof"), key=lambda f: f.stat().st_size)
    data = incr.read_bytes()
    cut = data.index(b"\r\n*", len(data) * 2 // 3) + 4  # inside the command that starts there
    incr.write_bytes(data[:cut] + data[cut + 6 :])

    again = FalkorStore(own_store, graph="g")  # starts: the torn command and what follows it are cut
    assert len(list(own_store.glob("*.torn-*"))) == 1
    assert not ingest_paths(again, [good], workers=0, bulk=False).failed
    assert digest(again) == before
    again.close()


def test_a_removed_store_is_not_brought_back() -> None:
    path = Path(tempfile.mkdtemp(prefix="innokg-rec-"))
    store = FalkorStore(path, graph="g")
    store.supervise(interval_s=0.1)
    try:
        pid = server_pid(path)
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        shutil.rmtree(path, ignore_errors=True)  # what a test's clean-up does
        time.sleep(0.6)
        assert not path.exists()  # no server started again in a directory that is gone
    finally:
        store.close()
        stop_server(path)
        shutil.rmtree(path, ignore_errors=True)

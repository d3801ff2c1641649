"""A bulk run large enough for the worker pool is folded and sent by a forked child (ingest.pipeline.child.in_child):
the parent must get the same graph, every per-file outcome through its callback as the files finish, the
child's exceptions with their type, and nothing left running."""

from __future__ import annotations

import multiprocessing
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.model.errors import InputError
from app.store.falkordb.bulk import FalkorBulk, graph_exists
from app.store.falkordb.store import FalkorStore
from app.store.loader import document_state
from app.store.protocol import StoreError
from ingest.pipeline.bulk import fold_apart
from ingest.pipeline.run import BULK_FORK_ENV, FileOutcome, ingest_paths
from ingest.synth import generate
from tests.integration.bulk.test_bulk import _assert_same, _snapshot


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fold_child") / "synth"
    generate(1200, 7, out)
    (out / "broken_platforms.csv").write_bytes(b"\xff\xfe\x00garbage without a header\n")  # one bad file
    return out


def test_the_child_fold_builds_the_in_process_graph_and_relays_every_outcome(
    graphs: tuple[FalkorStore, FalkorStore], synth: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted(p for p in synth.iterdir() if p.suffix in {".csv", ".xlsx", ".txt", ".docx", ".html"})
    assert fold_apart(2, files)
    seen: list[FileOutcome] = []
    child = ingest_paths(graphs[0], [synth], workers=2, bulk=True, on_file=seen.append)
    monkeypatch.setenv(BULK_FORK_ENV, "0")
    assert not fold_apart(2, files)
    inproc = ingest_paths(graphs[1], [synth], workers=2, bulk=True)

    _assert_same(_snapshot(graphs[0]), _snapshot(graphs[1]))
    # The callback ran here, once per file, with the outcomes the report holds (the bad file included).
    assert sorted(o.path for o in seen) == sorted(f.path for f in child.files) == sorted(f.path for f in inproc.files)
    assert [f.path.name for f in child.failed] == ["broken_platforms.csv"]
    assert isinstance(child.failed[0].error, InputError)
    assert [(f.rows_read, f.result and f.result.created) for f in child.files] == [
        (f.rows_read, f.result and f.result.created) for f in inproc.files
    ]
    assert child.derived == inproc.derived
    assert child.times.fold_cpu > 0 and child.times.pool_cpu > 0 and child.times.send > 0
    for f in child.files:  # stamped complete by the parent once the schema was in
        if f.result is not None:
            assert document_state(graphs[0], f.result.doc_id)["load_state"] == "complete"
    assert not multiprocessing.active_children()


def test_an_error_in_the_child_is_raised_here_with_its_type(
    graphs: tuple[FalkorStore, FalkorStore], synth: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: FalkorBulk, run: object, **_: object) -> tuple[int, int]:
        raise StoreError("GRAPH.BULK failed: simulated")

    monkeypatch.setattr(FalkorBulk, "send", refuse)  # inherited by the forked child
    with pytest.raises(StoreError, match="simulated") as info:
        ingest_paths(graphs[0], [synth], workers=2, bulk=True)
    assert any("in the bulk load process" in note for note in getattr(info.value, "__notes__", []))
    assert not multiprocessing.active_children()


def test_a_callback_that_raises_stops_the_child(graphs: tuple[FalkorStore, FalkorStore], synth: Path) -> None:
    def stop(_: FileOutcome) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest_paths(graphs[0], [synth], workers=2, bulk=True, on_file=stop)
    assert not multiprocessing.active_children()


def test_input_errors_cross_processes() -> None:
    err = InputError(Path("/x/a.csv"), 12, "empty name")
    back = pickle.loads(pickle.dumps(err))
    assert (back.path, back.offset, back.reason, str(back)) == (err.path, 12, "empty name", str(err))


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc (Linux)")
def test_a_killed_caller_takes_its_fold_with_it(synth: Path, tmp_path: Path) -> None:
    """SIGKILL of the process that called ingest_paths: its fold child must not go on writing the graph
    beside the next run (fault_kill's re-runs rely on it)."""
    code = (
        "from pathlib import Path; from app.store.falkordb.store import FalkorStore; "
        "from ingest.pipeline.run import ingest_paths; "
        f"ingest_paths(FalkorStore({str(tmp_path / 'g')!r}, graph='killed'), "
        f"[Path({str(synth)!r})], workers=2, bulk=True)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[3])
    try:
        fold = None
        deadline = time.monotonic() + 120
        while fold is None and time.monotonic() < deadline and proc.poll() is None:
            # the fold is the child that runs the pool (the embedded server daemonises: not a child)
            fold = next((c for c in _children(proc.pid) if _children(c)), None)
            time.sleep(0.05)
        assert fold is not None, "the run never started its fold child"
        proc.kill()
        proc.wait()
        deadline = time.monotonic() + 60
        while _alive(fold) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(fold)
        # Killed in its pool phase, before anything was sent: an orphaned fold would have gone on to create it.
        store = FalkorStore(tmp_path / "g", graph="killed")
        try:
            time.sleep(1.0)
            assert not graph_exists(store)
        finally:
            store.close()
    finally:
        if proc.poll() is None:
            proc.kill()
        from app.store.falkordb.server import stop_server

        stop_server(tmp_path / "g")

"""A bulk run pauses the server's automatic AOF rewrite from its first GRAPH.BULK command until its schema
is in and its documents are complete, and restores it then — or at once when the send fails (at 1M
platforms a rewrite forked mid-load left the server never answering, and one that started right after the
load met the schema's commands with "BUSY preparing to fork"). A scheduled rewrite counts as a fork."""

from __future__ import annotations

from typing import Any

import pytest

from app.store.falkordb import send as send_mod
from app.store.falkordb.bulk import FalkorBulk
from app.store.falkordb.send import aof_rewrite_paused, wait_no_fork


class FakeConn:
    def __init__(self, setting: str = "25", scheduled: int = 0) -> None:
        self.config = {"auto-aof-rewrite-percentage": setting}
        self.history: list[str] = []
        self.scheduled = scheduled  # INFO polls before the scheduled rewrite is done

    def config_get(self, name: str) -> dict[str, Any]:
        return {name: self.config[name]}

    def config_set(self, name: str, value: Any) -> None:
        self.config[name] = str(value)
        self.history.append(str(value))

    def info(self, section: str) -> dict[str, Any]:
        pending = int(self.scheduled > 0)
        self.scheduled -= 1
        return {"aof_rewrite_in_progress": 0, "rdb_bgsave_in_progress": 0, "aof_rewrite_scheduled": pending}


@pytest.fixture(autouse=True)
def _no_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(send_mod.time, "sleep", lambda s: None)


def test_paused_during_and_restored_after() -> None:
    conn = FakeConn()
    with aof_rewrite_paused(conn):
        assert conn.config["auto-aof-rewrite-percentage"] == "0"
    assert conn.config["auto-aof-rewrite-percentage"] == "25"


def test_restored_when_a_command_fails() -> None:
    conn = FakeConn()
    with pytest.raises(RuntimeError), aof_rewrite_paused(conn):
        raise RuntimeError("GRAPH.BULK failed")
    assert conn.history == ["0", "25"]


def test_a_failed_runs_pause_is_not_taken_for_the_setting() -> None:
    conn = FakeConn(setting="0")
    with aof_rewrite_paused(conn):
        pass
    assert conn.history == ["0"]  # nothing to restore: the server's start-up setting comes back on restart


def test_a_scheduled_rewrite_is_waited_for() -> None:
    conn = FakeConn(scheduled=3)
    wait_no_fork(conn)
    assert conn.scheduled < 0  # polled past the three answers that still had it scheduled


def test_the_bulk_loader_restores_only_once_the_run_is_complete(monkeypatch: pytest.MonkeyPatch) -> None:
    conn = FakeConn()
    loader = FalkorBulk(store=object(), connection=conn, key="g")  # type: ignore[arg-type]
    monkeypatch.setattr("app.store.falkordb.bulk.send", lambda run, c, key, on_command=None: (1, 0))
    monkeypatch.setattr("app.store.falkordb.bulk.complete_documents", lambda store, ids: None)
    loader.send(loader.run())
    assert conn.config["auto-aof-rewrite-percentage"] == "0"  # the schema is still to come
    loader.complete(["d"])
    assert conn.config["auto-aof-rewrite-percentage"] == "25"


def test_the_bulk_loader_restores_when_the_send_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    conn = FakeConn()
    loader = FalkorBulk(store=object(), connection=conn, key="g")  # type: ignore[arg-type]

    def fail(*a: Any, **k: Any) -> tuple[int, int]:
        raise RuntimeError("GRAPH.BULK failed")

    monkeypatch.setattr("app.store.falkordb.bulk.send", fail)
    with pytest.raises(RuntimeError):
        loader.send(loader.run())
    assert conn.history == ["0", "25"]

"""The GRAPH.BULK send pauses the server's automatic AOF rewrite for its duration and restores it after,
also when a command fails (at 1M platforms a rewrite forked mid-load left the server never answering)."""

from __future__ import annotations

from typing import Any

import pytest

from app.store.falkordb.send import aof_rewrite_paused


class FakeConn:
    def __init__(self) -> None:
        self.config = {"auto-aof-rewrite-percentage": "25"}
        self.history: list[str] = []

    def config_get(self, name: str) -> dict[str, Any]:
        return {name: self.config[name]}

    def config_set(self, name: str, value: Any) -> None:
        self.config[name] = str(value)
        self.history.append(str(value))

    def info(self, section: str) -> dict[str, Any]:
        return {"aof_rewrite_in_progress": 0, "rdb_bgsave_in_progress": 0}


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

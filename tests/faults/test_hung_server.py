"""A server that stops answering (SIGSTOP: alive, socket open, no reply) is a clear store error after the
client's socket timeout (INNOKG_STORE_SOCKET_TIMEOUT_S), not a client waiting forever — seen once for real
after a 1M bulk load (docs/benchmarks/load.md)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from app.store.falkordb.server import server_paths, stop_server
from app.store.falkordb.store import FalkorStore, socket_timeout_s
from app.store.protocol import StoreError, StoreUnavailable


def test_a_hung_server_is_an_error_after_the_socket_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INNOKG_STORE_SOCKET_TIMEOUT_S", "1.5")
    store = FalkorStore(tmp_path / "g", graph="hung")
    pid = int(server_paths(tmp_path / "g").pidfile.read_text().strip())
    try:
        assert store.read("RETURN 1 AS one") == [{"one": 1}]
        os.kill(pid, signal.SIGSTOP)
        t = time.monotonic()
        with pytest.raises(StoreUnavailable, match="not reachable"):
            store.read("RETURN 1 AS one")
        assert time.monotonic() - t < 30  # bounded by the timeout (1.5 s), with room for a loaded machine
    finally:
        os.kill(pid, signal.SIGCONT)
        store.close()
        stop_server(tmp_path / "g")


def test_socket_timeout_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INNOKG_STORE_SOCKET_TIMEOUT_S", raising=False)
    assert socket_timeout_s() == 600.0
    monkeypatch.setenv("INNOKG_STORE_SOCKET_TIMEOUT_S", "42")
    assert socket_timeout_s() == 42.0
    monkeypatch.setenv("INNOKG_STORE_SOCKET_TIMEOUT_S", "soon")
    with pytest.raises(StoreError, match="number of seconds"):
        socket_timeout_s()

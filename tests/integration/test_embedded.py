"""The embedded server's lifecycle: private unix socket, no TCP, reuse, persistence, stale files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import redis

from app.model.schema import Label
from app.store.falkordb.server import EmbeddedServerError, ensure_server, server_paths, server_pid, stop_server
from app.store.falkordb.store import FalkorStore
from app.store.loader import counts_by_label
from app.store.protocol import StoreUnavailable
from app.store.queries import template
from tests.conftest import merge_nodes


@pytest.fixture
def own_path(tmp_path: Path):  # a server of its own: these tests stop and restart it
    yield tmp_path / "g"
    stop_server(tmp_path / "g")


def test_unix_socket_only_in_private_dir(own_path: Path) -> None:
    paths = ensure_server(own_path)
    assert stat.S_IMODE(os.stat(paths.run).st_mode) == 0o700
    client = redis.Redis(unix_socket_path=str(paths.socket))
    assert client.config_get("port")["port"] == "0"  # no TCP listener
    assert client.config_get("appendonly")["appendonly"] == "yes"
    client.close()


def test_second_open_reuses_the_running_server(own_path: Path) -> None:
    a = FalkorStore(own_path)
    pid = server_pid(own_path)
    b = FalkorStore(own_path)
    assert pid is not None and server_pid(own_path) == pid
    a.close()
    b.close()


def test_data_survives_a_restart(own_path: Path) -> None:
    st = FalkorStore(own_path)
    st.write([merge_nodes(Label.PLATFORM, [{"id": "plat:1", "props": {"name": "甲"}}])])
    st.close()
    assert stop_server(own_path)
    assert server_pid(own_path) is None
    st = FalkorStore(own_path)
    assert counts_by_label(st)["Platform"] == 1
    st.close()


def test_stale_socket_and_pid_are_cleaned(own_path: Path) -> None:
    paths = server_paths(own_path)
    paths.run.mkdir(parents=True)
    paths.socket.write_text("")  # a socket file left by a crash
    paths.pidfile.write_text("999999")  # a pid that is not running
    st = FalkorStore(own_path)
    assert st.health().ok
    st.close()


def test_requests_fail_fast_when_the_server_is_gone_and_recover(own_path: Path) -> None:
    st = FalkorStore(own_path)
    stop_server(own_path)
    with pytest.raises(StoreUnavailable):
        st.read(template("count_label", label=Label.PLATFORM))
    ensure_server(own_path)  # restarted from outside; the same store object recovers
    assert st.read(template("count_label", label=Label.PLATFORM))[0]["n"] == 0
    st.close()


def test_unwritable_data_directory_is_a_clear_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        target = Path("/proc/innokg-cannot-exist")  # root may write anywhere else
    else:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        target = ro / "g"
    with pytest.raises(EmbeddedServerError, match="store directory"):
        ensure_server(target)

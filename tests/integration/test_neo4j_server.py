"""The local Neo4j 5.26 (tools/neo4j, app/store/neo4j/server.py) against a real JVM.

One data directory goes through start -> write/read -> status -> stop -> start (the node is still there)
-> kill -9 -> start (recovered, with the Browser) -> stop, in one test: each cold start costs a JVM and
Neo4j's start-up, tens of seconds on a loaded 2-core machine. The error cases start no DBMS.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store.neo4j import server

_NO_JAVA = shutil.which("java") is None and not os.environ.get("JAVA_HOME")
_NO_BUILD = shutil.which("mvn") is None and not server.is_built()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(_NO_JAVA, reason="java is not installed: the local Neo4j needs a JDK 17"),
    pytest.mark.skipif(_NO_BUILD, reason="mvn is not installed and tools/neo4j is not built (make setup)"),
]

CREATE_NODE = "CREATE (n:InnoKGServerTest {name: $name}) RETURN n.name AS name"
MATCH_NODES = "MATCH (n:InnoKGServerTest) RETURN n.name AS name ORDER BY name"
START_TIMEOUT_S = 300.0  # generous: CI shares 2 cores, and the first start may build the launcher


@pytest.fixture
def neo4j_dir() -> Iterator[Path]:
    # Not under pytest's basetemp, which a concurrent pytest run may rotate away under the live DBMS.
    path = Path(tempfile.mkdtemp(prefix="innokg-neo4j-test-"))
    yield path
    server.stop(path, grace_s=30)
    shutil.rmtree(path, ignore_errors=True)


def _driver(url: str):  # type: ignore[no-untyped-def]
    from neo4j import GraphDatabase

    uri, user, password = server.parse_url(url)
    return GraphDatabase.driver(uri, auth=(user, password))


def _names(url: str) -> list[str]:
    with _driver(url) as driver:
        records, _, _ = driver.execute_query(MATCH_NODES)
    return [r["name"] for r in records]


def _create(url: str, name: str) -> None:
    with _driver(url) as driver:
        records, _, _ = driver.execute_query(CREATE_NODE, name=name)
    assert [r["name"] for r in records] == [name]


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_life_cycle(neo4j_dir: Path) -> None:
    """One test, steps in order: each step needs the DBMS the step before left (safe under -k and xdist)."""
    url = _first_start_writes_and_reads(neo4j_dir)
    _start_again_reuses_the_running_one(neo4j_dir, url)
    _status_tells(neo4j_dir)
    _wrong_password_is_a_clear_error(neo4j_dir)
    _stop_then_start_keeps_the_data(neo4j_dir)
    _kill9_then_start_recovers(neo4j_dir)
    _browser_is_served(neo4j_dir)
    assert server.stop(neo4j_dir) is True


def _first_start_writes_and_reads(neo4j_dir: Path) -> str:
    t0 = time.monotonic()
    url = server.start(neo4j_dir, timeout_s=START_TIMEOUT_S, http_port=None)
    elapsed = time.monotonic() - t0
    assert re.fullmatch(r"bolt://neo4j:[^@/]+@127\.0\.0\.1:\d+", url)
    _create(url, "first")
    assert _names(url) == ["first"]
    assert _mode(neo4j_dir / server.PASSWORD_FILE) == 0o600
    assert _mode(neo4j_dir / server.STATE_FILE) == 0o600
    st = server.status(neo4j_dir)
    print(f"\ncold start {elapsed:.1f} s (launcher {st['startup_ms']} ms), RSS {_rss_mib(st['pid']):.0f} MiB")
    return url


def _start_again_reuses_the_running_one(neo4j_dir: Path, url: str) -> None:
    pid = server.status(neo4j_dir)["pid"]
    t0 = time.monotonic()
    assert server.start(neo4j_dir, timeout_s=60) == url
    assert time.monotonic() - t0 < 30
    assert server.status(neo4j_dir)["pid"] == pid


def _status_tells(neo4j_dir: Path) -> None:
    st = server.status(neo4j_dir)
    assert st["running"] is True
    assert isinstance(st["pid"], int) and isinstance(st["port"], int)
    assert st["url"].endswith(f"@127.0.0.1:{st['port']}")
    assert st["dir"] == str(neo4j_dir.resolve())
    assert st["version"].startswith("5.26.")
    state = json.loads((neo4j_dir / server.STATE_FILE).read_text())
    assert state["pid"] == st["pid"] and state["port"] == st["port"]


def _wrong_password_is_a_clear_error(neo4j_dir: Path) -> None:
    from neo4j.exceptions import AuthError

    port = server.status(neo4j_dir)["port"]
    wrong = f"bolt://neo4j:not-the-password@127.0.0.1:{port}"
    with pytest.raises(server.Neo4jServerError, match=r"authentication failed for user neo4j \(wrong password\?\)"):
        server.ping(wrong)
    with pytest.raises(AuthError), _driver(wrong) as driver:
        driver.execute_query("RETURN 1")


def _stop_then_start_keeps_the_data(neo4j_dir: Path) -> None:
    assert server.stop(neo4j_dir) is True
    assert server.status(neo4j_dir)["running"] is False
    assert not (neo4j_dir / server.STATE_FILE).exists()
    assert server.stop(neo4j_dir) is False  # nothing left to stop
    url = server.start(neo4j_dir, timeout_s=START_TIMEOUT_S, http_port=None)
    assert _names(url) == ["first"]


def _kill9_then_start_recovers(neo4j_dir: Path) -> None:
    url = server.status(neo4j_dir)["url"]
    _create(url, "second")  # committed, then the process dies without a checkpoint
    pid = server.status(neo4j_dir)["pid"]
    assert server.kill9(neo4j_dir) is True
    assert (neo4j_dir / server.STATE_FILE).exists()  # left behind, as a crash leaves it
    st = server.status(neo4j_dir)
    assert st["running"] is False and st["stale_state"] is True
    url = server.start(neo4j_dir, timeout_s=START_TIMEOUT_S, http_port=_free_port())  # with the Browser
    assert server.status(neo4j_dir)["pid"] != pid
    assert _names(url) == ["first", "second"]


def _browser_is_served(neo4j_dir: Path) -> None:
    """Neo4j Browser (org.neo4j.client:neo4j-browser) through the embedded DBMS's HTTP connector."""
    import urllib.request

    st = server.status(neo4j_dir)
    assert st["browser"] is not None and st["browser"].startswith("http://127.0.0.1:")
    with urllib.request.urlopen(st["browser"], timeout=30) as r:
        assert r.status == 200 and b"Neo4j Browser" in r.read()
    with urllib.request.urlopen(st["browser"].removesuffix("browser/"), timeout=30) as r:
        discovery = json.loads(r.read())
    assert discovery["bolt_direct"] == f"bolt://127.0.0.1:{st['port']}"


def test_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        with pytest.raises(server.Neo4jServerError, match=rf"neo4j in .*: port {port} on 127\.0\.0\.1 is in use"):
            server.start(tmp_path, port=port)
    assert not (tmp_path / server.PID_FILE).exists()


def test_java_missing_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(server.Neo4jServerError, match=r"Java is missing"):
        server.start(tmp_path)


def test_build_missing_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    java = shutil.which("java") or str(Path(os.environ["JAVA_HOME"]) / "bin" / "java")
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "java").symlink_to(java)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))  # java, but no mvn
    monkeypatch.setattr(server, "TOOLS_DIR", tmp_path / "tools")
    with pytest.raises(server.Neo4jServerError, match=r"launcher is not built .*mvn is not on PATH: run `make setup`"):
        server.start(tmp_path / "db")


def test_start_timeout_names_the_log_and_stops_the_launcher(tmp_path: Path) -> None:
    d = tmp_path / "db"
    with pytest.raises(server.Neo4jServerError, match=r"start timed out .*starting: "):
        server.start(d, timeout_s=1, http_port=None)
    st = server.status(d)
    assert st["running"] is False and st["pid"] is None

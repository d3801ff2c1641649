"""`innokg neo4j start|stop|status` and the one-line store errors (issue #19), against the session's local
Neo4j (tests/conftest.py). `stop` is not run here: it would stop the session's server (the life cycle is
tests/integration/test_neo4j_server.py's)."""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from tests.conftest import Neo4jServer

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.neo4j


def innokg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", *args], cwd=REPO, capture_output=True, text=True, timeout=600
    )


def test_start_reuses_and_prints_the_store_url_last(neo4j_server: Neo4jServer) -> None:
    if neo4j_server.dir is None:
        pytest.skip("the session's Neo4j is INNOKG_TEST_NEO4J_URL, not a local one")
    r = innokg("neo4j", "start", "--dir", str(neo4j_server.dir))
    assert r.returncode == 0, r.stderr
    url = r.stdout.strip().splitlines()[-1]
    assert url == neo4j_server.url
    st = innokg("status", "--store", url)
    assert st.returncode == 0 and "(neo4j): up" in st.stdout, st.stdout + st.stderr
    status = innokg("neo4j", "status", "--dir", str(neo4j_server.dir))
    assert status.returncode == 0 and "running: True" in status.stdout


def test_status_of_a_directory_without_neo4j(tmp_path: Path) -> None:
    r = innokg("neo4j", "status", "--dir", str(tmp_path))
    assert r.returncode == 1 and "running: False" in r.stdout


def test_refused_password_is_one_line_naming_the_url(neo4j_server: Neo4jServer) -> None:
    parts = urllib.parse.urlsplit(neo4j_server.url)
    # Another user name: Neo4j locks a user out for 5 s after 3 failed logins, and the session's tests log in
    # as neo4j right after this one.
    bad = f"bolt://intruder:not-the-password@{parts.hostname}:{parts.port}"
    r = innokg("init", "--store", bad)
    assert r.returncode == 2, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert f"bolt://{parts.hostname}:{parts.port}" in lines[0] and "refused the credentials" in lines[0]
    assert "not-the-password" not in r.stderr + r.stdout
    # `innokg cypher` reports a failed query its own way (exit 1, the console's contract): the same reason.
    c = innokg("cypher", "RETURN 1", "--store", bad)
    text = " ".join((c.stdout + c.stderr).split())
    assert c.returncode == 1 and "Traceback" not in text and "refused the credentials" in text
    assert "not-the-password" not in text
    st = innokg("status", "--store", bad)
    assert st.returncode == 1 and "DOWN" in st.stdout and "not-the-password" not in st.stdout


def test_server_down_is_one_line_naming_the_url() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    for scheme in ("bolt", "neo4j"):
        r = innokg("init", "--store", f"{scheme}://neo4j:pw@127.0.0.1:{port}")
        assert r.returncode == 2
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and f"{scheme}://127.0.0.1:{port}" in lines[0] and "not reachable" in lines[0], lines

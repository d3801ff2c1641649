"""Security (issue 7): POST /cypher cannot write whatever the text, has a row cap and a timeout; request
bodies are size-limited; the embedded engine listens on a private unix socket only."""

from __future__ import annotations

import os
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.store.falkordb.server import server_paths
from ingest.pipeline.run import ingest_paths
from tests.faults._graph import digest
from tests.faults.conftest import write_good
from tests.integration.api.conftest import Api, make_api

WRITES = [
    "CREATE (n:Platform {id: 'x', name: 'injected'})",
    "MERGE (n:Platform {id: 'x'}) RETURN n",
    "MATCH (n) SET n.name = 'pwned' RETURN count(n)",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) DELETE n",
    "MATCH (n) REMOVE n.name RETURN n",
    "MATCH (n:Platform) WITH n LIMIT 1 CREATE (n)-[:HOSTS]->(:Institution {id: 'y'})",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "LOAD CSV FROM 'http://127.0.0.1:1/x.csv' AS row CREATE (:X {v: row[0]})",
    "CALL db.idx.fulltext.createNodeIndex('Platform', 'name')",
    "CALL db.idx.fulltext.drop('Platform')",
    "CREATE INDEX FOR (n:Platform) ON (n.year)",
    "DROP INDEX ON :Platform(name)",
    "CALL db.constraints()",
    "GRAPH.DELETE innokg",
    "RETURN 1; MATCH (n) DETACH DELETE n",
    "MATCH (n) RETURN n // \n DETACH DELETE n",
    "UNWIND range(1, 10) AS i CREATE (:Spam {i: i})",
    "FOREACH (i IN [1] | CREATE (:Spam))",
    "CALL { CREATE (:Spam) } RETURN 1",
    "CYPHER x=1 CREATE (:Spam)",
    "MATCH (n) CALL { WITH n SET n.x = 1 } RETURN 1",
]


@pytest.fixture(scope="module")
def api(embedded_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    a = make_api(
        f"embedded:{embedded_path}", f"t_sec_{uuid.uuid4().hex[:12]}", cypher_row_limit=5, max_request_bytes=64 * 1024
    )
    report = ingest_paths(a.store, [write_good(tmp_path_factory.mktemp("sec"))], workers=0, bulk=False)
    assert not report.failed
    with a.client:
        yield a
    a.store.drop()
    a.store.close()


@pytest.mark.parametrize("text", WRITES)
def test_cypher_endpoint_cannot_write(api: Api, text: str) -> None:
    before = digest(api.store)
    r = api.client.post("/cypher", json={"query": text})
    assert r.status_code < 500, r.text
    if r.status_code == 200:  # a read that happens to parse (e.g. db.constraints()) must not have written
        assert "rows" in r.json()
    else:
        assert r.headers["content-type"].startswith("application/problem+json")
    assert digest(api.store) == before
    assert api.client.get("/health").status_code == 200


@settings(max_examples=30, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(WRITES),
    st.text(alphabet=st.sampled_from(list(" \n\t/*;'\"`{}()[]\\")), max_size=6),
    st.dictionaries(st.sampled_from(["name", "id", "q"]), st.text(max_size=20), max_size=2),
)
def test_cypher_write_fuzz_leaves_the_graph_unchanged(api: Api, write: str, junk: str, params: dict[str, str]) -> None:
    before = digest(api.store)
    for text in (junk + write, write + junk, f"MATCH (n) WHERE n.name = '{junk}' {write}"):
        r = api.client.post("/cypher", json={"query": text, "params": params})
        assert r.status_code < 500, (text, r.text)
    assert digest(api.store) == before


@pytest.mark.parametrize("value", ["' OR 1=1 //", "x'}) DETACH DELETE n //", "\\' MATCH (n) DETACH DELETE n", "`"])
def test_string_parameters_are_never_spliced_into_queries(api: Api, value: str) -> None:
    before = digest(api.store)
    for path, params in (
        ("/search", {"q": value}),
        ("/duplicates", {"region": value}),
        ("/transitions/pending", {"region": value}),
        (f"/platforms/{value}/duplicates", {}),
        (f"/entities/{value}", {}),
        ("/documents", {"kind": value}),
    ):
        r = api.client.get(path, params=params)
        assert r.status_code < 500, (path, r.text)
    r = api.client.post("/duplicates/screen", json={"name": value + "重点实验室", "host": value})
    assert r.status_code < 500, r.text
    assert digest(api.store) == before


def test_row_cap_and_timeout(api: Api) -> None:
    r = api.client.post("/cypher", json={"query": "UNWIND range(1, 100) AS i RETURN i"})
    body = r.json()
    assert r.status_code == 200 and body["row_count"] == 5 and body["truncated"] is True
    r = api.client.post("/cypher", json={"query": "UNWIND range(1, 100) AS i RETURN i", "limit": 10_000})
    assert r.json()["row_count"] == 5  # the client cannot raise the server's cap
    api.settings.cypher_timeout_ms = 50
    try:
        heavy = "UNWIND range(1, 3000) AS a UNWIND range(1, 3000) AS b WITH a, b WHERE a * b % 7919 = 1 RETURN count(*)"
        r = api.client.post("/cypher", json={"query": heavy})
        assert r.status_code == 504, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
    finally:
        api.settings.cypher_timeout_ms = 5000


def test_request_size_limit(api: Api) -> None:
    big = "MATCH (n) RETURN n //" + "x" * (70 * 1024)
    r = api.client.post("/cypher", json={"query": big[:19_000]})
    assert r.status_code != 413
    r = api.client.post(
        "/cypher", content=b'{"query": "' + b"x" * (70 * 1024) + b'"}', headers={"content-type": "application/json"}
    )
    assert r.status_code == 413 and r.json()["title"] == "Request too large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: the streamed body is counted
        yield b'{"query": "'
        for _ in range(20):
            yield b"x" * 8192
        yield b'"}'

    r = api.client.post("/cypher", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413, r.text


def test_embedded_engine_private_socket_no_tcp(embedded_path: Path) -> None:
    paths = server_paths(embedded_path)
    mode = stat.S_IMODE(os.stat(paths.run).st_mode)
    assert mode == 0o700, oct(mode)
    assert stat.S_ISSOCK(os.stat(paths.socket).st_mode)
    client = redis.Redis(unix_socket_path=str(paths.socket))
    try:
        assert client.config_get("port")["port"] == "0"
        assert client.config_get("bind").get("bind", "") in ("", "* -::*", "127.0.0.1 -::1")  # moot with port 0
    finally:
        client.close()
    pid = int(paths.pidfile.read_text())
    inodes = {os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")}
    listening = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if os.path.exists(table):
            for line in Path(table).read_text().splitlines()[1:]:
                cols = line.split()
                if cols[3] == "0A":  # LISTEN
                    listening.add(f"socket:[{cols[9]}]")
    assert not (inodes & listening), "the embedded server holds a listening TCP socket"

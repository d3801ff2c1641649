"""Shared fixtures: stores to run tests against, on every engine (``ENGINES``).

Both engines are real (no mocks). FalkorDB: one embedded server per test session, a fresh graph per test.
Neo4j: the project's own local Neo4j 5 Community (app/store/neo4j/server.py, docs/neo4j-local.md), started
once per session in a temporary directory and stopped at the end; a fresh, empty state per test (the
clear_graph template; the schema applied once per session: constraints and indexes survive the clear).
Community Edition holds one user database, so Neo4j tests in one session run one after another.

Environment:
- INNOKG_TEST_NEO4J=0: no Neo4j (its tests are skipped, saying so);
- INNOKG_TEST_NEO4J_URL=bolt://user:password@host:port: use that server instead of starting one
  (INNOKG_TEST_NEO4J_USER / _PASSWORD if the URL carries no credentials). Its data is deleted;
- INNOKG_TEST_NEO4J_DIR=D: start (or reuse) the local Neo4j of D and leave it running afterwards (fast
  reruns while developing).

Adding an engine: its id in ``ENGINES`` and a branch in ``_fresh_store``: every test that takes ``store``,
``engine`` or a fixture built on ``engine_store`` then runs on it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.model.schema import Label
from app.store.factory import LocalServerError, neo4j_prerequisites, neo4j_start, neo4j_stop, open_store
from app.store.falkordb.server import stop_server
from app.store.falkordb.store import FalkorStore
from app.store.protocol import GraphStore, Statement
from app.store.queries import template

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "data" / "corpus" / "policies"

ENGINES = ("falkordb", "neo4j")
_MARKS = {"neo4j": [pytest.mark.neo4j]}


def engine_params() -> list[Any]:
    """``params=`` for a fixture that runs once per engine (marked, so ``-m 'not neo4j'`` leaves one out)."""
    return [pytest.param(e, id=e, marks=_MARKS.get(e, [])) for e in ENGINES]


@pytest.fixture(scope="session")
def embedded_path() -> Iterator[Path]:
    # Not under pytest's basetemp: a concurrent pytest run rotates (deletes) old basetemps, which
    # would pull the socket from under this session's server.
    path = Path(tempfile.mkdtemp(prefix="innokg-test-"))
    yield path
    stop_server(path)
    shutil.rmtree(path, ignore_errors=True)


def _url_with_auth(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.username:
        return url
    user = urllib.parse.quote(os.environ.get("INNOKG_TEST_NEO4J_USER", "neo4j"), safe="")
    password = urllib.parse.quote(os.environ.get("INNOKG_TEST_NEO4J_PASSWORD", ""), safe="")
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}:{password}@{parts.netloc}"))


@contextlib.contextmanager
def _local_neo4j() -> Iterator[tuple[str, Path]]:
    reason = neo4j_prerequisites()
    if reason:
        pytest.skip(f"no local Neo4j: {reason} (INNOKG_TEST_NEO4J=0 silences this)")
    keep = os.environ.get("INNOKG_TEST_NEO4J_DIR")
    path = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="innokg-neo4j-test-"))
    try:
        url = neo4j_start(path, **NEO4J_OPTIONS)
    except LocalServerError as exc:
        if "not built" in str(exc) or "building the launcher failed" in str(exc):
            pytest.skip(f"no local Neo4j: {exc}")
        raise
    try:
        yield url, path
    finally:
        if not keep:
            neo4j_stop(path)
            shutil.rmtree(path, ignore_errors=True)


NEO4J_OPTIONS: dict[str, Any] = {"heap": "768m", "http_port": None, "timeout_s": 300}


@dataclass
class Neo4jServer:
    url: str  # a fault test that restarts the server sets the URL it comes back on
    dir: Path | None  # the project's local one; None for INNOKG_TEST_NEO4J_URL


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    """A Neo4j for this session, schema applied."""
    if os.environ.get("INNOKG_TEST_NEO4J", "1").strip().lower() in ("0", "false", "no", "off"):
        pytest.skip("Neo4j tests turned off (INNOKG_TEST_NEO4J=0)")
    given = os.environ.get("INNOKG_TEST_NEO4J_URL")
    server: contextlib.AbstractContextManager[tuple[str, Path | None]]
    server = contextlib.nullcontext((_url_with_auth(given), None)) if given else _local_neo4j()
    with server as (url, path):
        st = open_store(url)
        try:
            clear(st)
            st.apply_schema()
        finally:
            st.close()
        yield Neo4jServer(url, path)


@contextlib.contextmanager
def fresh_store(request: pytest.FixtureRequest, engine: str, name: str = "t") -> Iterator[GraphStore]:
    """An empty graph on ``engine``: a new FalkorDB graph key, or the Neo4j database cleared."""
    if engine == ENGINES[0]:
        fst = FalkorStore(request.getfixturevalue("embedded_path"), graph=f"{name}_{uuid.uuid4().hex[:12]}")
        try:
            yield fst
        finally:
            fst.drop()
            fst.close()
        return
    st = open_store(request.getfixturevalue("neo4j_server").url)
    try:
        clear(st)
        yield st
    finally:
        st.close()


def clear(store: GraphStore) -> None:
    """Delete every node and relationship of a store (Neo4j: its one database; the schema stays)."""
    store.write([Statement(template("clear_graph"))])


@pytest.fixture(params=engine_params())
def engine(request: pytest.FixtureRequest) -> str:
    """Each engine id in turn (tests that open stores themselves, e.g. through the CLI or the API)."""
    return str(request.param)


@pytest.fixture
def store(request: pytest.FixtureRequest, engine: str) -> Iterator[GraphStore]:
    """A fresh, empty graph on each engine."""
    with fresh_store(request, engine) as st:
        yield st


@pytest.fixture(scope="module", params=engine_params())
def module_engine(request: pytest.FixtureRequest) -> str:
    """Each engine id in turn, for fixtures that load data once per module and engine."""
    return str(request.param)


def merge_nodes(label: Label, rows: list[dict[str, Any]]) -> Statement:
    """The loader's node upsert (cypher/templates/merge_nodes_evidenced.cypher) for bare test rows
    ({id, props}): no evidence, no document."""
    full = [{"evidence": [], "new_evidence": [], **r} for r in rows]
    return Statement(template("merge_nodes_evidenced", label=label), {"rows": full, "document": None})


def engine_url(request: pytest.FixtureRequest, engine: str) -> str:
    """The store URL of ``engine`` in this session (Neo4j: with its credentials)."""
    if engine == ENGINES[0]:
        return f"embedded:{request.getfixturevalue('embedded_path')}"
    return str(request.getfixturevalue("neo4j_server").url)


def drop_store(store: GraphStore) -> None:
    """Remove what a test wrote: the FalkorDB graph key, or everything in the Neo4j database."""
    if isinstance(store, FalkorStore):
        store.drop()
    else:
        clear(store)

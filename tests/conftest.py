"""Shared fixtures: stores to run tests against, on every engine available here.

The embedded FalkorDB server is real (no mocks): one server per test session, a fresh graph per test.
Neo4j runs only where INNOKG_TEST_NEO4J_URL points at a live server (it cannot run on CI machines
here; its statements are checked by Neo4j's own linter instead, see test_cypher_neo4j_lint.py).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.model.schema import Label
from app.store.factory import open_store
from app.store.falkordb.server import stop_server
from app.store.falkordb.store import FalkorStore
from app.store.protocol import GraphStore, Statement
from app.store.queries import template

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "data" / "corpus" / "policies"


@pytest.fixture(scope="session")
def embedded_path() -> Iterator[Path]:
    # Not under pytest's basetemp: a concurrent pytest run rotates (deletes) old basetemps, which
    # would pull the socket from under this session's server.
    path = Path(tempfile.mkdtemp(prefix="innokg-test-"))
    yield path
    stop_server(path)
    shutil.rmtree(path, ignore_errors=True)


def _neo4j_params() -> list[object]:
    url = os.environ.get("INNOKG_TEST_NEO4J_URL")
    return [pytest.param("neo4j", marks=pytest.mark.neo4j)] if url else []


@pytest.fixture(params=["falkordb", *_neo4j_params()])
def store(request: pytest.FixtureRequest, embedded_path: Path) -> Iterator[GraphStore]:
    """A fresh, empty graph on each available engine."""
    if request.param == "falkordb":
        fst = FalkorStore(embedded_path, graph=f"t_{uuid.uuid4().hex[:12]}")
        yield fst
        fst.drop()
        fst.close()
    else:
        st = open_store(
            os.environ["INNOKG_TEST_NEO4J_URL"],
            user=os.environ.get("INNOKG_TEST_NEO4J_USER", "neo4j"),
            password=os.environ.get("INNOKG_TEST_NEO4J_PASSWORD", ""),
        )
        st.write([Statement(template("clear_graph"))])
        yield st
        st.close()


def merge_nodes(label: Label, rows: list[dict[str, Any]]) -> Statement:
    """The loader's node upsert (cypher/templates/merge_nodes_evidenced.cypher) for bare test rows
    ({id, props}): no evidence, no document."""
    full = [{"evidence": [], "new_evidence": [], **r} for r in rows]
    return Statement(template("merge_nodes_evidenced", label=label), {"rows": full, "document": None})

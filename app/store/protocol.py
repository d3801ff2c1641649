"""One store interface, a backend per engine, chosen by a store URL.

``embedded:PATH`` (default) → FalkorDB started by us on a unix socket under PATH;
``neo4j://…`` / ``bolt://…`` (and the ``+s``/``+ssc`` variants) → Neo4j 5 via the official driver.
Callers never see engine objects: rows come back as plain dicts of JSON-able values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

Row = dict[str, Any]
Params = Mapping[str, Any]

DEFAULT_STORE_URL = "embedded:./data/graph"
DEFAULT_GRAPH = "innokg"


class StoreError(Exception):
    """A query the engine refused (syntax, constraint, write through a read-only call)."""


class StoreUnavailable(StoreError):
    """The engine cannot be reached (stopped, restarting, socket gone)."""


class StoreTimeout(StoreError):
    """A query ran past its time limit."""


@dataclass(frozen=True)
class Statement:
    query: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Health:
    backend: str
    url: str
    ok: bool
    server_version: str | None = None
    detail: str | None = None


@runtime_checkable
class GraphStore(Protocol):
    backend: str  # "falkordb" | "neo4j": selects per-backend cypher files
    url: str

    def read(self, query: str, params: Params | None = None, *, timeout_ms: int | None = None) -> list[Row]:
        """Run a query that cannot write (engine-enforced read-only mode)."""
        ...

    def write(self, statements: Sequence[Statement]) -> list[list[Row]]:
        """Run a batch of write statements in order; Neo4j runs them in one transaction."""
        ...

    def apply_schema(self) -> list[str]:
        """Create constraints and indexes (idempotent); returns what was applied."""
        ...

    def health(self) -> Health: ...

    def close(self) -> None: ...


def parse_store_url(url: str) -> tuple[str, str]:
    """("falkordb", path) or ("neo4j", url); raises ValueError on anything else."""
    if url.startswith("embedded:"):
        path = url.removeprefix("embedded:")
        if not path:
            raise ValueError("embedded store URL needs a path: embedded:./data/graph")
        return "falkordb", path
    if url.split("://", 1)[0] in {"neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc"}:
        return "neo4j", url
    raise ValueError(f"unknown store URL {url!r}: use embedded:PATH, neo4j://host:7687 or bolt://host:7687")

"""One store interface, a backend per engine, chosen by a store URL.

``embedded:PATH`` (default) → FalkorDB started by us on a unix socket under PATH;
``neo4j://…`` / ``bolt://…`` (and the ``+s``/``+ssc`` variants) → Neo4j 5 via the official driver.
Callers never see engine objects: rows come back as plain dicts of JSON-able values. What differs
between engines is offered as capabilities, never asked by name: ``encode_params`` (how a statement's
parameters travel), ``bulk_loader()`` (a first-load path, or None) and ``graph`` (the graph's name).
Only app.store.factory opens an engine (docs/reference/store.md).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from app.model.batch import GraphBatch, PropValue
    from app.model.schema import Label
    from app.store.rows import LoadResult

Row = dict[str, Any]
Params = Mapping[str, Any]
# (query, parameters, every map key the parameters hold if known) → (query, parameters) as the engine gets them
ParamEncoder = Callable[[str, dict[str, Any], Iterable[str] | None], tuple[str, dict[str, Any]]]

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


def params_as_given(
    query: str, params: dict[str, Any], keys: Iterable[str] | None = None
) -> tuple[str, dict[str, Any]]:
    """``GraphStore.encode_params`` of an engine whose driver sends parameters as they are."""
    return query, params


class BulkRun(Protocol):
    """A whole first load computed in memory to the state the MERGE loader would leave, then sent at once."""

    def has_document(self, doc_id: str) -> str | None:
        """The sha256 this run already loaded for ``doc_id`` (None: not loaded)."""
        ...

    def load(self, doc_id: str, sha256: str, props: dict[str, PropValue], batches: Iterable[Any]) -> LoadResult:
        """As app.store.loader.load_prepared, for batches the loader's ``pack`` made."""
        ...

    def lookup(self, label: Label, ids: list[str]) -> set[str]:
        """Which of these node ids the run holds so far."""
        ...

    def derive_inputs(self) -> tuple[list[dict[str, Any]], Iterator[dict[str, Any]]]:
        """What app.derive.chains.infer_links reads from a store, from the run's in-memory graph."""
        ...

    def document_ids(self) -> list[str]:
        """The Document node ids of the run (``BulkLoader.complete`` stamps them after the send)."""
        ...


class BulkLoader(Protocol):
    """An engine's path for a first load into a graph that does not exist yet (``GraphStore.bulk_loader``)."""

    # ``bulk="auto"`` takes the path only for inputs of at least this many bytes (0: any); ``bulk=True`` always
    min_input_bytes: int

    def new_graph(self) -> bool:
        """Whether the store's graph does not exist yet (the only graph a bulk load may create)."""
        ...

    def refusal(self) -> str | None:
        """Why this store cannot take a bulk load now (its graph exists, …); None when it can."""
        ...

    @property
    def pack(self) -> Callable[[GraphBatch], Any]:
        """A module-level (picklable) function: one batch's rows packed for ``BulkRun.load`` (worker processes)."""
        ...

    def run(self) -> BulkRun:
        """A new, empty in-memory run."""
        ...

    def send(self, run: BulkRun) -> tuple[int, int]:
        """Create the graph from the run (consumed): (nodes, edges) created."""
        ...

    def complete(self, doc_ids: list[str]) -> None:
        """After the send and the schema: these documents are completely loaded."""
        ...

    def release_caches(self) -> None:
        """Drop the packing caches of this process (they refill on use)."""
        ...


@runtime_checkable
class GraphStore(Protocol):
    backend: str  # "falkordb" | "neo4j": selects per-backend cypher files
    url: str
    graph: str  # the graph's name within the engine (a cache key beside ``url``)

    def encode_params(
        self, query: str, params: dict[str, Any], keys: Iterable[str] | None = None
    ) -> tuple[str, dict[str, Any]]:
        """A statement as this engine's driver should get it: FalkorDB inlines the parameters as a
        ``CYPHER name=value …`` prefix (costly, so done where the statement is prepared: a worker process in
        bulk loads); Neo4j returns them as they are. ``keys``: every map key the parameters hold, if known.
        Implemented as a module-level function (a staticmethod), so ``store.encode_params`` pickles."""
        ...

    def bulk_loader(self) -> BulkLoader | None:
        """The engine's bulk path for a first load, or None when it has none."""
        ...

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


def redacted_url(url: str) -> str:
    """A store URL fit for messages and logs: any password in it replaced by ***.

    >>> redacted_url("bolt://neo4j:s3cret@127.0.0.1:7687")
    'bolt://neo4j:***@127.0.0.1:7687'
    >>> redacted_url("embedded:./data/graph")
    'embedded:./data/graph'
    """
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{parts.username}:***@{netloc}"))

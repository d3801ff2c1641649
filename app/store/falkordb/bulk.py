"""First load into an empty embedded store through FalkorDB's ``GRAPH.BULK`` binary loader.

The MERGE path (app.store.loader) pays ~130–150 µs of engine time per inventory row; ``GRAPH.BULK``
creates nodes and edges from packed binary tokens without planning or matching, but only into a graph
key that does not exist yet, CREATE-only. So a whole ingest run is first computed in memory to the exact
end state the MERGE path would leave (the rows of app.store.rows, the same ``SET +=`` order, the same
``docs``/``evidence`` list arithmetic, the same dropped relationships), then sent in a few large
commands, then the schema (indexes + constraints) is applied. Later runs use the MERGE path on the graph
this produced (tests/integration/bulk compares both graphs exactly).

The parts, in the order a run uses them:

- ``app.store.fold.pack``: value packing (the wire format of a value; packed blobs and their signatures);
- ``app.store.fold.batch``: ``bulk_rows`` — one GraphBatch's rows packed, in a worker process (``BulkBatch``);
- ``app.store.fold.graph``: ``Fold`` — the parent folds every batch into the run's end state (engine-neutral:
  the Neo4j importer reads the same fold);
- ``tokens``: ``BulkGraph`` — that fold's GRAPH.BULK tokens (node tokens, then edge tokens);
- ``spool``: the GRAPH.BULK commands written to an unlinked file before the first is sent;
- ``send``: the commands sent on the server's connection (app.store.loader stamps the documents
  complete once the schema is in).

Wire format (FalkorDB 4.16, as read by its bulk loader): ``GRAPH.BULK key [BEGIN] node_count
edge_count label_tokens reltype_tokens <tokens…>``. A token is ``name\\0`` + uint32 property count +
``prop\\0``… then entities: a node is its property values in header order, an edge is uint64 src,
uint64 dst (internal node ids, sequential from 0 in creation order across commands) and its values.

This module is the engine's ``BulkLoader`` (app.store.protocol), which ``FalkorStore.bulk_loader``
returns; the names below it re-exports are the package's public surface.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.model.batch import GraphBatch
from app.store.falkordb.send import pause_aof_rewrite, resume_aof_rewrite, rewrite_setting, send
from app.store.falkordb.tokens import BulkGraph
from app.store.fold.batch import BulkBatch, bulk_rows
from app.store.fold.pack import BulkError, pack, release_caches, unpack
from app.store.loader import complete_documents
from app.store.protocol import BulkRun, GraphStore, StoreError

__all__ = [
    "BulkBatch",
    "BulkError",
    "BulkGraph",
    "FalkorBulk",
    "bulk_rows",
    "complete_documents",
    "graph_exists",
    "pack",
    "release_caches",
    "unpack",
]


class FalkorBulk:
    """The GRAPH.BULK path of one embedded store: its server connection and graph key."""

    min_input_bytes = 0  # cheaper than MERGE for any first load

    def __init__(self, store: GraphStore, connection: Any, key: str) -> None:
        self.store = store
        self.connection = connection
        self.key = key
        # read here, in the process that completes the run (the send may run in a forked child)
        self._rewrite = rewrite_setting(connection)

    def new_graph(self) -> bool:
        return not self.connection.exists(self.key)

    def refusal(self) -> str | None:
        return (
            None if self.new_graph() else f"the graph {self.key} exists: a bulk load needs one that does not exist yet"
        )

    @property
    def pack(self) -> Callable[[GraphBatch], Any]:
        return bulk_rows

    def run(self) -> BulkGraph:
        return BulkGraph()

    def send(self, run: BulkRun, *, on_command: Callable[[int, int], None] | None = None) -> tuple[int, int]:
        if not isinstance(run, BulkGraph):
            raise StoreError(f"GRAPH.BULK sends a BulkGraph, not {type(run).__name__}")
        pause_aof_rewrite(self.connection)  # until the run is complete: see pause_aof_rewrite
        try:
            return send(run, self.connection, self.key, on_command=on_command)
        except BaseException:
            resume_aof_rewrite(self.connection, self._rewrite)
            raise

    def complete(self, doc_ids: list[str]) -> None:
        complete_documents(self.store, doc_ids)
        resume_aof_rewrite(self.connection, self._rewrite)  # the schema is in: the due rewrite runs alone

    def release_caches(self) -> None:
        release_caches()


def graph_exists(store: GraphStore) -> bool:
    """Whether the store's graph exists (bulk loads only create new graphs). No bulk path: always True."""
    loader = store.bulk_loader()
    return loader is None or not loader.new_graph()

"""Ingest orchestration: which files, prepared how, written where, derived after.

The stages, each its own module: ``files`` (expand, classify, hash) → ``prepare`` (read, resolve, build
and prepare each file, in worker processes) → ``sink`` (the one loop writing prepared files, lab-cluster
lists last) into ``merge`` (the store, MERGE statements per document) or ``bulk`` (the store's bulk path:
the run folded in memory and sent at once) → ``derive`` (facts from the whole graph) → ``report``.

A bad file is reported (file, offset/row, reason) and skipped; the other files still load; what the
store already holds is never half-replaced (see app.store.loader).

Runs are pipelined: worker processes read, resolve, build and prepare (encode) files while this process
only sends statements to the engine (which runs in a process of its own). Files whose content the store
already holds are skipped before any work. Lab-cluster lists are built last, after every other file was
written: their members are resolved against the platforms written by then.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal

from app.store.loader import DEFAULT_CHUNK
from app.store.protocol import GraphStore
from ingest.pipeline.bulk import BULK_FORK_ENV, ingest_bulk, use_bulk
from ingest.pipeline.derive import derive_after
from ingest.pipeline.files import INVENTORY_SUFFIXES, POLICY_SUFFIXES, Kind, classify, expand, sha256_file
from ingest.pipeline.merge import ensure_initialised, existing_ids, ingest_merge
from ingest.pipeline.prepare import default_workers
from ingest.pipeline.report import FileOutcome, IngestReport, StageTimes, new_existing

__all__ = [
    "BULK_FORK_ENV",
    "INVENTORY_SUFFIXES",
    "POLICY_SUFFIXES",
    "FileOutcome",
    "IngestReport",
    "Kind",
    "StageTimes",
    "classify",
    "default_workers",
    "ensure_initialised",
    "existing_ids",
    "expand",
    "ingest_paths",
    "new_existing",
    "sha256_file",
]


def ingest_paths(
    store: GraphStore,
    paths: Iterable[Path],
    *,
    kind: Kind = "auto",
    chunk: int = DEFAULT_CHUNK,
    on_file: Callable[[FileOutcome], None] | None = None,
    workers: int | None = None,
    bulk: bool | Literal["auto"] = "auto",
    derive: bool = True,
) -> IngestReport:
    """Ingest files (and directories) into ``store``; ``workers`` processes prepare files while this one
    writes (None: up to 2; 0: everything in this process).

    ``bulk``: build the whole run in memory and create the graph through the store's bulk path
    (``GraphStore.bulk_loader``; FalkorDB: GRAPH.BULK) — "auto" does so when the store has one and its
    graph does not exist yet; True requires that; False always MERGEs. The resulting graph is the one the
    MERGE path would build.
    ``derive``: after a run that changed the graph, recompute the facts derived from the whole graph
    (inferred platform → chain links, app.services.chains.materialise_inferred)."""
    paths = expand(paths)
    loader = use_bulk(store, bulk, paths)
    report = IngestReport()
    workers = default_workers() if workers is None else workers
    if loader is not None:
        ingest_bulk(store, loader, paths, kind, chunk, on_file, workers, report, derive)
    else:
        ingest_merge(store, paths, kind, chunk, on_file, workers, report)
    if derive:
        derive_after(store, report)
    return report

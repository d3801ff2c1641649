"""The MERGE path: each document loaded into the store through the loader's statements, one by one.

A bad file is reported (file, offset/row, reason) and skipped; the other files still load; what the
store already holds is never half-replaced (see app.store.loader).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from app.model.errors import InputError
from app.model.schema import Label
from app.store.loader import (
    LoadResult,
    PreparedBatch,
    abandon_document,
    document_state,
    load_document,
    load_prepared,
    unchanged,
)
from app.store.protocol import GraphStore, StoreError, StoreUnavailable
from app.store.queries import template
from ingest.pipeline.files import TABULAR_SUFFIXES, Kind, file_kind, sha256_file
from ingest.pipeline.prepare import Job, Prepared, Preparer, indexed
from ingest.pipeline.report import FileOutcome, IngestReport
from ingest.pipeline.sink import write_files
from ingest.resolve.seed import SEED_DOC_ID, seed_batch, seed_sha256


def ensure_initialised(store: GraphStore) -> None:
    """Schema and the gazetteer/taxonomy frame: applied once, refreshed when they change."""
    store.apply_schema()
    state = document_state(store, SEED_DOC_ID)
    if not state or state.get("sha256") != seed_sha256() or state.get("load_state") != "complete":
        load_document(
            store, SEED_DOC_ID, seed_sha256(), {"kind": "seed", "title": "gazetteer + taxonomy"}, [seed_batch()]
        )


def existing_ids(store: GraphStore) -> Callable[[Label, list[str]], set[str]]:
    """Which of these node ids the store holds (lab-cluster member resolution)."""

    def lookup(label: Label, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        return {str(r["id"]) for r in store.read(template("nodes_existing", label=label), {"ids": ids})}

    return lookup


class MergeSink:
    """Files written into the store as they come (a ``Sink``)."""

    def __init__(self, store: GraphStore, chunk: int) -> None:
        self.store = store
        self.preparer = Preparer(chunk, encode=store.encode_params)
        self._lookup = existing_ids(store)
        # document_state read before the run (to skip unchanged files), used once: a second file of the same
        # document id reads it again, after the first was written
        self.states: dict[str, dict[str, Any] | None] = {}

    def lookup(self, label: Label, ids: list[str]) -> set[str]:
        return self._lookup(label, ids)

    def write(self, i: int, prep: Prepared) -> FileOutcome:
        o = prep.outcome()
        if o.error is not None:
            return o
        t = time.perf_counter()
        known = prep.doc_id in self.states
        _load_or_fail(self.store, o, prep, prep.batches, self.states.pop(prep.doc_id) if known else "read")
        o.times.write = time.perf_counter() - t
        return o


def _load_or_fail(
    store: GraphStore,
    o: FileOutcome,
    prep: Prepared,
    batches: list[PreparedBatch],
    state: dict[str, Any] | Literal["read"] | None = "read",
) -> None:
    """Load one document; a statement the store refuses fails this file only, and what it had written
    is withdrawn at once (a new document goes entirely; one stored before stays 'loading', so the next run
    reloads it). An unreachable store fails the run: no other file could load either."""
    try:
        o.result = load_prepared(store, prep.doc_id, prep.sha256, prep.props, batches, state=state)
    except StoreUnavailable as exc:
        raise StoreUnavailable(f"{exc} (while loading {prep.path})") from exc
    except StoreError as exc:
        o.error = InputError(prep.path, None, f"the store refused this document: {exc}")
        with contextlib.suppress(StoreError):
            abandon_document(store, prep.doc_id)


def ingest_merge(
    store: GraphStore,
    paths: list[Path],
    kind: Kind,
    chunk: int,
    on_file: Callable[[FileOutcome], None] | None,
    workers: int,
    report: IngestReport,
) -> IngestReport:
    """Every file MERGEd into the store (prepared by ``workers`` processes); unchanged content skipped."""
    ensure_initialised(store)
    outcomes: dict[int, FileOutcome] = {}
    sink = MergeSink(store, chunk)

    def finish(i: int, outcome: FileOutcome) -> None:
        outcomes[i] = outcome
        report.times.add(outcome.times)
        if on_file is not None:  # as each file finishes (lab-cluster lists come last)
            on_file(outcome)

    jobs: list[tuple[int, Job]] = []
    for i, path in enumerate(paths):
        k = file_kind(path, kind)
        # Unchanged content: skip before reading (the doc id of an inventory is its file stem).
        tabular = k == "inventory" and path.suffix.lower() in TABULAR_SUFFIXES
        if tabular:
            state = document_state(store, path.stem)
            if unchanged(state, sha256_file(path)):
                outcomes[i] = FileOutcome(path, "inventory", LoadResult(path.stem, "unchanged"))
                if on_file is not None:
                    on_file(outcomes[i])
                continue
            sink.states[path.stem] = state
        jobs.append((i, Job(path, k, sink.preparer)))
    write_files(indexed(jobs, workers, report.times), sink, finish)
    report.files = [outcomes[i] for i in sorted(outcomes)]
    return report

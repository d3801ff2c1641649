"""The derive step after a run: facts computed from the whole graph (inferred platform → chain links)."""

from __future__ import annotations

import time

from app.model.schema import document_id
from app.store.loader import document_state
from app.store.protocol import GraphStore
from app.store.queries import template
from ingest.pipeline.report import IngestReport


def derive_after(store: GraphStore, report: IngestReport) -> None:
    """Recompute the derived facts (app.derive.chains.materialise_inferred) when the run changed the graph,
    or when an earlier run did not finish deriving; a bulk run that derived in memory has only the chains'
    coverage summaries left (app.derive.coverage), which read the graph the server now holds."""
    changed = any(f.result is not None and f.result.status != "unchanged" for f in report.files)
    if report.derived is None and (changed or derive_needed(store)):
        from app.derive.chains import materialise_inferred

        t = time.perf_counter()
        report.derived = materialise_inferred(store)  # its coverage summaries included
        report.times.derive = time.perf_counter() - t
    else:  # derived in memory by a bulk first load, or nothing changed: summaries only if not current
        from app.derive.coverage import refresh_summaries

        t = time.perf_counter()
        summaries = refresh_summaries(store)
        if report.derived is not None:
            report.derived.summaries = summaries
        report.times.derive += time.perf_counter() - t


def derive_needed(store: GraphStore) -> bool:
    """Whether a run that changed no file must still derive: an earlier run was killed after its files
    were complete but before (or while) deriving (found by bench/fault_kill.py) — the derived document is
    then not complete, or older than a document that completed since. No derived document: the derive
    step is one query when the graph has no chains."""
    from app.derive.chains import DERIVED_DOC

    state = document_state(store, DERIVED_DOC)
    if state is None or state.get("load_state") != "complete":
        return True
    since = state.get("derived_at") or state.get("loaded_at")
    if not since:
        return True
    rows = store.read(template("documents_loaded_since"), {"id": document_id(DERIVED_DOC), "since": since})
    return bool(rows and int(rows[0]["n"]) > 0)

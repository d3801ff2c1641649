"""Write GraphBatches into a store: idempotent, per document, safe to re-run after a crash.

A document is loaded as: mark it 'loading' → (if it was there before) withdraw its old facts →
evidence → nodes → relationships, in UNWIND chunks → mark it 'complete'. The same content again is a
no-op; a changed content replaces that document's facts and evidence (no orphans, no duplicates); a
load that died leaves the document 'loading', and the next run purges and reloads it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.graph.batch import GraphBatch, PropValue, evidence_prefix
from app.graph.queries import template
from app.graph.schema import Label, document_id
from app.graph.store import GraphStore, Statement

DEFAULT_CHUNK = 10_000  # rows per UNWIND statement (Neo4j guidance: 10k–50k; see docs/benchmarks.md)


@dataclass
class LoadResult:
    doc_id: str
    status: str  # "loaded" | "replaced" | "unchanged"
    nodes: dict[str, int] = field(default_factory=dict)
    rels: dict[str, int] = field(default_factory=dict)
    evidence: int = 0
    dropped_rels: int = 0  # relationships whose endpoints did not exist


def _chunks(rows: Sequence[dict[str, Any]], size: int) -> Iterator[Sequence[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _clean(props: dict[str, PropValue]) -> dict[str, PropValue]:
    """Drop None (SET += would remove the property) and empty lists (FalkorDB cannot type them)."""
    return {k: v for k, v in props.items() if v is not None and v != []}


def _merge_rows(rows: Iterable[dict[str, Any]], key: Callable[[dict[str, Any]], Hashable]) -> list[dict[str, Any]]:
    """One row per key: properties merged (later rows win), evidence united in order.

    Needed for correctness, not only speed: FalkorDB 4.16 collapses UNWIND rows that MERGE the same
    pattern and kept only the last row's evidence list.
    """
    merged: dict[Hashable, dict[str, Any]] = {}
    for row in rows:
        k = key(row)
        seen = merged.get(k)
        if seen is None:
            merged[k] = {**row, "props": dict(row["props"]), "evidence": list(row["evidence"])}
        else:
            seen["props"].update(row["props"])
            seen["evidence"] += [e for e in row["evidence"] if e not in seen["evidence"]]
    return list(merged.values())


def document_state(store: GraphStore, doc_id: str) -> dict[str, Any] | None:
    rows = store.read(template("document_state"), {"id": document_id(doc_id)})
    return rows[0] if rows else None


def purge_document(store: GraphStore, doc_id: str) -> None:
    """Withdraw everything a document stated: its relationships' claims, its orphan nodes, its evidence."""
    store.write(
        [
            Statement(
                template("purge_document_rels"),
                {"doc_id": doc_id, "evidence_prefix": evidence_prefix(doc_id)},
            ),
            Statement(template("delete_unsourced_rels")),
            Statement(template("purge_document_nodes"), {"doc_id": doc_id}),
            Statement(template("purge_document_evidence"), {"doc_id": doc_id}),
        ]
    )


def write_batch(store: GraphStore, batch: GraphBatch, *, chunk: int = DEFAULT_CHUNK) -> LoadResult:
    """Evidence, then nodes, then relationships (endpoints must exist first)."""
    result = LoadResult(batch.doc_id, "loaded")
    doc_node = document_id(batch.doc_id)
    ev_rows = [{"id": eid, "document": doc_node, "props": _clean(ev.props())} for eid, ev in batch.evidence.items()]
    for part in _chunks(ev_rows, chunk):
        store.write([Statement(template("merge_evidence"), {"rows": list(part)})])
    result.evidence = len(ev_rows)
    for label, rows in batch.nodes.items():
        clean = [
            {"id": r["id"], "props": _clean(r["props"]), "evidence": r["evidence"]}
            for r in _merge_rows(rows, lambda r: r["id"])
        ]
        for part in _chunks(clean, chunk):
            store.write([Statement(template("merge_nodes", label=label), {"rows": list(part)})])
        result.nodes[label.value] = result.nodes.get(label.value, 0) + len(clean)
    for (rel, src, dst), rows in batch.rels.items():
        clean = [
            {
                "src": r["src"],
                "dst": r["dst"],
                "key": r.get("key", ""),
                "doc": batch.doc_id,
                "props": _clean(r["props"]),
                "evidence": r["evidence"],
            }
            for r in _merge_rows(rows, lambda r: (r["src"], r["dst"], r.get("key", "")))
        ]
        stmt = template("merge_rels", rel=rel, src=src, dst=dst)
        for part in _chunks(clean, chunk):
            merged = store.write([Statement(stmt, {"rows": list(part)})])[0]
            result.dropped_rels += len(part) - int(merged[0]["merged"] if merged else 0)
        result.rels[rel.value] = result.rels.get(rel.value, 0) + len(clean)
    return result


def load_document(
    store: GraphStore,
    doc_id: str,
    sha256: str,
    props: dict[str, PropValue],
    batches: Iterable[GraphBatch],
    *,
    chunk: int = DEFAULT_CHUNK,
) -> LoadResult:
    """Load one source document's batches unless the store already holds this exact content."""
    state = document_state(store, doc_id)
    if state and state.get("sha256") == sha256 and state.get("load_state") == "complete":
        return LoadResult(doc_id, "unchanged")
    status = "loaded"
    if state is not None:
        purge_document(store, doc_id)
        status = "replaced"
    doc_props = _clean({**props, "doc_id": doc_id, "sha256": sha256})
    store.write([Statement(template("document_begin"), {"id": document_id(doc_id), "props": doc_props})])
    total = LoadResult(doc_id, status)
    for batch in batches:
        part = write_batch(store, batch, chunk=chunk)
        total.evidence += part.evidence
        total.dropped_rels += part.dropped_rels
        for k, v in part.nodes.items():
            total.nodes[k] = total.nodes.get(k, 0) + v
        for k, v in part.rels.items():
            total.rels[k] = total.rels.get(k, 0) + v
    loaded_at = datetime.now(UTC).isoformat(timespec="seconds")
    store.write([Statement(template("document_complete"), {"id": document_id(doc_id), "loaded_at": loaded_at})])
    return total


def counts_by_label(store: GraphStore) -> dict[str, int]:
    return {lb.value: int(store.read(template("count_label", label=lb))[0]["n"]) for lb in Label}

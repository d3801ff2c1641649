"""Write GraphBatches into a store: idempotent, per document, safe to re-run after a crash.

A document is loaded as: mark it 'loading' → (if it was there before) withdraw its old facts →
nodes (each row upserting the evidence it is the first to cite) → relationships, in UNWIND chunks →
mark it 'complete'. The same content again is a no-op; a changed content replaces that document's facts
and evidence (no orphans, no duplicates); a load that died leaves the document 'loading', and the next
run purges and reloads it.

Transactions: a document's statements are sent in as few ``store.write`` calls as ``TX_ROWS`` allows, the
'loading' mark in the first and the 'complete' mark in the last. A new document of up to ``TX_ROWS`` rows
(every inventory file of a usual size) is therefore one transaction on Neo4j — all of it or nothing — instead
of one per statement (docs/benchmarks/load.md, "Incremental MERGE on Neo4j"). A replaced document's 'loading'
mark is committed on its own first, before its old facts are purged in batches.

Which rows a batch writes (merged, cleaned, which evidence each node row carries) is app.store.rows, the
description the bulk path follows too; this module turns those rows into MERGE statements
(cypher/templates). Preparing a batch (the rows, and the store's ``encode_params``: FalkorDB inlines the
parameters as Cypher text) is pure Python and picklable, so runs prepare batches in worker processes while
the parent only sends statements (``prepare_batch`` / ``load_prepared``; see ingest/pipeline).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from app.model.batch import GraphBatch, PropValue, evidence_prefix
from app.model.schema import Label, document_id
from app.store.clock import stamp
from app.store.protocol import GraphStore, ParamEncoder, Row, Statement
from app.store.queries import template
from app.store.rows import (
    LoadResult,
    clean,
    document_props,
    loose_evidence,
    node_rows,
    rel_rows,
)

__all__ = [
    "DEFAULT_CHUNK",
    "LoadResult",
    "PreparedBatch",
    "PreparedStatement",
    "abandon_document",
    "complete_documents",
    "counts_by_label",
    "document_state",
    "load_document",
    "load_prepared",
    "prepare_batch",
    "purge_document",
    "unchanged",
    "write_batch",
    "write_prepared",
]

PURGE_BATCH = 20_000  # items per purge transaction (well inside Neo4j's default per-transaction memory)
DEFAULT_CHUNK = 10_000  # rows per UNWIND statement (Neo4j guidance: 10k–50k; see docs/benchmarks/load.md)
TX_ROWS = DEFAULT_CHUNK  # rows per write transaction: statements of a document share one up to this many
_ROW_KEYS = ("id", "props", "evidence", "new_evidence", "src", "dst", "key", "doc", "document")


@dataclass
class PreparedStatement:
    """One UNWIND statement, ready to send. ``query`` may already carry its parameters (FalkorDB: a
    ``CYPHER rows=…`` prefix, ``params`` then empty): that encoding is the costly part and runs wherever
    the statement was prepared (a worker process in bulk loads)."""

    query: str
    params: dict[str, Any]
    kind: Literal["evidence", "nodes", "rels"]
    name: str  # label or relationship type
    rows: int
    ids: list[str] = field(default_factory=list)  # node ids (to count distinct nodes across batches)


@dataclass
class PreparedBatch:
    doc_id: str
    statements: list[PreparedStatement]
    evidence: int = 0


def _chunks(rows: Sequence[dict[str, Any]], size: int) -> Iterator[Sequence[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _statements(
    query: str,
    rows: list[dict[str, Any]],
    keys: set[str],
    chunk: int,
    encode: ParamEncoder | None,
    extra: dict[str, Any] | None = None,
    **meta: Any,
) -> Iterator[PreparedStatement]:
    """One UNWIND statement per chunk of ``rows`` (``extra``: parameters beside ``rows``)."""
    for part in _chunks(rows, chunk):
        params = {"rows": list(part), **(extra or {})}
        text = query
        if encode is not None:
            text, params = encode(query, params, keys)
        ids = [r["id"] for r in part] if meta["kind"] == "nodes" else []
        yield PreparedStatement(text, params, rows=len(part), ids=ids, **meta)


def prepare_batch(
    batch: GraphBatch, *, chunk: int = DEFAULT_CHUNK, encode: ParamEncoder | None = None
) -> PreparedBatch:
    """The statements that write ``batch`` (its rows: app.store.rows): evidence no node row carries, nodes
    (each upserting the evidence it carries), relationships (endpoints exist by then). ``encode``: the
    store's ``encode_params`` (None: parameters as they are)."""
    doc_node = document_id(batch.doc_id)
    out = PreparedBatch(batch.doc_id, [], len(batch.evidence))
    owned: set[str] = set()
    node_stmts: list[PreparedStatement] = []
    ev_props = {eid: clean(ev.props()) for eid, ev in batch.evidence.items()}
    ev_keys: set[str] = set()
    for p in ev_props.values():
        ev_keys.update(p)
    for label, rows in node_rows(batch, owned):
        keys = set(_ROW_KEYS) | ev_keys
        node_params = []
        for r, cited, carried in rows:
            props = clean(r["props"])
            keys.update(props)
            new = [{"id": eid, "props": ev_props[eid]} for eid in carried]
            node_params.append({"id": r["id"], "props": props, "evidence": cited, "new_evidence": new})
        stmt = template("merge_nodes_evidenced", label=label)
        node_stmts += _statements(
            stmt, node_params, keys, chunk, encode, {"document": doc_node}, kind="nodes", name=label.value
        )
    loose = [{"id": eid, "document": doc_node, "props": ev_props[eid]} for eid in loose_evidence(batch, owned)]
    keys = set(_ROW_KEYS) | ev_keys
    out.statements += _statements(
        template("merge_evidence"), loose, keys, chunk, encode, kind="evidence", name="Evidence"
    )
    out.statements += node_stmts
    for (rel, src, dst), rows_ in rel_rows(batch):
        keys = set(_ROW_KEYS)
        rel_params = []
        for r in rows_:
            props = clean(r["props"])
            keys.update(props)
            key = r.get("key", "")
            rel_params.append(
                {
                    "src": r["src"],
                    "dst": r["dst"],
                    "key": key,
                    "doc": batch.doc_id,
                    "props": props,
                    "evidence": r["evidence"],
                }
            )
        stmt = template("merge_rels", rel=rel, src=src, dst=dst)
        out.statements += _statements(stmt, rel_params, keys, chunk, encode, kind="rels", name=rel.value)
    return out


def _transactions(statements: list[PreparedStatement], budget: int) -> list[list[PreparedStatement]]:
    """Consecutive statements grouped into transactions of at most ``budget`` rows (a statement larger than
    that goes alone): a small document is one transaction, a large one as many as its chunks need."""
    groups: list[list[PreparedStatement]] = []
    rows = 0
    for st in statements:
        if not groups or (groups[-1] and rows + st.rows > budget):
            groups.append([])
            rows = 0
        groups[-1].append(st)
        rows += st.rows
    return groups or [[]]


def _count(result: LoadResult, st: PreparedStatement, rows: list[Row], seen: dict[str, set[str]] | None) -> None:
    """Add what one statement wrote (its RETURN row) to ``result``."""
    if st.kind == "nodes":
        created = int(rows[0]["created"] or 0) if rows else 0
        if seen is not None:
            ids = seen.setdefault(st.name, set())
            fresh = len(set(st.ids) - ids)
            ids.update(st.ids)
        else:
            fresh = st.rows
        result.nodes[st.name] = result.nodes.get(st.name, 0) + fresh
        result.created[st.name] = result.created.get(st.name, 0) + created
    elif st.kind == "rels":
        merged = int(rows[0]["merged"]) if rows else 0
        result.dropped_rels += st.rows - merged
        result.rels[st.name] = result.rels.get(st.name, 0) + st.rows


def write_prepared(
    store: GraphStore,
    prepared: PreparedBatch,
    seen: dict[str, set[str]] | None = None,
    *,
    before: Sequence[Statement] = (),
    after: Sequence[Statement] = (),
    tx_rows: int = TX_ROWS,
) -> LoadResult:
    """Send a prepared batch: its statements in as few ``store.write`` calls (transactions on Neo4j) as
    ``tx_rows`` allows, ``before`` in the first and ``after`` in the last. ``seen`` (label → ids) carries node
    ids across a document's batches so that a node repeated in every batch (an institution, a region) is
    counted once."""
    result = LoadResult(prepared.doc_id, "loaded", evidence=prepared.evidence)
    groups = _transactions(prepared.statements, tx_rows)
    for i, group in enumerate(groups):
        head = list(before) if i == 0 else []
        tail = list(after) if i == len(groups) - 1 else []
        out = store.write([*head, *(Statement(st.query, st.params) for st in group), *tail])
        for st, rows in zip(group, out[len(head) :], strict=False):
            _count(result, st, rows, seen)
    return result


def write_batch(store: GraphStore, batch: GraphBatch, *, chunk: int = DEFAULT_CHUNK) -> LoadResult:
    """Evidence, then nodes, then relationships (endpoints must exist first)."""
    return write_prepared(store, prepare_batch(batch, chunk=chunk, encode=store.encode_params))


def document_state(store: GraphStore, doc_id: str) -> dict[str, Any] | None:
    rows = store.read(template("document_state"), {"id": document_id(doc_id)})
    return rows[0] if rows else None


def purge_document(store: GraphStore, doc_id: str, *, batch: int = PURGE_BATCH) -> None:
    """Withdraw everything a document stated: its relationships' claims, its orphan nodes, its evidence.

    Each step runs in transactions of at most ``batch`` items until one touches fewer: replacing a
    document that stated 128k links (the derived links of a 1M graph) in one transaction went past
    Neo4j's per-transaction memory limit. Every step is idempotent, so a purge cut short is finished by
    the next run (the document is not 'complete' meanwhile: see load_prepared)."""
    steps: tuple[tuple[str, dict[str, str]], ...] = (
        ("purge_document_rels", {"doc_id": doc_id, "evidence_prefix": evidence_prefix(doc_id)}),
        ("delete_unsourced_rels", {}),
        ("purge_document_nodes", {"doc_id": doc_id}),
        ("purge_document_evidence", {"doc_id": doc_id}),
    )
    for name, params in steps:
        while True:
            [rows] = store.write([Statement(template(name), {**params, "limit": batch})])
            if not rows or int(rows[0]["done"]) < batch:
                break


def abandon_document(store: GraphStore, doc_id: str) -> None:
    """Withdraw a document whose load the store refused. One that never completed a load goes entirely (a
    failed new file leaves nothing); one loaded before stays 'loading' and is reloaded next run."""
    purge_document(store, doc_id)
    store.write([Statement(template("document_abandon"), {"id": document_id(doc_id)})])


def complete_documents(store: GraphStore, ids: list[str]) -> None:
    """Stamp documents complete at once: after a bulk path sent them and the schema is in place."""
    loaded_at = stamp()
    store.write([Statement(template("documents_complete"), {"ids": ids, "loaded_at": loaded_at})])


def unchanged(state: dict[str, Any] | None, sha256: str) -> bool:
    """Whether a document in this ``document_state`` holds exactly this content."""
    return bool(state and state.get("sha256") == sha256 and state.get("load_state") == "complete")


def load_prepared(
    store: GraphStore,
    doc_id: str,
    sha256: str,
    props: dict[str, PropValue],
    prepared: Iterable[PreparedBatch],
    *,
    state: dict[str, Any] | Literal["read"] | None = "read",
) -> LoadResult:
    """Load one source document's prepared batches unless the store already holds this exact content.
    ``state``: the document's ``document_state`` if the caller has just read it (one round trip less per
    file), else "read"."""
    if state == "read":
        state = document_state(store, doc_id)
    if unchanged(state, sha256):
        return LoadResult(doc_id, "unchanged")
    status = "loaded"
    doc_props = document_props(props, doc_id, sha256)
    begin = Statement(template("document_begin"), {"id": document_id(doc_id), "props": doc_props})
    before: list[Statement] = [begin]
    if state is not None:
        # 'loading' committed before the old facts go: a purge (batched) or load cut short is redone next run.
        store.write(before)
        purge_document(store, doc_id)
        status, before = "replaced", []
    parts = list(prepared)
    whole = PreparedBatch(doc_id, [st for p in parts for st in p.statements], sum(p.evidence for p in parts))
    loaded_at = stamp()
    complete = Statement(template("document_complete"), {"id": document_id(doc_id), "loaded_at": loaded_at})
    # A new document of up to TX_ROWS rows is one transaction: begin, facts, complete (all or nothing).
    total = LoadResult(doc_id, status)
    total.add(write_prepared(store, whole, {}, before=before, after=[complete]))
    return total


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
    encode = store.encode_params
    return load_prepared(store, doc_id, sha256, props, (prepare_batch(b, chunk=chunk, encode=encode) for b in batches))


def counts_by_label(store: GraphStore) -> dict[str, int]:
    return {lb.value: int(store.read(template("count_label", label=lb))[0]["n"]) for lb in Label}

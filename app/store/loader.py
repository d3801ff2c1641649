"""Write GraphBatches into a store: idempotent, per document, safe to re-run after a crash.

A document is loaded as: mark it 'loading' → (if it was there before) withdraw its old facts →
nodes (each row upserting the evidence it is the first to cite) → relationships, in UNWIND chunks →
mark it 'complete'. The same content again is a no-op; a changed content replaces that document's facts
and evidence (no orphans, no duplicates); a load that died leaves the document 'loading', and the next
run purges and reloads it.

Preparing a batch (merging repeated rows, cleaning properties, and for FalkorDB encoding the parameters
as Cypher text) is pure Python and picklable, so bulk loads prepare batches in worker processes while the
parent only sends statements (``prepare_batch`` / ``load_prepared``; see ingest/run.py).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from app.model.batch import GraphBatch, PropValue, evidence_prefix
from app.model.schema import Label, document_id
from app.store.falkordb.store import encode_params
from app.store.protocol import GraphStore, Statement
from app.store.queries import template

DEFAULT_CHUNK = 10_000  # rows per UNWIND statement (Neo4j guidance: 10k–50k; see docs/bench-load.md)
_ROW_KEYS = ("id", "props", "evidence", "new_evidence", "src", "dst", "key", "doc", "document")


@dataclass
class LoadResult:
    doc_id: str
    status: str  # "loaded" | "replaced" | "unchanged"
    nodes: dict[str, int] = field(default_factory=dict)  # distinct nodes written, per label
    rels: dict[str, int] = field(default_factory=dict)
    evidence: int = 0
    dropped_rels: int = 0  # relationships whose endpoints did not exist
    created: dict[str, int] = field(default_factory=dict)  # nodes new to the store, per label

    @property
    def existing(self) -> dict[str, int]:
        """Nodes this load touched that the store already held (per label)."""
        return {k: v - self.created.get(k, 0) for k, v in self.nodes.items()}

    def add(self, other: LoadResult) -> None:
        self.evidence += other.evidence
        self.dropped_rels += other.dropped_rels
        for mine, theirs in ((self.nodes, other.nodes), (self.rels, other.rels), (self.created, other.created)):
            for k, v in theirs.items():
                mine[k] = mine.get(k, 0) + v


@dataclass
class PreparedStatement:
    """One UNWIND statement, ready to send. For FalkorDB, ``query`` may already carry its parameters as a
    ``CYPHER rows=…`` prefix (``params`` then empty): that encoding is the costly part and runs wherever
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


def _clean(props: dict[str, PropValue]) -> dict[str, PropValue]:
    """Drop None (SET += would remove the property) and empty lists (FalkorDB cannot type them)."""
    return {k: v for k, v in props.items() if v is not None and v != []}


def _merge_rows(rows: Iterable[dict[str, Any]], key: Callable[[dict[str, Any]], Hashable]) -> list[dict[str, Any]]:
    """One row per key: properties merged (later rows win), evidence united in order.

    Needed for correctness, not only speed: FalkorDB 4.16 collapses UNWIND rows that MERGE the same
    pattern and kept only the last row's evidence list.
    """
    merged: dict[Hashable, dict[str, Any]] = {}
    # rows are copied only when repeated (most are not); the evidence ids a merged row holds, as a set: a
    # node named 30k times in one text made the list look-ups quadratic (11 s; bench/heavy_inputs.py)
    held: dict[Hashable, set[str]] = {}
    for row in rows:
        k = key(row)
        seen = merged.get(k)
        if seen is None:
            merged[k] = row
            continue
        have = held.get(k)
        if have is None:
            seen = merged[k] = {**seen, "props": dict(seen["props"]), "evidence": list(seen["evidence"])}
            have = held[k] = set(seen["evidence"])
        seen["props"].update(row["props"])
        new = [e for e in row["evidence"] if e not in have]
        seen["evidence"] += new
        have.update(new)
    return list(merged.values())


def _statement(query: str, params: dict[str, Any], keys: set[str], encode: bool, **meta: Any) -> PreparedStatement:
    if encode:
        text = encode_params(params, keys)
        if text is not None:
            return PreparedStatement(text + query, {}, **meta)
    return PreparedStatement(query, params, **meta)


def claim_evidence(ids: Iterable[str], owned: set[str], known: Container[str]) -> tuple[list[str], list[str]]:
    """Split a node row's evidence ids into (cited, carried): the first row citing an evidence of the batch
    carries it (upserts it with the node, adding it to ``owned``); later rows and evidence from elsewhere are
    only cited. One rule for the MERGE and the GRAPH.BULK path, so both build the same graph."""
    cited: list[str] = []
    carried: list[str] = []
    for eid in ids:
        if eid in owned or eid not in known:
            cited.append(eid)
        else:
            owned.add(eid)
            carried.append(eid)
    return cited, carried


def prepare_batch(batch: GraphBatch, *, chunk: int = DEFAULT_CHUNK, backend: str = "") -> PreparedBatch:
    """The statements that write ``batch``: evidence no node row cites, nodes (each evidence upserted
    by the first node row citing it), relationships (endpoints exist by then)."""
    encode = backend == "falkordb"
    doc_node = document_id(batch.doc_id)
    out = PreparedBatch(batch.doc_id, [], len(batch.evidence))
    owned: set[str] = set()
    node_stmts: list[PreparedStatement] = []
    ev_props = {eid: _clean(ev.props()) for eid, ev in batch.evidence.items()}
    ev_keys: set[str] = set()
    for p in ev_props.values():
        ev_keys.update(p)
    # The Document node first: evidence links to it.
    labels = sorted(batch.nodes, key=lambda lb: lb != Label.DOCUMENT)
    for label in labels:
        keys = set(_ROW_KEYS) | ev_keys
        clean = []
        for r in _merge_rows(batch.nodes[label], lambda r: r["id"]):
            props = _clean(r["props"])
            keys.update(props)
            old, carried = claim_evidence(r["evidence"], owned, ev_props)
            new = [{"id": eid, "props": ev_props[eid]} for eid in carried]
            clean.append({"id": r["id"], "props": props, "evidence": old, "new_evidence": new})
        stmt = template("merge_nodes_evidenced", label=label)
        for part in _chunks(clean, chunk):
            node_stmts.append(
                _statement(
                    stmt,
                    {"rows": list(part), "document": doc_node},
                    keys,
                    encode,
                    kind="nodes",
                    name=label.value,
                    rows=len(part),
                    ids=[r["id"] for r in part],
                )
            )
    loose = [{"id": eid, "document": doc_node, "props": p} for eid, p in ev_props.items() if eid not in owned]
    ev_stmt = template("merge_evidence")
    for part in _chunks(loose, chunk):
        out.statements.append(
            _statement(
                ev_stmt,
                {"rows": list(part)},
                set(_ROW_KEYS) | ev_keys,
                encode,
                kind="evidence",
                name="Evidence",
                rows=len(part),
            )
        )
    out.statements += node_stmts
    for (rel, src, dst), rows in batch.rels.items():
        keys = set(_ROW_KEYS)
        clean = []
        for r in _merge_rows(rows, lambda r: (r["src"], r["dst"], r.get("key", ""))):
            props = _clean(r["props"])
            keys.update(props)
            clean.append(
                {
                    "src": r["src"],
                    "dst": r["dst"],
                    "key": r.get("key", ""),
                    "doc": batch.doc_id,
                    "props": props,
                    "evidence": r["evidence"],
                }
            )
        stmt = template("merge_rels", rel=rel, src=src, dst=dst)
        for part in _chunks(clean, chunk):
            out.statements.append(
                _statement(stmt, {"rows": list(part)}, keys, encode, kind="rels", name=rel.value, rows=len(part))
            )
    return out


def write_prepared(store: GraphStore, prepared: PreparedBatch, seen: dict[str, set[str]] | None = None) -> LoadResult:
    """Send a prepared batch. ``seen`` (label → ids) carries node ids across a document's batches so that
    a node repeated in every batch (an institution, a region) is counted once."""
    result = LoadResult(prepared.doc_id, "loaded", evidence=prepared.evidence)
    for st in prepared.statements:
        rows = store.write([Statement(st.query, st.params)])[0]
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
    return result


def write_batch(store: GraphStore, batch: GraphBatch, *, chunk: int = DEFAULT_CHUNK) -> LoadResult:
    """Evidence, then nodes, then relationships (endpoints must exist first)."""
    return write_prepared(store, prepare_batch(batch, chunk=chunk, backend=store.backend))


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


def is_unchanged(store: GraphStore, doc_id: str, sha256: str) -> bool:
    state = document_state(store, doc_id)
    return bool(state and state.get("sha256") == sha256 and state.get("load_state") == "complete")


def load_prepared(
    store: GraphStore,
    doc_id: str,
    sha256: str,
    props: dict[str, PropValue],
    prepared: Iterable[PreparedBatch],
) -> LoadResult:
    """Load one source document's prepared batches unless the store already holds this exact content."""
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
    seen: dict[str, set[str]] = {}
    for part in prepared:
        total.add(write_prepared(store, part, seen))
    loaded_at = datetime.now(UTC).isoformat(timespec="seconds")
    store.write([Statement(template("document_complete"), {"id": document_id(doc_id), "loaded_at": loaded_at})])
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
    backend = store.backend
    return load_prepared(
        store, doc_id, sha256, props, (prepare_batch(b, chunk=chunk, backend=backend) for b in batches)
    )


def counts_by_label(store: GraphStore) -> dict[str, int]:
    return {lb.value: int(store.read(template("count_label", label=lb))[0]["n"]) for lb in Label}

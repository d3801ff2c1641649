"""How a GraphBatch becomes node and relationship rows: the one description both write paths follow.

The MERGE loader (app.store.loader) turns these rows into UNWIND statements; an engine's bulk path
(app.store.fold.batch / graph) packs the same rows and computes, in memory, the state those statements
would leave. Whatever decides *which* rows exist and what they carry lives here:

- rows repeated in a batch merge into one per key (``merge_rows``: a node by id, a relationship by
  (src, dst, key)); later properties win, evidence ids are united in order;
- a property that is None or [] is no property (``clean``);
- the Document node is written first (evidence links to it: ``node_labels``);
- each evidence of the batch is *carried* (upserted with its node) by the first node row citing it, and
  only *cited* by later rows (``claim_evidence``); evidence no node row carries is written on its own
  (``loose_evidence``);
- what a repeated MERGE leaves on a node (``SET n += props``) and on a relationship (its ``docs`` and
  ``evidence`` lists: cypher/templates/merge_rels.cypher) — ``merge_node_props`` / ``merge_rel_props``.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.model.batch import GraphBatch, PropValue
from app.model.schema import Label, Rel

Row = dict[str, Any]
RelGroup = tuple[Rel, Label, Label]  # relationship type, source label, target label
REL_RESERVED = ("key", "docs", "evidence")  # relationship properties the loader sets itself


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


def clean(props: Mapping[str, PropValue]) -> dict[str, PropValue]:
    """Drop None (SET += would remove the property) and empty lists (FalkorDB cannot type them)."""
    return {k: v for k, v in props.items() if v is not None and v != []}


def document_props(props: Mapping[str, PropValue], doc_id: str, sha256: str) -> dict[str, PropValue]:
    """The Document node's properties for one load of a source document."""
    return clean({**props, "doc_id": doc_id, "sha256": sha256})


def node_key(row: Row) -> Hashable:
    """A node row's identity within its label."""
    return row["id"]


def rel_key(row: Row) -> Hashable:
    """A relationship row's identity within its (type, source label, target label)."""
    return (row["src"], row["dst"], row.get("key", ""))


def merge_rows(rows: Iterable[Row], key: Callable[[Row], Hashable]) -> list[Row]:
    """One row per key: properties merged (later rows win), evidence united in order.

    Needed for correctness, not only speed: FalkorDB 4.16 collapses UNWIND rows that MERGE the same
    pattern and kept only the last row's evidence list.
    """
    merged: dict[Hashable, Row] = {}
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


def claim_evidence(ids: Iterable[str], owned: set[str], known: Container[str]) -> tuple[list[str], list[str]]:
    """Split a node row's evidence ids into (cited, carried): the first row citing an evidence of the batch
    carries it (upserts it with the node, adding it to ``owned``); later rows and evidence from elsewhere are
    only cited. One rule for the MERGE and the bulk path, so both build the same graph."""
    cited: list[str] = []
    carried: list[str] = []
    for eid in ids:
        if eid in owned or eid not in known:
            cited.append(eid)
        else:
            owned.add(eid)
            carried.append(eid)
    return cited, carried


def node_labels(batch: GraphBatch) -> list[Label]:
    """The labels of a batch's node rows in write order: the Document node first (evidence links to it)."""
    return sorted(batch.nodes, key=lambda lb: lb != Label.DOCUMENT)


NodeRow = tuple[Row, list[str], list[str]]  # merged row, evidence ids cited, evidence ids carried


def node_rows(batch: GraphBatch, owned: set[str]) -> Iterable[tuple[Label, list[NodeRow]]]:
    """Per label (write order), the merged node rows with their evidence claimed; ``owned`` collects the
    evidence ids carried (what is left is ``loose_evidence``)."""
    evidence = batch.evidence
    for label in node_labels(batch):
        rows = []
        for r in merge_rows(batch.nodes[label], node_key):
            cited, carried = claim_evidence(r["evidence"], owned, evidence)
            rows.append((r, cited, carried))
        yield label, rows


def loose_evidence(batch: GraphBatch, owned: Container[str]) -> list[str]:
    """Evidence ids of the batch that no node row carries: written on their own, linked to the document."""
    return [eid for eid in batch.evidence if eid not in owned]


def rel_rows(batch: GraphBatch) -> Iterable[tuple[RelGroup, list[Row]]]:
    """Per relationship group, the merged relationship rows (endpoints are matched by id when written)."""
    for group, rows in batch.rels.items():
        yield group, merge_rows(rows, rel_key)


def merge_node_props(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """A node's properties after ``SET n += new`` (``new`` cleaned: it sets no None)."""
    return {**old, **new}


def merge_rel_props(old: Mapping[str, Any], new: Mapping[str, Any], doc: str, evidence: list[str]) -> dict[str, Any]:
    """A relationship's properties after a second MERGE of it (cypher/templates/merge_rels.cypher):
    ``SET r += props; r.docs = [x IN r.docs WHERE x <> doc] + [doc];
    r.evidence = [x IN r.evidence WHERE NOT x IN ev] + ev``."""
    docs, ev = old.get("docs", []), old.get("evidence", [])
    merged = dict(old)
    merged.update((k, v) for k, v in new.items() if k not in REL_RESERVED)
    merged["docs"] = [x for x in docs if x != doc] + [doc]
    merged["evidence"] = [x for x in ev if x not in evidence] + evidence
    return merged

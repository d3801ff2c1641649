"""What every pipeline hands to the loader: nodes, relationships and evidence for one source.

Rows are plain dicts grouped by label / relationship type (not one model per row): inventories
carry a million rows and per-row validation would dominate the load. The loader checks labels,
relationship endpoints and property value types once per group.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field

from app.model.schema import Label, Rel, check_rel, stable_id

Scalar = str | int | float | bool
PropValue = Scalar | list[str] | list[int] | list[float] | None


def evidence_prefix(doc_id: str) -> str:
    return f"ev:{doc_id}:"


class Evidence(BaseModel):
    """Where a fact came from: a [start, end) code-point span of a document's raw text, or a row."""

    doc_id: str
    start: int = -1
    end: int = -1
    quote: str = ""
    rule: str
    confidence: float = 1.0
    row: int | None = None  # inventory row number (1-based, header = row 1)
    seq: str | None = None  # the inventory's own 序号

    @property
    def id(self) -> str:
        # The document id is readable in the evidence id so that a document's evidence can be
        # withdrawn from relationship properties by prefix (see cypher/templates/purge_*).
        digest = stable_id(Label.EVIDENCE, self.start, self.end, self.row, self.rule, self.quote).split(":")[1]
        return f"{evidence_prefix(self.doc_id)}{digest}"

    def props(self) -> dict[str, PropValue]:
        return {
            "doc_id": self.doc_id,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "rule": self.rule,
            "confidence": self.confidence,
            "row": self.row,
            "seq": self.seq,
        }


class GraphBatch(BaseModel):
    """All facts of one source document (policy text or inventory file).

    ``nodes[label]`` rows are ``{"id": ..., "props": {...}, "evidence": [evidence ids]}``;
    ``rels[(rel, src_label, dst_label)]`` rows are ``{"src", "dst", "key", "props", "evidence"}``.
    """

    doc_id: str
    nodes: dict[Label, list[dict[str, Any]]] = Field(default_factory=dict)
    rels: dict[tuple[Rel, Label, Label], list[dict[str, Any]]] = Field(default_factory=dict)
    evidence: dict[str, Evidence] = Field(default_factory=dict)

    def add_evidence(self, ev: Evidence) -> str:
        self.evidence.setdefault(ev.id, ev)
        return ev.id

    def add_node(
        self,
        label: Label,
        node_id: str,
        props: Mapping[str, PropValue],
        evidence: Evidence | list[Evidence] | None = None,
    ) -> str:
        evs = [evidence] if isinstance(evidence, Evidence) else (evidence or [])
        ids = [self.add_evidence(e) for e in evs]
        self.nodes.setdefault(label, []).append({"id": node_id, "props": dict(props), "evidence": ids})
        return node_id

    def add_rel(
        self,
        rel: Rel,
        src: tuple[Label, str],
        dst: tuple[Label, str],
        props: Mapping[str, PropValue] | None = None,
        evidence: Evidence | list[Evidence] | None = None,
        key: str = "",
    ) -> None:
        """``key`` tells apart several relationships of one type between the same two nodes."""
        check_rel(rel, src[0], dst[0])
        evs = [evidence] if isinstance(evidence, Evidence) else (evidence or [])
        ids = [self.add_evidence(e) for e in evs]
        self.rels.setdefault((rel, src[0], dst[0]), []).append(
            {"src": src[1], "dst": dst[1], "key": key, "props": dict(props or {}), "evidence": ids}
        )

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {lb.value: len(rows) for lb, rows in self.nodes.items()}
        for (rel, _, _), rows in self.rels.items():
            out[rel.value] = out.get(rel.value, 0) + len(rows)
        out["Evidence"] = len(self.evidence)
        return out

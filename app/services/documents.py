"""Provenance: documents, their facts and citations, and evidence with the text around its span."""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel

from app.services.entities import EvidenceRef
from app.services.scope import check_choice
from app.store.named import run
from app.store.protocol import GraphStore

CONTEXT_CHARS = 80
# Document.kind: a policy text, an inventory (名单), a document a policy cites but the corpus lacks, the
# gazetteer + taxonomy seed, and the pseudo-document owning the derived (inferred) chain links.
DocumentKind = Literal["policy", "inventory", "cited", "seed", "derived"]
DOCUMENT_KINDS: tuple[str, ...] = get_args(DocumentKind)


class DocumentPage(BaseModel):
    total: int
    skip: int
    limit: int
    items: list[dict[str, Any]]


class FactGroup(BaseModel):
    label: str
    count: int
    sample: list[dict[str, Any]]


class DocumentDetail(BaseModel):
    id: str
    props: dict[str, Any]
    text_length: int | None
    facts: list[FactGroup]
    cites: list[dict[str, Any]]
    cited_by: list[dict[str, Any]]


class EvidenceDetail(EvidenceRef):
    """An evidence item with its document's kind and the raw text around its span."""

    doc_kind: str | None
    before: str | None  # up to CONTEXT_CHARS of raw text before the span
    span_text: str | None  # raw_text[start:end] (equals the quote when the span is right)
    after: str | None
    facts: list[dict[str, Any]]


def list_documents(store: GraphStore, kind: str | None = None, skip: int = 0, limit: int = 50) -> DocumentPage:
    """One page of documents, optionally of one kind (InvalidFilter naming DOCUMENT_KINDS for any other)."""
    kind = check_choice("kind", kind, DOCUMENT_KINDS)
    rows = run(store, "documents_list", kind=kind, skip=skip, limit=limit)
    return DocumentPage(total=int(rows[0]["total"]), skip=skip, limit=limit, items=rows[0]["items"] or [])


def get_document(store: GraphStore, doc_node_id: str, per_label: int = 20) -> DocumentDetail | None:
    rows = run(store, "document_get", id=doc_node_id)
    if not rows:
        return None
    props = dict(rows[0]["props"])
    raw = props.pop("raw_text", None)
    props.pop("search_text", None)
    facts = [FactGroup(**r) for r in run(store, "document_facts", id=doc_node_id, per_label=per_label)]
    return DocumentDetail(
        id=doc_node_id,
        props=props,
        text_length=len(raw) if isinstance(raw, str) else None,
        facts=facts,
        cites=rows[0]["cites"],
        cited_by=rows[0]["cited_by"],
    )


def context(
    raw: str | None, start: int | None, end: int | None, chars: int = CONTEXT_CHARS
) -> tuple[str, str, str] | None:
    """(before, span, after) of a [start, end) code-point span; None without text or a valid span."""
    if not isinstance(raw, str) or start is None or end is None or start < 0 or end > len(raw) or start > end:
        return None
    return raw[max(0, start - chars) : start], raw[start:end], raw[end : end + chars]


def get_evidence(store: GraphStore, evidence_id: str, chars: int = CONTEXT_CHARS) -> EvidenceDetail | None:
    rows = run(store, "evidence_get", id=evidence_id)
    if not rows:
        return None
    r = rows[0]
    p = r["props"]
    ctx = context(r["raw_text"], p.get("start"), p.get("end"), chars)
    return EvidenceDetail(
        id=evidence_id,
        document=r["document"],
        title=r["title"],
        doc_kind=r["doc_kind"],
        start=p.get("start"),
        end=p.get("end"),
        row=p.get("row"),
        quote=p.get("quote"),
        rule=p.get("rule"),
        confidence=p.get("confidence"),
        before=ctx[0] if ctx else None,
        span_text=ctx[1] if ctx else None,
        after=ctx[2] if ctx else None,
        facts=r["facts"],
    )

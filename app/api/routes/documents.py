from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query

from app.api.deps import get_store
from app.model.schema import document_id
from app.services import documents as service
from app.store.protocol import GraphStore

router = APIRouter(tags=["provenance"])


@router.get("/documents", response_model=service.DocumentPage, summary="Source documents")
def documents(
    store: Annotated[GraphStore, Depends(get_store)],
    kind: service.DocumentKind | None = None,
    skip: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> service.DocumentPage:
    return service.list_documents(store, kind=kind, skip=skip, limit=limit)


@router.get("/documents/{doc}", response_model=service.DocumentDetail, summary="Metadata, facts, citations")
def document(doc: str, store: Annotated[GraphStore, Depends(get_store)]) -> service.DocumentDetail:
    node_id = doc if doc.startswith("doc:") else document_id(doc)
    found = service.get_document(store, node_id)
    if found is None:
        raise HTTPException(404, f"no document {doc!r}")
    return found


@router.get("/evidence/{evidence_id}", response_model=service.EvidenceDetail, summary="Span, quote, context")
def evidence(
    evidence_id: str,
    store: Annotated[GraphStore, Depends(get_store)],
    chars: Annotated[int, Query(ge=0, le=2000, description="Context characters each side")] = service.CONTEXT_CHARS,
) -> service.EvidenceDetail:
    found = service.get_evidence(store, evidence_id, chars)
    if found is None:
        raise HTTPException(404, f"no evidence {evidence_id!r}")
    return found

"""Duplicate-construction endpoints (issue 5): thin wrappers over app.services.duplicates."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel

from app.api.deps import get_store
from app.derive.dedup import METHOD_VERSION
from app.derive.dedup.model import Candidate, Kind, Pair, PendingTransition, Proposal
from app.services import duplicates as service
from app.store.protocol import GraphStore

router = APIRouter(tags=["duplicates"])
Store = Annotated[GraphStore, Depends(get_store)]


class DuplicatePage(BaseModel):
    method_version: str
    total: int
    skip: int
    offset: int  # deprecated: equals skip (the one paging convention is skip/limit)
    limit: int
    pairs: list[Pair]
    groups: list[list[str]]  # groups of all matching pairs, not only this page's


class CandidateList(BaseModel):
    method_version: str
    candidates: list[Candidate]


class PendingList(BaseModel):
    as_of: int | None
    items: list[PendingTransition]


@router.get("/duplicates", response_model=DuplicatePage, summary="Duplicate pairs (重复建设), explained")
def duplicates(
    store: Store,
    region: Annotated[str | None, Query(description="Province or city, any common form: 辽宁, 沈阳市")] = None,
    type: Annotated[str | None, Query(alias="type")] = None,
    kind: Kind | None = None,
    min_score: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    skip: Annotated[int, Query(ge=0)] = 0,
    offset: Annotated[int | None, Query(ge=0, deprecated=True, description="Old name of skip")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> DuplicatePage:
    report = service.detect(store, region=region, type_=type, kind=kind, min_score=min_score)
    start = skip or (offset or 0)
    return DuplicatePage(
        method_version=report.method_version,
        total=len(report.pairs),
        skip=start,
        offset=start,
        limit=limit,
        pairs=report.pairs[start : start + limit],
        groups=report.groups,
    )


@router.get(
    "/platforms/{platform_id}/duplicates",
    response_model=CandidateList,
    summary="Platforms that duplicate this one, best first",
)
def platform_duplicates(
    store: Store, platform_id: str, limit: Annotated[int, Query(ge=1, le=200)] = 50
) -> CandidateList:
    found = service.duplicates_of(store, platform_id, limit=limit)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no platform with id {platform_id!r}")
    return CandidateList(method_version=METHOD_VERSION, candidates=found)


@router.post(
    "/duplicates/screen",
    response_model=CandidateList,
    summary="Check a proposed platform against the whole graph before approval",
)
def screen(store: Store, proposal: Proposal, limit: Annotated[int, Query(ge=1, le=200)] = 20) -> CandidateList:
    return CandidateList(method_version=METHOD_VERSION, candidates=service.screen(store, proposal, limit=limit))


@router.get(
    "/transitions/pending",
    response_model=PendingList,
    summary="Legacy-type platforms their region's policies say must be converted or merged, still active",
)
def pending(
    store: Store, region: str | None = None, as_of: Annotated[int | None, Query(ge=1949, le=2100)] = None
) -> PendingList:
    return PendingList(as_of=as_of, items=service.pending_transitions(store, region=region, as_of=as_of))

"""Pydantic models at the boundaries of duplicate detection: the JSON contract of issue 5."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Kind = Literal["same_entity", "overlap", "transition_overlap"]
KINDS: tuple[Kind, ...] = ("same_entity", "overlap", "transition_overlap")
# Statuses meaning a platform no longer stands on its own: never half of a duplicate pair.
INACTIVE_STATUSES = frozenset({"转建", "撤销", "整合"})


class Source(BaseModel):
    file: str | None = None
    row: int | None = None
    seq: str | None = None  # the inventory's own 序号


class PlatformRef(BaseModel):
    id: str
    name: str
    type: str | None = None
    host: str | None = None
    region: str | None = None
    source: Source = Field(default_factory=Source)


class Reason(BaseModel):
    feature: str
    value: float | str | None
    contribution: float  # log-odds added by this feature (the waterfall step)


class PolicyBasis(BaseModel):
    doc_id: str
    quote: str
    span: tuple[int, int] | None  # [start, end) code points into the document's raw text


class Pair(BaseModel):
    a: PlatformRef
    b: PlatformRef
    kind: Kind
    score: float
    reasons: list[Reason]
    policy_basis: PolicyBasis | None = None
    # why policy_basis is null (no clause for that region / type); None when a basis was found
    no_basis_reason: str | None = None


class DuplicateReport(BaseModel):
    method_version: str
    pairs: list[Pair]
    groups: list[list[str]]


class Proposal(BaseModel):
    """A platform proposed for approval, screened against the whole graph (POST /duplicates/screen)."""

    name: str = Field(min_length=2, max_length=200)
    type: str | None = None
    host: str | None = None
    region: str | None = None  # province or city name
    field: str | None = None  # field phrase; derived from the name when absent
    co_builders: list[str] = Field(default_factory=list)
    level: str | None = None
    # 1.5: the other hosts of a platform built by several (a host cell listing several, a co-builder the
    # name states — those are read from ``name`` as well): linked to their platforms in any city
    co_hosts: list[str] = Field(default_factory=list)


class Candidate(BaseModel):
    platform: PlatformRef
    kind: Kind
    score: float
    reasons: list[Reason]
    policy_basis: PolicyBasis | None = None
    no_basis_reason: str | None = None


class TransitionRule(BaseModel):
    """A type transition an ingested policy states (PlatformType)-[:MERGED_INTO|CONVERTED_TO…]->(…)."""

    rel: str
    from_type: str
    to_type: str | None
    region: str | None = None  # province the stating policy applies to; None = nationwide
    year: int | None = None
    deadline: int | None = None
    doc_id: str | None = None
    quote: str | None = None
    span: tuple[int, int] | None = None

    def basis(self) -> PolicyBasis | None:
        if not self.doc_id:
            return None
        return PolicyBasis(doc_id=self.doc_id, quote=self.quote or "", span=self.span)


class PendingTransition(BaseModel):
    platform: PlatformRef
    status: str | None
    from_type: str
    to_type: str | None
    rule: str
    deadline: int | None
    policy_basis: PolicyBasis | None

"""Reviewer decisions on duplicate pairs (issue 20): recorded in the graph, listed, exported.

A decision is a ``DuplicateReview`` node (cypher/templates/review_record.cypher): the pair key
(``a|b``, ids sorted), both ids and names as seen then, the pair's class, score and the scorer's
``method_version``, the decision (duplicate / not_duplicate / convert), a note, the reviewer and the
time. Every decision is kept (a later one does not overwrite an earlier one), so the history can
recalibrate the scorer: ``export`` gives it as CSV or JSON.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from app.derive.dedup.model import Kind
from app.services.export import csv_safe
from app.store.named import run
from app.store.protocol import GraphStore, Statement
from app.store.queries import template

Decision = Literal["duplicate", "not_duplicate", "convert"]
DECISIONS: tuple[Decision, ...] = ("duplicate", "not_duplicate", "convert")
EXPORT_COLUMNS = (
    "id", "pair_key", "a", "b", "a_name", "b_name", "kind", "score", "method_version",
    "decision", "note", "reviewer", "ts",
)  # fmt: skip
MAX_NOTE = 2000
MAX_EXPORT = 100_000
# Markup is refused, not escaped: a note is plain text, and a tag in it is a mistake or an attack.
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?]|&#|javascript:", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _plain(value: str, what: str) -> str:
    if _MARKUP.search(value):
        raise ValueError(f"{what} must be plain text: markup (<tag>, &#…;, javascript:) is not accepted")
    if _CONTROL.search(value):
        raise ValueError(f"{what} must not hold control characters")
    return value.strip()


class DecisionIn(BaseModel):
    """What a reviewer sends (POST /duplicates/decisions)."""

    a: str = Field(min_length=1, max_length=100, description="id of one platform of the pair")
    b: str = Field(min_length=1, max_length=100, description="id of the other platform")
    kind: Kind
    score: float = Field(ge=0.0, le=1.0)
    method_version: str = Field(min_length=1, max_length=40)
    decision: Decision
    note: str = Field(default="", max_length=MAX_NOTE)
    reviewer: str = Field(min_length=1, max_length=80)

    @field_validator("a", "b", "method_version")
    @classmethod
    def _ids(cls, v: str) -> str:
        return _plain(v, "an id")

    @field_validator("note")
    @classmethod
    def _note(cls, v: str) -> str:
        return _plain(v, "the note")

    @field_validator("reviewer")
    @classmethod
    def _reviewer(cls, v: str) -> str:
        v = _plain(v, "the reviewer")
        if not v:
            raise ValueError("the reviewer must not be blank")
        return v


class DecisionOut(BaseModel):
    id: str
    pair_key: str
    a: str
    b: str
    a_name: str | None = None
    b_name: str | None = None
    kind: str | None = None
    score: float | None = None
    method_version: str | None = None
    decision: str
    note: str | None = None
    reviewer: str | None = None
    ts: str


class DecisionPage(BaseModel):
    total: int
    skip: int
    limit: int
    items: list[DecisionOut]


class UnknownPlatform(LookupError):
    """A decision names a platform the graph does not hold."""


def pair_key(a: str, b: str) -> str:
    """The key of an unordered pair: the two ids sorted, joined by ``|``."""
    x, y = sorted((a, b))
    return f"{x}|{y}"


def record(store: GraphStore, decision: DecisionIn, *, client: str | None = None) -> DecisionOut:
    """Store one decision; UnknownPlatform (nothing stored) when a or b is not a platform of the graph."""
    if decision.a == decision.b:
        raise ValueError("a pair needs two different platforms")
    a, b = sorted((decision.a, decision.b))
    names = {r["id"]: r["name"] for r in run(store, "dedup_review_platforms", ids=[a, b])}
    missing = [x for x in (a, b) if x not in names]
    if missing:
        raise UnknownPlatform(f"no platform with id {', '.join(repr(m) for m in missing)}")
    ts = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    out = DecisionOut(
        id=f"review:{uuid.uuid4().hex[:16]}",
        pair_key=f"{a}|{b}",
        a=a,
        b=b,
        a_name=names[a],
        b_name=names[b],
        kind=decision.kind,
        score=decision.score,
        method_version=decision.method_version,
        decision=decision.decision,
        note=decision.note,
        reviewer=decision.reviewer,
        ts=ts,
    )
    row = {**out.model_dump(), "client": client}
    store.write([Statement(template("review_record"), {"row": row})])
    return out


def list_decisions(
    store: GraphStore,
    *,
    pairs: list[str] | None = None,
    latest: bool = False,
    skip: int = 0,
    limit: int = 100,
) -> DecisionPage:
    """Decisions newest first; ``pairs`` restricts to pair keys, ``latest`` keeps each pair's newest."""
    rows = run(store, "dedup_review_list", pairs=pairs or None, latest=latest, skip=skip, limit=limit)
    total = int(rows[0]["total"]) if rows else 0
    items = [DecisionOut(**it) for it in (rows[0]["items"] or [])] if rows else []
    return DecisionPage(total=total, skip=skip, limit=limit, items=items)


def export(store: GraphStore, fmt: Literal["csv", "json"]) -> str:
    """Every decision (oldest first, the order a recalibration replays them) as CSV (with BOM) or JSON."""
    items = list_decisions(store, skip=0, limit=MAX_EXPORT).items[::-1]
    if fmt == "json":
        return json.dumps([it.model_dump() for it in items], ensure_ascii=False, indent=1)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(EXPORT_COLUMNS)
    for it in items:
        d: dict[str, Any] = it.model_dump()
        writer.writerow(
            [
                "" if d[c] is None else d[c] if isinstance(d[c], int | float) else csv_safe(str(d[c]))
                for c in EXPORT_COLUMNS
            ]
        )
    return "\ufeff" + buf.getvalue()

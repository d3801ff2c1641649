"""Policy targets against the platforms the graph holds as of each target's year."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from app.store.named import run
from app.store.protocol import GraphStore


class TargetVsActual(BaseModel):
    id: str
    target: int | None
    target_max: int | None
    kind: str | None  # total (达到N家) | increment/new (新建N家) | removal | conversion | stat_* | …
    type: str | None
    level: str | None
    region: str | None
    year: int | None
    document: str | None
    title: str | None
    baseline_year: int | None  # the document's year: added kinds count platforms approved after it
    actual: int | None  # None: the target is not a platform count (removal, conversion)
    gap: int | None  # target − actual; > 0 means still short
    evidence: list[dict[str, Any]]


def targets_vs_actual(
    store: GraphStore, *, region: str | None = None, type_: str | None = None, year: int | None = None
) -> list[TargetVsActual]:
    return [TargetVsActual(**r) for r in run(store, "targets_vs_actual", region=region, type=type_, year=year)]

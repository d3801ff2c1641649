"""Policy targets against the platforms the graph holds as of each target's year.

A target is a goal (达到N家, 新建N家 — compared with the platforms the graph holds) or a past statistic the
text reports (共有157个…, 通过验收162家 — shown, never compared: a record is not a gap). Only counts of platform
types (the taxonomy's, the umbrella types, 实验室群) get ``actual`` and ``gap``; 科技型中小企业 or 高新技术企业
counts are not platforms and stay uncompared.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from app.services.scope import check_choice, resolve_region
from app.store.named import run
from app.store.protocol import GraphStore
from app.text.taxonomy import by_name

Measure = Literal["goal", "statistic"]
UMBRELLA_TYPES = frozenset({"科技创新平台", "科技创新基地", "创新平台", "实验室群"})
STATISTIC_KINDS = frozenset({"stat_total", "stat_increment", "stat_accepted", "baseline_total"})
TARGET_KINDS = ("total", "increment", "new", "removal", "conversion", *sorted(STATISTIC_KINDS))


class TargetVsActual(BaseModel):
    id: str
    target: int | None
    target_max: int | None
    kind: str | None  # total (达到N家) | increment/new (新建N家) | removal | conversion | stat_* | baseline_total
    measure: Measure  # goal: a future target; statistic: what the text reports as done
    type: str | None
    level: str | None
    region: str | None
    year: int | None
    document: str | None
    title: str | None
    baseline_year: int | None  # the document's year: added kinds count platforms approved after it
    counts_platforms: bool  # the type is a platform type (or umbrella / 实验室群): actual is meaningful
    actual: int | None  # None: not compared (a statistic, not a platform count, removal, conversion)
    gap: int | None  # target − actual; > 0 means still short
    evidence: list[dict[str, Any]]


def _counts_platforms(type_: str | None) -> bool:
    return type_ is not None and (type_ in UMBRELLA_TYPES or type_ in by_name())


def _shape(row: dict[str, Any]) -> TargetVsActual:
    measure: Measure = "statistic" if row["kind"] in STATISTIC_KINDS else "goal"
    counts = _counts_platforms(row["type"])
    compared = measure == "goal" and counts and row["actual"] is not None
    return TargetVsActual(
        **{**row, "actual": row["actual"] if compared else None, "gap": row["gap"] if compared else None},
        measure=measure,
        counts_platforms=counts,
    )


def targets_vs_actual(
    store: GraphStore,
    *,
    region: str | None = None,
    type_: str | None = None,
    year: int | None = None,
    kind: str | None = None,
) -> list[TargetVsActual]:
    """Targets in a region (province or city, any common spelling), optionally of one type, year and kind
    (``goal`` / ``statistic`` or a fine kind such as ``increment``)."""
    scope = resolve_region(region)
    kind = check_choice("kind", kind, ("goal", "statistic", *TARGET_KINDS))
    rows = run(store, "targets_vs_actual", region=scope.name if scope else None, type=type_, year=year)
    items = [_shape(r) for r in rows]
    if kind in ("goal", "statistic"):
        return [t for t in items if t.measure == kind]
    return [t for t in items if kind is None or t.kind == kind]

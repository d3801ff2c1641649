"""What the detector reports on a handful of rows, as {pair of ids: kind}: shared by the dedup unit tests."""

from __future__ import annotations

from typing import Any

from app.derive.dedup.engine import DedupIndex
from app.derive.dedup.features import KIND_CODES


def kinds(rows: list[dict[str, Any]], policy: Any = None) -> dict[frozenset[str], str]:
    idx = DedupIndex.build(rows, policy)
    sc = idx.detect()
    names = {v: k for k, v in KIND_CODES.items()}
    return {
        frozenset((idx.recs.ids[a], idx.recs.ids[b])): names[k]
        for a, b, k in zip(sc.i.tolist(), sc.j.tolist(), sc.kind.tolist(), strict=True)
    }

"""Platform-type mentions (PlatformTypeMention) from the document's type hits."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from ingest.policy.extract.broad_types import designation_as_kind, open_hits
from ingest.policy.extract.doc import Doc
from ingest.policy.models import PlatformTypeMention


def default_level(doc: Doc) -> str | None:
    if doc.region is None:
        return None
    return "省级" if doc.region.level == "province" else "市级"


_CATS = {
    "科学与工程研究": "科学与工程研究",
    "技术创新与成果转化": "技术创新与成果转化",
    "基础支撑与条件保障": "基础支撑与条件保障",
    "条件保障能力建设": "基础支撑与条件保障",
}


def find_platform_types(doc: Doc, named_spans: list[tuple[int, int]]) -> list[PlatformTypeMention]:
    out: list[PlatformTypeMention] = []
    # Only spans starting within the longest span's length before a hit can hold it: bounded scans, not
    # hits x spans (quadratic on a few MB of text).
    spans = sorted(named_spans)
    starts = [a for a, _ in spans]
    longest = max((b - a for a, b in spans), default=0)

    def inside(s: int, e: int) -> bool:
        lo = bisect.bisect_left(starts, e - longest)
        hi = bisect.bisect_right(starts, s)
        return any(e <= b and (a, b) != (s, e) for a, b in spans[lo:hi])

    for h in doc.type_hits:
        if h.start >= doc.body_end or h.entry.flags & {"umbrella", "nameonly"}:
            continue
        if "entity" in h.entry.flags and not designation_as_kind(doc, h):
            continue
        if inside(h.start, h.end):
            continue
        ss, se = doc.sentence_of(h.start)
        sent = doc.text[ss:se]
        core = bool(re.search(r"定位于建设|主要包括|包括.{0,80}在内", sent)) and any(c in sent for c in _CATS)
        out.append(
            PlatformTypeMention(
                span=(h.start, h.end),
                text=doc.q(h.start, h.end),
                type=h.type,
                level=h.level or default_level(doc),
                category=h.entry.category,
                core=core,
                rule="ptype.dict+prefix",
            )
        )
    return out + _open_types(doc, inside)


def _open_types(doc: Doc, inside: Callable[[int, int], bool]) -> list[PlatformTypeMention]:
    """Kinds no type table lists (specific and broad heads, `broad_types.open_hits`), outside named entities."""
    out: list[PlatformTypeMention] = []
    for h in open_hits(doc):
        if inside(h.start, h.end):
            continue
        unmapped = h.entry.category is None
        out.append(
            PlatformTypeMention(
                span=(h.start, h.end),
                text=doc.q(h.start, h.end),
                type=h.entry.type,
                level=h.level or default_level(doc),
                category=h.entry.category,
                rule="ptype.open_head" + ("+unmapped" if unmapped else ""),
                confidence=0.6,
            )
        )
    return out

"""Stage 2: InventoryRead → GraphBatches (docs/reference/inventory.md, "Graph").

The stages: ``builder`` (one GraphBatch, its shared nodes deduped; evidence per row), ``platform_rows``
(platform lists, one Platform per row) and ``clusters`` (lab-cluster lists). Here: a file's defaults and
the batching. Every fact of a row shares the row's Evidence (rule ``inventory_row``, ``row`` and ``seq``
set), so a fact can always be traced to the line it came from.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from app.model.batch import GraphBatch
from app.model.runtime import gc_paused
from app.text.cells import norm_name
from app.text.gazetteer import Place, Region, locate, province_of
from app.text.names import NameParts, parse_name
from app.text.taxonomy import PROVINCIAL
from ingest.inventory.builder import FIELD_TOKENS, ROW_RULE, Builder, Lookup, MemberStats, platform_id
from ingest.inventory.clusters import clusters
from ingest.inventory.platform_rows import platform_rows
from ingest.inventory.read import InventoryRead
from ingest.resolve.resolver import Resolver

__all__ = ["ROW_RULE", "Lookup", "MemberStats", "platform_id", "to_batches"]

DEFAULT_SAMPLE = 5000  # rows used to guess a file's default province / level


def _defaults(read: InventoryRead, parsed: dict[str, tuple[str, NameParts]] | None = None) -> tuple[Region | None, str]:
    """A file's default province and level: the most common ones its names / region cells state.
    ``parsed`` receives (normalised name, parts) per name so that the rows need not parse them again."""
    provinces: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    name_col = "cluster" if read.kind == "lab_cluster" else "name"
    places: dict[str, Place | None] = {}
    for row in read.rows[:DEFAULT_SAMPLE]:
        name = row.get(name_col, "")
        nn = norm_name(name)
        parts = parse_name(nn)
        if parsed is not None:
            parsed[name] = (nn, parts)
        cell = row.get("region")
        place = (places[cell] if cell in places else places.setdefault(cell, locate(cell))) if cell else None
        region = place.region if place is not None else parts.region
        if region is not None:
            provinces[province_of(region).code] += 1
        level = row.get("level") or parts.level
        if level:
            levels[level] += 1
    province = None
    if provinces:
        code = provinces.most_common(1)[0][0]
        province = next((r for r in _provinces() if r.code == code), None)
    return province, levels.most_common(1)[0][0] if levels else PROVINCIAL


def _provinces() -> list[Region]:
    from app.text.gazetteer import regions

    return [r for r in regions() if r.level == "province"]


def to_batches(
    read: InventoryRead,
    batch_rows: int = 20000,
    resolver: Resolver | None = None,
    *,
    lookup: Lookup | None = None,
    members: MemberStats | None = None,
) -> Iterator[GraphBatch]:
    """GraphBatches of at most ``batch_rows`` inventory rows each (every batch carries the Document
    node and the shared nodes its rows refer to, so batches load independently and idempotently).

    ``lookup(label, ids)`` → the ids the store holds: lab-cluster members and leads are then linked to
    existing platforms / institutions (see ingest.pipeline.run.existing_ids); ``members`` counts them."""
    resolver = resolver if resolver is not None else Resolver()
    parsed: dict[str, tuple[str, NameParts]] = {}
    default_province, default_level = _defaults(read, parsed if read.kind != "lab_cluster" else None)
    tokens = FIELD_TOKENS  # per process, not per file: field sub-phrases repeat across files
    rows = read.rows
    for start in range(0, max(len(rows), 1), batch_rows):
        b = Builder(read, resolver, tokens)
        b.lookup, b.members, b.parsed = lookup, members, parsed
        chunk = rows[start : start + batch_rows]
        with gc_paused():  # not across the yield: the caller's code runs with its own GC setting
            if read.kind == "lab_cluster":
                clusters(b, chunk, default_province, default_level)
            else:
                # whether any row of the chunk has an unknown column (extra_<header>): one C-level pass
                # over the keys instead of a prefix test of every key of every row
                extras = any(k.startswith("extra_") for k in set().union(*chunk))
                platform_rows(b, chunk, default_province, default_level, extras)
        yield b.batch

"""The name parser's fast lookups give the answers of the reference functions they replace."""

from __future__ import annotations

import random

from app.text import names
from app.text.gazetteer import region_prefix, regions
from app.text.taxonomy import TYPES, type_from_name


def _names(n: int) -> list[str]:
    """Generated names: region names / short forms cut anywhere, joined to fields and to type names cut
    anywhere (so that near misses of both tables are probed), plus the tables' own entries."""
    rng = random.Random(7)
    heads = [k for r in regions() for k in (r.name, r.short)]
    tails = [*names._suffix_table()[0], *(t.name for t in TYPES)]
    out = [*heads, *tails, "", "a", "省", "国家重点实验室", "省实验室"]
    for _ in range(n):
        head = rng.choice(heads)
        tail = rng.choice(tails)
        middle = rng.choice(["", "先进材料", "省", "国家", "a", "市场", "自治区"])
        out.append(head[: rng.randint(0, len(head))] + middle + tail[rng.randint(0, len(tail)) :])
    return out


def test_region_prefix_same_as_gazetteer() -> None:
    found = 0
    for name in _names(30_000):
        assert names._region_prefix(name) == region_prefix(name), name
        found += names._region_prefix(name) is not None
    assert found > 10_000


def test_type_of_same_as_taxonomy() -> None:
    found = 0
    for name in _names(30_000):
        if name == name.strip():  # type_from_name strips; parse_name's names have no outer spaces
            assert names.type_of(name) == type_from_name(name), name
            found += names.type_of(name) is not None
    assert found > 5_000

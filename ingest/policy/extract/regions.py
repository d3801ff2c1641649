"""Region names as they stand in policy texts (full names, province and city short names)."""

from __future__ import annotations

from app.text import gazetteer


def _region_names() -> dict[str, gazetteer.Region]:
    return (
        {r.name: r for r in gazetteer.regions()}
        | {r.short: r for r in gazetteer.regions() if len(r.short) >= 2 and r.level == "province"}
        | {
            r.short: r
            for r in gazetteer.regions()
            if len(r.short) >= 2 and r.level == "city" and r.short not in {"吉林", "海南"}
        }
    )


REGIONS = _region_names()


_LONGEST = 9  # longer names are not looked for


def _lengths_by_last() -> dict[str, tuple[int, ...]]:
    """Last character → the lengths (2-9, longest first) of the region names ending in it."""
    out: dict[str, set[int]] = {}
    for name in REGIONS:
        if 2 <= len(name) <= _LONGEST:
            out.setdefault(name[-1], set()).add(len(name))
    return {c: tuple(sorted(ns, reverse=True)) for c, ns in out.items()}


_LENGTHS = _lengths_by_last()


def region_before(text: str, pos: int) -> tuple[int, gazetteer.Region] | None:
    """A region name ending exactly at pos (longest first). Only the lengths of the names that end in the
    character before pos are tried (most characters end none)."""
    if pos < 2:
        return None
    if pos > len(text):  # slices past the end are shorter than n: the plain loop
        for n in range(min(_LONGEST, pos), 1, -1):
            r = REGIONS.get(text[pos - n : pos])
            if r is not None:
                return pos - n, r
        return None
    for n in _LENGTHS.get(text[pos - 1], ()):
        if n <= pos:
            r = REGIONS.get(text[pos - n : pos])
            if r is not None:
                return pos - n, r
    return None

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


def region_before(text: str, pos: int) -> tuple[int, gazetteer.Region] | None:
    """A region name ending exactly at pos (longest first)."""
    for n in range(min(9, pos), 1, -1):
        r = REGIONS.get(text[pos - n : pos])
        if r is not None:
            return pos - n, r
    return None

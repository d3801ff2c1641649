"""What a filter means: a region at any level and in any common spelling, an enum value from a fixed set.

Analysts write 辽宁, 辽宁省, 沈阳 or 沈阳市 and expect the same scope; a filter the graph cannot honour must say
so (422 with the allowed values or the nearest regions) instead of answering an empty 200.

>>> resolve_region("辽宁").name, resolve_region("沈阳").name, resolve_region("沈阳").province
('辽宁省', '沈阳市', '辽宁省')
>>> resolve_region(None) is None
True
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Literal

from pydantic import BaseModel
from rapidfuzz import fuzz, process

from app.text.gazetteer import province_of, region_by_name, regions


class InvalidFilter(ValueError):
    """A filter value the API cannot mean: the routes answer 422 naming the parameter and the way out."""

    def __init__(self, param: str, value: str, *, allowed: list[str] | None = None, nearest: list[str] | None = None):
        self.param, self.value, self.allowed, self.nearest = param, value, allowed, nearest
        hint = f"allowed: {', '.join(allowed)}" if allowed else f"nearest: {', '.join(nearest or []) or 'none'}"
        super().__init__(f"unknown {param} {value!r}; {hint}")


class RegionScope(BaseModel):
    """A resolved region: ``name`` is the official name; ``province`` its province (itself for a province)."""

    name: str
    level: Literal["province", "city"]
    province: str
    city: str | None = None

    def holds(self, province: str | None, city: str | None) -> bool:
        """Whether a thing recorded with this province / city lies inside the scope."""
        if self.level == "province":
            return province == self.name or (city is not None and _province_of_city(city) == self.name)
        return city == self.name


@cache
def _province_of_city(city: str) -> str | None:
    r = region_by_name(city)
    return province_of(r).name if r is not None else None


@cache
def _shorts() -> dict[str, str]:
    """short form → official name; provinces come last so they win an ambiguous short form (吉林), as in the
    gazetteer."""
    return {r.short: r.name for r in sorted(regions(), key=lambda r: r.level == "province")}


_SUFFIXES = ("特别行政区", "自治区", "自治州", "地区", "省", "市", "盟")


def nearest_regions(text: str, limit: int = 5) -> list[str]:
    """The official region names whose short form is closest to a misspelt one, best first; [] when none
    shares enough characters (火星省 is near nothing: every province ends in 省, which says nothing).

    >>> nearest_regions("沈杨市")[:1]
    ['沈阳市']
    """
    core = text
    for suffix in _SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix):
            core = core[: -len(suffix)]
            break
    shorts = _shorts()
    hits = process.extract(core, list(shorts), scorer=fuzz.ratio, limit=limit, score_cutoff=50)
    return list(dict.fromkeys(shorts[s] for s, _score, _i in hits))


def resolve_region(text: str | None, param: str = "region") -> RegionScope | None:
    """None for no filter; a RegionScope for a province or prefecture-level city in any common form;
    InvalidFilter (with the nearest regions) for anything else."""
    if text is None or not text.strip():
        return None
    r = region_by_name(text.strip())
    if r is None:
        raise InvalidFilter(param, text, nearest=nearest_regions(text.strip()))
    prov = province_of(r)
    if r.level == "province":
        return RegionScope(name=r.name, level="province", province=r.name)
    return RegionScope(name=r.name, level="city", province=prov.name, city=r.name)


def check_choice(
    param: str, value: str | None, allowed: Iterable[str], aliases: dict[str, str] | None = None
) -> str | None:
    """``value`` if it is one of ``allowed`` (after ``aliases``), else InvalidFilter listing them."""
    if value is None:
        return None
    choices = list(allowed)
    v = (aliases or {}).get(value, value)
    if v not in choices:
        raise InvalidFilter(param, value, allowed=sorted(choices))
    return v

"""Platform names → parts: 辽宁省 | 先进材料制备技术 | 重点实验室, plus the level the name implies.

The type lookup is app.text.taxonomy's longest-suffix rule, done with one dict probe per suffix length
instead of a scan over every type name: it runs once per row of a million-row inventory.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from app.text.gazetteer import Region, find_regions, region_by_name, region_prefix, regions
from app.text.taxonomy import NATIONAL, PROVINCIAL, by_name

MUNICIPAL = "市级"
# Level words between the field and the type suffix: …技术国家重点实验室, …省工程研究中心.
_INFIX_LEVELS = (("省部共建国家", NATIONAL), ("国家地方联合", NATIONAL), ("国家", NATIONAL), ("省", PROVINCIAL))
_LEAD_LEVELS = (("全国", NATIONAL), ("国家", NATIONAL), ("省", PROVINCIAL), ("自治区", PROVINCIAL), ("市", MUNICIPAL))
_INFIX_WORDS = tuple(w for w, _ in _INFIX_LEVELS)  # one C-level test before the loops (most fields match none)
_LEAD_WORDS = tuple(w for w, _ in _LEAD_LEVELS)


@dataclass(frozen=True, slots=True)
class NameParts:
    region_prefix: str  # 辽宁省 (as written), "" if none
    region: Region | None
    field: str  # 先进材料制备技术
    type_suffix: str  # as written, level infix included: 国家重点实验室
    type: str | None  # canonical type name
    level: str | None  # implied by the name, None if it says nothing


@cache
def _suffix_table() -> tuple[dict[str, str], tuple[int, ...]]:
    table = {alias: spec.name for alias, spec in by_name().items()}
    return table, tuple(sorted({len(k) for k in table}, reverse=True))


@cache
def _suffix_lengths() -> dict[str, tuple[int, ...]]:
    """Type names / aliases by their last character → their lengths, longest first."""
    table, _ = _suffix_table()
    out: dict[str, set[int]] = {}
    for alias in table:
        if alias:
            out.setdefault(alias[-1], set()).add(len(alias))
    return {c: tuple(sorted(ks, reverse=True)) for c, ks in out.items()}


def type_of(name: str) -> tuple[str, int] | None:
    """Same answer as app.text.taxonomy.type_from_name, faster: (canonical type, suffix start). Only the
    suffix lengths of type names ending in the name's last character are probed."""
    if not name:
        return None
    table, _ = _suffix_table()
    n = len(name)
    for k in _suffix_lengths().get(name[-1], ()):
        if k <= n:
            t = table.get(name[n - k :])
            if t is not None:
                return t, n - k
    return None


@cache
def _prefix_index() -> dict[str, tuple[tuple[str, Region], ...]] | None:
    """Region names of 2–9 characters by their first two characters, longest first: what
    ``gazetteer.region_prefix`` probes (None if a name has surrounding spaces: then it is used as is)."""
    out: dict[str, list[tuple[str, Region]]] = {}
    for key in dict.fromkeys(n for r in regions() for n in (r.name, r.short)):
        if key != key.strip():
            return None
        region = region_by_name(key)
        if region is not None and 2 <= len(key) <= 9:
            out.setdefault(key[:2], []).append((key, region))
    return {k: tuple(sorted(v, key=lambda kv: -len(kv[0]))) for k, v in out.items()}


def _region_prefix(name: str) -> tuple[str, Region] | None:
    """``gazetteer.region_prefix`` (the longest region name the name starts with), probing only the region
    names that share its first two characters."""
    index = _prefix_index()
    if index is None:
        return region_prefix(name)
    for key, region in index.get(name[:2], ()):
        if name.startswith(key):
            return key, region
    return None


def canonical_type(cell: str) -> str | None:
    """A 类型 column value → canonical type (exact name/alias, else the cell's own type suffix)."""
    table, _ = _suffix_table()
    text = cell.strip()
    for lead, _lvl in _LEAD_LEVELS:
        if text.startswith(lead) and text[len(lead) :] in table:
            return table[text[len(lead) :]]
    if text in table:
        return table[text]
    found = type_of(text)
    return found[0] if found else None


@lru_cache(maxsize=4096)
def region_of(text: str) -> Region | None:
    """A region cell (辽宁省 / 沈阳 / 辽宁省沈阳市) → the most specific admin division in it."""
    region = region_by_name(text)
    if region is not None:
        return region
    hits = find_regions(text)
    if not hits:
        return None
    cities = [h[2] for h in hits if h[2].level == "city"]
    return cities[-1] if cities else hits[-1][2]


def parse_name(name: str) -> NameParts:
    """Split a normalised platform name into region prefix, field phrase and type suffix."""
    found = _region_prefix(name)
    prefix, region = (found[0], found[1]) if found else ("", None)
    typed = type_of(name)
    t_name, t_start = typed if typed else (None, len(name))
    if t_start < len(prefix):  # the whole name is a type (省实验室): no field
        t_start = len(prefix)
    field = name[len(prefix) : t_start]
    suffix = name[t_start:]
    level: str | None = None
    for word, lvl in _LEAD_LEVELS if field.startswith(_LEAD_WORDS) else ():
        if field.startswith(word) and len(field) > len(word) and not field.startswith(("市政", "市场")):
            if not prefix:
                level = lvl
            field = field[len(word) :]
            prefix = prefix + word
            break
    for word, lvl in _INFIX_LEVELS if field.endswith(_INFIX_WORDS) else ():
        if field.endswith(word) and len(field) > len(word):
            field = field[: -len(word)]
            suffix = word + suffix
            level = lvl
            break
    if level is None and t_name is not None:
        level = by_name()[t_name].default_level
    if level is None and region is not None:
        level = PROVINCIAL if region.level == "province" else MUNICIPAL
    if level is None and name.startswith(("国家", "全国")):
        level = NATIONAL
    return NameParts(prefix, region, field, suffix, t_name, level)


def canonical_name_norm(name_norm: str, parts: NameParts, province: Region | None) -> str:
    """The name used in a platform's key: a region prefix written short or as a bare 省 becomes the
    full admin name (辽宁先进材料… / 省先进材料… in a 辽宁 list → 辽宁省先进材料…), so that one
    platform listed both ways gets one id."""
    rest = name_norm[len(parts.region_prefix) :]
    if parts.region is not None:
        lead = (
            parts.region_prefix[len(parts.region.name) :]
            if parts.region_prefix.startswith(parts.region.name)
            else parts.region_prefix[len(parts.region.short) :]
        )
        return f"{parts.region.name}{lead}{rest}"
    if parts.region_prefix in ("省", "自治区") and province is not None:
        return f"{province.name}{rest}"
    return name_norm

"""Platform names → parts: 辽宁省 | 先进材料制备技术 | 重点实验室, plus the level the name implies.

The type lookup is app.text.taxonomy's longest-suffix rule, done with one dict probe per suffix length
instead of a scan over every type name: it runs once per row of a million-row inventory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from app.text.gazetteer import Region, find_regions, region_by_name, region_prefix, regions
from app.text.taxonomy import NATIONAL, PROVINCIAL, UNMAPPED, by_name

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


COMPANY_CENTRE = "企业技术中心"
# An organisation's name ends so (the host in 名称(依托单位)); a place in brackets does not.
_ORG_END = re.compile(
    r"(?:大学|学院|学校|研究院|研究所|研究中心|科学院|工程院|设计院|医院|公司|集团|有限|股份|厂|中心|局|站|委员会|协会|学会)$"
)
_HOST_NOTE = re.compile(r"^(?:依托单位|依托|承担单位|建设单位)\s*[:：]?\s*")
_TRAILING_BRACKET = re.compile(r"^(?P<core>.+?)\((?P<inner>[^()]+)\)$")
_COMPANY_TECH_CENTRE = re.compile(
    r"^(?P<host>.{2,}?(?:有限责任公司|股份有限公司|有限公司|集团公司|集团|公司|厂))(?:企业)?(?:技术中心|技术研究中心|研发中心)$"
)
# Endings a reader takes for a platform although no taxonomy type ends so (an explicit UNMAPPED type).
_PLATFORM_END = re.compile(
    r"(?:中心|基地|平台|实验室|实验站|研究站|观测站|工作站|试验站|资源库|资源圃|种质库|数据库|园区|科技园|研究院|"
    r"创新院|研发院|联盟|孵化器|加速器|空间|中期库|试管苗库|复份库|种业园|产业园)$"
)


def host_from_note(text: str) -> str:
    """依托：XX大学 / 依托单位:XX → XX ("" when the text is no such note)."""
    m = _HOST_NOTE.match(text.strip())
    return text.strip()[m.end() :].strip() if m and m.end() else ""


def _split_name(name: str) -> tuple[str, str, str]:
    """(name for parsing, host, bracket): a trailing (依托单位) or (依托:X) is the host, another trailing
    bracket (a place) is kept apart; a company's 技术中心 names its company."""
    host = bracket = ""
    m = _TRAILING_BRACKET.match(name) if name.endswith(")") else None
    if m is not None:
        inner = m.group("inner").strip()
        noted = host_from_note(inner)
        if noted or _ORG_END.search(inner) or _named_org(inner):
            host = noted or inner
        else:
            bracket = inner
        name = m.group("core")
    if not host and name.endswith("中心") and ("公司" in name or "集团" in name or "厂" in name):
        c = _COMPANY_TECH_CENTRE.match(name)
        if c is not None:
            host = c.group("host")
    return name, host, bracket


_HOST_ENDS = frozenset(")心")


def _states_host(name: str) -> bool:
    return name.endswith(")") or (name.endswith("中心") and ("公司" in name or "集团" in name or "厂" in name))


def name_host(name_norm: str) -> tuple[str, str]:
    """(host, bracket) a normalised name states: the organisation of 名称(依托单位) / 名称(依托:X) /
    X股份有限公司技术中心, and a trailing bracket that is no host (a place: 种质资源圃(北京)); "" if none."""
    if not _states_host(name_norm):
        return "", ""
    _, host, bracket = _split_name(name_norm)
    return host, bracket


def _named_org(inner: str) -> bool:
    """A bracket of five or more characters, no digits, not a place: an organisation's name (one a typo
    hides from _ORG_END: 四川师范大雪), not a note like (试行), (2019年度) or a place like (北京)."""
    if len(inner) < 5 or any(ch.isdigit() for ch in inner) or region_by_name(inner) is not None:
        return False
    return len(inner) - sum(end - start for start, end, _ in find_regions(inner)) >= 3


def unmapped_type(name_norm: str) -> str | None:
    """UNMAPPED for a name a reader would call a platform (…中心, …基地, …平台) with no taxonomy type."""
    core = _split_name(name_norm)[0]
    return UNMAPPED if _PLATFORM_END.search(core) else None


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
    """Split a normalised platform name into region prefix, field phrase and type suffix (a trailing
    bracket is left out; the host a name states: ``name_host``)."""
    host = ""
    if name[-1:] in _HOST_ENDS and _states_host(name):  # one string test for most names
        name, host, _ = _split_name(name)
    found = _region_prefix(name)
    prefix, region = (found[0], found[1]) if found else ("", None)
    typed = type_of(name)
    if typed is None and host and name.endswith("中心") and _COMPANY_TECH_CENTRE.match(name):
        typed = (COMPANY_CENTRE, len(host))
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

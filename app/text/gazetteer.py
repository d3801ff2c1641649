"""Gazetteers shipped in the repo: admin divisions (provinces, prefecture-level cities) and the MoE
list of universities. Used to resolve region prefixes, hosts' locations and university names.

Data: ingest/resources/gazetteer/ (admin divisions: MIT-licensed dataset; universities: MoE list of
2025-06-20). Short names drop the administrative suffix (辽宁省 → 辽宁, 延边朝鲜族自治州 → 延边); when a
short name is ambiguous (吉林 = 吉林省 and 吉林市; 海南 = 海南省 and 海南藏族自治州) the province wins.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import ahocorasick

_DIR = Path(str(resources.files("app.text"))) / "resources" / "gazetteer"

# Longest first so that 壮族自治区 is removed before 自治区.
_PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
_CITY_SUFFIX = re.compile(r"(?:自治州|地区|盟|市)$")
# Ethnic groups named in autonomous prefectures' names (延边朝鲜族自治州 → 延边).
_ETHNIC = re.compile(r"(?:朝鲜|土家|苗|藏|羌|彝|布依|侗|哈尼|壮|傣|白|景颇|傈僳|回|蒙古|柯尔克孜|哈萨克)族?$")
_PLACEHOLDER_CITIES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


@dataclass(frozen=True)
class Region:
    code: str  # 2-digit province code or 4-digit city code
    name: str  # full official name: 辽宁省, 沈阳市
    short: str  # 辽宁, 沈阳
    level: str  # "province" | "city"
    province_code: str

    @property
    def province(self) -> Region:
        return province_of(self)


@dataclass(frozen=True)
class University:
    name: str
    code: str
    supervisor: str
    city: str
    province: str
    level: str  # 本科 | 专科


def _short_province(name: str) -> str:
    for suffix in _PROVINCE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _short_city(name: str) -> str:
    short = _CITY_SUFFIX.sub("", name)
    while (stripped := _ETHNIC.sub("", short)) != short and len(stripped) >= 2:
        short = stripped
    return short if len(short) >= 2 else name


@cache
def regions() -> tuple[Region, ...]:
    out: list[Region] = []
    with (_DIR / "provinces.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.append(Region(row["code"], row["name"], _short_province(row["name"]), "province", row["code"]))
    with (_DIR / "cities.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["name"] in _PLACEHOLDER_CITIES:
                continue
            out.append(Region(row["code"], row["name"], _short_city(row["name"]), "city", row["provinceCode"]))
    return tuple(out)


@cache
def _by_name() -> dict[str, Region]:
    table: dict[str, Region] = {}
    # Cities first, provinces after: a province overwrites an ambiguous short name.
    for level in ("city", "province"):
        for r in regions():
            if r.level == level:
                table[r.name] = r
                table[r.short] = r
    return table


@cache
def _by_code() -> dict[str, Region]:
    return {r.code: r for r in regions()}


def region_by_name(text: str) -> Region | None:
    """A region from its full or short name (辽宁省 / 辽宁 / 沈阳市 / 沈阳); None if unknown."""
    return _by_name().get(text.strip())


def region_by_code(code: str) -> Region | None:
    return _by_code().get(code)


def province_of(region: Region) -> Region:
    return _by_code()[region.province_code]


@cache
def _automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for name, region in _by_name().items():
        if len(name) >= 2:
            auto.add_word(name, (name, region))
    auto.make_automaton()
    return auto


def find_regions(text: str) -> list[tuple[int, int, Region]]:
    """Non-overlapping region mentions, longest match first: [(start, end), region]."""
    hits: list[tuple[int, int, Region]] = []
    for end_incl, (name, region) in _automaton().iter(text):
        start = end_incl - len(name) + 1
        hits.append((start, end_incl + 1, region))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[tuple[int, int, Region]] = []
    last_end = -1
    for start, end, region in hits:
        if start >= last_end:
            out.append((start, end, region))
            last_end = end
    return out


def region_prefix(name: str) -> tuple[str, Region] | None:
    """The region a name starts with (辽宁省先进材料… → ('辽宁省', 辽宁省)), longest prefix first."""
    table = _by_name()
    for n in range(min(len(name), 9), 1, -1):
        region = table.get(name[:n])
        if region is not None:
            return name[:n], region
    return None


@dataclass(frozen=True, slots=True)
class Place:
    """Where a region cell points: a province, its city when known, the county / district by name when
    known (the graph's Region nodes stop at prefecture level). ``rule``: how it was found."""

    province: Region
    city: Region | None
    county: str | None
    rule: str  # exact | alias | joined | library

    @property
    def region(self) -> Region:
        """The most specific Region node: the city, else the province."""
        return self.city if self.city is not None else self.province


# Province-level units named without a place (省直属单位, 区直): the list's own province applies.
DIRECT = re.compile(r"^(?:省|自治区|市|区|兵团)(?:直|直属|属|本级)(?:单位|机构)?$")
_BRACKET = re.compile(r"[（(]([^（()）]*)[）)]")
_COUNTY_END = ("区", "县", "市", "旗", "特区", "林区", "新区")


@cache
def _alias_names() -> dict[str, Region]:
    """Short forms published lists use besides the gazetteer's: 凉山州, 恩施州, 阿坝州, 锡林郭勒盟 (short +
    州 / 盟 / 地区 of autonomous prefectures, leagues and prefectures)."""
    out: dict[str, Region] = {}
    for r in regions():
        if r.level != "city" or r.short == r.name:
            continue
        if r.name.endswith(("州", "盟", "地区")):  # not short + 市: 大理市 / 恩施市 are county-level cities
            for tail in ("州", "盟", "地区"):
                out.setdefault(r.short + tail, r)
    return out


def locate(text: str, province: Region | None = None) -> Place | None:
    """A region cell in any common form → Place (四川省成都市, 成都, 凉山州, 阿坝, 海淀区, 湖北省（省直）).

    Fast path: the gazetteer's names and short forms, published aliases (凉山州), and cells that are
    several names joined (四川省成都市). Else the county-level data of the ``jionlp`` library, imported
    only then (≈ 5 s, ≈ 3–45 ms a call; cached per distinct cell). ``province``: the list's province, tried
    as a prefix when the cell alone is ambiguous or unknown (朝阳区 in a 北京 list). None when nothing is
    found, and for cells that name no place (省直: see ``DIRECT``)."""
    key = text.strip()
    if not key or DIRECT.match(key):
        return None
    found = _locate(key)
    if found is None and province is not None and not key.startswith((province.name, province.short)):
        found = _locate(province.name + key)
    return found


@lru_cache(maxsize=65536)
def _locate(key: str) -> Place | None:
    found = _fast(key)
    if found is not None:
        return found
    inner = _BRACKET.findall(key)
    outer = _BRACKET.sub("", key).strip()
    if inner and outer and outer != key:
        found = _locate(outer)  # 湖北省（省直） / 成都市（崇州）: the outer part, the inner may refine it
        for part in inner:
            sub = _fast(part.strip()) if part.strip() else None
            if found is not None and sub is not None and sub.province == found.province and sub.city is not None:
                return sub
        if found is not None:
            return found
    return _library(key)


def _place(region: Region, rule: str) -> Place:
    if region.level == "city":
        return Place(province_of(region), region, None, rule)
    return Place(region, None, None, rule)


def _fast(key: str) -> Place | None:
    region = region_by_name(key)
    if region is not None:
        return _place(region, "exact")
    alias = _alias_names().get(key)
    if alias is not None:
        return _place(alias, "alias")
    hits = find_regions(key)
    if not hits or sum(e - s for s, e, _ in hits) != len(key):
        return None  # some of the cell is not a known name (a county, a typo): not for the fast path
    provinces = {province_of(r).code for _, _, r in hits}
    if len(provinces) != 1:
        return None
    cities = [r for _, _, r in hits if r.level == "city"]
    return _place(cities[-1], "joined") if cities else _place(hits[-1][2], "joined")


@lru_cache(maxsize=65536)
def _library(key: str) -> Place | None:
    """jionlp.parse_location: county level included. Accepted only when it names a province that the
    cell itself mentions or a county / city the cell ends with (it guesses from any fragment)."""
    parsed = _jionlp_parse(key)
    if not parsed:
        return None
    province = region_by_name(parsed.get("province") or "")
    if province is None:
        return None
    city_name = parsed.get("city") or ""
    city = region_by_name(city_name) if city_name else None
    if city is not None and city.level != "city":
        city = None  # a municipality: jionlp repeats the province as the city
    county = parsed.get("county") or None
    if county is not None and not _mentions(key, county):
        county = None
    if county is None and not (_mentions(key, province.short) or (city is not None and _mentions(key, city.short))):
        return None
    return Place(province, city, county, "library")


def _mentions(key: str, name: str) -> bool:
    core = name
    for end in _COUNTY_END:
        if core.endswith(end) and len(core) > len(end) + 1:
            core = core[: -len(end)]
            break
    return core in key


def _jionlp_parse(key: str) -> dict[str, str | None] | None:
    try:
        import jionlp  # big (≈ 5 s to import): only for cells the gazetteer does not know
    except ImportError:  # pragma: no cover - declared in pyproject; a reduced install still reads lists
        return None
    try:
        result = jionlp.parse_location(key, town_village=False, change2new=True)
    except Exception:  # the library raises on odd input; an unknown region is only a warning
        return None
    return result if isinstance(result, dict) else None


@cache
def universities() -> tuple[University, ...]:
    with (_DIR / "universities_moe_2025.csv").open(encoding="utf-8") as fh:
        return tuple(
            University(r["name"], r["code"], r["supervisor"], r["city"], r["province"], r["level"])
            for r in csv.DictReader(fh)
        )


@cache
def _universities_by_name() -> dict[str, University]:
    return {u.name: u for u in universities()}


def university_by_name(name: str) -> University | None:
    return _universities_by_name().get(name.strip())

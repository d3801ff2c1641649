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
from functools import cache
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

"""Institution resolution: surface forms (吉大, 中科院金属所, 省农科院, 大连理工大学（盘锦校区）) → one
canonical institution, with the rule and alias that decided it so that every decision can be explained
and reversed (the surface is kept on the edge that used it).

Rules, in order (the first that applies wins):
  moe_gazetteer     the name is in the MoE list of universities (ingest/resources/gazetteer)
  alias             a curated short form (resources/institution_aliases.csv, a source per line), province-
                    scoped when the same short form means different universities (东大 in 辽宁 / 江苏)
  cas_short         中科院XX所 / 中国科学院XX所 → 中国科学院XX研究所 (cas_institutes.csv expands 大连化物 …;
                    a CAS institute merged or renamed since goes on to its current name, rule renamed)
  province_academy  省农科院 / 辽宁农科院 → <province>农业科学院 (province from the row being resolved)
  bracket_stripped  大连理工大学（盘锦校区） → 大连理工大学, when the name without brackets resolves
  subunit_of        大连理工大学化工学院 → 大连理工大学 (a university's college / institute / centre; the
                    university under a former name too: 华中理工大学机械学院 → 华中科技大学)
  renamed           a former name (resources/renames.csv, a public source per line): 华中工学院 → 华中科技大学
  province_full     四川化工研究院 → 四川省化工研究院 (an institute named with its province's short form)
  typo              one character off a known name of ≥ 6 characters, never a distinguishing one
                    (ingest.resolve.variants: 眼科/耳科, 锂/钠, 华东/华南 stay apart)
  as_published      none of the above: the published name (simplified) becomes the canonical name
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from app.model.schema import Label, stable_id
from app.text.cells import norm_name, split_list
from app.text.gazetteer import University, region_by_name, region_prefix, universities
from ingest.resolve.variants import province_full, renamed, typo_of

RESOURCES = Path(__file__).parent / "resources"

KINDS = ("university", "institute", "company", "hospital", "association", "financial", "service", "other")
RULES = (
    "moe_gazetteer",
    "alias",
    "cas_short",
    "province_academy",
    "bracket_stripped",
    "subunit_of",
    "renamed",
    "province_full",
    "typo",
    "as_published",
)


@dataclass(frozen=True, slots=True)
class Resolution:
    surface: str  # as published
    name: str  # canonical name
    key: str  # matching form of the canonical name (what the id is made of)
    kind: str  # one of KINDS
    rule: str  # one of RULES
    alias: str | None  # the short form / variant that was expanded, when a rule expanded one
    province: str | None
    city: str | None
    moe_code: str | None

    @property
    def id(self) -> str:
        return _inst_id(self.key)

    def explain(self) -> str:
        via = f" via {self.alias!r}" if self.alias else ""
        return f"{self.surface!r} → {self.name!r} [{self.kind}] by rule {self.rule}{via}"


@lru_cache(maxsize=200_000)
def _inst_id(key: str) -> str:
    return stable_id(Label.INSTITUTION, key)


@cache
def _universities() -> dict[str, University]:
    return {norm_name(u.name): u for u in universities()}


@cache
def _aliases() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    plain: dict[str, str] = {}
    scoped: dict[tuple[str, str], str] = {}
    with (RESOURCES / "institution_aliases.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["province"]:
                scoped[(row["alias"], row["province"])] = row["canonical"]
            else:
                plain[row["alias"]] = row["canonical"]
    return plain, scoped


@cache
def _cas() -> dict[str, str]:
    with (RESOURCES / "cas_institutes.csv").open(encoding="utf-8") as fh:
        return {row["short"]: row["full"] for row in csv.DictReader(fh)}


_CAS = re.compile(r"^(?:中科院|中国科学院)(?P<x>.+?)(?:研究所|所)$")
_ACADEMY = re.compile(
    r"^(?P<prefix>.*?)(?P<abbr>农科院|林科院|医科院|社科院|环科院|水科院|农业科学院|林业科学院|医学科学院|"
    r"社会科学院|科学院)$"
)
_ACADEMY_FULL = {
    "农科院": "农业科学院",
    "林科院": "林业科学院",
    "医科院": "医学科学院",
    "社科院": "社会科学院",
    "环科院": "环境科学研究院",
    "水科院": "水利科学研究院",
}
_BRACKETS = re.compile(r"\([^()]*\)")
_SUBUNIT = re.compile(r"(?:学院|系|研究院|研究所|研究中心|中心|实验室|校区|分校|学部)$")

# Suffix rules for an institution's kind, most specific first.
_KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("hospital", re.compile(r"(?:医院|卫生院|保健院)$")),
    (
        "financial",
        re.compile(
            r"(?:银行|证券|保险|信托|担保|基金|资本|投资)(?:股份)?(?:有限责任公司|有限公司|集团|公司)?"
            r"(?:[^()]*分行|[^()]*支行)?$"
        ),
    ),
    ("association", re.compile(r"(?:协会|学会|联合会|联盟|商会|研究会|促进会)$")),
    ("company", re.compile(r"(?:公司|集团|有限|股份|厂|企业)(?:\([^()]*\))?$")),
    ("university", re.compile(r"(?:大学|(?<![科工])学院|学校|党校)(?:\([^()]*\))?$")),
    ("institute", re.compile(r"(?:研究所|研究院|科学院|工程院|设计院|实验室|研究中心|^中国科学院.*)$")),
    ("service", re.compile(r"(?:中心|孵化器|科技园|事务所|平台|园区|市场|服务站|检测站|站)$")),
)


# Every kind kind_of can answer, plus "institution" for hosts the list names without a recognisable head.
INSTITUTION_KINDS: tuple[str, ...] = (*(k for k, _ in _KIND_RULES), "other", "institution")


def kind_of(name: str) -> str:
    for kind, pattern in _KIND_RULES:
        if pattern.search(name):
            return kind
    return "other"


class Resolver:
    """Resolves institution surfaces; results are cached per (surface, province) since a million-row
    inventory names a few thousand distinct hosts."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str | None], Resolution] = {}
        self._cells: dict[tuple[str, str | None], tuple[Resolution, ...]] = {}

    def resolve(self, surface: str, province: str | None = None) -> Resolution:
        key = (surface, province)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = _resolve(surface, province)
        return hit

    def resolve_cell(self, cell: str, province: str | None = None) -> tuple[Resolution, ...]:
        """Every institution a 依托单位 / 共建单位 cell names (``split_list``), resolved in order; cached per
        (cell, province) as well, since whole cells repeat on most rows."""
        key = (cell, province)
        hit = self._cells.get(key)
        if hit is None:
            hit = tuple(self.resolve(h, province) for h in split_list(cell))
            if len(self._cells) < 200_000:  # bounded: a worker keeps its resolver for the whole run
                self._cells[key] = hit
        return hit

    def __len__(self) -> int:
        return len(self._cache)


def _university(u: University, surface: str, rule: str, alias: str | None) -> Resolution:
    return Resolution(surface, u.name, norm_name(u.name), "university", rule, alias, u.province, u.city, u.code)


def _named(surface: str, name: str, rule: str, alias: str | None) -> Resolution:
    key = norm_name(name)
    province, city = _location(key)
    return Resolution(surface, name, key, kind_of(key), rule, alias, province, city, None)


def _location(key: str) -> tuple[str | None, str | None]:
    body = key.removeprefix("中国科学院")
    found = region_prefix(body)
    if found is None:
        return None, None
    region = found[1]
    if region.level == "province":
        return region.name, None
    return region.province.name, region.name


def _by_alias(n: str, province: str | None) -> str | None:
    plain, scoped = _aliases()
    if province is not None and (n, province) in scoped:
        return scoped[(n, province)]
    return plain.get(n)


def _resolve(surface: str, province: str | None) -> Resolution:
    n = norm_name(surface)
    unis = _universities()
    if n in unis:
        return _university(unis[n], surface, "moe_gazetteer", None)
    canonical = _by_alias(n, province)
    if canonical is not None:
        u = unis.get(norm_name(canonical))
        return _university(u, surface, "alias", n) if u else _named(surface, canonical, "alias", n)
    m = _CAS.match(n)
    if m is not None:
        return _cas_institute(surface, n, m.group("x"))
    m = _ACADEMY.match(n)
    if m is not None and (resolved := _academy(m, province)) is not None:
        return (
            _named(surface, resolved, "province_academy", n)
            if resolved != n
            else _named(surface, resolved, "as_published", None)
        )
    if "(" in n:
        base = _BRACKETS.sub("", n)
        if base and base != n:
            inner = _resolve(base, province)
            if inner.rule != "as_published":
                return Resolution(
                    surface,
                    inner.name,
                    inner.key,
                    inner.kind,
                    "bracket_stripped",
                    n,
                    inner.province,
                    inner.city,
                    inner.moe_code,
                )
    u = _subunit_of(n) if _SUBUNIT.search(n) else None
    if u is not None:
        return _university(u, surface, "subunit_of", n)
    return _variant(surface, n, province)


def _subunit_of(n: str) -> University | None:
    """The university a college / institute / centre name begins with, under its name or a former one
    (华中理工大学机械学院 → 华中科技大学: colleges keep being listed under the old university's name)."""
    unis = _universities()
    for k in range(len(n) - 2, 3, -1):
        u = unis.get(n[:k])
        if u is None and (current := renamed(n[:k])) is not None:
            u = unis.get(norm_name(current))
        if u is not None:
            return u
    return None


def _cas_institute(surface: str, n: str, x: str) -> Resolution:
    """中科院XX所 → 中国科学院<full>研究所; an institute merged or renamed since (寒旱所, 长春光学精密机械
    研究所) → its current name: renames.csv is read here because the CAS form would otherwise stop at the
    old name before the renamed rule is reached."""
    full = f"中国科学院{_cas().get(x, x)}研究所"
    current = renamed(full)
    if current is not None:
        return _named(surface, current, "renamed", n)
    if full == n:
        return _named(surface, full, "as_published", None)
    return _named(surface, full, "cas_short", n)


def _variant(surface: str, n: str, province: str | None) -> Resolution:
    """The last rules: a former name, a short province name, a one-character typo; else as published."""
    current = renamed(n)
    if current is not None:
        u = _universities().get(norm_name(current))
        return _university(u, surface, "renamed", n) if u else _named(surface, current, "renamed", n)
    full = province_full(n)
    if full is not None:
        return _named(surface, full, "province_full", n)
    fixed = typo_of(n)
    if fixed is not None:
        inner = _resolve(fixed, province)
        return Resolution(
            surface, inner.name, inner.key, inner.kind, "typo", n, inner.province, inner.city, inner.moe_code
        )
    return _named(surface, n, "as_published", None)


def _academy(m: re.Match[str], province: str | None) -> str | None:
    prefix, abbr = m.group("prefix"), m.group("abbr")
    full = _ACADEMY_FULL.get(abbr, abbr)
    if prefix == "省":
        return f"{province}{full}" if province else None
    if prefix == "中国":
        return f"中国{full}"
    region = region_by_name(prefix) if prefix else None
    if region is None or (abbr == "科学院" and region.level != "province"):
        return None
    return f"{region.name}{full}"


def short_forms() -> dict[str, str]:
    """Nationwide short form → full name (北大 → 北京大学, 中科院 → 中国科学院, 农科院 → 农业科学院): the same
    curated table the resolver reads, for callers that expand what an analyst typed."""
    return {**_ACADEMY_FULL, **_aliases()[0]}

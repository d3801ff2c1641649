"""Platform rows (from the graph or from GraphBatches) → columnar records.

A million platforms do not fit pydantic-per-row budgets: records are parallel lists and numpy code
arrays (host, city, province, type, family, level), so blocking and features run vectorised.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from app.derive.dedup.model import INACTIVE_STATUSES, PlatformRef, Source
from app.derive.dedup.place import site_city, town_of
from app.derive.dedup.resources import host_aliases
from app.derive.dedup.subject import STATION_KINDS, platform_kind
from app.derive.dedup.text import clean_field, field_of_name, terms, whole_word
from app.text.cells import norm_name, simplified
from app.text.taxonomy import by_name

IntArr = npt.NDArray[np.int32]
NATIONAL = "国家级"


def _station(name: str, type_: str | None) -> bool:
    return platform_kind(name, type_) in STATION_KINDS


# 1.8: a station of a national or ministerial programme states it in its name (国家…, …教育部野外科学观测
# 研究站) whatever level its list gives it (the MOE list reads as 省级).
_PROGRAMME = re.compile("国家|部野外科学观测研究站")


def has_town(level: str | None, name: str, type_: str | None) -> bool:
    """Whether a platform takes part in the one-city link: a national platform (1.4), or (1.8) an
    observation station of a national or ministerial programme, whatever its level — two stations of
    two hosts of one city on one subject overlap. Not a provincial station: the link was made for
    national programmes (a province's own network of stations in one city would all pair; the 1M
    bench's provincial stations reported 210k pairs with it). Such a station's city is its site's or
    its row's, never its host's (a university's station abroad).

    >>> has_town("省级", "上海长江河口湿地生态系统教育部野外科学观测研究站", "野外科学观测研究站")
    True
    >>> has_town("省级", "江苏太湖湖泊生态系统野外科学观测研究站", "野外科学观测研究站")
    False
    >>> has_town("省级", "智能制造省级重点实验室", "重点实验室")
    False
    """
    return level == NATIONAL or (_station(name, type_) and _PROGRAMME.search(name) is not None)


# Family → families whose platforms can do the same work (type distance 2); else distance 3.
_ADJACENT: dict[str, frozenset[str]] = {
    "lab": frozenset({"engineering", "innovation", "clinical"}),
    "engineering": frozenset({"lab", "innovation", "enterprise"}),
    "innovation": frozenset({"lab", "engineering", "enterprise"}),
    "clinical": frozenset({"lab"}),
    "enterprise": frozenset({"engineering", "innovation"}),
}


def family_distance(fa: str | None, fb: str | None) -> int:
    """0 same family, 1 adjacent (重点实验室 / 工程研究中心 / 技术创新中心 …), 2 unrelated or unknown."""
    if fa is None or fb is None:
        return 2
    if fa == fb:
        return 0
    return 1 if fb in _ADJACENT.get(fa, frozenset()) else 2


# Legal-form suffixes: 某某股份有限公司 and 某某有限责任公司 written for one company in two lists.
_LEGAL_FORM = re.compile(r"(?:股份有限公司|有限责任公司|股份公司|有限公司|集团公司|公司)$")


# One institution written two ways: 中科院 = 中国科学院; 农牧科学研究院 = 农牧科学院 (an academy's full and
# short style); former names and mergers come from resources/host_aliases.tsv (one source per line).
_HOST_FORMS = ((re.compile(r"^中科院"), "中国科学院"), (re.compile(r"科学研究院$"), "科学院"))


@lru_cache(maxsize=200_000)
def host_key(host: str | None) -> str | None:
    """Matching form of an institution name: simplified, no campus bracket, no company legal form, the
    short style of an academy, a former name replaced by the current one."""
    if not host:
        return None
    key = norm_name(host).split("(")[0]
    key = _LEGAL_FORM.sub("", key) or key
    for pattern, repl in _HOST_FORMS:
        key = pattern.sub(repl, key)
    return host_aliases().get(key, key) or None


# A co-builder a name states (1.5): …（与X共建）, …（X、Y共建）, …（X联合共建）.
_NAMED_COBUILT = re.compile(r"[（(]\s*(?:与|和|由)?([^（）()]{2,}?)(?:联合共建|合作共建|共建|合建|联建)\s*[)）]")
_SPLIT_INSTS = re.compile(r"[、，,；;和与及]|\s+")


@lru_cache(maxsize=200_000)
def named_cobuilders(name: str) -> tuple[str, ...]:
    """Institutions a platform's name says it is built with (dedup 1.5): the bracketed co-builder note
    lists often append to a name; parts of 2 characters or fewer are dropped (not an institution).

    >>> named_cobuilders("国家某某工程技术研究中心（与清华大学共建）")
    ('清华大学',)
    >>> named_cobuilders("某某重点实验室(浙江大学、之江实验室共建)"), named_cobuilders("某某重点实验室（筹）")
    (('浙江大学', '之江实验室'), ())
    """
    out: list[str] = []
    for m in _NAMED_COBUILT.finditer(name):
        out.extend(p for p in _SPLIT_INSTS.split(m.group(1)) if len(p) > 2)
    return tuple(dict.fromkeys(out))


def cohost_names(row: Mapping[str, Any]) -> list[str]:
    """Hosts beside the first (1.5): the other institutions of a host cell listing several (清华大学、
    天津大学 …: the ``hosts`` prop) and the co-builders the name states. Not the ``co_builders`` column:
    a co-builder there links two platforms in one city only (``shared_institution_same_city``)."""
    hosts = row.get("hosts") or []
    extra = [h for h in hosts[1:] if isinstance(h, str) and h]
    name = str(row.get("name") or "")
    if "建" in name:  # the cheap test first: most names state no co-builder
        extra.extend(named_cobuilders(name))
    return extra


class Coder:
    """String → dense int code (-1 for missing)."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}
        self.values: list[str] = []

    def __call__(self, value: str | None) -> int:
        if value is None or value == "":
            return -1
        code = self.codes.get(value)
        if code is None:
            code = self.codes[value] = len(self.values)
            self.values.append(value)
        return code

    def get(self, value: str | None) -> int:
        return -1 if not value else self.codes.get(value, -1)


@dataclass
class Records:
    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    name_keys: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    terms: list[tuple[str, ...]] = field(default_factory=list)
    types: list[str | None] = field(default_factory=list)
    hosts: list[str | None] = field(default_factory=list)
    regions: list[str | None] = field(default_factory=list)
    cities: list[str | None] = field(default_factory=list)
    levels: list[str | None] = field(default_factory=list)
    statuses: list[str | None] = field(default_factory=list)
    years: list[int | None] = field(default_factory=list)
    insts: list[tuple[int, ...]] = field(default_factory=list)  # host + co-builder codes
    cohosts: list[tuple[int, ...]] = field(default_factory=list)  # 1.5: host + co-hosts (inst codes), () if none
    host_insts: list[int] = field(default_factory=list)  # 1.5: the host's inst code, -1 unknown
    trad: list[bool] = field(default_factory=list)  # the name has traditional characters
    sources: list[tuple[str | None, int | None, str | None]] = field(default_factory=list)
    concept_cache: dict[tuple[int, bool], tuple[str, ...]] = field(default_factory=dict)  # blocking.concept_columns
    host_coder: Coder = field(default_factory=Coder)
    inst_coder: Coder = field(default_factory=Coder)
    city_coder: Coder = field(default_factory=Coder)
    region_coder: Coder = field(default_factory=Coder)
    type_coder: Coder = field(default_factory=Coder)
    family_coder: Coder = field(default_factory=Coder)
    level_coder: Coder = field(default_factory=Coder)
    town_coder: Coder = field(default_factory=Coder)  # 1.4: the city of a national platform (place.py)
    # numpy columns, filled by freeze()
    host: IntArr = field(default_factory=lambda: np.zeros(0, np.int32))
    city: IntArr = field(default_factory=lambda: np.zeros(0, np.int32))
    region: IntArr = field(default_factory=lambda: np.zeros(0, np.int32))
    type: IntArr = field(default_factory=lambda: np.zeros(0, np.int32))
    family: IntArr = field(default_factory=lambda: np.zeros(0, np.int32))
    level: IntArr = field(default_factory=lambda: np.zeros(0, np.int32))
    town: IntArr = field(default_factory=lambda: np.zeros(0, np.int32))
    host_inst: IntArr = field(default_factory=lambda: np.zeros(0, np.int32))
    has_cohost: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, np.bool_))
    year: IntArr = field(default_factory=lambda: np.zeros(0, np.int32))
    active: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, np.bool_))
    is_trad: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, np.bool_))
    index: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, row: Mapping[str, Any]) -> int:
        """Append one platform row (the props of a Platform node). Returns its position."""
        name = str(row.get("name") or "")
        fld, typ = row.get("field"), row.get("type")
        if not fld or not typ:  # parse the name only when the graph lacks the parts (a second per 100k)
            parsed_field, parsed_type = field_of_name(name)
            fld, typ = fld or parsed_field, typ or parsed_type
        if fld and fld.endswith("微"):  # 1.7: the blocking terms see the field the subject sees
            fld = whole_word(fld, name)
        toks = row.get("field_tokens")
        host = row.get("host")
        cobs = row.get("co_builders") or []
        i = len(self.ids)
        self.index[str(row["id"])] = i
        self.ids.append(str(row["id"]))
        self.names.append(name)
        cleaned = clean_field(fld)
        self.fields.append(cleaned)
        self.name_keys.append(cleaned + (typ or ""))  # text.name_key without cleaning twice
        self.terms.append(terms(fld, tuple(toks) if toks and fld == row.get("field") else None))
        self.types.append(typ)
        self.hosts.append(host)
        self.regions.append(row.get("region"))
        self.cities.append(row.get("city"))
        self.levels.append(row.get("level"))
        self.statuses.append(row.get("status"))
        year = row.get("year")
        self.years.append(
            int(year) if isinstance(year, int | float) or (isinstance(year, str) and year.isdigit()) else None
        )
        hk = host_key(host)
        inst = [self.inst_coder(hk)] if hk else []
        inst.extend(self.inst_coder(k) for c in cobs if (k := host_key(c)))
        self.insts.append(tuple(dict.fromkeys(inst)))
        co = [self.inst_coder(k) for c in cohost_names(row) if (k := host_key(c)) and k != hk]
        own = [inst[0]] if hk else []
        self.host_insts.append(own[0] if own else -1)
        self.cohosts.append(tuple(dict.fromkeys([*own, *co])) if co else ())
        self.sources.append((row.get("source_file"), row.get("source_row"), row.get("seq")))
        self.trad.append(simplified(name) != name)
        return i

    def freeze(self) -> Records:
        """Build the numpy code columns (call once after the last add)."""
        self.host = np.fromiter((self.host_coder(host_key(h)) for h in self.hosts), np.int32, len(self))
        self.city = np.fromiter((self.city_coder(c) for c in self.cities), np.int32, len(self))
        self.region = np.fromiter((self.region_coder(r) for r in self.regions), np.int32, len(self))
        self.type = np.fromiter((self.type_coder(t) for t in self.types), np.int32, len(self))
        fams = by_name()
        self.family = np.fromiter(
            (self.family_coder(fams[t].family if t in fams else None) for t in self.types), np.int32, len(self)
        )
        self.level = np.fromiter((self.level_coder(lv) for lv in self.levels), np.int32, len(self))
        self.year = np.fromiter((y or 0 for y in self.years), np.int32, len(self))
        # 1.4: the one-city link is for national platforms (kinds.overlap_rule), 1.8 and stations
        self.town = np.fromiter(
            (
                self.town_coder(town_of(None if _station(n, t) else h, r, c, site_city(n, f, t)))
                if has_town(lv, n, t)
                else -1
                for h, r, c, lv, n, f, t in zip(
                    self.hosts, self.regions, self.cities, self.levels, self.names, self.fields, self.types, strict=True
                )
            ),
            np.int32,
            len(self),
        )
        self.host_inst = np.asarray(self.host_insts, np.int32)
        self.has_cohost = np.fromiter((bool(c) for c in self.cohosts), np.bool_, len(self))
        self.active = np.fromiter((s not in INACTIVE_STATUSES for s in self.statuses), np.bool_, len(self))
        self.is_trad = np.asarray(self.trad, np.bool_)
        return self

    def ref(self, i: int) -> PlatformRef:
        f, r, s = self.sources[i]
        return PlatformRef(
            id=self.ids[i],
            name=self.names[i],
            type=self.types[i],
            host=self.hosts[i],
            region=self.regions[i],
            source=Source(file=f, row=r, seq=None if s is None else str(s)),
        )


def build_records(rows: Iterable[Mapping[str, Any]]) -> Records:
    """Records from platform rows; a later row with an id already seen replaces nothing (graph ids are
    unique; batches may repeat a platform listed twice under one canonical name)."""
    recs = Records()
    for row in rows:
        if str(row.get("id")) in recs.index or not row.get("name"):
            continue
        recs.add(row)
    return recs.freeze()

"""Pairwise features, their log-odds contributions (the waterfall), the score, and the kind.

score = sigmoid(PRIOR + Σ contribution_f). Each contribution is a documented function of one feature
value (docs/reference/duplicates.md), so every reported score decomposes exactly into its reasons. The kind is
decided by rules over the same features; a pair is reported when its score clears the kind's threshold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import zhconv
from pydantic import BaseModel
from rapidfuzz import fuzz
from rapidfuzz.process import cpdist

from app.derive.dedup.model import KINDS, Reason, TransitionRule
from app.derive.dedup.policy import PolicyIndex
from app.derive.dedup.records import NATIONAL, Records, family_distance
from app.derive.dedup.relations import RecordView, Relations, relate, siblings
from app.derive.dedup.subject import STATION_KINDS, platform_kind
from app.derive.dedup.text import field_of_name, name_key
from app.derive.dedup.variants import VARIANT_NAMES, VARIANT_NONE

F64 = npt.NDArray[np.float64]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]

PRIOR = -2.0
# host relation codes
HOST_UNKNOWN, HOST_DIFFERENT, HOST_SIMILAR, HOST_SAME = -1, 0, 1, 2
# type relation codes
TYPE_SAME, TYPE_FAMILY, TYPE_ADJACENT, TYPE_FAR, TYPE_TRANSITION = 0, 1, 2, 3, 4
TYPE_NAMES = {0: "same_type", 1: "same_family", 2: "adjacent_family", 3: "unrelated", 4: "legacy_successor"}
HOST_NAMES = {-1: "unknown", 0: "different", 1: "similar", 2: "same"}
KIND_NONE = 0
KIND_CODES = {k: i + 1 for i, k in enumerate(KINDS)}


class Thresholds(BaseModel):
    """Decision thresholds (calibrated on the generator's planted pairs; docs/reference/duplicates.md)."""

    same_entity_field: float = 0.75
    same_entity_name: float = 0.9
    overlap_field: float = 0.9
    # 1.2, tuned on the real dev split: a station / bank beside another kind of its host overlaps at
    # subject similarity ≥ overlap_subject_host; two institutes of one academy at field ≥ overlap_subject_city
    overlap_subject_host: float = 0.2
    overlap_subject_city: float = 0.6
    # 1.3, real dev split: a 野外科学观测研究站 beside a lab of its host needs a related subject proper
    # (thesaurus broader / narrower, a shared field word, containment) — bigram Dice 0.2 alone paired
    # 农业生物技术 with 绿洲农业高效用水 (one shared bigram 农业)
    overlap_station_lab: float = 0.4
    transition_field: float = 0.9
    min_score: dict[str, float] = {"same_entity": 0.5, "overlap": 0.0, "transition_overlap": 0.8}


@dataclass
class Side:
    """One side of a list of pairs: gathered record columns (or a proposal broadcast)."""

    host: I32
    city: I32
    town: I32  # 1.4: the city of a national platform (municipality, row city or host's city), -1 unknown
    region: I32
    type: I32
    family: I32
    level: I32
    year: I32
    active: npt.NDArray[np.bool_]
    insts: list[tuple[int, ...]]
    name_keys: list[str]
    names: list[str]
    fields: list[str]
    types: list[str | None]
    families: list[str | None]
    hosts: list[str | None]
    regions: list[str | None]
    trad: npt.NDArray[np.bool_]
    national: npt.NDArray[np.bool_]  # level 国家级 (1.3: the municipality link is for national platforms)
    host_inst: I32  # 1.5: the host's institution code (records.inst_coder), -1 unknown
    cohosts: list[tuple[int, ...]]  # 1.5: host + co-hosts (institution codes), () when no co-host is named
    has_cohost: npt.NDArray[np.bool_]  # 1.5: cohosts is not empty


def gather(recs: Records, idx: I64) -> Side:
    fam = recs.family_coder.values
    families = [fam[c] if c >= 0 else None for c in recs.family[idx].tolist()]
    return Side(
        host=recs.host[idx],
        city=recs.city[idx],
        town=recs.town[idx],
        region=recs.region[idx],
        type=recs.type[idx],
        family=recs.family[idx],
        level=recs.level[idx],
        year=recs.year[idx],
        active=recs.active[idx],
        insts=[recs.insts[i] for i in idx.tolist()],
        name_keys=[recs.name_keys[i] for i in idx.tolist()],
        names=[recs.names[i] for i in idx.tolist()],
        fields=[recs.fields[i] for i in idx.tolist()],
        types=[recs.types[i] for i in idx.tolist()],
        families=families,
        hosts=[recs.hosts[i] for i in idx.tolist()],
        regions=[recs.regions[i] for i in idx.tolist()],
        trad=recs.is_trad[idx],
        national=np.fromiter((recs.levels[i] == NATIONAL for i in idx.tolist()), np.bool_, len(idx)),
        host_inst=recs.host_inst[idx],
        cohosts=_cohosts(recs, idx),
        has_cohost=recs.has_cohost[idx],
    )


def _cohosts(recs: Records, idx: I64) -> list[tuple[int, ...]]:
    """The co-host tuples of ``idx`` (empty for rows without co-hosts: most rows, so not copied)."""
    out: list[tuple[int, ...]] = [()] * len(idx)
    for pos in np.flatnonzero(recs.has_cohost[idx]).tolist():
        out[pos] = recs.cohosts[int(idx[pos])]
    return out


def co_hosted(a: Side, b: Side, host_rel: I32) -> npt.NDArray[np.bool_]:
    """1.5: two platforms of different hosts where one's host is a co-host of the other (a host cell
    listing several, a co-builder the name states: 三江源 station of 西北高原所 with 青海大学), or both
    name one co-host. Only pairs with a co-host on either side are looked at."""
    out = np.zeros(len(host_rel), np.bool_)
    for k in np.flatnonzero((a.has_cohost | b.has_cohost) & (host_rel != HOST_SAME)).tolist():
        ca, cb = a.cohosts[k], b.cohosts[k]
        sa = set(ca) if ca else ({int(a.host_inst[k])} - {-1})
        sb = set(cb) if cb else ({int(b.host_inst[k])} - {-1})
        out[k] = not sa.isdisjoint(sb)
    return out


@lru_cache(maxsize=100_000)
def phrase_key(name: str, type_: str | None) -> str:
    fld, _ = field_of_name(zhconv.convert(name, "zh-cn"))
    return name_key(name, fld, type_)


def is_abbreviation(short: str, long: str) -> bool:
    """吉大 → 吉林大学: a short form of at most three characters, same first character, the rest in
    order. Longer "abbreviations" are mostly other institutions (云南大学 vs 云南中医药大学)."""
    if not 2 <= len(short) <= 3 or len(long) < 2 * len(short) or short[0] != long[0]:
        return False
    it = iter(long)
    return all(ch in it for ch in short)


def host_similar(a: str | None, b: str | None) -> bool:
    """Two host names that are one institution written two ways, when resolution did not merge them:
    one contains the other (大连理工 / 大连理工大学), or a short form (吉大)."""
    if not a or not b:
        return False
    a, b = a.split("(")[0].split("（")[0], b.split("(")[0].split("（")[0]
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 4 and short in long:
        return True
    return is_abbreviation(short, long)


@dataclass
class Features:
    field_sim: F64
    name_sim: F64
    host_rel: I32
    shared_inst: npt.NDArray[np.bool_]
    type_rel: I32
    level_rel: I32  # -1 unknown, 0 different, 1 same
    city_rel: I32
    active: npt.NDArray[np.bool_]
    year_gap: I32  # -1 unknown
    municipal: npt.NDArray[np.bool_]  # both in a 直辖市 (province and city level at once)
    one_city: npt.NDArray[np.bool_]  # 1.4: one town known on both sides (a municipality, or the hosts' city)
    national: npt.NDArray[np.bool_]  # both national-level platforms (国家级)
    co_host: npt.NDArray[np.bool_]  # 1.5: one's host is a co-host of the other (``co_hosted``)
    rel: Relations  # kind, subject, site, variant, guard, weak link (relations.py)
    rules: dict[int, tuple[TransitionRule, bool]] = field(default_factory=dict)  # pair → (rule, a is legacy)


def compute(a: Side, b: Side, field_sim: F64, policy: PolicyIndex) -> Features:
    n = len(field_sim)
    name_sim = (
        cpdist(a.name_keys, b.name_keys, scorer=fuzz.ratio, workers=-1).astype(np.float64) / 100.0 if n else np.zeros(0)
    )
    # Traditional-script lists use other words, not only other glyphs (數控工具機 = 数控机床): near
    # misses of one type are compared again after phrase-level conversion (few pairs, so affordable).
    # Only a name with traditional characters can gain (the conversion is the costly part).
    near = (name_sim >= 0.75) & (name_sim < 0.95) & (a.type == b.type) & (a.trad | b.trad)
    for k in np.flatnonzero(near).tolist():
        ka, kb = phrase_key(a.names[k], a.types[k]), phrase_key(b.names[k], b.types[k])
        name_sim[k] = max(name_sim[k], fuzz.ratio(ka, kb) / 100.0)
    known = (a.host != -1) & (b.host != -1)  # -2: named, but no record has that host
    host_rel = np.where(known, np.where(a.host == b.host, HOST_SAME, HOST_DIFFERENT), HOST_UNKNOWN).astype(np.int32)
    for k in np.flatnonzero(host_rel == HOST_DIFFERENT).tolist():
        one_province = a.region[k] == b.region[k] or a.region[k] < 0 or b.region[k] < 0
        if one_province and host_similar(a.hosts[k], b.hosts[k]):
            host_rel[k] = HOST_SIMILAR
    same_city = (a.city >= 0) & (a.city == b.city)
    shared = np.zeros(n, np.bool_)
    for k in np.flatnonzero(same_city).tolist():
        ia, ib = a.insts[k], b.insts[k]
        if ia and ib and not set(ia).isdisjoint(ib):
            shared[k] = True
    type_rel = np.full(n, TYPE_FAR, np.int32)
    type_rel[(a.family >= 0) & (a.family == b.family)] = TYPE_FAMILY
    type_rel[(a.type >= 0) & (a.type == b.type)] = TYPE_SAME
    rules: dict[int, tuple[TransitionRule, bool]] = {}
    cand_types = policy.transition_types
    for k in np.flatnonzero(type_rel != TYPE_SAME).tolist():
        ta, tb = a.types[k], b.types[k]
        if ta in cand_types and tb in cand_types:
            hit = policy.transition(ta, tb, a.regions[k] or b.regions[k])
            if hit is not None:
                rules[k] = hit
                type_rel[k] = TYPE_TRANSITION
                continue
        if type_rel[k] == TYPE_FAR and family_distance(a.families[k], b.families[k]) == 1:
            type_rel[k] = TYPE_ADJACENT
    lv_known = (a.level >= 0) & (b.level >= 0)
    level_rel = np.where(lv_known, (a.level == b.level).astype(np.int32), -1).astype(np.int32)
    c_known = (a.city >= 0) & (b.city >= 0)
    city_rel = np.where(c_known, (a.city == b.city).astype(np.int32), -1).astype(np.int32)
    y_known = (a.year > 0) & (b.year > 0)
    year_gap = np.where(y_known, np.abs(a.year - b.year), -1).astype(np.int32)
    municipal = np.fromiter(
        (bool(ra and ra.endswith("市")) and ra == rb for ra, rb in zip(a.regions, b.regions, strict=True)), np.bool_, n
    )
    national = a.national & b.national
    one_city = (a.town >= 0) & (a.town == b.town)
    co_host = co_hosted(a, b, host_rel)
    needed = (host_rel != HOST_DIFFERENT) | shared | (one_city & national) | co_host  # 1.3 / 1.4 / 1.5
    for k in np.flatnonzero(~needed).tolist():
        needed[k] = siblings(a.hosts[k], b.hosts[k])
    city = one_city & national
    for k in np.flatnonzero(one_city & ~national).tolist():  # 1.8: two programme stations of one city
        city[k] = _station(a.names[k], a.types[k]) and _station(b.names[k], b.types[k])
    needed |= city
    rel = relate(_views(a), _views(b), (field_sim >= 0.5) | (name_sim >= 0.5), needed, city)
    return Features(
        field_sim,
        name_sim,
        host_rel,
        shared,
        type_rel,
        level_rel,
        city_rel,
        a.active & b.active,
        year_gap,
        municipal,
        one_city,
        national,
        co_host,
        rel,
        rules,
    )


def _station(name: str, type_: str | None) -> bool:
    return platform_kind(name, type_) in STATION_KINDS


def _views(s: Side) -> list[RecordView]:
    return [
        RecordView(n, f, t, h, r) for n, f, t, h, r in zip(s.names, s.fields, s.types, s.hosts, s.regions, strict=True)
    ]


_HOST_W = {HOST_UNKNOWN: 0.0, HOST_DIFFERENT: -2.5, HOST_SIMILAR: 1.5, HOST_SAME: 2.0}
# 1.2: an unrelated family is no longer near-disqualifying (−4 → −1): real overlaps cross families
# (a lab beside a field station or a germplasm bank of one institute); the kind rules decide.
_TYPE_W = {TYPE_SAME: 1.0, TYPE_FAMILY: 0.3, TYPE_ADJACENT: -0.3, TYPE_FAR: -1.0, TYPE_TRANSITION: 1.0}
SITE_NAMES = {-1: "n/a", 0: "different", 1: "same"}


def _lookup(codes: I32, table: dict[int, float]) -> F64:
    out = np.zeros(len(codes), np.float64)
    for code, w in table.items():
        out[codes == code] = w
    return out


def contributions(f: Features) -> dict[str, F64]:
    """Log-odds added by each feature; the order is the waterfall's order."""
    shared_bonus = np.where(f.shared_inst & (f.host_rel != HOST_SAME), 2.0 + 2.5 * (f.host_rel == HOST_DIFFERENT), 0.0)
    # 1.5: a co-host cancels the different-host penalty (not added to a shared institution's bonus)
    co_host = np.where(f.co_host & ~f.shared_inst & (f.host_rel == HOST_DIFFERENT), 2.5, 0.0)
    return {
        "field_similarity": 8.0 * (f.field_sim - 0.45),
        "name_similarity": 3.0 * (f.name_sim - 0.75),
        "host": _lookup(f.host_rel, _HOST_W),
        "shared_institution_same_city": shared_bonus,
        "co_host": co_host,
        "type_relation": _lookup(f.type_rel, _TYPE_W),
        "level": _lookup(f.level_rel, {-1: 0.0, 0: -1.5, 1: 0.0}),
        "city": _lookup(f.city_rel, {-1: 0.0, 0: -1.0, 1: 0.3}),
        "status": np.where(f.active, 0.0, -8.0),
        # evidence cosine misses: containment / synonym beyond the field cosine
        "subject_similarity": 6.0 * np.maximum(f.rel.subject_sim - f.field_sim, 0.0),
        "site": _lookup(f.rel.site, {-1: 0.0, 0: -3.0, 1: 3.0}),
        "name_variant": np.where(f.rel.variant != VARIANT_NONE, 3.0, 0.0),
        "distinguishing_term": np.fromiter((-6.0 if g else 0.0 for g in f.rel.guard), np.float64, len(f.rel.guard)),
    }


def score(contribs: dict[str, F64]) -> F64:
    total = PRIOR + sum(contribs.values())
    return np.asarray(1.0 / (1.0 + np.exp(-total)), np.float64)


def feature_values(f: Features, k: int) -> dict[str, float | str | None]:
    return {
        "field_similarity": round(float(f.field_sim[k]), 4),
        "name_similarity": round(float(f.name_sim[k]), 4),
        "host": HOST_NAMES[int(f.host_rel[k])],
        "shared_institution_same_city": "yes" if f.shared_inst[k] else "no",
        "co_host": "yes" if f.co_host[k] else "no",
        "type_relation": TYPE_NAMES[int(f.type_rel[k])],
        "level": {-1: "unknown", 0: "different", 1: "same"}[int(f.level_rel[k])],
        "city": {-1: "unknown", 0: "different", 1: "same"}[int(f.city_rel[k])],
        "status": "active" if f.active[k] else "inactive",
        "subject_similarity": round(float(f.rel.subject_sim[k]), 4),
        "site": SITE_NAMES[int(f.rel.site[k])],
        "name_variant": VARIANT_NAMES[int(f.rel.variant[k])],
        "distinguishing_term": f.rel.guard[k],
    }


def reasons(f: Features, contribs: dict[str, F64], k: int) -> list[Reason]:
    values = feature_values(f, k)
    out = [Reason(feature="prior", value=None, contribution=PRIOR)]
    out.extend(
        Reason(feature=name, value=values[name], contribution=round(float(c[k]), 4)) for name, c in contribs.items()
    )
    gap = int(f.year_gap[k])
    out.append(Reason(feature="year_gap", value=None if gap < 0 else float(gap), contribution=0.0))
    return out

"""The kind of a scored pair (same_entity / overlap / transition_overlap) from its features.

Rules first (what an analyst means by each kind, docs/reference/duplicates.md), then the kind's minimum score.
Transition beats same entity beats overlap; an inactive platform is never half of a pair; a
distinguishing term (眼科 / 耳科, 锂 / 钠, 玉米 / 大豆) blocks every kind (but the related-subject overlap
of a station / bank beside a lab, station or bank of its host).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from app.derive.dedup.features import (
    HOST_DIFFERENT,
    HOST_SIMILAR,
    HOST_UNKNOWN,
    KIND_CODES,
    KIND_NONE,
    TYPE_FAR,
    TYPE_TRANSITION,
    Features,
    Thresholds,
)
from app.derive.dedup.relations import BESIDE_RELATED, BESIDE_STATION_LAB
from app.derive.dedup.variants import VARIANT_NONE

F64 = npt.NDArray[np.float64]
B = npt.NDArray[np.bool_]
I32 = npt.NDArray[np.int32]


def _unguarded(f: Features) -> B:
    return np.fromiter((g is None for g in f.rel.guard), np.bool_, len(f.rel.guard))


def overlap_rule(f: Features, t: Thresholds) -> B:
    """Distinct platforms on one subject, linked by one host (a host written another way, a shared
    institution in one city). A station / germplasm bank beside a lab or another station / bank of its
    host (``beside``, relations.py) overlaps on a related subject (subject similarity ≥
    overlap_subject_host) or on one site observed by two programmes; (1.3) a 野外科学观测研究站 beside
    a lab of its host on a related subject proper (subject similarity ≥ overlap_station_lab);
    institutes of one academy in one province, a bank beside (not two stations), on one subject or
    field ≥ overlap_subject_city. Elsewhere (labs, centres, incubators …) one subject: equal after
    synonyms, or field ≥ overlap_field, in a related type family. Two stations on different sites are
    two platforms, never an overlap."""
    r = f.rel
    own = (f.host_rel >= HOST_SIMILAR) | f.shared_inst
    # 1.5: a co-host links in any city, but not on a relation that holds at one host only (the
    # one-shared-crop-character step, a sector line of broader_host.tsv: 森林 station / 林木 lab)
    strong = own | (f.co_host & ~r.host_only)
    related = r.subject_sim >= t.overlap_subject_host
    beside = strong & (r.beside == BESIDE_RELATED) & ~r.same_kind & (related | (r.site == 1))
    station_lab = strong & (r.beside == BESIDE_STATION_LAB) & (r.subject_sim >= t.overlap_station_lab)
    kin_sim = r.one_subject | (f.field_sim >= t.overlap_subject_city)
    kin = ~strong & r.weak_link & (r.beside == BESIDE_RELATED) & ~r.stations & kin_sim
    families_ok = (f.type_rel != TYPE_FAR) | (r.beside == BESIDE_RELATED)
    one = strong & (r.same_words | (f.field_sim >= t.overlap_field)) & families_ok
    # 1.3: two national platforms (国家级) at two hosts of one municipality (北京 / 天津 …: province and
    # city at once) on one subject — equal, contained, a shared field word of ≥ 3 characters or one
    # broader term — in a related type family or a bank / station beside a lab (北京 电力系统 labs of
    # 清华 / 华北电力; 北京 饲用 / 饲料微生物). National only: the generator's municipal worlds (1,000
    # platforms of a small vocabulary per 直辖市) made any-level city links report 22k pairs at 30k.
    city = (
        f.one_city
        & f.national
        & (f.host_rel == HOST_DIFFERENT)
        & ((r.subject_sim >= 0.999) | r.close_words | r.one_subject)
        & families_ok
        & ~r.stations
    )
    # 1.5: two stations of one site at co-hosts (one programme's station and another's, one of the
    # hosts building both: 那曲 stations of 西藏大学 and of 地理所 with 西藏大学), whatever the kinds
    co_site = f.co_host & r.stations & (r.site == 1)
    # 1.8: two stations of two hosts of one city (a station's city is its site's) on one subject — a
    # shared head of ≥ 3 characters beyond 生态系统, a thesaurus or discipline line (上海 湿地 stations of
    # two universities): two programmes observing one kind of place in one city. Sites differ by
    # construction; no distinguishing term between the subjects (checked here: beside pairs skip it).
    city_stations = f.one_city & r.stations & (f.host_rel == HOST_DIFFERENT) & r.close_words & _unguarded(f)
    linked = (beside | station_lab | kin | one | city | co_site) & (r.site != 0)
    return (linked | city_stations) & (f.type_rel != TYPE_TRANSITION)


def same_entity_rule(f: Features, t: Thresholds) -> B:
    """One platform listed twice: one kind; host the same, written another way or unknown; same city when
    known; and either the 1.1 field / name rule at one level, or a name variant (a place word dropped
    or added, a one-character typo), or a station promoted to the national list (level differs, one
    host, one site, subject near-identical); or one station under two designations (two station kinds,
    one host, one site, one subject)."""
    r = f.rel
    linked = (f.host_rel >= HOST_SIMILAR) | f.shared_inst
    level_ok = (f.level_rel != 0) | (f.municipal & (f.field_sim >= 0.95) & (f.host_rel >= HOST_SIMILAR))
    close = (f.field_sim >= t.same_entity_field) | (f.name_sim >= t.same_entity_name)
    promoted = (f.level_rel == 0) & r.stations & (r.site == 1) & (f.host_rel >= HOST_SIMILAR) & (r.subject_sim >= 0.5)
    variant = (r.variant != VARIANT_NONE) & (f.level_rel != 0)
    # one station under two programmes' designations (MoA 土壤质量昌平 / MOST 昌平土壤质量): one host,
    # one site, one subject, whatever the kinds
    designations = r.stations & (r.site == 1) & (f.host_rel >= HOST_SIMILAR) & (r.subject_sim >= 0.999)
    return designations | (
        r.same_kind
        & (f.city_rel != 0)
        & (r.site != 0)
        & (linked | (f.host_rel == HOST_UNKNOWN))
        & ((level_ok & close) | variant | promoted)
    )


def classify(f: Features, s: F64, t: Thresholds) -> I32:
    """Kind code per pair (0: not a duplicate)."""
    kinds = np.zeros(len(s), np.int32)
    kinds[overlap_rule(f, t) & (s >= t.min_score["overlap"])] = KIND_CODES["overlap"]
    kinds[same_entity_rule(f, t) & (s >= t.min_score["same_entity"])] = KIND_CODES["same_entity"]
    linked = (f.host_rel >= HOST_SIMILAR) | f.shared_inst
    tr = linked & (f.type_rel == TYPE_TRANSITION) & (f.field_sim >= t.transition_field)
    kinds[tr & (s >= t.min_score["transition_overlap"])] = KIND_CODES["transition_overlap"]
    # a distinguishing term blocks every kind, except the related-subject overlap of a bank / station
    # beside another bank / station or lab of its host (农作物 / 粮食作物 banks: two platforms, one
    # subject area), where a differing word is what makes them two platforms
    guarded = ~_unguarded(f) & ~((kinds == KIND_CODES["overlap"]) & (f.rel.beside != 0))
    kinds[~f.active | guarded] = KIND_NONE
    return kinds

"""The kind of a scored pair (same_entity / overlap / transition_overlap) from its features.

Rules first (what an analyst means by each kind, docs/duplicates.md), then the kind's minimum score.
Transition beats same entity beats overlap; an inactive platform is never half of a pair; a
distinguishing term (眼科 / 耳科, 锂 / 钠, 玉米 / 大豆) blocks every kind.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from app.derive.dedup.features import (
    HOST_SIMILAR,
    HOST_UNKNOWN,
    KIND_CODES,
    KIND_NONE,
    TYPE_TRANSITION,
    Features,
    Thresholds,
)
from app.derive.dedup.variants import VARIANT_NONE

F64 = npt.NDArray[np.float64]
B = npt.NDArray[np.bool_]
I32 = npt.NDArray[np.int32]


def _unguarded(f: Features) -> B:
    return np.fromiter((g is None for g in f.rel.guard), np.bool_, len(f.rel.guard))


def overlap_rule(f: Features, t: Thresholds) -> B:
    """Distinct platforms whose subjects overlap, linked by one host (or a host written another way, or
    a shared institution in one city), or — with containment / synonym only — by sibling institutes or
    one municipality. Two kinds at one host: subject ≥ overlap_subject_host, or one site observed by two
    programmes; one kind at one host: containment / synonym or field ≥ overlap_field. Two stations on
    different sites are two platforms, never an overlap."""
    r = f.rel
    strong = (f.host_rel >= HOST_SIMILAR) | f.shared_inst
    hit = r.subject_sim >= 0.999
    cross = strong & ~r.same_kind & ((r.subject_sim >= t.overlap_subject_host) | (r.site == 1) | hit)
    same = strong & r.same_kind & (hit | (f.field_sim >= t.overlap_field))
    weak = ~strong & r.weak_link & ((r.subject_sim >= t.overlap_subject_city) | (f.field_sim >= t.overlap_field))
    return (cross | same | weak) & (r.site != 0) & (f.type_rel != TYPE_TRANSITION)


def same_entity_rule(f: Features, t: Thresholds) -> B:
    """One platform listed twice: one kind; host the same, written another way or unknown; same city when
    known; and either the 1.1 field / name rule at one level, or a name variant (a place word dropped
    or added, a one-character typo), or a station promoted to the national list (level differs, one
    host, one site, subject near-identical)."""
    r = f.rel
    linked = (f.host_rel >= HOST_SIMILAR) | f.shared_inst
    level_ok = (f.level_rel != 0) | (f.municipal & (f.field_sim >= 0.95) & (f.host_rel >= HOST_SIMILAR))
    close = (f.field_sim >= t.same_entity_field) | (f.name_sim >= t.same_entity_name)
    promoted = (f.level_rel == 0) & r.stations & (r.site == 1) & (f.host_rel >= HOST_SIMILAR) & (r.subject_sim >= 0.6)
    variant = (r.variant != VARIANT_NONE) & (f.level_rel != 0)
    return (
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
    kinds[~f.active | ~_unguarded(f)] = KIND_NONE
    return kinds

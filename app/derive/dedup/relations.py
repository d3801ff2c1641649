"""Pairwise relations beyond the TF-IDF features (dedup-1.2): platform kind, subject similarity with
containment and synonyms, site, name variant, distinguishing term, and the weak institutional link
(sibling institutes of one academy, or one municipality / city).

Computed per candidate pair in Python: candidates are few (blocking), and every value is cached on the
strings it depends on.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from app.derive.dedup.subject import (
    STATION_KINDS,
    Subject,
    contains,
    platform_kind,
    same_site,
    subject_of,
    subject_similarity,
)
from app.derive.dedup.variants import VARIANT_NONE, distinguishing, name_variant

F64 = npt.NDArray[np.float64]
I32 = npt.NDArray[np.int32]
B = npt.NDArray[np.bool_]
# Academies / universities whose institutes are listed as separate hosts (四川省农业科学院园艺研究所 /
# …作物研究所): two institutes of one of these are a weak link, like two hosts of one city.
_PARENT_MARKS = ("科学院", "大学")


@dataclass
class Relations:
    same_kind: B  # one platform kind (the type, or the MoA name suffix 圃 / 中期库 / 观测实验站)
    stations: B  # both are observation stations (a station is its site)
    subject_sim: F64  # 1.0 equal / contained / synonym, else character-bigram Dice of the subjects
    site: I32  # 1 one site, 0 two sites, -1 not comparable
    variant: I32  # variants.VARIANT_*
    guard: list[str | None]  # the distinguishing term (眼科/耳科), or None
    weak_link: B  # sibling institutes, or one municipality / city, hosts differing

    def take(self, keep: npt.NDArray[np.int64]) -> Relations:
        k = keep.tolist()
        return Relations(
            self.same_kind[keep],
            self.stations[keep],
            self.subject_sim[keep],
            self.site[keep],
            self.variant[keep],
            [self.guard[i] for i in k],
            self.weak_link[keep],
        )


@lru_cache(maxsize=200_000)
def parent_of(host: str | None) -> str | None:
    """The academy / university a host is an institute of (…科学院 of 四川省农业科学院园艺研究所)."""
    if not host:
        return None
    best = -1
    for mark in _PARENT_MARKS:
        at = host.find(mark)
        if at >= 0 and at + len(mark) < len(host):
            best = max(best, at + len(mark))
    return host[:best] if best >= 4 else None


def siblings(ha: str | None, hb: str | None) -> bool:
    pa, pb = parent_of(ha), parent_of(hb)
    return pa is not None and pa == pb and ha != hb


@dataclass(frozen=True)
class RecordView:
    name: str
    field: str
    type: str | None
    host: str | None
    region: str | None


def _similarity(sa: Subject, sb: Subject, fa: str, fb: str) -> float:
    """Subject similarity, or 1.0 when one subject sits in the other's whole field (a 种质资源 station
    beside a 西瓜甜瓜种质资源中期库 of its host)."""
    if contains(sa.text, fb) or contains(sb.text, fa):
        return 1.0
    return subject_similarity(sa, sb)


Row = tuple[bool, bool, float, int, int, str | None, bool]


def _one(a: RecordView, b: RecordView, municipal: bool, same_city: bool) -> Row:
    ka, kb = platform_kind(a.name, a.type), platform_kind(b.name, b.type)
    sa, sb = subject_of(a.field, ka), subject_of(b.field, kb)
    same_kind = ka is not None and ka == kb
    variant = name_variant(a.field, b.field, ka, a.region or b.region) if same_kind else VARIANT_NONE
    weak = (municipal or same_city or siblings(a.host, b.host)) and a.host != b.host
    return (
        same_kind,
        ka in STATION_KINDS and kb in STATION_KINDS,
        _similarity(sa, sb, a.field, b.field),
        same_site(sa, sb),
        variant,
        distinguishing(sa.text, sb.text) or distinguishing(a.field, b.field),
        weak,
    )


def relate(a: list[RecordView], b: list[RecordView], municipal: B, same_city: B) -> Relations:
    rows = [_one(x, y, bool(m), bool(c)) for x, y, m, c in zip(a, b, municipal, same_city, strict=True)]
    n = len(rows)
    return Relations(
        np.fromiter((r[0] for r in rows), np.bool_, n),
        np.fromiter((r[1] for r in rows), np.bool_, n),
        np.fromiter((r[2] for r in rows), np.float64, n),
        np.fromiter((r[3] for r in rows), np.int32, n),
        np.fromiter((r[4] for r in rows), np.int32, n),
        [r[5] for r in rows],
        np.fromiter((r[6] for r in rows), np.bool_, n),
    )

"""Pairwise relations beyond the TF-IDF features (dedup-1.2): platform kind, subject similarity with
containment and synonyms, site, name variant, distinguishing term, and the weak institutional link
(sibling institutes of one academy in one province).

Computed per candidate pair in Python: candidates are few (blocking), and every value is cached on the
strings it depends on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from app.derive.dedup.disciplines import related as discipline_related
from app.derive.dedup.observes import related as observed_by
from app.derive.dedup.resources import distinguishing_chars
from app.derive.dedup.subject import (
    COLLECTION_KINDS,
    STATION_KINDS,
    Subject,
    broader_related,
    concepts,
    conjunct_in,
    conjuncts,
    contains,
    name_site,
    platform_kind,
    same_site,
    same_subject,
    shared_head,
    shared_word,
    site_ecology,
    subject_of,
    subject_similarity,
    unmodified,
)
from app.derive.dedup.text import field_of_name, whole_word
from app.derive.dedup.variants import VARIANT_NONE, distinguishing, name_variant
from app.text.taxonomy import by_name

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
    weak_link: B  # sibling institutes of one academy / university in one province, hosts differing
    beside: I32  # BESIDE_*: a station / bank beside a lab or another station / bank
    one_subject: B  # equal after synonyms, or the longer adds qualifiers only
    same_words: B  # equal after synonyms (新能源汽车 / 电动汽车)
    close_words: B  # 1.3: a shared field word of ≥ 3 characters (or any shared word at subject
    # similarity ≥ 0.4: 组分中药 / 创新中药), or a thesaurus broader / narrower pair
    host_only: B  # 1.5: the subject relation holds at one host only: the one-shared-crop-character step
    # (棉花 / 野生棉) or a sector line of broader_host.tsv (林业 …), not a co-host's platform

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
            self.beside[keep],
            self.one_subject[keep],
            self.same_words[keep],
            self.close_words[keep],
            self.host_only[keep],
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


def _lab_or_collection(kind: str | None) -> bool:
    spec = by_name().get(kind or "")
    return kind in COLLECTION_KINDS or (spec is not None and spec.family == "lab")


BESIDE_NO, BESIDE_STATION_LAB, BESIDE_RELATED = 0, 1, 2


def beside(ka: str | None, kb: str | None) -> int:
    """A station or germplasm bank / nursery beside a lab or another station / bank: the pairs whose
    related (not only identical) subjects make an overlap (水稻生物学 lab / 水稻 bank; 祁阳 土壤质量 /
    农田生态系统 stations) — BESIDE_RELATED. A 野外科学观测研究站 beside a lab: BESIDE_STATION_LAB
    (1.3: 空间天气 station / 空间天气学 lab, 大陆裂谷动力学 station / 地震动力学 lab), which overlaps on a
    related subject proper (``Thresholds.overlap_station_lab``). An engineering or innovation centre
    beside a station: BESIDE_NO. (1.2 had no rule for a 野外站 beside a lab because the generator's
    world labels none of those pairs; the real lists label them overlap — 1.3 follows the real lists,
    docs/reference/duplicates.md "dedup 1.3".)

    >>> beside("野外科学观测研究站", "重点实验室"), beside("种质资源圃", "重点实验室")
    (1, 2)
    """
    if ka not in COLLECTION_KINDS and kb not in COLLECTION_KINDS:
        return BESIDE_NO
    if not (_lab_or_collection(ka) and _lab_or_collection(kb)):
        return BESIDE_NO
    lab_pair = ka not in COLLECTION_KINDS or kb not in COLLECTION_KINDS
    if lab_pair and "野外科学观测研究站" in (ka, kb):
        return BESIDE_STATION_LAB
    return BESIDE_RELATED


@dataclass(frozen=True)
class RecordView:
    name: str
    field: str
    type: str | None
    host: str | None
    region: str | None


# Characters of the guard table that name a place direction or a number (1.4), not a subject.
_DIRECTIONS = frozenset("东南西北中上下") | frozenset("一二三四五六七八九十")


# Subject similarity of two related (not equal) subjects: a broader / narrower pair of the thesaurus or
# a shared field word. Above overlap_subject_host (0.2), below the 0.5 the promoted-station rule needs.
RELATED_SUBJECT = 0.4


def _similarity(
    sa: Subject, sb: Subject, fa: str, fb: str, related: bool, parts: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
) -> tuple[float, bool]:
    """Subject similarity, or 1.0 when one subject sits in the other's whole field or name (a 种质资源
    station beside a 西瓜甜瓜种质资源中期库 of its host; ``fa`` / ``fb`` are field + name). Beside a bank /
    station (``related``), one crop or animal character in both subjects (棉花 / 野生棉) counts 0.5, and
    (1.3) a broader / narrower pair of ``resources/broader.tsv`` or a shared field word RELATED_SUBJECT."""
    if contains(sa.text, fb) or contains(sb.text, fa):
        return 1.0, False
    sim = subject_similarity(sa, sb)
    if related and sim < RELATED_SUBJECT and (_head_in(sa.text, fb) or _head_in(sb.text, fa)):
        return RELATED_SUBJECT, False
    if related and sim < 0.5:
        shared = (set(sa.text) & set(sb.text) & distinguishing_chars()) - _DIRECTIONS
        if shared:
            return 0.5, True
    close = related and sim < RELATED_SUBJECT and _may_share(sa.text, sb.text)
    if close and shared_word(sa.text, sb.text, *parts):
        return RELATED_SUBJECT, False
    if close and broader_related(sa.text, sb.text, heads=parts):
        return RELATED_SUBJECT, not broader_related(sa.text, sb.text, city=True, heads=parts)
    # 1.7: one discipline of GB/T 13745, or one under the other (材料腐蚀 under 材料失效与保护)
    if related and sim < RELATED_SUBJECT and discipline_related(*_or_whole(parts, sa.text, sb.text)):
        return RELATED_SUBJECT, False
    return sim, False


def _or_whole(
    parts: tuple[tuple[str, ...], tuple[str, ...]], a: str, b: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return parts[0] or (a,), parts[1] or (b,)


def _head_in(subject: str, other: str) -> bool:
    """1.6: a subject with its broad leading words dropped (农业种质资源 → 种质资源) inside the other's
    field + name (国家南方草本花卉种质资源圃): a germplasm station beside a bank of its host."""
    bare = unmodified(subject)
    return bare != subject and bare in other


def _may_share(a: str, b: str) -> bool:
    """Cheap pre-test before jieba / the thesaurus: a shared character bigram (any shared word has
    one), or a thesaurus term in each."""
    if not a or not b:
        return False
    ga = {a[i : i + 2] for i in range(len(a) - 1)}
    if any(b[i : i + 2] in ga for i in range(len(b) - 1)):
        return True
    return bool(concepts(a)) and bool(concepts(b))


def _subject(view: RecordView, kind: str | None) -> Subject:
    """The field's subject; a name without a field (国家农作物种质资源库: the type is the whole name)
    gives its subject from the name (农作物). (1.5) A MOST / MOE station's site spellings include the
    place word its name puts before the field (``subject.name_site``)."""
    s = subject_of(whole_word(view.field, view.name), kind)
    if s.text in ("", "国家"):
        return subject_of(view.name, kind)
    if not s.sites or kind == "农业科学观测实验站":
        return s
    site = name_site(view.name, view.field)
    return _with_site(s, site) if site else s


@lru_cache(maxsize=100_000)
def _with_site(s: Subject, site: str) -> Subject:
    return Subject(s.text, s.sites | {site})


def _guard(sa: Subject, sb: Subject, fa: str, fb: str) -> str | None:
    found = distinguishing(sa.text, sb.text)
    if found is None and (fa, fb) != (sa.text, sb.text):
        found = distinguishing(fa, fb)
    return found


Row = tuple[bool, bool, float, int, int, str | None, bool, int, bool, bool, bool, bool]


def close_words(a: str, b: str, parts_a: tuple[str, ...] = (), parts_b: tuple[str, ...] = ()) -> bool:
    """Two subjects share a head of ≥ 3 characters (``subject.shared_head``: 电力系统, 天然药物; 1.3 took
    any shared word, 1.4 only one that ends the shorter subject, not a modifier: 半导体 of 半导体照明 /
    半导体超晶格) or fall under one broader term of the thesaurus (农业虫害 / 植物保护): the test for two
    hosts of one city.

    >>> close_words("新能源电力系统", "电力系统大型发电设备安全控制仿真"), close_words("组分中药", "创新中药")
    (True, False)
    >>> close_words("半导体照明", "半导体超晶格")
    False
    """
    if broader_related(a, b, city=True):
        return True
    if shared_head(a, b, 3, parts_a, parts_b) is not None:
        return True
    return discipline_related(parts_a or (a,), parts_b or (b,)) is not None  # 1.7


def _parts(view: RecordView, subject: Subject) -> tuple[str, ...]:
    """The conjuncts of a record's subject as its name writes them (the cleaned field has no 与 / 及);
    the whole subject when they do not spell it (a name whose field is only 国家)."""
    raw, _ = field_of_name(view.name)
    parts = conjuncts(raw) if raw else ()
    return parts if "".join(parts) == subject.text else (subject.text,)


def _city_close(a: RecordView, b: RecordView, sa: Subject, sb: Subject, sim: float) -> bool:
    """The subject test for two hosts of one city: a shared head of ≥ 3 characters or a thesaurus
    relation, or a shared head of ≥ 2 at subject similarity ≥ RELATED_SUBJECT (组分中药 / 创新中药)."""
    pa, pb = _parts(a, sa), _parts(b, sb)
    if close_words(sa.text, sb.text, pa, pb):
        return True
    return sim >= RELATED_SUBJECT and shared_head(sa.text, sb.text, 2, pa, pb) is not None


_JOINS = re.compile("[与及和、]")


def _conjunct_related(a: RecordView, b: RecordView, sa: Subject, sb: Subject) -> bool:
    """1.5: one subject joins two fields and the other holds one of them whole (``conjunct_in``)."""
    if not sa.text or not sb.text or not (_JOINS.search(a.name) or _JOINS.search(b.name)):
        return False  # no name joins two fields (the cheap test first)
    return conjunct_in(_parts(a, sa), sb.text) is not None or conjunct_in(_parts(b, sb), sa.text) is not None


def _observed(a: RecordView, b: RecordView, sa: Subject, sb: Subject, ka: str | None) -> bool:
    """1.8: the station observes what the lab beside it studies (``observes.tsv``: 农田 station /
    土壤 lab, 喀斯特 station / 地球化学 lab)."""
    if ka in STATION_KINDS:
        return observed_by(sa.text, _parts(b, sb)) is not None
    return observed_by(sb.text, _parts(a, sa)) is not None


def _site_studied(a: RecordView, b: RecordView, sa: Subject, sb: Subject, ka: str | None) -> bool:
    """1.9: the lab names the ecology of the place the station is sited at (``subject.site_ecology``)."""
    if ka in STATION_KINDS:
        return site_ecology(sa.sites, _parts(b, sb)) is not None
    return site_ecology(sb.sites, _parts(a, sa)) is not None


def _one(a: RecordView, b: RecordView, gate: bool, city: bool = False) -> Row:
    """Relations of one pair; ``gate``: the guard can matter (field or name similarity ≥ 0.5, or a
    related subject) — else it is not computed (a pair that far apart is never reported anyway)."""
    ka, kb = platform_kind(a.name, a.type), platform_kind(b.name, b.type)
    sa, sb = _subject(a, ka), _subject(b, kb)
    same_kind = ka is not None and ka == kb
    near = beside(ka, kb)
    variant = name_variant(a.field, b.field, ka, a.region or b.region) if same_kind else VARIANT_NONE
    weak = siblings(a.host, b.host) and a.region == b.region
    wide = near != BESIDE_NO
    fa, fb = a.field + (a.name if wide else ""), b.field + (b.name if wide else "")
    sim, host_only = _similarity(sa, sb, fa, fb, wide, (_parts(a, sa), _parts(b, sb)) if wide else ((), ()))
    if wide and sim < RELATED_SUBJECT and _conjunct_related(a, b, sa, sb):
        sim, host_only = RELATED_SUBJECT, False
    if near == BESIDE_STATION_LAB and sim < RELATED_SUBJECT and _observed(a, b, sa, sb, ka):
        sim, host_only = RELATED_SUBJECT, True  # 1.8: one host only (never a co-host's lab)
    if near == BESIDE_STATION_LAB and sim < RELATED_SUBJECT and _site_studied(a, b, sa, sb, ka):
        sim, host_only = RELATED_SUBJECT, False  # 1.9: the lab names the ecology of the station's site
    return (
        same_kind,
        ka in STATION_KINDS and kb in STATION_KINDS,
        sim,
        same_site(sa, sb),
        variant,
        _guard(sa, sb, a.field, b.field) if gate or sim >= 0.5 else None,
        weak,
        near,
        same_subject(sa, sb),
        bool(sa.text) and sa.text == sb.text,
        city and _city_close(a, b, sa, sb, sim),
        host_only,
    )


_UNRELATED: Row = (False, False, 0.0, -1, VARIANT_NONE, None, False, BESIDE_NO, False, False, False, False)


def relate(a: list[RecordView], b: list[RecordView], gate: B, needed: B, city: B | None = None) -> Relations:
    """Relations of every pair; ``needed`` False: the pair has no institutional link that any rule could
    use (two unrelated known hosts, no shared institution, not institutes of one academy), so it gets
    the neutral row — screening compares a proposal with its whole province + type block."""
    town = np.zeros(len(a), np.bool_) if city is None else city  # close_words only for these (cost)
    rows = [
        _one(x, y, bool(g), bool(c)) if k else _UNRELATED
        for x, y, g, k, c in zip(a, b, gate, needed, town, strict=True)
    ]
    n = len(rows)
    return Relations(
        np.fromiter((r[0] for r in rows), np.bool_, n),
        np.fromiter((r[1] for r in rows), np.bool_, n),
        np.fromiter((r[2] for r in rows), np.float64, n),
        np.fromiter((r[3] for r in rows), np.int32, n),
        np.fromiter((r[4] for r in rows), np.int32, n),
        [r[5] for r in rows],
        np.fromiter((r[6] for r in rows), np.bool_, n),
        np.fromiter((r[7] for r in rows), np.int32, n),
        np.fromiter((r[8] for r in rows), np.bool_, n),
        np.fromiter((r[9] for r in rows), np.bool_, n),
        np.fromiter((r[10] for r in rows), np.bool_, n),
        np.fromiter((r[11] for r in rows), np.bool_, n),
    )

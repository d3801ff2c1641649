"""same_entity name variants and the guard against merging neighbours.

A platform listed twice is written two ways: a place word dropped or added (大连金州 / 金州; 沧州 / 沧州河北),
a one-character typo in a long name (种质 / 种侦). Two platforms can also be one character apart
(眼科 / 耳科, 锂电池 / 钠电池, 湘潭 / 湘西): the differing character is itself a term of the field, and that
blocks the merge whatever the other features say.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

import jieba

from app.derive.dedup.resources import distinguishing_chars
from app.derive.dedup.text import GENERIC_TERMS
from app.text.gazetteer import province_of, region_by_name

# Types whose field phrase is a place (a park is a designation of one district).
PLACE_FIELD_TYPES = frozenset({"农业科技园区"})
VARIANT_NONE, VARIANT_PLACE, VARIANT_TYPO = 0, 1, 2
VARIANT_NAMES = {VARIANT_NONE: "none", VARIANT_PLACE: "place_word", VARIANT_TYPO: "one_character"}
# 1.4: the 新疆生产建设兵团 is a province-level unit; its divisions (第N师) and their cities (石河子, 阿拉尔,
# 五家渠, 铁门关, 胡杨河 …: 师市合一) are prefecture-level places inside it, as a city is inside a province.
# Words that name no subject: a substitution between them distinguishes nothing (膜应用 / 膜过程).
_GENERIC = GENERIC_TERMS | frozenset({"过程", "原理", "方法", "机理", "理论", "体系", "系统", "利用"})
_BINGTUAN = re.compile(r"^(?:新疆)?(?:生产建设)?兵团$")


def _diff(a: str, b: str) -> list[tuple[str, str]]:
    """(a part, b part) of every non-equal stretch of two strings."""
    sm = SequenceMatcher(None, a, b, autojunk=False)
    return [(a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]


@lru_cache(maxsize=100_000)
def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in jieba.lcut(text, HMM=False) if len(w) >= 2)


@lru_cache(maxsize=200_000)
def distinguishing(a: str, b: str) -> str | None:
    """The term that tells two fields apart when they differ by substitutions only (玉米 / 大豆, 眼科 /
    耳科, 锂 / 钠), else None. A substituted character is distinguishing when it is in the table of
    characters that name a subject (resources/distinguishing.txt) or when it sits in a dictionary word
    on both sides (眼科 / 耳科: two words; 种质 / 种侦: one word and a non-word, a typo)."""
    if not a or not b or a == b or abs(len(a) - len(b)) > 2:
        return None  # (cheap exits first: this runs on every candidate pair that could be reported)
    parts = _diff(a, b)
    if any(not x or not y for x, y in parts):
        return None  # an insertion or deletion: containment, handled by the variant and overlap rules
    changed = sum(max(len(x), len(y)) for x, y in parts)
    if any(len(x) > 2 or len(y) > 2 for x, y in parts) or 2 * changed > max(len(a), len(b)):
        return None  # not neighbours one word apart: other fields (the similarity features decide)
    table = distinguishing_chars()
    wa, wb = _words(a), _words(b)
    for x, y in parts:
        if any(c in table for c in x + y):
            return f"{x}/{y}"
        # (1.4) a generic word on either side (应用 / 过程, 技术 / 工程) names no subject: not a guard
        in_a = [w for w in wa - wb if x in w and w not in _GENERIC]
        in_b = [w for w in wb - wa if y in w and w not in _GENERIC]
        if in_a and in_b:
            return f"{in_a[0]}/{in_b[0]}"
    return None


def _place_word(text: str, province: str | None) -> bool:
    r = region_by_name(text) if len(text) >= 2 else None
    return r is not None and (province is None or province_of(r).name == province)


def province_level(place: str) -> bool:
    """A province-level unit: a province / autonomous region / municipality, or the 兵团 (whose
    divisions and their cities are places inside it, like a province's cities).

    >>> province_level("生产建设兵团"), province_level("新疆"), province_level("深圳"), province_level("兵团第一师")
    (True, True, False, False)
    """
    if _BINGTUAN.match(place):
        return True
    r = region_by_name(place)
    return r is not None and r.level == "province"


@lru_cache(maxsize=200_000)
def name_variant(a: str, b: str, type_: str | None, province: str | None) -> int:
    """How two cleaned fields of one type are one name written two ways (VARIANT_*), or VARIANT_NONE.
    Place: one is the other plus a place word of its province (大连金州 / 金州, 沧州河北 / 沧州); for a
    place-named type (parks) any district added (深圳宝安 / 深圳), but not a place added to a
    province-level unit (1.4: 生产建设兵团 / 生产建设兵团五家渠, the 兵团 park and a division's park, are
    two places). Typo: one substituted character in a field of ≥ 6 characters that
    :func:`distinguishing` does not flag."""
    if not a or not b or a == b:
        return VARIANT_NONE
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 2 and short in long:
        rest = long.replace(short, "", 1)
        if type_ in PLACE_FIELD_TYPES and province_level(short) and not province_level(long):
            return VARIANT_NONE  # a province-level designation and a place inside it: two places
        if type_ in PLACE_FIELD_TYPES and (long.startswith(short) or long.endswith(short)):
            return VARIANT_PLACE
        if _place_word(rest, province):
            return VARIANT_PLACE
        return VARIANT_NONE
    if len(a) == len(b) >= 6 and sum(x != y for x, y in zip(a, b, strict=True)) == 1:
        return VARIANT_TYPO if distinguishing(a, b) is None else VARIANT_NONE
    return VARIANT_NONE

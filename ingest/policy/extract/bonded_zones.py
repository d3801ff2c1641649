"""Bonded zones named by any place: 亦庄综保区, 雄安综保区二期, 兰州新区综保区, 大兴机场综保区二期.

A 综合保税区 (综保区) is a customs designation the State Council grants to one named place, so the words before the
head, back to the clause's boundary and its opening verbs, are that place's name even when no gazetteer or
jieba tag knows it (a district, an airport, a new area). With nothing of its own before it (推进综保区体制机制
改革, 可在综保区内查验, 开发区、综保区等) it is the kind.
"""

from __future__ import annotations

import re
from typing import Any

from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import CJK, STOP_TOKENS, lcut, pos_table
from ingest.policy.extract.names import is_generic

_BONDED = re.compile(
    rf"([{CJK}]{{2,10}}?)(?:综保区|综合保税区)(?:[一二三四五]期)?(?!管理委员会|管委会|[{CJK}]{{0,2}}等)"
)
# what opens a clause before the name: verbs, prepositions, adverbs, conjunctions (加快|雄安, 优化|兰州新区, 在|…)
_OPENING_POS = {"v", "vn", "vd", "p", "d", "ad", "c", "u", "r", "m", "q", "uj", "ul"}
_FUNCTION_POS = {"p", "c", "u", "r", "uj", "ul"}
_LEAD_VERBS = {"力争", "确保", "全力", "争取"}  # verbs of effort jieba's dictionary tags as nouns (力争: nz)


def _opening(t: str) -> bool:
    # one character jieba tags a verb is a piece of an unknown name (雄|安), unless a function word
    tag = pos_table().get(t, "")
    return t in STOP_TOKENS or t in _LEAD_VERBS or (tag in _OPENING_POS and (len(t) >= 2 or tag in _FUNCTION_POS))


def after_opening(window: str, leading: bool = False) -> int:
    """Where a name starts in the words before its head: after the last opening word (加快|雄安, 优化|兰州新区,
    在|…); with `leading`, after the opening words that lead the window only (建设|国际先进技术应用推进中心: a
    name's own words may be verbs)."""
    start = pos = 0
    for t in lcut(window):
        pos += len(t)
        if _opening(t):
            start = pos
        elif leading:
            break
    return start


def bonded_zones(doc: Doc, add: Any) -> None:
    """Add each bonded zone named by its place."""
    text = doc.text
    for m in _BONDED.finditer(text, 0, doc.body_end):
        s = m.start(1) + after_opening(m.group(1))
        stem = text[s : m.end(1)]
        if len(stem) >= 2 and not is_generic(stem) and "的" not in stem:
            add(s, m.end(), "zone", "entity.bonded_zone", 0.6, known=False)

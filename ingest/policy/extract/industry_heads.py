"""Lists whose every member carries a head of production (issue #21, round x-inds5).

`industry_lists.list_members` completes a 、-list whose members the grammar already half reads. A list of which no
member is known is left, yet the genre's lists of trades are made of sector names whose last noun is the head of a
class of GB/T 4754—2017《国民经济行业分类》(推动盐化工、氯碱化工等加快发展; 支持海上风电装备、氢能装备等加快发展).
Where every member of a list closed by 等 ends in such a head (`industry_lists.member`: a short content phrase
ending in …业, 制造, 加工, 材料, 装备, 能源, 医药, 化工 …, not led by a verb nor ending in an activity) or is
already read by another rule, a reader takes each as a sector; the list needs two members at least, its first
member is cut after the clause's verb, and 等 must close it as a subject or an object (not 等领域重点实验室, where
the list qualifies the noun after it).
"""

from __future__ import annotations

import bisect
import re

from ingest.policy.extract.doc import Doc
from ingest.policy.extract.industry_grammar import Cand as _Cand
from ingest.policy.extract.industry_lists import member
from ingest.policy.extract.lexical import CJK, lcut, pos_table

# A list of two or more CJK items joined by 、 and closed by 等 (the genre's closer of an open class): 等 may end
# the clause or lead its noun (等产业, 等加快发展, 等领域); the first part runs from the clause's start (its verb).
# Found from each 等 backwards over at most 160 characters, so that a long run of 、 without 等 costs nothing.
_CLOSER = re.compile(rf"(?<=[{CJK}])等")
_RUN = re.compile(rf"[{CJK}、]+")
_WINDOW = 160


def _list_parts(text: str, e: int) -> list[tuple[int, int]] | None:
    """The parts of the 、-list ending at `e` (where 等 stands): two or more, the first of 2–20 CJK characters,
    the others of 2–14, the last of 2–10; None where the run before 等 is no such list."""
    if text.rfind("、", max(0, e - 12), e) < 0:
        return None  # the last part is at most 10 characters: no 、 right before 等, no list (cheap test first)
    lo = max(0, e - _WINDOW)
    run = _RUN.match(text[lo:e][::-1])  # the run before 等, read backwards: one pass over the window
    if run is None or (run.end() == e - lo and lo > 0):
        return None  # no list start within the window
    parts, pos = [], e - run.end()
    for p in text[pos:e].split("、"):
        parts.append((pos, pos + len(p)))
        pos += len(p) + 1
    sizes = [b - a for a, b in parts]
    if len(parts) < 2 or not 2 <= sizes[0] <= 20 or not 2 <= sizes[-1] <= 10:
        return None
    return parts if all(2 <= n <= 14 for n in sizes[1:-1]) else None


def _first_member(doc: Doc, text: str, s: int, e: int) -> int | None:
    """Start of the first member inside the list's first part (推动|盐化工, 持续支持|种业): after the verbs,
    adverbs, prepositions and conjunctions the part starts with; None when what is left is no member."""
    pos = s
    for t in lcut(text[s:e]):
        if pos_table().get(t, "x")[0] not in "vdpc":
            return pos if member(doc, text, pos, e) else None
        pos += len(t)
    return None


# what the closer 等 may lead to: a boundary, a verb (等加快发展, 等提质增效) or a count of the list (等5条, 等三个),
# after an optional noun of the class (等产业发展, 等领域。); a noun there means the list only qualifies it
# (等领域重点实验室, 等平台经济)
_CLASS_NOUN = re.compile(r"(?:产业|行业|领域|方向|赛道)?")
_COUNT = re.compile(r"(?:\d+|[一二三四五六七八九十]+)[个条类项大种]")
_BOUNDARY = "，。；：、,;:！？\n）)”"


def _closed(text: str, e: int) -> bool:
    """The list ends at 等 (text[e]) and is a subject or an object, not a modifier of the noun after it."""
    pos = _CLASS_NOUN.match(text, e + 1).end()  # type: ignore[union-attr]
    if pos >= len(text) or text[pos] in _BOUNDARY or _COUNT.match(text, pos):
        return True
    toks = lcut(text[pos : pos + 6])
    return bool(toks) and pos_table().get(toks[0], "x")[0] in "vd"


def _known(taken: list[tuple[int, int]], a: int, b: int) -> bool:
    """Another rule read the part's member: a candidate ends where the part ends and starts inside it."""
    return any(a <= sa < b == ea for sa, ea in taken)


def headed_lists(doc: Doc, text: str, cands: list[_Cand]) -> list[_Cand]:
    """Members of 、-lists closed by 等 whose every member ends in a head of production or is already read."""
    spans = sorted((c[0], c[1]) for c in cands)
    out: list[_Cand] = []
    for m in _CLOSER.finditer(text):
        parts = _list_parts(text, m.start())
        if parts is None or not _closed(text, m.start()):
            continue
        # the candidates near the list (a candidate is at most 40 characters long here)
        taken = spans[
            bisect.bisect_left(spans, (parts[0][0] - 40, 0)) : bisect.bisect_right(spans, (m.start(), m.start()))
        ]
        first = _first_member(doc, text, *parts[0])
        if first is None and not _known(taken, *parts[0]):
            continue
        if not all(member(doc, text, a, b) or _known(taken, a, b) for a, b in parts[1:]):
            continue
        if first is not None:
            parts[0] = (first, parts[0][1])
        for a, b in parts:
            fresh = not any(sa < b and a < ea for sa, ea in taken) and not doc.hits_between(a, b)
            if fresh and member(doc, text, a, b):
                out.append((a, b, "industry_field", "industry.headed_list", 0.6))
    return out

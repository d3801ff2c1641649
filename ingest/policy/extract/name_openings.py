"""Where a name starts after the words that open its clause (加快|雄安…, 建设|国际先进技术应用推进中心…)."""

from __future__ import annotations

from ingest.policy.extract.lexical import STOP_TOKENS, lcut, pos_table

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

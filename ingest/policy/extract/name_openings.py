"""Where a name starts after the words that open its clause (加快|雄安…, 建设|国际先进技术应用推进中心…)."""

from __future__ import annotations

from ingest.policy import lexicon as lx
from ingest.policy.extract.lexical import STOP_TOKENS, lcut, pos_table
from ingest.policy.extract.regions import REGIONS

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


_CLAUSE_MARKS = ",;:，。；：、\n"  # the text is normalised: full-width , ; : are ASCII
_NOMINAL_POS = {"n", "ns", "nz", "nr", "j", "ng", ""}  # "" : a word jieba's dictionary does not hold
_NOT_INSIDE_POS = {"d", "ad", "a", "p", "c", "u", "r", "m", "f", "t", "uj", "ul", "y", "mq"}


def _owner_opening(tok: str) -> bool:
    """How a name in subject position opens: with its place (a region) or level (省, 市), or with a proper word
    jieba's dictionary lacks and cuts into single characters (崖|州|湾, 空|天)."""
    return tok in REGIONS or len(tok) == 1 or tok in {p for p, _lv, _cb in lx.prefixes()}


def clause_name_start(text: str, s: int, head: int, max_len: int = 14) -> int:
    """A name the name rules cut at a verb of its own (省空天发射|技术创新中心, 省氢能产业综合|研究院): where the
    clause before the head opens with the name's owner (the name stands as the clause's subject or a list item) and
    holds only nouns and verbs up to the cut, the name runs back to the clause's start; else `s` as the rules
    found it."""
    b = s
    while b > 0 and head - b < max_len and text[b - 1] not in _CLAUSE_MARKS:
        b -= 1
    if b == s or (b > 0 and text[b - 1] not in _CLAUSE_MARKS) or not text[b:s].isalpha():
        return s  # no clause boundary near, or digits, marks or quotes before the cut
    toks = lcut(text[b:s])
    if pos_table().get(toks[0], "") not in _NOMINAL_POS or not _owner_opening(toks[0]):
        return s  # 建好|…, 依法赋予|…, 会同|秘书处…: the clause opens with no owner of a name
    for i, t in enumerate(toks):
        tag = pos_table().get(t, "")
        oov_piece = len(t) == 1 and i > 0 and len(toks[i - 1]) == 1 and tag == "q"  # 空|天: a piece, no count
        if t in STOP_TOKENS or (tag in _NOT_INSIDE_POS | {"q"} and not oov_piece):
            return s
    return b


def verb_led(name: str) -> bool:
    """A quoted phrase that opens with a governing verb (加快建设…, 打造…) is a slogan, not a name: a name opens with
    its owner, place or field (“之江智能感知与计算实验室”, “大连创业工坊”)."""
    first = lcut(name)[0]
    return first in STOP_TOKENS or (len(first) >= 2 and pos_table().get(first, "") == "v")

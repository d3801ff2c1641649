"""Where a name ending at a position begins (left extension over name tokens)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ingest.policy import lexicon as lx
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import (
    GENERIC,
    NAME_CHARS,
    STOP_TOKENS,
    is_hard_stop,
    is_stop,
    lcut,
    name_run_start,
    pos_table,
)
from ingest.policy.extract.regions import REGIONS

# Quality and scope words that grade a kind without naming one of its members: a modifier made only of them
# and GENERIC's words (重大科研基础设施, 世界一流新型研发机构, 非营利性…研究开发机构, 大型企业集团) is no name. Scope
# words (全球, 全国, 所有, 全部, 内陆) delimit where a kind is counted: 全球自贸区, 所有开发区 are classes of zones.
_QUALITY = (
    "世界一流|国际一流|国内一流|国际领先|国内领先|重大|重要|高端|高层次|非营利性?|营利性|大型|中型|小型|大中型|中小型|"
    "特色|先进|现代化?|新兴|重点|各类|一批|科学|地区|本行政区域内?|本地区?|其他|相关|有关|领域|高新技术|"
    "民营|国有|民办|公办|私营|外资|本市|本省|本区|全市|全省|全区|我市|我省|我区|国家级?|省级|市级|"
    "境外|境内|国外|海外|省外|域外|工程|优质|全球|全国|所有|全部|内陆"
)
# Epoch nouns that qualify a noun (现代煤化工, 未来科学城, 当代…): jieba tags them time words (t), which end a name, but
# inside a modifier they are content words, as 新型 / 新一代 are (lexical._NAME_HEADS). Deictic times (今年, 当前,
# 近年) and counted spans (未来三年: the numeral still stops the name) stay stops.
EPOCH_WORDS = frozenset({"现代", "当代", "近代", "未来"})
GENERIC_MOD = re.compile(rf"^(?:{_QUALITY}|{GENERIC.pattern[4:-3]})+$")


def is_generic(modifier: str) -> bool:
    """Whether a name's modifier only grades or scopes its kind (see _QUALITY)."""
    return bool(GENERIC_MOD.match(modifier))


# An organisation or zone name followed by a conjunction: a new name starts after it (研究所与吉林化纤集团,
# …示范区与自贸试验区).
_ORG_THEN_CONJ = re.compile(r"(?:研究所|研究院|大学|学院|公司|集团|中心|实验室|医院|示范区|试验区)(?:与|和|及|、)")


def after_conjoined(text: str, s: int, end: int) -> int:
    """Where a name ending at `end` may start at the earliest: after the last organisation or zone name and its
    conjunction in text[s:end] (吉林大学与|长春光机所…), else s."""
    last = s
    for m in _ORG_THEN_CONJ.finditer(text, s, end):
        last = m.end()
    return last


def left_name(doc: Doc, end: int, max_len: int = 24, region_extend: bool = True, epoch: bool = False) -> int:
    """Where a name ending at `end` begins: extend left over name characters, then cut after the
    rightmost stop token of a jieba segmentation of that window. Names usually begin with their
    region, so a region word left of that cut, with only content words (even verbs: 作物分子育种,
    再生医学) and no function word between, moves the start back to the region. `epoch` (a zone's name) reads
    the epoch nouns as content words (未来科学城); a field's or a platform's start keeps them as stops."""
    text = doc.text
    s = name_run_start(text, end, max_len)
    if s == end:
        return end
    s = after_conjoined(text, s, end)
    window = text[s:end]
    toks = lcut(window)
    pos = s
    cut = s
    hard = s
    starts: list[tuple[int, str]] = []
    inner = _bracketed_regions(toks)
    for i, t in enumerate(toks):
        starts.append((pos, t))
        pos += len(t)
        if len(t) == 1 and loose_measure(t, text[pos - 2] if pos > 1 else "", toks[i + 1] if i + 1 < len(toks) else ""):
            continue
        if epoch and t in EPOCH_WORDS:
            continue
        if is_stop(t) and i not in inner:
            cut = pos
        if is_hard_stop(t):
            hard = pos
    if region_extend and cut > hard:
        for i, (ts, t) in enumerate(starts):
            if hard <= ts < cut and t in REGIONS:
                if not any(t2 in _ORG_TOKENS for ts2, t2 in starts[i + 1 :] if ts2 < cut):
                    cut = ts
                break
    while cut < end and text[cut] in "与和及":  # a name never starts with a conjunction
        cut += 1
    if cut + 2 < end and text[cut] in "好强" and cut > s:  # 建好用好|京津冀…, 建强|中国东南…: a resultative
        cut += 1
    return cut


_COUNTER = re.compile(r"[\d一二三四五六七八九十百千万两几多每各这那该此某数整〇零]")


def loose_measure(tok: str, prev: str, nxt: str) -> bool:
    """A one-character measure word (张, 章, 台) with no numeral or demonstrative before it counts nothing: it is a
    name's first character that jieba's dictionary split off (推进|张|江科学城 → 张江), not a stop.

    >>> loose_measure("张", "进", "江"), loose_measure("张", "一", "图")
    (True, False)
    """
    return (
        len(tok) == 1
        and len(nxt) == 1
        and tok not in STOP_TOKENS
        and pos_table().get(tok) == "q"
        and not _COUNTER.fullmatch(prev)
        and not is_hard_stop(nxt)
    )


def _bracketed_regions(toks: tuple[str, ...]) -> set[int]:
    """Token indices of a bracketed place inside a name: 清华启迪(沈阳)科技园."""
    out: set[int] = set()
    for i in range(len(toks) - 2):
        if toks[i] in ("(", "（") and toks[i + 1] in REGIONS and toks[i + 2] in (")", "）"):
            out |= {i, i + 2}
    return out


_ORG_TOKENS = {"集团", "公司", "大学", "学院", "研究所", "研究院", "医院"}


# 集团成功…: the group; not 集团成员 / 集团化
COMPANY = re.compile(r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司)|集团(?!公|成员|成立|化)")
_COMPANY_STOP = re.compile(r"(?:与|和|及|或|由|对|向|为|在|将|把|等|的)")


def company_start(doc: Doc, end: int) -> int:
    """Company names run back to punctuation or a list separator; inside, only a conjunction, a
    preposition or a multi-character stop verb (支持/鼓励/引导) ends them — not verbs that are part
    of a trade name (一汽解放, 中车)."""
    text = doc.text
    s = end
    while s > 0 and end - s < 24 and NAME_CHARS.match(text[s - 1]) and text[s - 1] not in "、":
        s -= 1
    pos, cut = s, s
    toks = lcut(text[s:end])
    for i, t in enumerate(toks):
        pos += len(t)
        if (t in STOP_TOKENS and len(t) >= 2) or _COMPANY_STOP.fullmatch(t) or re.fullmatch(r"[\d()]+", t):
            cut = pos
        elif i == 0 and _leads_clause(text, s):
            cut = s + _governing_verb(t, toks[1:])  # 争取|北大荒集团, 做实|金控集团: a verb opening the clause
    return cut


def _leads_clause(text: str, s: int) -> bool:
    return s == 0 or not NAME_CHARS.match(text[s - 1])


def _governing_verb(tok: str, rest: tuple[str, ...]) -> int:
    """The length of a verb that opens a company's clause and governs it: a two-character verb (争取, 推动)
    or a one-character one with its resultative (做|实), before at least two characters of name; else 0."""
    tag = pos_table().get(tok, "")
    if len(tok) == 2 and tag == "v" and sum(map(len, rest)) >= 2:
        return 2
    if len(tok) == 1 and tag == "v" and rest and rest[0] in _RESULTATIVE and sum(map(len, rest[1:])) >= 2:
        return 2
    return 0


_RESULTATIVE = set("实好强大优")


@lru_cache(maxsize=1 << 14)
def strip_region_level(name: str) -> tuple[str, bool]:
    """The part of a name that is neither region nor level prefix; and whether a region was cut."""
    rest, had_region = name, False
    for _ in range(4):
        changed = False
        for n in range(min(9, len(rest)), 1, -1):
            if rest[:n] in REGIONS:
                rest, had_region, changed = rest[n:], True, True
                break
        for p, _lv, _cb in lx.prefixes():
            if rest.startswith(p) and (len(p) > 1 or had_region):
                rest, changed = rest[len(p) :], True
                break
        if not changed:
            break
    return rest, had_region


def _no_name(toks: tuple[str, ...], i: int) -> bool:
    """A token no name runs across: a function word or a stop."""
    return is_hard_stop(toks[i]) or toks[i] in STOP_TOKENS or toks[i] == "的"


DASHES = "—－–-"  # em dash, full-width and ASCII hyphen (the reader may fold －), en dash


def dash_left(toks: tuple[str, ...], i: int, resets: Callable[[tuple[str, ...], int], bool] = _no_name) -> int | None:
    """X—Y before a zone's head joins two places (延吉－长白, 奎屯—独山子, 红古—民和, 中国—东盟): the index of the
    token where X starts, the word right before the dash (or the run of single characters jieba cut it into:
    红|古), when a Chinese word follows the dash; None otherwise."""
    if toks[i] not in DASHES or i == 0 or i + 1 >= len(toks) or not "\u4e00" <= toks[i + 1][:1] <= "\u9fff":
        return None
    k = i - 1
    if len(toks[k]) == 1:  # 红|古: back over the single characters, at most four, no function word
        while k > 0 and len(toks[k - 1]) == 1 and i - k < 4 and not resets(toks, k - 1):
            k -= 1
    ok = i - k >= 2 or len(toks[k]) >= 2
    return k if ok and not resets(toks, k) and "\u4e00" <= toks[k][:1] <= "\u9fff" else None


def dash_start(text: str, s: int) -> int:
    """A zone's name a rule began right after a dash (奎屯—|独山子经济开发区) takes back the place before the dash."""
    if s < 3 or text[s - 1] not in DASHES:
        return s
    w0 = name_run_start(text, s - 1, 6)
    toks = lcut(text[w0:s])
    k = dash_left((*toks, text[s]), len(toks) - 1) if toks else None
    return s if k is None else w0 + sum(len(t) for t in toks[:k])

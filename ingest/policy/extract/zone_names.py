"""Zones and platforms named by a proper word: 珲春海洋经济发展示范区, 长春都市圈, 东北虎豹国家公园, 江淮大数据中心.

A zone's name is a place or another proper word followed by content words that may be verbs (承接产业转移,
开发开放, 海洋经济发展) and a zone head; a governing verb before it (发挥好, 实施好, 共建, 抓好) is no part of
it. So the name starts at the first proper token of the clause before the head — a region, or a word jieba's
dictionary tags as a place or a proper name (ns, nr, nrt, nz; not j: 研发 is tagged an abbreviation) — with no
function word after it. A phrase with no proper word (特色产业园, 协同创新先行区, 大农业示范园) names a kind of
zone, not a zone.

Platforms with a broad head (…数据中心, …交易中心, …科学中心, …服务平台) are named the same way (北京股权交易中心,
长三角大数据中心) unless what follows the place is a type of the lexicon: 广西技术创新中心 is the type at its
region's level, not a name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ingest.policy import lexicon as lx
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import (
    NAME_CHARS,
    ST_WORD,
    STOP_TOKENS,
    is_hard_stop,
    lcut,
    name_run_start,
    pos_table,
)
from ingest.policy.extract.names import (
    DASHES,
    EPOCH_WORDS,
    after_conjoined,
    dash_left,
    is_generic,
    left_name,
    loose_measure,
    strip_region_level,
)
from ingest.policy.extract.regions import REGIONS

# heads a zone's name ends in; a phase (二期) belongs to the name. Not 陆港 / 国际陆港: a dry port is a logistics
# hub, infrastructure the golds leave out (CONVENTIONS.md "What is not labelled": T; H; 2b; 3a; 3b; 4b; 5; 6).
# A development town (新城, 产业城, 生物城, 智城; 科学城 / 科技城 are read in proper_names) and 硅谷, a brand of an
# S&T area (CONVENTIONS.md: 天堂硅谷, 南繁硅谷), after a proper word; a bare 城 or 谷 is as often a city, a
# county town, an old town or a valley (县城, 古城, 河谷).
# 重点开发开放试验区 is one class of border zone (国发〔2015〕72号, 国务院关于支持沿边重点地区开发开放若干政策
# 措施的意见, lists it with 沿边国家级口岸 and 边境经济合作区): 重点 there is the class's word, not a stop.
ZONE_HEAD = re.compile(
    r"(?:重点开发开放试验区|示范区|试验区|实验区|先导区|先行区|集聚区|经济区|经济带|经济走廊|合作区|自由贸易港|都市圈|综保区|"
    r"综合保税区|经开区|农高区|产业园区|工业园区|产业园(?!区)|示范园|新城|产业城|生物城|智城|硅谷)(?:[一二三四五]期)?"
)
_PROPER_POS = {"ns", "nrt"}
# place nouns jieba tags ns that name a kind of place, not a place
_COMMON_PLACE = {"城市", "城乡", "农村", "乡村", "城镇", "边境", "沿海", "内陆", "山区", "海洋", "地区", "区域", "全国"}
# zone words that end a name before another one (合肥市高新区|国家安全产业示范园)
_INNER_ZONE = {"高新区", "新区", "开发区", "经开区", "自贸区"}


def is_proper(tok: str, loose: bool = False) -> bool:
    """A place by the gazetteer or by jieba's dictionary tag (ns, nrt: 长三角, 珲春, 香格里拉), two characters
    or more; jieba's nr / nz tags are too loose for names (文明, 卫星, 共同富裕). `loose` (a zone's name, where
    the head already says a place follows) takes a three-character nr word too (北部湾, 黑瞎子; not before 博物馆:
    古建筑 is tagged nr as well)."""
    if tok in REGIONS:
        return True
    if len(tok) < 2 or tok in _COMMON_PLACE or tok in STOP_TOKENS or tok in lx.types() or tok in lx.industries():
        return False
    pos = pos_table().get(tok, "")
    return pos in _PROPER_POS or (loose and pos == "nr" and len(tok) >= 3)


# one-character abbreviations of countries: 中 + one or two of them name a bilateral zone (中越, 中蒙俄, 中柬)
COUNTRY1 = frozenset("俄蒙越柬马老缅泰新印巴德法英美日韩欧非塞埃以意澳荷瑞奥捷匈葡土伊沙阿朝")
# characters before 中 that make it a word's second half (其中, 集中, 发展中), not China
_NOT_CHINA = frozenset("其集空途当心之展高初")


def _country_pair(toks: tuple[str, ...], i: int) -> bool:
    """中 | 越, 中 | 俄: China and a country abbreviated, the start of a bilateral zone's name."""
    return toks[i] == "中" and i + 1 < len(toks) and len(toks[i + 1]) == 1 and toks[i + 1] in COUNTRY1


def country_pair_start(text: str, s: int, e: int) -> tuple[int, int]:
    """A name cut after China's abbreviation takes it back: 中|柬(北海)产业园, 中马|“两国双园”, 中越|跨境经济合作区.
    Returns the span, widened over 中 and the countries (and a quoted name's closing mark)."""
    j = s - 1 if s > 0 and text[s - 1] == "“" else s
    k = j
    while k > 0 and j - k < 2 and text[k - 1] in COUNTRY1:
        k -= 1
    if k == j and text[s : s + 1] in COUNTRY1:
        k = j = s  # the name starts with the country: 柬(北海)产业园
        k = s + 1 if s > 0 and text[s - 1] == "中" else s
        return (s - 1, e) if k == s + 1 and (s < 2 or text[s - 2] not in _NOT_CHINA) else (s, e)
    if k == j or k == 0 or text[k - 1] != "中" or (k >= 2 and text[k - 2] in _NOT_CHINA):
        return s, e
    quoted = j < s and text[e : e + 1] == "”"
    return k - 1, e + 1 if quoted else e


_ABBREV_POS = {"ns", "nr", "j"}
_FUNCTION_POS = {"c", "p", "u", "d", "r", "x"}
_RUN_STOP_POS = _FUNCTION_POS | {"ad"}


def _abbreviation(toks: tuple[str, ...], i: int) -> bool:
    """Two one-character place tokens in a row abbreviate two places (衡|沧 = 衡水 and 沧州)."""
    return (
        i + 1 < len(toks)
        and len(toks[i]) == len(toks[i + 1]) == 1
        and pos_table().get(toks[i], "") in _ABBREV_POS
        and pos_table().get(toks[i + 1], "") in _ABBREV_POS
    )


_NAME_CHAR_POS = {"nr", "ns", "j"}
_RESULTATIVE = set("好强实优")


def _unknown_word(toks: tuple[str, ...], i: int) -> bool:
    """Two or three one-character tokens in a row, none a function word, one at least tagged as a name or place
    character (长|吉|图, 哈|大|齐, 昝|岗): a proper word jieba's dictionary does not hold, cut into characters."""
    if (i and len(toks[i - 1]) == 1 and toks[i - 1] not in _RESULTATIVE) or toks[i] in _RESULTATIVE:
        return False  # 自|贸|港: inside a longer run; 实施好|…: a verb's resultative complement
    run = 0
    while i + run < len(toks) and len(toks[i + run]) == 1 and run < 4:
        t = toks[i + run]
        if (
            is_hard_stop(t)
            or t in STOP_TOKENS
            or pos_table().get(t, "") in _RUN_STOP_POS
            or not "\u4e00" <= t <= "\u9fff"
        ):
            break
        run += 1
    if not 2 <= run <= 3:
        return False
    return any(pos_table().get(toks[i + k], "") in _NAME_CHAR_POS for k in range(run))


def has_proper(name: str) -> bool:
    """A place or proper word in a name, or a bracketed / quoted part (国家大数据（河南）综合试验区)."""
    toks = lcut(name)
    return bool(re.search("[（(“]", name)) or any(is_proper(t) or _abbreviation(toks, i) for i, t in enumerate(toks))


def _resets(toks: tuple[str, ...], i: int) -> bool:
    """A token no name runs across: a function word, a governing verb, a zone of its own, or a verb before
    国家 or a place (入选|国家…试验区, 视察|横琴…合作区)."""
    t = toks[i]
    if (t == "自" and i + 1 < len(toks) and toks[i + 1] == "贸") or _country_pair(toks, i):
        return False  # 自|贸 (自由贸易) is one word jieba cuts; 中|俄 names two countries
    if len(t) == 1 and i >= 2 and _abbreviation(toks, i - 2) and pos_table().get(t, "") not in _FUNCTION_POS:
        return False  # 郑|洛|新: a third place abbreviated after two
    nxt = toks[i + 1] if i + 1 < len(toks) else ""
    if len(t) == 1 and len(nxt) == 1 and pos_table().get(t, "") == "m" and pos_table().get(nxt, "") == "n":
        return False  # 零|碳, 双|碳: a numeral character of a word jieba cuts, not a count (that takes a measure)
    if t in EPOCH_WORDS:
        return False  # 鄂尔多斯国家现代煤化工示范区: an epoch noun qualifies the zone's field
    if is_hard_stop(t) or t in STOP_TOKENS or t in _INNER_ZONE or t == "的":
        return True
    return pos_table().get(t, "") == "v" and (nxt.startswith("国家") or is_proper(nxt))


def proper_start(doc: Doc, end: int, max_len: int = 20, loose: bool = False) -> int | None:
    """Where a name ending at `end` begins: at the first proper token of the clause before `end` that has no
    function word after it; None when there is none (the phrase names a kind). A dash joins two places
    (燕山—塞罕坝国家公园); a one-character abbreviation before the place belongs to it (吉|西南, 川|西北)."""
    text = doc.text
    s = end
    while s > 0 and end - s < max_len and (NAME_CHARS.match(text[s - 1]) or text[s - 1] in DASHES):
        s -= 1
    s = after_conjoined(text, s, end)
    off = proper_offset(text[s:end], loose)
    return None if off is None else s + off


@lru_cache(maxsize=1 << 14)
def proper_offset(window: str, loose: bool = False) -> int | None:
    """proper_start within one window (cached: the same windows recur, and a text of repeats stays cheap)."""
    toks = lcut(window)
    pos = 0
    first: int | None = None
    for i, t in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if loose_measure(t, toks[i - 1][-1:] if i else "", nxt):  # 推进|张|江…: a name split at its first character
            first = pos if first is None else first
        elif _resets(toks, i):
            first = None
        elif (k := dash_left(toks, i, _resets)) is not None:
            first = sum(len(x) for x in toks[:k]) if first is None else min(first, sum(len(x) for x in toks[:k]))
        elif first is None and (
            is_proper(t, loose) or _abbreviation(toks, i) or _country_pair(toks, i) or _unknown_word(toks, i)
        ):
            first = pos
            prev = toks[i - 1] if i else ""
            if len(prev) == 1 and pos_table().get(prev, "") in {"nr", "ns", "j"} and not _resets(toks, i - 1):
                first -= 1
        pos += len(t)
    return first


def proper_zones(doc: Doc, add: Any) -> None:
    text = doc.text
    for m in ZONE_HEAD.finditer(text, 0, doc.body_end):
        s = proper_start(doc, m.start(), loose=True)
        if s is None or m.start() - s < 2 or re.match(r"管理委员会|管委会", text[m.end() : m.end() + 5]):
            continue
        if is_generic(text[s : m.start()]):
            continue  # 高水平 (tagged nr)|工业园区: a grade, not a place
        if m.group(0) == "经济区" and text[s : m.start()] in REGIONS:
            continue  # 沈阳经济区, 成渝经济区: a planning region of cities, not a zone
        add(s, m.end(), "zone", "entity.proper_zone", 0.6, known=False)


_PLATFORM_HEAD = re.compile(
    r"(?:大数据中心|数据中心|交易中心|科学中心|创新中心|应用中心|医学中心|研究中心|测试中心|转化中心|服务平台|管理平台|"
    r"预警平台|转让系统|交易系统|创新共同体|交易所|交易市场)"
)


# Heads of service and management systems that any sector has: a named one belongs to the S&T system only with a
# word of science, technology or innovation in its name (the READMEs leave industry and government services out).
_SERVICE_HEADS = frozenset({"服务平台", "管理平台"})
# An exchange of the innovation system trades data, technology or equity (CONVENTIONS.md: data and equity exchanges
# are institutions; a technology market is a platform): one of goods (水果交易中心) or securities (a stock market,
# which the READMEs leave out) is none.
_EXCHANGE_HEADS = {"交易中心": "institution", "交易所": "institution", "交易市场": "platform"}
_EXCHANGE_FIELD = re.compile(r"数据|技术|科技|成果|股权|知识产权")

_HEAD_GOES_ON = re.compile(r"城市?|区|镇|村|站|集群|体系|功能|地位|作用|目标|能级|枢纽|节点|网络|项目|工程|园")


def _state_start(text: str, s: int, head: int) -> int:
    """The 国家 / 全国 that opens the clause before `s` with no function word between it and the head (a
    name's content words may be verbs: 安全发展, 协同创新), else s."""
    w0 = name_run_start(text, s, 16)
    pos, start = w0, s
    for t in lcut(text[w0:head]):
        if t in ("国家", "全国") and pos < s and start == s:
            start = pos
        elif is_hard_stop(t) or t in STOP_TOKENS or t == "的":
            start = s if pos < s else start  # a function word after 国家 ends that clause
        pos += len(t)
    return start


def _national_start(doc: Doc, head: int) -> int | None:
    """国家高原病医学中心, 全国中小企业股份转让系统: 国家 / 全国 where the name rules start the name, and at least three
    characters of its own subject (not graded words) before the head, name the state's one centre."""
    s = left_name(doc, head, 20, region_extend=False)
    if not doc.text.startswith(("国家", "全国"), s) and re.search("国家|全国", doc.text[max(0, s - 16) : s]):
        s = _state_start(doc.text, s, head)  # 国家工业信息安全|发展|研究中心: a verb-like word inside the subject
    mod, _ = strip_region_level(doc.text[s:head])  # 国家级|重大: the level prefix is no subject
    if not doc.text.startswith(("国家", "全国"), s) or len(mod) < 3 or is_generic(mod) or "的" in mod:
        return None
    return s


def proper_platforms(doc: Doc, add: Any) -> None:
    """江淮大数据中心, 北京股权交易中心, 润泽人工智能应用中心: a platform with a broad head named by a place."""
    text = doc.text
    for m in _PLATFORM_HEAD.finditer(text, 0, doc.body_end):
        if _HEAD_GOES_ON.match(text, m.end()):
            continue  # 中心城市, 数据中心集群, 创新中心功能: the head is part of a longer word
        s = proper_start(doc, m.start())
        if s is None:
            s = _national_start(doc, m.start())
        if s is None or m.start() - s < 2:
            continue
        rest, _ = strip_region_level(text[s : m.end()])
        core = m.end() - len(rest)  # where the part after the place begins
        typed = any(h.end == m.end() and h.core_start <= core for h in doc.hits_between(s, m.end()))
        if len(rest) <= len(m.group(0)) or rest in lx.types() or typed:
            continue  # 广西技术创新中心, 河北分中心: a type of its region, not a name
        if m.group(0) in _SERVICE_HEADS and not ST_WORD.search(rest):
            continue  # 产品碳足迹公共服务平台, 一站式服务平台: a service of trade or government, no S&T platform
        if m.group(0) in _EXCHANGE_HEADS and not _EXCHANGE_FIELD.search(rest):
            continue  # 水果交易中心, 证券交易所: goods or securities
        # 京津冀协同创新共同体: a scheme
        kind = "programme" if m.group(0) == "创新共同体" else _EXCHANGE_HEADS.get(m.group(0), "platform")
        add(s, m.end(), kind, "entity.proper_platform", 0.5, known=False)


def _listed_place(item: str) -> bool:
    """A short item of a zone list that is a place or proper word from its first character (喀什, 湘琼 = 湖南 and
    海南, 琼港), not a kind, a field or a grade."""
    if not 2 <= len(item) <= 4 or item in lx.types() or item in lx.industries() or is_generic(item):
        return False
    return proper_offset(item, True) == 0


def zone_lists(doc: Doc, found: list[Any], add: Any) -> None:
    """喀什、霍尔果斯经济开发区; 湘琼、粤琼…、深儋合作产业园: short places listed right before a zone a rule found
    share its head, and each is named by its bare surface (the golds label 喀什, 湘琼). Every item must be a place
    or proper word; the clause's verb before the first one is no part of it (提升|喀什)."""
    text = doc.text
    for ent in found:
        s = ent.span[0]
        if ent.kind != "zone" or s == 0 or text[s - 1] != "、":
            continue
        spans: list[tuple[int, int]] = []
        end = s - 1
        while end > 0:
            start = name_run_start(text, end, 8)
            first = start == end or text[start - 1] != "、"
            if first:  # the list's first item: its verb goes
                off = proper_offset(text[start:end], True)
                start = end if off is None else start + off
            if not _listed_place(text[start:end]):
                spans = []
                break
            spans.append((start, end))
            if first:
                break
            end = start - 1
        for a, b in spans:
            add(a, b, "zone", "entity.zone_list", 0.5, known=False)

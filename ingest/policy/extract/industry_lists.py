"""Members of a sector list that no rule reads, by the list's structure (issue #21, round x-inds3).

Coordinated items share one semantic class: in 推进海洋新兴产业、海洋服务业、临港先进制造业、现代海洋渔业发展 the
grammar finds the first two (a dictionary group, a services head) and nothing names the others, yet a reader
takes every member of such a list as a sector. So where most members of one 、-list are already industries
(two or more, and at least half of the list), the other members are industries too, if each is a short content
phrase: no task, activity, organisation, quality, place or platform type, and not a verb's object cut wrong.
"""

from __future__ import annotations

import bisect
import re

from ingest.policy import lexicon as lx
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.industry_grammar import Cand as _Cand
from ingest.policy.extract.lexical import CJK, GENERIC, lcut, pos_table
from ingest.policy.extract.regions import REGIONS

_CLAUSE = "，。；：,;:！？\n（）()“”"
# what may close the last member: growth, a measure, a closer of the list (…渔业发展, …装备等领域)
_TAIL = re.compile(r"(?:等|发展|产业(?!链|集群|基地)|增加值|产值|营业收入|深度融合|融合|转型|提质|壮大)")
_ITEM = re.compile(rf"[{CJK}]{{2,10}}")
# a head of production ends the member (临港先进制造业, 现代海洋渔业, 新型储能, 海工装备): the noun of a sector, as
# GB/T 4754 names its classes (…业, …制造, …材料, …装备), or of an energy or a product class. Added in round
# x-inds5, each the head noun of a class of GB/T 4754—2017《国民经济行业分类》: 化工 (大类 26 化学原料和化学制品
# 制造业, the trade's short name: 煤化工, 精细化工), 机械 (大类 34 通用设备 / 35 专用设备制造业: 工程机械, 农业机械),
# 船舶 (373 船舶及相关装置制造), 纺织 (大类 17 纺织业), 电池 (384 电池制造), 航空 (大类 56 航空运输业, 562 通用航空
# 服务), 生物药 (276 生物药品制品制造)
_SECTOR_END = re.compile(
    r"(?:[农种渔牧林矿工商]业|制造业?|加工业?|服务业|制药|化工|能源|储能|材料|装备|器械|医药|产业|机械|船舶|纺织|电池|航空|生物药)$"
)
# an item led by a verb or a function word, or ending in an activity, an organisation or a product's use, is
# no sector (加强监管、…; 企业、高校; …建设, …改造, …服务平台)
_NOT_ITEM_END = re.compile(
    r"(?:管理|建设|升级|改造|合作|治理|改革|更新|监管|保护|利用|服务平台|平台|中心|基地|园区|园|区|项目|工程|行动|"
    r"计划|体系|机制|政策|协会|学会|机构|组织|单位|部门|企业|高校|院所|人才|资金|技术攻关|攻关|示范|试点|能力|水平|"
    r"设施|网络|场景|模式|业态|品牌|标准|市场|消费|投资|出口|进口|贸易)$"
)
_NOT_ITEM_LEAD = re.compile(
    r"^(?:加强|加快|推进|推动|深化|完善|健全|强化|落实|实施|开展|支持|鼓励|引导|促进|提升|提高|扩大|培育|发展|建设|"
    r"打造|构建|围绕|聚焦|面向|依托|做大|做强|优化|新增|新建|全面|积极|大力|重点|其中|以及|包括|涉及)"
)


def _clause(text: str, s: int, e: int) -> tuple[int, int]:
    lo = max(text.rfind(c, max(0, s - 120), s) for c in _CLAUSE) + 1
    hi_cands = [text.find(c, e, e + 120) for c in _CLAUSE]
    hi = min((h for h in hi_cands if h >= 0), default=min(len(text), e + 120))
    return (lo if lo > 0 else max(0, s - 120)), hi


def _parts(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    parts, pos = [], lo
    for p in text[lo:hi].split("、"):
        parts.append((pos, pos + len(p)))
        pos += len(p) + 1
    return parts


def member(doc: Doc, text: str, s: int, e: int) -> bool:
    item = text[s:e]
    if not _ITEM.fullmatch(item) or item in REGIONS or item in lx.roles() or item in lx.types():
        return False
    if REGIONS.get(item[:2]) is not None or GENERIC.match(item):
        return False
    if not _SECTOR_END.search(item) or _NOT_ITEM_END.search(item) or _NOT_ITEM_LEAD.match(item):
        return False
    if pos_table().get(item, "n")[0] in "avdmqrp":
        return False
    toks = lcut(item)
    return not (toks and pos_table().get(toks[0], "n") in {"v", "d", "p", "c", "r"} and toks[0] not in lx.industries())


def list_members(doc: Doc, text: str, cands: list[_Cand]) -> list[_Cand]:
    """The unread members of 、-lists whose other members the grammar already reads as industries."""
    spans = sorted({(c[0], c[1]) for c in cands})
    seen: set[tuple[int, int]] = set()
    out: list[_Cand] = []
    for s, e in spans:
        if text[e : e + 1] != "、" and text[s - 1 : s] != "、":
            continue
        lo, hi = _clause(text, s, e)
        if (lo, hi) in seen:
            continue
        seen.add((lo, hi))
        parts = _parts(text, lo, hi)
        if len(parts) < 2:
            continue
        # the last part: cut at its tail (…渔业发展 → …渔业), else the whole part to the clause's end
        ls, le = parts[-1]
        tail = _TAIL.search(text, ls, le)
        parts[-1] = (ls, tail.start() if tail else le)
        covered = [_covered(spans, a, b) for a, b in parts]
        if not any(covered) or 3 * sum(covered) < len(parts):
            continue
        for k, ((a, b), cov) in enumerate(zip(parts, covered, strict=True)):
            if cov or k == 0:
                continue  # the first part holds the predicate: its member is left to the list rules
            if member(doc, text, a, b) and not doc.hits_between(a, b):
                out.append((a, b, "industry_field", "industry.list_member", 0.6))
    return out


def _covered(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """A candidate lies in the part and ends where it ends, or the part ends inside a candidate (by bisection on
    the sorted spans: a candidate is at most 40 characters long here)."""
    lo = bisect.bisect_left(spans, (a - 40, 0))
    hi = bisect.bisect_right(spans, (b, len(spans) + b))
    return any((sa >= a and ea == b) or (sa < b <= ea and sa <= a) for sa, ea in spans[lo:hi])


# Group words: the classes a plan sorts its sectors into (新兴产业, 特色优势产业, 支柱产业, 富民产业). The real golds
# and the test README's kinds (industry_group) label them where the text grows, lists or ranks them as industries;
# the seeds leave them where they only qualify a field, a zone's industry or a platform (优势产业领域, 自创区特色产业,
# 特色产业示范基地). So: a group word standing as a noun phrase — after a clause boundary, a coordinator or a verb,
# and before a boundary, a coordinator or a verb of growth — never before a noun it would qualify.
_GROUP = re.compile(r"(?:特色优势|优势特色|新兴|特色|优势|支柱|富民|主导)产业")
_GROUP_BEFORE = re.compile(
    r"(?:[，。；：、,;:\n和与及]|发展|壮大|培育|做强|做大|做优|提升|推动|推进|打造|支持|扶持|聚焦|围绕|突出|以|为)$"
)
_GROUP_AFTER = re.compile(
    r"[，。；、,;和与及]|发展|壮大|培育|提升|升级|集聚|转型|提质|高质量|为支撑|为导向|增加值|产值|营业收入|增长"
)
# a qualifier before the match makes it part of a longer name (战略性新兴产业, 区域特色产业, 传统优势产业: the
# dictionary's), or a zone's or place's own industries (自创区特色产业)
_GROUP_QUALIFIED = re.compile(r"[性区县市省镇村色势统域代端]$")


# The plan's umbrella classes (新兴产业, 特色优势产业) are labelled wherever they stand bare (新兴产业: 16 of 18
# occurrences over the real tuning golds, round x-inds8), so two more positions name them: closing a list as its
# class (低空经济、6G等|新兴产业) and opening a clause as its subject (，新兴产业尚未形成支撑). The bare 特色 / 优势
# 产业 stay with the narrower test: in those positions the golds leave them as often as they keep them.
_UMBRELLA = frozenset({"新兴产业", "特色优势产业", "优势特色产业"})
_SUBJECT_BEFORE = frozenset("，。；,;\n")


def group_words(text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _GROUP.finditer(text):
        s, e = m.span()
        before = text[max(0, s - 2) : s]
        umbrella = m.group(0) in _UMBRELLA
        closer = umbrella and before.endswith("等")
        subject = umbrella and before[-1:] in _SUBJECT_BEFORE
        if _GROUP_QUALIFIED.search(before) or not (closer or _GROUP_BEFORE.search(before)):
            continue
        if not (closer or subject or _GROUP_AFTER.match(text, e)) or _classifies_or_task(text, s, e):
            continue
        out.append((s, e, "industry_group", "industry.group_word", 0.6))
    return out


_CLAUSE_START = re.compile(r"[，。；：,;:\n]")
# 把文化旅游业培育成为|支柱产业: the class a field is to be made into is the predicate, not another industry
_MADE_INTO = re.compile(r"成为|[造育设建]成")


def _classifies_or_task(text: str, s: int, e: int) -> bool:
    """在A、B等领域培育特色优势产业: the group word classes the fields the clause has just listed (a reader labels
    the fields); 把文旅产业打造成支柱产业: it is what a field is made into; 培育与发展新兴产业、推动传统产业转型:
    the object of one task in a list of tasks (a verb opens the next item), which the seeds leave."""
    lo = max((m.end() for m in _CLAUSE_START.finditer(text, max(0, s - 60), s)), default=max(0, s - 60))
    if "领域" in text[lo:s] or _MADE_INTO.search(text, lo, s):
        return True
    return _task_object(text, e)


def _task_object(text: str, e: int) -> bool:
    """…、发展农村电商、推行惠商保…: a verb opens the next item, so the phrase is the object of one task in a list of
    tasks (the seeds and the real golds leave those)."""
    if text[e : e + 1] != "、":
        return False
    nxt = lcut(text[e + 1 : e + 7])
    return bool(nxt) and pos_table().get(nxt[0], "x") == "v"


# Forms of e-commerce as trades (发展跨境电商, 推动农村电商高质量发展): a noun before 电商 names the
# trade where it stands as a noun phrase — a boundary, a coordinator or a verb before it, a boundary, a coordinator,
# 等 or its growth after it; before another noun it only qualifies that (跨境电商综合试验区, 跨境电商企业, 电商出口).
_ECOMMERCE = re.compile(rf"([{CJK}]{{2}})电商(?=[，。；、,;和及与等]|发展|高质量|新业态)")
_ECOMMERCE_BEFORE = re.compile(r"(?:[，。；：、,;:\n和及与]|发展|培育|壮大|推动|促进|支持|推进|加快|做强|拓展)$")


def ecommerce(text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _ECOMMERCE.finditer(text):
        s = m.start()
        mod = m.group(1)
        if not _ECOMMERCE_BEFORE.search(text, max(0, s - 2), s) or mod in REGIONS or _task_object(text, m.end()):
            continue
        if pos_table().get(mod, "x")[0] not in "nab" or mod == "电子":
            continue
        out.append((s, m.end(), "industry_field", "industry.ecommerce", 0.6))
    return out


# The modern form of a sector (现代农业, 现代物流, 现代金融业, 现代海洋渔业, 现代煤化工, 现代能源产业): 现代
# before a sector noun is the genre's name of that sector, and every real gold labels it where it stands as a
# noun phrase (发展现代物流, 现代农业扩量提质, 区域现代农业发展, 现代金融、现代会展). The heads are sector nouns of
# GB/T 4754—2017《国民经济行业分类》: 门类 A 农、林、牧、渔业 (种业: 种子种苗培育), J 金融业,
# G 交通运输、仓储和邮政业 (物流: GB/T 18354—2021《物流术语》), L 商务服务业 (会展: 7284 会议、展览),
# F 批发和零售业 (商贸), C 26 化学原料和化学制品制造业 (化工), C 27 医药制造业 (医药, 中药: 2740 中成药生产),
# D 电力、热力、燃气 (能源), and 服务业 (the tertiary sector, 国家统计局《三次产业划分规定》). Before another
# noun the phrase only qualifies it (现代农业产业园, 现代物流需求, 现代农业“十强行动”, 现代农业类项目, 现代种业
# 发展高地), and 现代化 is a process (现代化产业体系).
_MODERN = re.compile(
    rf"现代(?!化)[{CJK}]{{0,4}}?(?:[农林牧渔种]业|农牧业|畜牧业|服务业|物流业?|金融业?|会展业?|商贸业?|化工|中药|医药|能源)"
    r"(?:产业(?![园区基集链体])|业)?"
)
_MODERN_AFTER = re.compile(
    r"[，。；、,;：:和及与等）)\n]|发展(?!高地|中心|基地|示范|先行|集聚|规划|基金)|的|产业链|高质量|扩量|提质"
    r"|增加值|产值|增长|转型|做大|做强"
)


# a zone or platform head that closes the coordination after the phrase (…现代综合能源与产业化示范区)
_COORDINATED_HEAD = re.compile(r"[和及与][^，。；、,;：:\n]{0,10}?(?:示范区|试验区|先导区|园区|产业园|基地|中心)")


def modern_sectors(text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _MODERN.finditer(text):
        s, e = m.span()
        if "现代" in m.group(0)[2:] or not _MODERN_AFTER.match(text, e):
            continue  # 现代服务业现代… is two names; …农业产业园, …物流需求: a qualifier of the next noun
        if _COORDINATED_HEAD.match(text, e):
            continue  # A与B示范区: both qualify the zone's head
        out.append((s, e, "industry_field", "industry.modern_sector", 0.7))
    return out

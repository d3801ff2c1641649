"""Industries no dictionary lists, each with a context test (a bare suffix names plans and systems as often):

- economies: 低空经济, 银发经济, 首发经济 — a short field before 经济 that is no scope or ownership (实体经济,
  民营经济, 区域经济), followed by a boundary, 等 or 发展 (not 经济区 / 经济带 / 经济体系 / 经济社会);
- chains: 产业链 / 创新链 / 供应链 / 价值链 named as things to build (延长产业链、发展创新链, 创新链产业链深度融合),
  i.e. followed by a boundary, another chain or 深度融合 / 发展 / 核心 — not a layout (产业链布局, 创新链条,
  产业链上中下游); a field before one names a chain of its own (功率器件产业链, 氢能全产业链);
- services: 科技服务业, 生产性服务业, 高技术服务业 — one noun (or an X性 adjective) right before 服务业, not a
  scope (相关服务业, 规上服务业) nor 服务业态 (服务 + 业态) or 服务业扩大开放 (a programme); two nouns joined by
  和 before one services head are one GB/T 4754 class (租赁和商务服务业, 交通运输仓储和邮政业)."""

from __future__ import annotations

import bisect
import re

from ingest.policy import lexicon as lx
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import CJK, GENERIC, is_hard_stop, is_stop, lcut, pos_table
from ingest.policy.extract.names import left_name
from ingest.policy.extract.patterns import finditer_at, scan, starts_before
from ingest.policy.extract.regions import REGIONS

# An industry candidate: (start, end, kind, rule, confidence) — shared by the industry modules.
Cand = tuple[int, int, str, str, float]
_Cand = Cand

_ECONOMY = re.compile("经济")
# scope, ownership and aggregate economies, and qualities of the market economy (法治经济, 信用经济): never an
# industry. 飞地经济 is a mode of cooperation between two regions (国家发展改革委等《关于支持“飞地经济”发展的指导
# 意见》, 发改地区〔2017〕922号: 跨行政区域合作; the reports list it among 产业合作模式), a regional form as 区域经济
_NOT_ECONOMY = re.compile(
    r"^(?:实体|民营|国有|非公有制|个体|县域|区域|城市|农村|乡村|城乡|国民|宏观|社会|市场|外向型|开放型|工业|全省|"
    r"全市|全区|全国|地方|经济|整体|共享|块状|集体|私营|外资|确保|推动|促进|带动|提振|稳定|拉动|激活|振兴|稳住|城区|"
    r"法治|信用|诚信|飞地)$"
)
_BOUNDARY = "，。、；,;：:）)”\n"
# a verb of growing right before the field (大力发展|沿海|经济, 发挥|平台|经济…作用) makes it the object grown,
# whatever follows, unless what follows makes 经济 a modifier of a place, a system or a society
_GROWN_ECONOMY = re.compile(r"(?:发展|培育|壮大|做强|做大|发挥|强化|开展|实施|繁荣)$")
_GROWN_NEAR = re.compile(_GROWN_ECONOMY.pattern.removesuffix("$"))
_ECONOMY_OBJECT = re.compile(r"(?![区带圈体社运技特园合开循增工秩效活结总规实基命])")
_ECONOMY_NEXT = re.compile(
    r"等|发展(?!示范|试验|先行|区)|健康发展|高质量|新|营业收入|营收|增加值|规模(?!以上)|[和及、][^，。；、和及]{1,4}经济|强[省市区县]"
)
# the item before closes a coordinated list of economies (银发经济、会展经济和|夜|经济): a member of it may be
# one character
_ECONOMY_BEFORE = re.compile(r"经济[、和及]$")
# a member of a list of economies: 等 or another …经济 follows (避暑经济、冰雪经济), or one closes before it
_ECONOMY_LIST = re.compile(r"等|[和及、][^，。；、和及]{1,4}经济")
_CHAIN = re.compile(r"(全)?(产业链|创新链|供应链|价值链|人才链|资金链)")


def _followed(text: str, e: int, more: re.Pattern[str]) -> bool:
    return e >= len(text) or text[e] in _BOUNDARY or bool(more.match(text, e))


def _field_token(text: str, s: int) -> int:
    """Start of the short field right before `s` (银发|经济): the last jieba token, or its last two
    characters when it is a single character."""
    toks = lcut(text[max(0, s - 8) : s])
    if not toks:
        return s
    last = toks[-1]
    if len(last) == 1 and len(toks) >= 2 and len(toks[-2]) == 1 and not is_stop(toks[-2]):
        last = toks[-2] + last
    return s - len(last)


# Verbs of the genre that jieba's dictionary tags as nouns (力争 nz; 助力, 部署, 压实 n). In a plan each governs
# an object (力争 + a target, 助力 + what it helps, 部署 + what it lays out, 压实 + a duty), so before a field it
# opens the field's clause and is never a word of the field (力争|乳业产业链, 助力|制造业, 部署|创新链).
NOUN_TAGGED_VERBS = frozenset({"力争", "助力", "部署", "压实"})


# what a 安全生产 or 大气污染防治 rule does to the trades a list closed by 等…行业(领域) names (…等重点行业领域安全
# 风险, …等行业企业实施超低排放): the genre makes them objects of regulation, not sectors, and the golds leave them
REGULATED = re.compile(
    r"(?:领域)?(?:企业)?(?:实施)?(?:安全|风险|隐患|事故|治理|深度治理|超低排放|排放|污染|减排|整治|执法)"
)


def _verb(tok: str) -> bool:
    return tok in NOUN_TAGGED_VERBS or pos_table().get(tok, "n")[0] == "v"


# where in a chain, not what field: 上下游产业链 is the chain around a firm, not a chain of its own
_POSITION = frozenset({"上下游", "上中下游", "上游", "中游", "下游"})
# a group word (主导, 特色) ranks chains, it names no field; the province's key chains (重点产业链, 重点优势产业链,
# 制造业重点产业链) are a set the real golds label with their rank
_GROUP = re.compile(r"^(?:主导|特色|传统|新兴|支柱)$")
_KEY_RANKS = frozenset({"重点", "优势"})


def _chain_field(text: str, s: int) -> int:
    """Start of up to two content tokens (six characters) naming the field of a chain (功率器件|产业链)."""
    start = s
    for t in reversed(lcut(text[max(0, s - 8) : s])):
        if (
            s - start + len(t) > 6
            or (is_stop(t) and t not in _KEY_RANKS)
            or _verb(t)
            or pos_table().get(t, "n")[0] == "a"
            or t in _POSITION
            or GENERIC.match(t)
            or t in lx.types()
            or t.endswith(("链", "和", "及", "与"))
            or not re.fullmatch(f"[{CJK}]+", t)
            or re.match("[一二三四五六七八九十百千万两几多]*[场个项条家批种类]$", t)
            or start < s - 3
        ):
            break
        start -= len(t)
    return start


def _economy_field(text: str, s: int, field: str, member: bool) -> bool:
    """The short field before 经济 names one: two or three CJK characters (one in a list of economies), no
    scope, size or stop word; a time word (假日, 夜间) only as a member of a list or the object of growing."""
    if len(field) == 1:  # 夜 (tagged a time word): a noun of its own only as a member of such a list
        short = _ECONOMY_BEFORE.search(text, max(0, s - 3), s) and pos_table().get(field, "x") in {"n", "t", "ng"}
        return bool(short) and not _NOT_ECONOMY.match(field)
    if not 2 <= len(field) <= 3 or not re.fullmatch(f"[{CJK}]+", field):
        return False
    if is_hard_stop(field) and not (member and pos_table().get(field) == "t"):
        return False
    if _NOT_ECONOMY.match(field) or GENERIC.match(field) or field in REGIONS:
        return False
    return pos_table().get(field, "n") != "a"  # 较大经济规模: a size, not a field


def economies(doc: Doc, text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _ECONOMY.finditer(text):
        grown = _GROWN_NEAR.search(text, max(0, m.start() - 6), m.start()) and _ECONOMY_OBJECT.match(text, m.end())
        after_one = "经济" in text[max(0, m.start() - 8) : m.start()]
        if not grown and not after_one and not _followed(text, m.end(), _ECONOMY_NEXT):
            continue  # cheap test first: no jieba run for 经济社会 / 经济区
        s = _field_token(text, m.start())
        field = text[s : m.start()]
        if len(field) == 2 and _ECONOMY_BEFORE.search(text, max(0, s - 3), s + 1):
            s, field = s + 1, field[1:]  # 和夜: the conjunction is no part of the field
        # a member of a list of economies (首发经济、银发经济和…产业): the item before it is one
        member = bool(_ECONOMY_BEFORE.search(text, max(0, s - 3), s)) or bool(grown and pos_table().get(field) == "t")
        if not _economy_field(text, s, field, member):
            continue
        closes = m.end() >= len(text) or (text[m.end()] in _BOUNDARY and text[m.end()] != "、")
        listed = closes or _ECONOMY_LIST.match(text, m.end()) or text[s - 1 : s] == "、"
        if pos_table().get(field) == "v" and not listed:
            continue  # 实现经济、社会…, 激发经济活力: the verb governs the economy (避暑经济、冰雪经济 is one)
        followed = _followed(text, m.end(), _ECONOMY_NEXT)
        if not followed and not member and not _GROWN_ECONOMY.search(text, max(0, s - 4), s):
            continue
        out.append((s, m.end(), "industry_field", "industry.economy", 0.7))
    return out


# what follows a chain named by its field: not its layout or position (产业链布局, 产业链上下游, 产业链条), nor
# 建链 / 双链 / 各环节; 产业链建设 builds the chain
_FIELD_CHAIN_NEXT = re.compile(r"(?!布|建链|上|条|双|各|环)[^\s]")


def chains(doc: Doc, text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in finditer_at(_CHAIN, text, starts_before(text, ("链",), 8)):  # every chain word ends in 链
        s = m.start()
        fs = _chain_field(text, s)
        prefixed = s - fs >= 2 and not _GROUP.match(text[fs:s])
        # a chain word without its field (产业链, 创新链, 人才链) is a generic word no gold from dev2 on keeps
        if prefixed and _followed(text, m.end(), _FIELD_CHAIN_NEXT):
            out.append((fs, m.end(), "chain", "industry.chain_field", 0.6))
    return out


_SERVICES = re.compile(r"服务业(?!态|扩大)")
# fields that are no field: scope, relation or a size threshold
_NOT_SERVICE = frozenset({"相关", "其他", "其它", "专业", "以上", "规上", "各类", "各项", "本地", "全省", "全市"})


def services(doc: Doc, text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _SERVICES.finditer(text):
        s = m.start()
        toks = lcut(text[max(0, s - 8) : s])
        if not toks:
            continue
        field = toks[-1]
        if field == "性" and len(toks) >= 2:
            field = toks[-2] + field  # 生活|性: an X性 adjective is one word
        if not 2 <= len(field) <= 4 or not re.fullmatch(f"[{CJK}]+", field) or field in _NOT_SERVICE:
            continue
        generic = GENERIC.match(field) and field != "科技"  # 科技服务业 is the sector of S&T services
        if pos_table().get(field, "n") not in {"n", "vn"} or generic or field in REGIONS or is_stop(field):
            continue
        out.append((s - len(field), m.end(), "industry_field", "industry.services", 0.7))
    return out + _joined_classes(text)


# GB/T 4754—2017 names a class of services by two nouns joined by 和 before one head (租赁和商务服务业,
# 科学研究和技术服务业, 互联网和相关服务, 交通运输、仓储和邮政业; the genre drops the 、 and adds 业): the pair is
# one class, not two sectors. The first noun runs back to a boundary or a scope word; a qualifier after 和 (现代,
# 生产性) or a sector before it (先进制造业和现代服务业) makes two sectors, a verb before it (推动数字技术和…) a task.
_JOINED = re.compile(rf"和((?:[{CJK}]{{1,4}})?服务业|邮政业)")
_JOINED_BOUNDARY = "，。；：、,;:\n（(）)"
_JOINED_SCOPE = re.compile(r"(?:规模以上|规上|全省|全市|全区|其中)")
_QUALIFIER = re.compile(r"^(?:现代|先进|高端|新兴|传统|新型|特色|高技术|其他|其它)|性")


def _joined_classes(text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in scan(_JOINED, text):
        if _QUALIFIER.search(m.group(1).removesuffix("服务业")):
            continue
        b = max(text.rfind(c, max(0, m.start() - 12), m.start()) for c in _JOINED_BOUNDARY)
        if b < 0:
            continue  # no boundary near: the first noun's start is not known
        s = b + 1
        scope = _JOINED_SCOPE.match(text, s)
        s = scope.end() if scope else s
        first = text[s : m.start()]
        if not 2 <= len(first) <= 6 or not re.fullmatch(f"[{CJK}]+", first) or first.endswith("业"):
            continue
        toks = lcut(first)
        if len(toks) > 1 and (is_stop(toks[0]) or pos_table().get(toks[0], "n").startswith("v")):
            continue  # 推动|数字技术和…, 发展|研发设计和…: a verb governs the pair
        out.append((s, m.end(), "industry_field", "industry.joined_class", 0.7))
    return out


# a verb of growing with its manner (大力发展, 培育壮大; a bare 发展 opening a sentence, as a work report's tasks
# do) and a 、-list of sectors closing the clause
_GROWN_LIST = re.compile(
    rf"(?:(?:大力|积极|加快|着力|重点)发展|培育壮大|发展壮大|做强做大|做大做强|发展(?<=[。；;\n]发展))((?:[{CJK}]{{2,8}}、){{0,7}}[{CJK}]{{2,8}})[，。；,;]"
)
# heads that name a sector of production (设施农业, 现代种业, 生物制药); modes of trade (服务贸易, 绿色贸易) are
# labelled as often as left over the tuning texts (17 / 17 list items, round x-inds8), so 贸易 is no head
_SECTOR_HEAD = re.compile(r"(?:农业|种业|渔业|牧业|制造|制药|产业|服务业|能源|材料|装备|器械)$")


GOODS = re.compile(r"装备|材料|器械|设备")


def made_goods(word: str) -> bool:
    """A class of manufactured goods (煤机装备, 先进材料, 医疗器械) — what a list closed by 等…制造业 must hold
    to name manufacturing sectors."""
    return len(word) > 2 and GOODS.search(word, len(word) - 2) is not None


# 现代 + a noun names a sector in the genre's own terms (现代物流, 现代金融, 现代种业: the modern form of an old
# trade), not 现代化 (a process)
_MODERN = re.compile(rf"现代(?!化)[{CJK}]{{2,6}}$")


# one grown object alone names a sector by a head of production with a field before it (清洁能源, 服务型制造);
# …产业 alone is left to the open-field rule, which refuses group words (新兴产业, 乡村富民产业), and …农业
# alone is labelled in one real text and left in another (定制农业, 现代化大农业)
_SINGLE_HEAD = re.compile(r"[^业\W](?:制造|制药|能源|材料|装备|器械)$")


def grown_lists(text: str) -> list[_Cand]:
    """大力发展现代设施农业、智慧农业、现代种业。: a list a growing verb governs, every item a known industry or a
    noun phrase ending in a sector head, names industries (a list with one other item — 绿色、智能等消费,
    含绿量、含金量 — names none)."""
    cands: list[_Cand] = []
    for m in scan(_GROWN_LIST, text):
        items, pos = [], m.start(1)
        for item in m.group(1).split("、"):
            items.append((pos, pos + len(item)))
            pos += len(item) + 1
        words = [text[a:b] for a, b in items]
        if len(words) == 1 and not _SINGLE_HEAD.search(words[0]):
            continue  # one object alone (大力发展清洁能源，) only with a head of production before it
        if all(w in lx.industries() or ((_SECTOR_HEAD.search(w) or _MODERN.match(w)) and "等" not in w) for w in words):
            cands += [(a, b, "industry_field", "industry.grown_list", 0.7) for a, b in items]
    return cands


# a name that states a quality of the base, not its field (重要|产业基地, 战略性|产业基地, 园区特色|产业基地)
_QUALITY_NAME = re.compile(r"(?:性|特色|重要|重点|优势|主导|支柱|主要)$")
# a 、-list of quoted brands closed by 等…产业基地 (“中国X之都”、“中国Y谷”等全国重要产业基地)
_QUOTED_BASES = re.compile(r"“[^“”，。]{2,12}”(?:、“[^“”，。]{2,12}”){1,9}(?=等[^，。；]{0,8}?产业基地)")
_QUOTED = re.compile(r"“([^“”]+)”")
_BASES = re.compile(r"(?:产业|生产|战略|原材料|制造业|研发)基地|集聚区")


# a numbered abbreviation (“两新”, “双碳”, “六新六特六优+N”, “1650”): the genre's slogans count the tasks or
# sectors they stand for (数字缩略语); the slogan names no field itself
_NUMBERED = re.compile(r"[一二三四五六七八九十百千万两双]|\d+(?![\dA-Za-z])")


def bases_and_quoted(doc: Doc, text: str) -> list[_Cand]:
    cands: list[_Cand] = []
    # industrial bases and clusters
    for m in scan(_BASES, text):
        s = left_name(doc, m.start(), 16)
        if m.start() - s >= 2 and not _QUALITY_NAME.search(text, s, m.start()):
            cands.append(
                (s, m.end(), "industrial_base" if "基地" in m.group(0) else "cluster", "industry.base_suffix", 0.7)
            )
    # “世界葡萄酒之都”、“中国算力之都”等全国重要产业基地: quoted brands a closer names as industrial bases
    for m in _QUOTED_BASES.finditer(text):
        for q in _QUOTED.finditer(text, m.start(), m.end()):
            cands.append((*q.span(1), "industrial_base", "industry.quoted_bases", 0.7))
    # “高精特新”领域
    for m in re.finditer(r"“([^“”]{2,10}?)[+＋]?”(?:领域|产业)", text):
        # “机器人+”产业园: the field is 机器人; the + marks a campaign
        if not _NUMBERED.match(m.group(1)):
            cands.append((*m.span(1), "industry_field", "industry.quoted_field", 0.8))
    return cands


# a 、-list that opens its clause and is the subject of a measure of output (电子信息、高端装备制造营业收入…,
# 冶金有色、新材料、装备制造产业链产值…): statistical prose reports output per sector, so its items are sectors
# found from the measure back to its clause's start (a scan from every boundary cost as much as the rest of the stage)
_MEASURE = re.compile(r"营业收入|主营业务收入|产值|增加值|营收")  # literals first: the engine skips to them
_SHARED = re.compile(r"(?:全?产业链|产业)$")
_MEASURED_LIST = re.compile(rf"(?:(?:(?!等)[{CJK}]){{2,8}}、){{1,7}}(?:(?!等)[{CJK}]){{2,8}}")
_CLAUSE_MARKS = "，。；：,;:\n"


def _clause_start(text: str, p: int, back: int, marks: str = _CLAUSE_MARKS) -> int:
    """Just after the last clause mark in the `back` characters before p; -1 where there is none."""
    i = max(text.rfind(c, max(0, p - back), p) for c in marks)
    return i + 1 if i >= 0 else -1


_SCOPE_ITEM = re.compile(r"^(?:规上|规模以上|全省|全市|全区|全国|其中|第[一二三])")


def measured_lists(text: str) -> list[_Cand]:
    """The items of a sector list a measure of output follows: every item a content word, one of them a known
    industry or a sector head, or the list sharing 产业 / 产业链 (then a chain of each); 规上工业、服务业增加值
    (a scope first) and 粮食、棉花产量 (no sector word) name none."""
    cands: list[_Cand] = []
    for m in _MEASURE.finditer(text):
        head = _SHARED.search(text, max(0, m.start() - 4), m.start())
        end = head.start() if head else m.start()
        cs = _clause_start(text, end, 80)
        if cs < 0 or not _MEASURED_LIST.fullmatch(text, cs, end):
            continue
        items, pos = [], cs
        for item in text[cs:end].split("、"):
            items.append((pos, pos + len(item)))
            pos += len(item) + 1
        words = [text[a:b] for a, b in items]
        if any(_SCOPE_ITEM.match(w) or GENERIC.match(w) or is_stop(w) for w in words):
            continue
        known = sum(w in lx.industries() or bool(_SECTOR_HEAD.search(w)) for w in words)
        shared = head.group(0) if head else ""
        if not shared and known == 0:
            continue
        kind = "chain" if shared.endswith("链") else "industry_field"
        if shared == "产业":
            items[-1] = (items[-1][0], m.start())  # 高端装备产业增加值: the last item keeps the head it shares
        cands += [(a, b, kind, "industry.measured_list", 0.7) for a, b in items]
    return cands


_RANK = re.compile(r"(?:世界级|国际级|国家级|全国|省级|市级|区域性)")


def without_place(text: str, s: int, e: int) -> int:
    """An industry is its field, not where or how high it stands: a leading place (浦东新区|生物医药产业, a
    token tagged ns) or rank or scope word (世界级|生物医药产业集群, 区域性|特钢产业基地) is cut off where four
    characters remain."""
    m = _RANK.match(text, s, e)
    if m and e - m.end() >= 4:
        return m.end()
    first = lcut(text[s:e])[0] if e - s > 4 else ""
    place = len(first) >= 2 and pos_table().get(first) == "ns" and first not in lx.industries()  # not 海洋
    if place and e - s - len(first) >= 4:
        return s + len(first)
    return s


# a 、-list that opens its clause and is the subject of a cluster designation (哈尔滨航空集群、…晋级国家先进制造业
# 集群, 定襄法兰锻造入选国家级中小企业特色产业集群): each item is the name of a designated cluster
_DESIGNATED = re.compile(
    rf"(?:已入选|已获评|已晋级|入选|获评|晋级)(?:新一批)?(?:国家级?|全国|省级?)?[{CJK}]{{0,10}}?集群"
)
_SUBJECTS = re.compile(rf"(?:[{CJK}]{{2,16}}、){{0,7}}[{CJK}]{{2,16}}")
_SUBJECT_SCOPE = re.compile(r"^(?:我省|我区|我市|全省|全区|全市|其中)")


def designated_clusters(text: str) -> list[_Cand]:
    """The clusters a designation names as its subject; an item holding 等 or a count (安全应急装备等4个共建产业集群)
    is left to the counted-cluster rule, and a scope word before the first item (我区|乳业) is no part of it."""
    cands: list[_Cand] = []
    for m in _DESIGNATED.finditer(text):
        cs = _clause_start(text, m.start(), 140)
        if cs < 0 or not _SUBJECTS.fullmatch(text, cs, m.start()):
            continue
        pos = cs
        for item in text[cs : m.start()].split("、"):
            s = pos + (sc.end() if (sc := _SUBJECT_SCOPE.match(item)) else 0)
            if pos + len(item) - s >= 2 and "等" not in item:
                cands.append((s, pos + len(item), "cluster", "industry.designated_cluster", 0.7))
            pos += len(item) + 1
    return cands


def not_designations(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """A cluster or park that is a designation the type lexicon lists (国家中小企业特色产业集群, 先进制造业集群,
    现代农业产业园: flag `entity`, awarded by a ministry) names a kind of platform, not a field: a candidate
    inside such a type hit (its level and region prefixes included) is dropped. Spans sorted by start: a bounded
    look-back per candidate, no candidates x hits scan."""
    spans = sorted((h.start, h.end) for h in doc.type_hits if "entity" in h.entry.flags)
    if not spans:
        return cands
    longest = max(b - a for a, b in spans)
    out = []
    for c in cands:
        s, e = c[0], c[1]
        lo, hi = bisect.bisect_left(spans, (s - longest, 0)), bisect.bisect_right(spans, (s, len(doc.text)))
        if not any(e <= b for _a, b in spans[lo:hi]):
            out.append(c)
    return out


# one sector's growth figure (、航空航天增长20%以上、新能源装备制造增长30%以上): a sector word opening its clause or
# list item, then a measure and 增长 / 下降 with a number; a scope (规上服务业) or an aggregate (第一产业) is none
_SECTOR_GROWTH = re.compile(r"(?:增长|下降)\d")
_GROWTH_MEASURE = re.compile(r"(?:营业收入|产值|增加值)?(?:预计)?$")
_GROWTH_PHRASE = re.compile(rf"(?:促进|推动|力争)?([{CJK}]{{2,14}})")


def sector_growth(text: str) -> list[_Cand]:
    """The sector of a growth figure; two sectors joined by 和 (先进金属材料和先进装备制造营业收入增长10%) are two."""
    cands: list[_Cand] = []
    for g in _SECTOR_GROWTH.finditer(text):
        end = _GROWTH_MEASURE.search(text, max(0, g.start() - 6), g.start())
        stop = end.start() if end else g.start()
        cs = _clause_start(text, stop, 20, "、" + _CLAUSE_MARKS)
        m = _GROWTH_PHRASE.fullmatch(text, cs, stop) if cs >= 0 else None
        if m is None:
            continue
        s, phrase = m.start(1), m.group(1)
        parts = phrase.split("和") if phrase.count("和") == 1 else [phrase]
        if not all(_growing_sector(p) for p in parts):
            continue
        for p in parts:
            cands.append((s, s + len(p), "industry_field", "industry.sector_growth", 0.7))
            s += len(p) + 1
    return cands


_AGGREGATE = re.compile("第[一二三]产业|规上|规模以上")


def _growing_sector(word: str) -> bool:
    if len(word) < 2 or _SCOPE_ITEM.match(word) or _AGGREGATE.match(word) or GENERIC.match(word):
        return False
    return word in lx.industries() or bool(_SINGLE_HEAD.search(word)) or bool(re.search(r"..(?:种业|渔业)$", word))


def activity_field(tok: str) -> bool:
    """旅游|产业, 咨询|产业, 循环|产业: a verbal noun of two or more characters right before the head names the
    activity the sector lives by (jieba's vn); the anchors of the open-field rule still apply."""
    return len(tok) >= 2 and pos_table().get(tok, "x") == "vn" and tok not in _RELATIONAL


# verbal nouns that relate to industry rather than name a trade (服务|产业发展 = serve it, 配套|产业 = supporting)
_RELATIONAL = frozenset(
    {"服务", "创新", "配套", "融合", "发展", "转型", "升级", "支撑", "协作", "合作", "管理", "监管"}
)

"""Industries, fields, clusters and industrial bases."""

from __future__ import annotations

import bisect
import itertools
import re

from ingest.policy import lexicon as lx
from ingest.policy.extract import industry_grammar as ig
from ingest.policy.extract import industry_heads, industry_joined, industry_lists
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import CJK, GENERIC, is_hard_stop, is_stop, lcut, pos_table
from ingest.policy.extract.names import left_name
from ingest.policy.extract.patterns import scan
from ingest.policy.extract.regions import REGIONS
from ingest.policy.extract.typehits import TypeHit
from ingest.policy.models import Industry

# 等 + up to eight characters + a field word; not 等方式做大产业… (a list of means), 等地区… / 等地举办… (a list
# of places), …产业化 (an activity), …产业项目 / 基金 / 活动 / 基地 (things of an industry), …产业合作模式 (ways of
# working together) nor …服务业态 (服务 + 业态: forms of retail, not a sector)
_ENUM_END = re.compile(
    r"等(?!地(?!方))(?:(?!方式|方面|措施|途径|渠道|形式|各类|旅游|消费|地区|国家|城市|省份)[^,。;、]){0,8}?"
    r"(?:领域|产业(?!化|项目|基金|用地|政策|活动|合作|基地)|研制|方向|行业|增长点|赛道|服务业(?!态)|制造业)"
)
_SECTOR = (
    "农业",
    "海洋",
    "数字",
    "文化",
    "生物",
    "健康",
    "医药",
    "装备",
    "材料",
    "能源",
    "信息",
    "电子",
    "汽车",
    "化工",
    "食品",
    "旅游",
)
_ENUM_LEAD = re.compile(
    r"^(?:重点围绕|围绕|面向|聚焦|瞄准|培育引导|培育|引导|支持|大力|积极|做大做强|做强做大|壮大|发展|推进|加快|重点|"
    r"涉及|包括|在|如|对|和)+"
)


# Verbs of working together (相关处室会同产业集群牵头部门): they end the field words of a cluster, whose name
# is made of content words only.
_COORDINATION = frozenset({"会同", "联合", "配合", "协同", "会商", "协助"})


def _field_before(doc: Doc, s: int) -> int:
    """Start of the field words right before a cluster head (数字经济|产业集群): up to three content
    tokens, none of them a stop, a conjunction, a role or a type."""
    window = doc.text[max(0, s - 12) : s]
    toks = lcut(window)
    start = s
    for n, t in enumerate(reversed(toks)):
        if n == 3 or is_hard_stop(t) or t in "与和及" or t in _COORDINATION:
            break
        if is_stop(t) and not (n == 0 and (_noun_verb(toks, t) or ig.activity_field(t))):
            break
        if t in lx.roles() or t in lx.types() or _LEAD_VERB.fullmatch(t):
            break  # a verb of growing it (壮大|生物医药产业集群) governs the cluster, it names no field
        if not re.fullmatch(f"[{CJK}]+", t) or GENERIC.match(t):
            break
        start -= len(t)
    return start


# the verbs of production that GB/T 4754 (国民经济行业分类) names its sectors with, after their object
# (汽车制造业, 农副食品加工业, 软件开发, 黑色金属冶炼和压延加工业): a noun + one of them is a field
_PRODUCTION_VERB = frozenset({"制造", "加工", "制药", "开发", "开采", "冶炼", "养殖", "种植", "育种", "建造", "生产"})


def _noun_verb(toks: list[str] | tuple[str, ...], last: str) -> bool:
    """装备|制造, 食品|加工 right before 产业: a verb of production after a noun is a nominalised field (its
    object first, as GB/T 4754 names sectors), not a verb governing the industry (承接|产业, 做好|产业)."""
    if len(toks) < 2 or (last not in _PRODUCTION_VERB and pos_table().get(last, "x") != "vn"):
        return False  # a verbal noun (文化|旅游, 纺织|服装) is a noun of the field too
    prev = toks[-2]
    return pos_table().get(prev, "x").startswith("n") and not is_stop(prev) and prev not in REGIONS


_Cand = ig.Cand

# A known field (新能源汽车, 人工智能) is an industry where a measure of production or an industry noun follows
# it (…产量增长, …增加值, …产业链, …领域, the …项目 it heads); elsewhere it names a technology or a resource
# (大数据支撑), inside a “X+” slogan a campaign (a programme). Its 发展 makes it one where a verb of support takes
# that growth (支持新一代信息技术发展, 把握新能源汽车发展大势), not after a place (我省现代农业发展).
_FIELD_USE = re.compile(r"(?:产量|产销量|产值|增加值|营收|营业收入|产业链|行业|领域|项目)")
_GROWTH = re.compile(r"(?:的)?发展(?!中心|基金|研究)")
_SUPPORT_BEFORE = re.compile(r"(?:支持|把握|促进|推动|推进|加快|引导|扶持|鼓励|对)$")


def _field_in_use(text: str, s: int, e: int) -> bool:
    if _GROWTH.match(text, e):
        return _SUPPORT_BEFORE.search(text, max(0, s - 2), s) is not None
    if text.startswith("项目", e):  # 总投资…的新材料项目: the field heads the project, not 氟硅新材料 (a product)
        return s > 0 and text[s - 1] in "的，。、；：,;:"
    return bool(_FIELD_USE.match(text, e)) and text[e : e + 4] != "领域的"


# a zone or a designated city after an industry term names what it is for; 化 makes the term a process
_ZONE_AFTER = re.compile(r"示范区|开发区|试验区|先导区|标杆城市|化(?!工)")


def _dictionary_industries(doc: Doc, text: str) -> list[_Cand]:
    cands: list[_Cand] = []
    for s, e, w, kind in lx.longest_matches(lx.industry_automaton(), text):
        if kind == "industry_field":
            if _field_in_use(text, s, e):
                cands.append((s, e, "industry_field", "industry.dict_field", 0.8))
            continue
        if w.endswith("业") and text.startswith("务", e):
            continue  # 金融业务: 金融 + 业务 (business), not the sector 金融业
        if _ZONE_AFTER.match(text, e):
            continue  # 高新技术产业开发区, 数字经济标杆城市, 产业集群化: a zone's field or a process, no sector
        if "传统" in w and text.startswith("转型", e):
            continue  # 推动传统产业转型升级 states a task on all old industries, it names no sector
        if w.endswith("产业"):
            for sec in _SECTOR:
                if text.startswith(sec, s - len(sec)):
                    s -= len(sec)
                    break
        # a cluster is named by its field: 数字经济产业集群, 碳纤维产业集群, 战略性新兴产业集群
        if kind == "industry_group" and text.startswith("集群", e):
            e, kind = e + 2, "cluster"
        if kind == "cluster" and w in {"产业集群", "集群"}:
            s, bare = _field_before(doc, s), s
            if s == bare:
                continue  # 产业集群 alone: a generic word (a platform type), no field of industry
        cands.append((s, e, str(kind), "industry.dict", 1.0))
    return cands


def _enum_parts(text: str, list_s: int, list_e: int) -> list[tuple[int, int]]:
    """The items of an enumeration A、B、C和D as spans; the last one split at 和 when both sides are long."""
    seg = text[list_s:list_e]
    parts, pos = [], list_s
    for p in seg.split("、"):
        parts.append((pos, pos + len(p)))
        pos += len(p) + 1
    if len(parts) < 2:
        return parts
    ls, le = parts[-1]
    last = text[ls:le]
    if "和" in last:
        a, b = last.split("和", 1)
        if len(a) >= 4 and len(b) >= 4:
            parts[-1] = (ls, ls + len(a))
            parts.append((ls + len(a) + 1, le))
    return parts


# a verb of growing with its manner (做优做强, 做精做优, 深耕) before the first item of a list
_GROW_LEAD = re.compile(r"(?:做[大强优精]){2}|深耕")


def _verb_prefix(window: str) -> int:
    """Length of the predicate before the first item (辐射到|能源, 坚决防范|交通运输, 培育形成|电子信息): adverbs
    and verbs up to the last verb of two or more characters that a noun follows; a noun first ends it
    (新能源智能网联汽车 keeps 网联), and so does a verb of production (装备|制造)."""
    toks = lcut(window)
    pos = cut = 0
    for t, nxt in itertools.pairwise(toks):
        tag = pos_table().get(t, "x")
        if tag not in {"v", "d", "ad", "c", "p"} or t in _PRODUCTION_VERB:
            break
        pos += len(t)
        if tag == "v" and len(t) >= 2 and pos_table().get(nxt, "x").startswith("n"):
            cut = pos
    return cut


def _first_item_start(text: str, fs: int, fe: int) -> int:
    """The first item starts after the last function word or lead verb (我厅围绕|汽车,
    单位要面向|粮食安全), or is the longest industry term the window ends with."""
    if fe - fs > 20:
        fs = fe - 20
    window = text[fs:fe]
    leads = [m.end() for m in _GROW_LEAD.finditer(window)]  # jieba cuts 做优做强 into single characters
    if leads:
        fs, window = fs + leads[-1], window[leads[-1] :]
    verbs = _verb_prefix(window)
    fs, window = fs + verbs, window[verbs:]
    known = [w for w in lx.industries() if window.endswith(w) and not window[: -len(w)].endswith(("与", "和"))]
    if known:
        return fe - len(max(known, key=len))
    pos = fs
    for t in lcut(window)[:-1]:
        pos += len(t)
        if t in "与和及":  # coordination inside one item: 航空发动机和燃气轮机
            continue
        if t == "现代":  # tagged a time word, but 现代|煤化工 names the modern form of a sector
            continue
        if is_hard_stop(t) or _ENUM_LEAD.fullmatch(t) or not re.fullmatch(f"[{CJK}]+", t):
            fs = pos
    return fs


def hits_in(doc: Doc, s: int, e: int) -> list[TypeHit]:
    """Type hits starting in [s, e), by bisection on their core (sorted; a prefix is at most 16 characters)."""
    hits = doc.type_hits
    out = []
    for k in range(bisect.bisect_left(hits, s - 16, key=lambda h: h.core_start), len(hits)):
        if hits[k].core_start >= e:
            break
        if s <= hits[k].start < e:
            out.append(hits[k])
    return out


_DISEASE = re.compile(r"(?:病|症|急救|疫情)$")
# an item led by a verb of governing (强化矿山、深入开展燃气) or ending in an activity (生产管理、乡村建设、转型升级)
# or in a work of infrastructure (高标准农田、城市地下管网、沿边基础设施) names a task, not an industry
_TASK_LEAD = re.compile(
    r"^(?:深入|开展|强化|深化|紧盯|压实|加强|加快|推进|推动|落实|完善|健全|持续|全面|严格|扎实|着力|积极|切实)"
)
_ACTIVITY_END = re.compile(r"(?:管理|建设|升级|合作|追溯|检修|过程|改革|治理|互操作|更新|基础设施|管网|农田|管廊)$")
# an organisation names who acts, not a sector (行业协会, 科技类学会, 公共机构)
_ORGANISATION_END = re.compile(r"(?:协会|学会|商会|联合会|机构|组织|单位|部门|院校|高校|院所)$")


def _task_item(item: str) -> bool:
    """A task, not a sector: led by a governing word, ending in an activity, or a verb with its object
    (促消费, 增后劲, 惠民生)."""
    if item in lx.industries():
        return False
    toks = lcut(item)
    verb_object = len(toks) == 2 and len(toks[0]) == 1 and len(toks[1]) >= 2 and pos_table().get(toks[0], "n") == "v"
    return bool(_TASK_LEAD.match(item) or _ACTIVITY_END.search(item) or _ORGANISATION_END.search(item) or verb_object)


def _not_industries(text: str, parts: list[tuple[int, int]]) -> bool:
    """An enumeration of qualities (科学前沿、新兴、交叉、边缘等领域: most items two characters no lexicon
    is an adjective: 新兴) or of diseases (常见病、高发病) names no industries."""
    items = [text[s:e] for s, e in parts]
    quality = [i for i in items if i not in lx.industries() and pos_table().get(i, "n") in {"a", "b", "s", "f"}]
    return bool(quality) or any(_DISEASE.search(i) for i in items)


def _list_tail(text: str, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The items of the list proper: it starts in the last item that holds a governing verb with words before
    and after it (企业、高校、科研机构开展|海洋资源开发、…) or a nested list closed by 等 and continued by 和
    (物流、港口等现代服务业和|新材料、…); the items before are who acts or the other list."""
    for k in range(len(parts) - 1, 0, -1):
        s, e = parts[k]
        item = text[s:e]
        j = item.find("等")
        if j >= 0:
            c = max(item.find("和", j), item.find("及", j))
            return ([(s + c + 1, e)] if c >= 0 else []) + parts[k + 1 :]
        toks = lcut(item)
        pos = s + len(toks[0]) if toks else s
        for tok in toks[1:-1]:  # a subject before the verb, an object after it (建设施工 is a sector)
            pos += len(tok)
            if tok in _GOVERNING:
                pos += 1 if text[pos : pos + 1] in ("和", "及", "与") else 0
                return [(pos, e), *parts[k + 1 :]]
    return parts


# verbs that take the list as their object (…科研机构开展|…, …企业加强|…)
_GOVERNING = frozenset(
    {
        "开展",
        "加强",
        "推进",
        "推动",
        "建立",
        "建设",
        "发展",
        "培育",
        "实施",
        "加快",
        "聚焦",
        "围绕",
        "面向",
        "涉及",
        "包括",
    }
)


def _enum_items(doc: Doc, text: str, list_s: int, list_e: int, rule: str, single: bool = False) -> list[_Cand]:
    parts = _list_tail(text, _enum_parts(text, list_s, list_e))
    if len(parts) < (1 if single else 2):
        return []
    fs, fe = parts[0]
    parts[0] = (_first_item_start(text, fs, fe), fe)
    if _not_industries(text, parts):
        return []
    cands: list[_Cand] = []
    for s, e in parts:
        typed = hits_in(doc, s, e)
        if typed:
            j = text.find("和", typed[-1].end, e)
            if j < 0:
                continue
            s = j + 1
        item = text[s:e]
        if pos_table().get(item, "n")[0] in "avd" or item in lx.roles() or _task_item(item):
            continue
        if 2 <= len(item) <= 16 and re.fullmatch(rf"[{CJK}\-]+", item):
            cands.append((s, e, "industry_field", rule, 0.8))
    return cands


def _known_enumerations(doc: Doc, text: str) -> list[_Cand]:
    """A list A、B、C等 whatever follows 等, when two of its items are industries the lexicon knows
    (大数据、云计算、人工智能、区块链…等具有比较优势的战略性新兴产业): the others are industries too."""
    cands: list[_Cand] = []
    for m in re.finditer("等", text):
        w0 = max(0, m.start() - 120)  # bounded: no scan back over a long text without punctuation
        ls = max(text.rfind(c, w0, m.start()) for c in ",。;:(\n")
        list_s = ls + 1 if ls >= 0 else w0
        if "、" not in text[list_s : m.start()]:
            continue
        parts = _enum_parts(text, list_s, m.start())
        # an industry that is the clause's subject (医药健康产业推动|生物医药、现代中药…等) lists its fields: one
        # known item is enough there
        subject = _INDUSTRY_SUBJECT.match(text, list_s, parts[0][1])
        if not subject and sum(text[a:b] in lx.industries() for a, b in parts[1:]) < 1:
            continue  # the first item alone cannot make two (no jieba run for it)
        parts[0] = (subject.end() if subject else _first_item_start(text, *parts[0]), parts[0][1])
        if sum(text[a:b] in lx.industries() for a, b in parts) >= (1 if subject else 2):
            cands += _enum_items(doc, text, list_s, m.start(), "industry.enumeration_known")
    return cands


_INDUSTRY_SUBJECT = re.compile(
    rf"\s*[{CJK}]{{2,8}}(?:产业|行业)(?:要|将|重点|加快|持续)?(?:推动|突出|拓展|培育|发展|聚焦|围绕|壮大|布局|做强)"
)


_CONSUMPTION = re.compile(r".{0,3}(?:消费|以旧换新)")
_LAB_AFTER = re.compile(r"(?:全国|国家|省级?)?重点实验室")


_EMERGING = re.compile(r"等(?:新|新兴|前沿|未来)领域")
_CLAUSE_END = re.compile(r"[，,。；;！？\n]")


def _known_sector(item: str) -> bool:
    """A known industry, or one with a modifier before it (海洋|生物医药): a suffix of four or more characters,
    so that a generic word (交通, 健康, 大数据) does not make 城市交通 or 文化旅游 a sector."""
    return item in lx.industries() or any(item[i:] in lx.industries() for i in range(1, len(item) - 3))


def _fields_not_domains(doc: Doc, text: str, m: re.Match[str], items: list[_Cand]) -> bool:
    """A list closed by 等…领域 names sectors or fields where one item is a known industry, where it closes with
    new or emerging fields (量子科技、原子级制造等新领域) or a known sector (…等海洋领域), or where its clause
    builds a platform in them (…等领域创建…重点实验室, …等领域选择36个站点); else it lists domains of policy
    (公共安全、医疗健康等领域应用新技术, 财税金融、自然资源等重点领域改革)."""
    field = m.group(0)[1:-2].removeprefix("重点")  # 等海洋领域: the list's own sector names it
    if any(_known_sector(text[c[0] : c[1]]) for c in items) or _EMERGING.match(m.group(0)) or field in lx.industries():
        return True
    end = _CLAUSE_END.search(text, m.end(), m.end() + 40)
    return bool(doc.hits_between(m.end(), end.start() if end else m.end() + 40))


# a closer that counts or calls its items new (玉米等5大加工产业, 绿色建筑等新增长点): one item before 等 is
# already an instance of it
_COUNTED_CLOSER = re.compile(r"^等(?:\d+|[一二三四五六七八九十]+)[个大条类].{0,6}产业$|^等新增长点$")


# bounded counts after a non-digit: a run of a million digits is tried once, not once per digit
_COUNTED_CLUSTERS = re.compile(
    rf"等?(?:(?<!\d)\d{{1,4}}|(?<![一二三四五六七八九十])[一二三四五六七八九十]{{1,3}})个[{CJK}]{{0,10}}?集群"
)


def _enumerations(doc: Doc, text: str) -> list[_Cand]:
    cands: list[_Cand] = []
    for m in _ENUM_END.finditer(text):
        if "学科" in m.group(0) or "学科" in text[m.end() : m.end() + 4]:
            continue
        if _LAB_AFTER.match(text, m.end()):
            continue  # 农业、医药等领域全国重点实验室: the fields of laboratories, not sectors
        if _CONSUMPTION.match(text, m.end()):
            continue  # 汽车、家电、手机等领域促消费活动: goods of a consumption campaign, not sectors
        if m.group(0).endswith(("行业", "领域")) and ig.REGULATED.match(text, m.end()):
            continue  # 钢铁、水泥等重点行业超低排放改造: trades a safety or emission rule governs, not sectors
        ls = max(text.rfind(c, 0, m.start()) for c in ",。;:(\n")
        if m.group(0).endswith("制造业") and not ig.GOODS.search(text, ls + 1, m.start()):
            continue  # no class of goods in the list: no jieba run for it (the test on its items is below)
        single = _COUNTED_CLOSER.search(m.group(0)) is not None
        items = _enum_items(doc, text, ls + 1, m.start(), "industry.enumeration", single)
        if m.group(0).endswith("领域") and not _fields_not_domains(doc, text, m, items):
            continue  # 公共安全、公共交通、医疗健康等领域: domains of policy, not sectors
        if m.group(0).endswith("制造业") and not any(ig.made_goods(text[c[0] : c[1]]) for c in items):
            continue  # 一双鞋、一块玻璃等制造业 (a figure of speech), 研发设计、生产制造等 (activities): no sectors
        cands += items
    cands += _known_enumerations(doc, text)
    # a 、-list a count of clusters closes (沈阳航空、沈大工业母机、大盘绿色石化3个集群): the clusters' names
    for m in scan(_COUNTED_CLUSTERS, text):
        ls = max(text.rfind(c, max(0, m.start() - 120), m.start()) for c in ",。;:(\n")
        lst = text[max(ls + 1, m.start() - 120) : m.start()]
        if "、" in lst and not re.search(r"\d|个", lst):  # 4个万亿级产业基地、22个…集群: a list of counts
            cands += _enum_items(doc, text, max(ls + 1, m.start() - 120), m.start(), "industry.counted_clusters")
    # enumerations that end in a field-modified platform type: 金属材料、先进材料、精细化工产业技术创新平台
    for h in doc.type_hits:
        # type hits cover the whole text, `text` only the body (a footer after it is not scanned)
        if h.end > len(text) or h.start != h.core_start or h.start == 0 or text[h.start - 1] in "、,。":
            continue
        s = left_name(doc, h.start, 10)
        if s < h.start and text[s - 1 : s] == "、" and text[s : h.start] in lx.industries():
            ls = max(text.rfind(c, 0, s) for c in ",。;:(\n")
            cands += _enum_items(doc, text, ls + 1, h.start, "industry.enumeration_before_type")
    return cands


# X产业 / X制造业 / X服务业 / X加工业 / X农业 named by a field; not when the head is a modifier of another noun
# …农业 (智慧农业, 设施农业) names a sector only where a boundary, a count or its growth follows (not 农业转移人口,
# 农业水利设施, 农业龙头企业)
_OPEN_HEAD = re.compile(
    r"(?<![第一二三])(?:产业|制造业|服务业|加工业|农牧业|(?<!产)农业(?=[，。、；;,和与及等\d]|发展|现代化|提|增|扩|产值))"
    r"(?![园基集链化体区联协部结布政]|规划|开发区|示范区|先导区|试验区)"
)
# the field starts a clause (。人参产业综合产值…, 、高端装备产业), follows a verb of growing it or closes a
# list (碳纤维、光纤等|新型材料产业)
_OPEN_TRIGGER = re.compile(r"(?:发展|壮大|培育|做大做强|做强|推动|打造|布局|聚焦|突出|拓展)$")
_OPEN_NEAR = re.compile(
    r"[。；;！\n，,、]|发展|壮大|培育|做强|推动|打造|布局|聚焦|突出|拓展|推进|促进|围绕|实施|支持|扶持|营造|等|"
    + "|".join(sorted(ig.NOUN_TAGGED_VERBS))
)
_OPEN_CLAUSE = "。；;！\n，,、"
# group words (新兴产业, 特色产业, 主导产业): the lexicon's groups name these, not a field
_GROUP_WORD = re.compile(
    r"^(?:新兴|传统|特色|优势|主导|支柱|富民|先导|重大|重点|相关|省级|国家级|国家|县域|乡村|农村|城乡|强县|[一二三四五六七八九十]+大)"
)


_LEAD_VERB = re.compile(
    r"^(?:面向|围绕|依托|促进|提升|开展|搭建|建设|支撑|支持|引导|加强|加快|完善|深化|推进|制定|强化|落实|坚持|实施|"
    r"明晰|掌握|破解|实现|形成|带动|符合|安排|出台|调整|优化|鼓励|统筹|打好|紧扣|重构|发挥|控制|改造|新增|储备|探索|"
    r"组建|运用|利用|设立|增强|壮大|招商|发展|大力|积极|着力|培育|做大|做强|打造|布局|聚焦|推动|"
    r"使|以|为|在|对|其中|规上|我省|我区|我市|全省|本市|省|市|" + "|".join(sorted(ig.NOUN_TAGGED_VERBS)) + ")"
)


def _only_group(field: str) -> bool:
    """特色, 优势, 重点优势: a group word with nothing else is no field; 特色文旅 (a field after it) is one."""
    m = _GROUP_WORD.match(field)
    if m is None:
        return False
    if m.group(0) not in {"新兴", "传统", "特色", "优势", "主导", "支柱", "富民", "先导"}:
        return True  # 国家, 省级, 重点, 相关 … before a field: a scope, not part of it
    rest = field[m.end() :]
    return len(rest) < 2 or bool(_GROUP_WORD.match(rest) or GENERIC.match(rest))


# the country or the world as a scope (中国|产业转移发展对接会, 全球|产业分工): no field
_WORLD_SCOPES = frozenset({"中国", "全国", "全球", "世界", "国际", "国内", "海外"})


def _field_ok(field: str) -> bool:
    """A field of 2-8 characters, no region or zone, group word, generic modifier or leading verb."""
    return (
        2 <= len(field) <= 8
        and re.fullmatch(f"[{CJK}]+", field) is not None
        and field not in REGIONS
        and field not in _WORLD_SCOPES
        and not GENERIC.match(field)
        and not field.endswith(("和", "及", "与"))
        and not _only_group(field)
        and not _LEAD_VERB.match(field)
        and REGIONS.get(field[:2]) is None
        and not re.search("区(?:特色|优势|主导|重点|新兴)?$", field)  # 自创区特色产业: a zone's industries, no field
        and not field.startswith("好")  # 实施好|新一轮…: a verb's complement
    )


def _open_fields(doc: Doc, text: str, taken: list[_Cand]) -> list[_Cand]:
    """人参产业, 冰雪装备产业, 农产品加工业: content tokens (a field) before an industry head, that start
    a clause or follow a verb of growing the industry; never over what another rule found."""
    spans = sorted((c[0], c[1]) for c in taken)
    cands: list[_Cand] = []
    for m in scan(_OPEN_HEAD, text):
        e = m.start()
        i = bisect.bisect_left(spans, (m.end(), 0))
        # a dictionary head alone (制造业) does not block a field of nouns before it (电子信息|制造业)
        near = [sp for sp in spans[max(0, i - 8) : i] if sp != (e, m.end())]
        head_taken = len(near) < min(i, 8)
        if any(a < m.end() and e < b for a, b in near):
            continue  # the head lies in another rule's span: so would the field
        # the field starts right after a clause boundary or a growing verb: the anchors that give a field
        # passing the cheap tests, before any jieba run
        anchors = {a.end() for a in _OPEN_NEAR.finditer(text, max(0, e - 12), e) if _field_ok(text[a.end() : e])}
        if e <= 8 and _field_ok(text[:e]):
            anchors.add(0)
        s = _field_before(doc, e) if anchors else _after_verb(doc, text, e, m.end())
        if not anchors and s >= 0:
            anchors.add(s)
        later = [a for a in anchors if a > s]
        if s not in anchors and later:
            s = min(later)  # the field words ran over the growing verb (大力发展|生产性服务业): start after it
        fielded = s in anchors or text[s - 1 : s] == "把"
        if fielded and not any(a < m.end() and s < b for a, b in near) and (not head_taken or _noun_field(text[s:e])):
            cands.append((s, m.end(), "industry_field", "industry.open_field", 0.6))
        elif _one_character_field(text, e, m.group(0)):
            cands.append((e - 1, m.end(), "industry_field", "industry.open_field", 0.6))
    return cands


def _noun_field(field: str) -> bool:
    """Nouns only (电子信息, 汽车): what may name the field of a dictionary head, not a verb's phrase (如期完成)."""
    toks = lcut(field)
    return bool(toks) and all(t in lx.industries() or pos_table().get(t, "x").startswith("n") for t in toks)


# what may follow X产业 that a verb takes as its object: a boundary, its growth or a measure of it
_AFTER_VERB_NEXT = re.compile(r"[，。；、,;和与及等]|发展|规模|增加值|产值|营业收入|转型|提质|壮大|集聚")


def _after_verb(doc: Doc, text: str, e: int, head_end: int) -> int:
    """提升|石化产业, 制定|氢能产业发展计划, 把|文旅产业打造成…: the field words before an industry head start
    right after a verb (or 把, which fronts the object) that takes the industry as its object; -1 where none."""
    fronted = "把" in text[max(0, e - 10) : e]  # 把 fronts the object, whatever verb follows the head
    if not fronted and not _AFTER_VERB_NEXT.match(text, head_end):
        return -1  # 共建|碳纤维产业技术研究院, 构建|…产业生态: the verb's object is the platform or the ecosystem
    s = _field_before(doc, e)
    if s >= e or not _field_ok(text[s:e]):
        return -1
    toks = lcut(text[max(0, s - 4) : s])
    if not toks:
        return -1
    last = toks[-1]
    verb = len(last) >= 2 and pos_table().get(last, "x") == "v" and last not in _COORDINATION
    return s if last == "把" or (verb and _AFTER_VERB_NEXT.match(text, head_end)) else -1


def _one_character_field(text: str, e: int, head: str) -> bool:
    """鹅产业, 茶产业: a one-character noun right after a verb of growing an industry (发展壮大|鹅|产业)."""
    return (
        head == "产业"
        and e >= 3
        and pos_table().get(text[e - 1], "x") == "n"
        and _OPEN_TRIGGER.search(text, max(0, e - 5), e - 1) is not None
    )


_SHARED_HEAD = re.compile(r"(?:全?产业链|产业|制造业|服务业)$")


def _elided_heads(doc: Doc, text: str, cands: list[_Cand]) -> list[_Cand]:
    """新一代信息技术、高端装备产业增加值…, 信息、咨询产业: the items of a 、-list before a field that carries
    the industry head share that head (it is elided after each of them) where one of them is a known sector;
    the list is read as any other."""
    out: list[_Cand] = []
    for s, e, _kind, rule, _conf in cands:
        if rule not in {"industry.open_field", "industry.services", "industry.chain_field"} or text[s - 1 : s] != "、":
            continue
        head = _SHARED_HEAD.search(text, s, e)
        if head is None:
            continue
        ls = max(text.rfind(c, max(0, s - 80), s) for c in ",。;:(\n")
        items = _enum_items(doc, text, max(ls + 1, s - 80), head.start(), "industry.shared_head")
        # a known sector among them, or a shared chain (氢能、氨能、甲醇全产业链): a list of sectors, not of means
        if head.group(0).endswith("链") or any(text[a:b] in lx.industries() for a, b, *_ in items):
            out += items
    return out


def find_industries(doc: Doc) -> list[Industry]:
    text = doc.text[: doc.body_end]
    cands = _dictionary_industries(doc, text) + _enumerations(doc, text) + ig.bases_and_quoted(doc, text)
    cands += ig.economies(doc, text) + ig.chains(doc, text) + ig.services(doc, text) + ig.grown_lists(text)
    cands += ig.measured_lists(text) + ig.designated_clusters(text) + ig.sector_growth(text)
    cands += _open_fields(doc, text, cands)
    cands += _elided_heads(doc, text, cands)
    cands += industry_lists.list_members(doc, text, cands) + industry_lists.group_words(text)
    cands += industry_heads.headed_lists(doc, text, cands)
    cands += industry_lists.ecommerce(text) + industry_lists.modern_sectors(text) + industry_joined.joined_fields(text)
    cands = ig.not_designations(doc, cands)
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[Industry] = []
    starts: list[int] = []  # of `out`, ascending (candidates come by start): a container starts within `longest`
    longest = 0
    for s, e, kind, rule, conf in cands:
        near = out[bisect.bisect_left(starts, s - longest) :]
        # inside another item: dropped, unless only a dictionary item holds it and it does not end there (软件和|
        # 信息技术服务业 is the class's cut, not a member); the same span twice: once
        dict_rule = rule == "industry.dict"
        if any(
            o.span[0] <= s and e <= o.span[1] and (o.rule != "industry.dict" or dict_rule or e == o.span[1])
            for o in near
        ):
            continue
        # a brand keeps its 中国, a designated cluster its region (哈尔滨航空集群)
        s = s if rule in {"industry.quoted_bases", "industry.designated_cluster"} else ig.without_place(doc.text, s, e)
        out.append(Industry(span=(s, e), text=doc.q(s, e), name=doc.text[s:e], kind=kind, rule=rule, confidence=conf))
        starts.append(s)
        longest = max(longest, e - s)
    return out

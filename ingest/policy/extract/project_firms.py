"""Companies named as a project's prefix (the test and holdout READMEs: 比亚迪二期 → 比亚迪, 湘潭吉利新能源汽车项目 →
吉利, 海光芯片 → 海光).

A work report lists projects before 等(一批)(重大|重点)…项目 / 装置, one item or several (华锦阿美精细化工及原料工程、
…、鞍钢鲅鱼圈二期等重大项目; 加快实施某某新能印尼光伏等项目). An item that opens with a trade name and goes on with what
is built — a product or an industry word (华电|铁岭绿色氨醇, 鼎际得|高端新材料), a grade or size (波司登|高端羽绒服,
联合飞机|大型无人直升机), a region (华电|铁岭…), a capacity or a Latin product code (新奥|LNG三期),
or a phase right after a short name (恒力重工|二期) — names its company. Routes, works, halls and sites (…高速, …机场,
…至…, 隋唐洛阳城, …厂房, …社区) are not companies' projects, and a name that starts with a region is a place's
project (揭阳|重型网箱平台, 扬州泰州|机场二期工程).
"""

from __future__ import annotations

import re
from typing import Any

from ingest.policy import lexicon as lx
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import CJK, lcut, pos_table
from ingest.policy.extract.names import company_start, left_name, strip_region_level
from ingest.policy.extract.org_names import every_item, firm_like
from ingest.policy.extract.regions import REGIONS

# 等(一批)(25个)(总投资500亿元以上的)…项目: a count and an investment size may stand between 等 and the kind
_PROJECT_END = re.compile(
    rf"等(?:一批)?(?:\d+个(?:以上)?)?(?:总投资[\d.]+[万亿]?元(?:以上)?的)?([{CJK}\d]{{0,8}}?)(?:项目|装置)"
)
# the kind of an industrial project (整车项目, 数据中心和智算项目, 新材料项目): what firms build, not routes or works
_INDUSTRIAL = re.compile(r"整车|产业|制造|化工|材料|能源|新能源|数据|算力|智算|电池|芯片|汽车|装备|医药")
_PROJECT_LIST = re.compile(rf"((?:[{CJK}（）()]{{3,20}}、)+[{CJK}（）()]{{3,20}})$")
_LEISURE_KIND = re.compile(r"文化|文旅|旅游|体育|农业|水利|交通|基础设施")
_BARE_LIST = re.compile(rf"((?:[{CJK}A-Za-z\d]{{2,5}}、)+[{CJK}A-Za-z\d]{{2,5}})$")
_INFRA = re.compile(
    r"(?:高速|公路|铁路|高铁|城际|枢纽|机场|港|港区|水库|灌区|电厂|核电|电站|段|水道|大桥|隧道|大道|航道)$"
)
# what an item builds that is no company's plant: a route, a work, a hall, a site
_NOT_PLANT = re.compile(
    r"(?:城|路|线|区|馆|码头|枢纽|机场|公路|铁路|高速|厂房|社区|景区|遗址|公园|水库|灌区|工程|大道|航道|直流|桥)$"
)
_FIRM_FORM = {"股份", "集团", "控股", "石化"}  # 石化: 锦州石化|针状焦, a refinery company's short name
_GRADE = {"高端", "先进", "新型", "绿色", "高性能", "大型", "超大型", "智能化", "高纯", "高温"}
# What a plant makes, by the grammar of Chinese chemical names: an element's own character (its radical 钅/石/气
# marks it: 钽粉, 硅氟; common metals, 碳 and 氢 are left, they open trade names and slogans: 金川, 零碳, 绿氢), a
# compound class suffix (乙烯, 烯烃, 芳烃, 甲醇, 芳纶, 氨纶) or a process (煤制|烯烃); a few products the suffixes
# miss. Energy words (电池, 光伏, 太阳能) are left: they follow generic nouns as often as names (异质结太阳能电池).
_ELEMENT = set("锂铍硼氮氧氟钠镁铝硅磷硫氯钾钙钛钒铬锰钴镍锌镓锗砷硒溴铷锶锆铌钼钯镉铟锡锑碲碘铯钡镧铈钕铪钽钨铂铋铀")
_CHEM_END = tuple("烯烃醇酯纶胺醚酮醛烷苯酚")
_PROCESS = re.compile("[煤油气]制.?|煤焦.?")  # 煤制|烯烃, 煤焦化, 煤焦氢: coal to chemicals, coal coking
_PRODUCT = {"尼龙", "超导", "储能", "芯片", "晶圆", "氨醇", "焦炭"}
_PHASE = re.compile(r"[一二三四五六七八九十]期$")
_BRACKET_PHASE = re.compile(r"[（(][一二三四五六七八九十]期[）)]$")
_CODE = re.compile(r"[A-Za-z\d][A-Za-z\d.]*|年产")
_VERB_POS = {"v", "vn", "vd"}
# verbs that open a project clause and govern its one item (服务保障|…, 建成投产|…, 力争开工|…)
_OPENING = re.compile(r"(?:力争|确保|全力|加快|推进|推动|实施|服务|保障|开工|建成|投产|建设|启动|新开工|竣工)+")


def material(t: str) -> bool:
    """Whether a token names a material or a product a plant makes (钽粉, 烯烃, 芳纶, 尼龙; not 金川, 宁煤)."""
    if len(t) < 2 or t.endswith("业"):
        return False
    return t in _PRODUCT or t.endswith(_CHEM_END) or bool(_PROCESS.fullmatch(t)) or bool(_ELEMENT & set(t))


def _builds(toks: tuple[str, ...], i: int, pos: int) -> bool:
    """Whether toks[i] (at character offset pos) begins what the project builds, after the trade name."""
    t = toks[i]
    if t in _GRADE or t in lx.industries() or t in REGIONS or _CODE.fullmatch(t) or material(t):
        return True
    if len(t) == 1 and i + 1 < len(toks) and (t + toks[i + 1][:1] in _GRADE or _PROCESS.fullmatch(t + toks[i + 1])):
        return True  # 中色东方|高|纯钽粉, 宝丰|煤|制烯烃: a grade or a process jieba cut in two
    if t in _ELEMENT and i + 1 < len(toks) and toks[i + 1][:1] in _ELEMENT:
        return True  # …|磷|氟|煤: elements jieba cut one by one (磷氟, 硫钛) are what the plant makes
    if toks[i - 1] in _FIRM_FORM:
        return True  # 吉电股份|大安一期: a company's form word ends its name
    if len(t) >= 2 and len(toks[i - 1]) >= 2 and pos_table().get(t, "") == "ns":
        return True  # 鞍钢|鲅鱼圈: a place after a whole word (益|海|嘉里: one unknown name cut into pieces)
    return bool(_PHASE.search(t)) and pos <= 4  # 恒力重工|二期; not 董酒扩建|一期


def _trade_name(item: str) -> int:
    """The length of the trade name opening `item` (no region first), or 0."""
    toks = lcut(item)
    pos = 0
    for i, t in enumerate(toks):
        if i and _builds(toks, i, pos):
            name = item[:pos]
            ok = 2 <= len(name) <= 6 and not _INFRA.search(name) and firm_like(name) and name not in REGIONS
            # 黄桶至|百色, 煤制甲醇和|哈密: a route, a list; 煤制|…: a process; 高纯|…: a grade; 80万吨|…: a capacity
            ok = ok and not re.search(r"[至和与及]|一体$|制$", name) and name not in _GRADE
            ok = ok and not re.match(r"[\d.]*[万亿千百]?吨", name)
            last = toks[i - 1]
            ok = ok and not (len(last) >= 2 and pos_table().get(last, "") == "v")  # 董酒扩建|一期: no verb ends it
            if ok and i > 1 and len(toks[0]) >= 3 and pos_table().get(toks[0], "") in {"j", "nt"} and material(t):
                return len(toks[0])  # 中石化|对位芳纶: an abbreviation is a whole name; a material's modifier follows
            return pos if ok else 0
        pos += len(t)
    return 0


def project_firm(item: str) -> tuple[int, int]:
    """The span of the trade name in a project item, or (0, 0). A region first is the plant's place (湘潭|吉利新能源
    汽车, 舟山|新奥LNG), unless the name after it is one common noun: then the region is the name's (上海电气).

    >>> project_firm("恒力重工二期"), project_firm("湘潭吉利新能源汽车"), project_firm("隋唐洛阳城")
    ((0, 4), (2, 4), (0, 0))
    """
    if _NOT_PLANT.search(item) or re.search("[至到]", item):
        return 0, 0  # 叙永至遵义: a route
    phase = _BRACKET_PHASE.search(item)
    if phase and firm_like(item[: phase.start()]) and item[: phase.start()] not in REGIONS:
        return 0, phase.start()  # 晓星氨纶（三期）: a firm's plant in its third phase
    rest, had_region = strip_region_level(item)
    r = len(item) - len(rest) if had_region else 0
    n = _trade_name(item[r:])
    if not n or (r and item[:r] not in REGIONS):
        return 0, 0
    noun = r and len(lcut(item[r : r + n])) == 1 and pos_table().get(item[r : r + n], "") in {"n", "j"}
    return (0, r + n) if noun else (r, r + n)


def project_firms(doc: Doc, add: Any) -> None:
    """华锦阿美精细化工及原料工程、…、鞍钢鲅鱼圈二期等重大项目: the trade names that open project items; one item
    before 等…项目 (加快联合飞机大型无人直升机等项目建设) is read the same way."""
    text = doc.text
    for end in _PROJECT_END.finditer(text, 0, doc.body_end):  # the rare end first, then the items before it
        sep = text.rfind("、", max(0, end.start() - 21), end.start())
        if sep < 0:
            s = company_start(doc, end.start())  # one item: back to the clause's verbs (加快实施|…)
            lead = _OPENING.match(text, s, end.start())
            s = lead.end() if lead else s
            a, b = project_firm(text[s : end.start()]) if end.start() - s >= 4 else (0, 0)
            if b:
                add(s + a, s + b, "company", "entity.project_firm", 0.4, known=False)
            continue
        if end.start() - sep < 4:
            continue  # no list item of three characters or more right before 等 (a list of kinds)
        m = _PROJECT_LIST.search(text, max(0, end.start() - 120), end.start())
        if not m:
            continue
        if _INDUSTRIAL.search(end.group(1)) and not _LEISURE_KIND.search(end.group(1)) and _bare_firms(doc, end, add):
            continue
        pos = m.start(1)
        for k, item in enumerate(m.group(1).split("、")):
            s = pos
            if k == 0 and re.match(f"[{CJK}]", text[pos - 1 : pos]):  # 加快推进|中国原子能院…: no verbs
                phase = _BRACKET_PHASE.search(item)  # 晓星氨纶|（三期）: the name runs back from before the phase
                s = left_name(doc, pos + (phase.start() if phase else len(item)), 20, region_extend=False)
            elif k == 0 and text[pos - 1 : pos] in '”"':
                pos += len(item) + 1
                continue  # 习酒“十四五”|技改一期: the item began before the quotes, no name opens it here
            elif k == 0:  # ，开工建设|阳江三山岛…: after a boundary only the clause's opening verbs go
                s = pos
                for t in lcut(item):
                    if not (_OPENING.fullmatch(t) or pos_table().get(t, "") in _VERB_POS | {"d", "ad"}):
                        break
                    s += len(t)
            a, b = project_firm(text[s : pos + len(item)])
            if b:
                add(s + a, s + b, _owner_kind(text[s + a : s + b]), "entity.project_firm", 0.4, known=False)
            pos += len(item) + 1


_LONE_PROJECT = re.compile(r"项目(?=[建投主开竣完落签实加成获，。；,;])")
_CLAUSE_START = re.compile(r"[。，,；;：:、！!？?\n]")


def lone_projects(doc: Doc, add: Any) -> None:
    """吉化120万吨乙烯项目主体完工, 加快巨化高性能硅氟新材料项目建设: one project named as a clause's subject or
    object, without 等 or a list, opens with its builder's trade name when a product, a capacity or a grade
    follows it (the item grammar of `project_firm`); the clause's opening verbs are no part of it."""
    text = doc.text
    for m in _LONE_PROJECT.finditer(text, 0, doc.body_end):
        lo = max(0, m.start() - 24)
        bounds = [b.end() for b in _CLAUSE_START.finditer(text, lo, m.start())]
        if not bounds and lo:
            continue  # no clause start within reach: a long phrase, no project item
        s = bounds[-1] if bounds else 0
        if re.search("[等和与及]", text[s : m.start()]) or not 4 <= m.start() - s <= 18:
            continue  # 等…项目 is the list grammar's; 和 / 与 join two things
        lead = _OPENING.match(text, s, m.start())
        s = lead.end() if lead else s
        a, b = project_firm(text[s : m.start()])
        if b and _proper_tokens(text[s + a : s + b]):
            add(s + a, s + b, _owner_kind(text[s + a : s + b]), "entity.project_firm", 0.4, known=False)


_NOT_NAME_POS = {"v", "vn", "vd", "d", "ad", "a", "m", "q", "t", "r", "c", "p", "l", "i"}
_PROPER_POS = {"ns", "nr", "nz", "nt", "j"}


def _proper_tokens(name: str) -> bool:
    """A lone item's name has a proper word (a place, a person's or a brand's name, an abbreviation: 吉林|化纤,
    兰州|石化, 巨|化) and no verb, adverb, adjective, number, time word or idiom (全面完成, 首批, 协同布局): without
    a list around it, only its words tell a trade name from a clause's opening."""
    tags = [pos_table().get(t, "") for t in lcut(name)]
    return not re.search("[“”\\d]", name) and not set(tags) & _NOT_NAME_POS and bool(set(tags) & _PROPER_POS)


_REFINERY = re.compile(rf"([{CJK}]{{2,3}})石化(?!产业|行业|新材料|基地|集群|园区|化工|工业|企业|装备|产品|领域|等产业)")


def refinery_firms(doc: Doc, add: Any) -> None:
    """燕山石化, 锦城石化组建运营, 加快洛阳石化百万吨乙烯项目: a place before 石化 names the refinery company of that
    place (the state groups' subsidiaries are named so), unless 石化 goes on into an industry, a base or a cluster
    (洋浦石化新材料, 世界一流石化产业基地) or what leads it is no place (绿色石化, 一流石化)."""
    text = doc.text
    for m in _REFINERY.finditer(text, 0, doc.body_end):
        place = lcut(m.group(1))[-1]
        if len(place) >= 2 and (place in REGIONS or pos_table().get(place, "") == "ns"):
            add(m.end() - len(place) - 2, m.end(), "company", "entity.refinery_firm", 0.5, known=False)


def _owner_kind(name: str) -> str:
    """A project's owner that ends in an institute's head is an institution (中国原子能院|葫芦岛基地; 华西二院 is a
    hospital), else a company."""
    return "institution" if re.search(r"(?:(?<![一二三四五六七八九十])院|研究所)$", name) else "company"


def _bare_firms(doc: Doc, end: re.Match[str], add: Any) -> bool:
    """北汽、小米、理想等重点整车项目, 亚马逊、腾讯、中国移动等25个数据中心和智算项目: a list of short bare names before
    an industrial kind of project names the firms that build them, when every item is firm-like and none yields a
    trade name with a product after it (that is the item grammar's case). Whether such a list was read."""
    text = doc.text
    bare = _BARE_LIST.search(text, max(0, end.start() - 60), end.start())
    if not bare:
        return False
    items = bare.group(1).split("、")
    first_end = bare.start(1) + len(items[0])
    pos = bare.start(1)
    if re.match(f"[{CJK}]", text[pos - 1 : pos]):
        pos = company_start(doc, first_end)  # 加快建设|亚马逊
        lead = _OPENING.match(text, pos, first_end)
        pos = lead.end() if lead else pos
    items[0] = text[pos:first_end]
    if any(project_firm(it)[1] for it in items):
        return False
    spans = every_item(items, pos, firm_like)
    for s, e in spans:
        add(s, e, "company", "entity.project_firm", 0.4, known=False)
    return bool(spans)

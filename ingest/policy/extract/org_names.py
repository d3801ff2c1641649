"""Organisations named by a place before a plain suffix: 安徽电信公司, 省铁塔分公司, 中国船舶重工集团公司.

A bare …公司 is most often a class (上市公司, 平台公司, 跨国公司, 金融资产投资公司); a company of one region
(a region name, or 省 / 市 / 自治区 standing for the document's) followed by a short stem is that region's
one company of the line (安徽移动公司, 省铁塔公司). …集团公司 is a group's full name whatever leads it,
and 第N研究所 after it one of its institutes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any

from ingest.policy import lexicon as lx
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import CJK, GENERIC, STOP_TOKENS, lcut, pos_table
from ingest.policy.extract.names import company_start, is_generic, left_name, strip_region_level
from ingest.policy.extract.patterns import finditer_at, scan, starts_before
from ingest.policy.extract.regions import REGIONS
from ingest.policy.extract.zone_names import is_proper, proper_start

_PLAIN = re.compile(r"(?<![有限责任股份])(?:集团|分)?公司|银行(?![业等])")
_NUMBERED_UNIT = re.compile(r"第[一二三四五六七八九十百零〇\d]{1,5}(?:研究所|研究院|研究中心)")
# stems that name a class of company, not one company
_CLASS_STEM = re.compile(
    r"(?:上市|子|母|平台|融资平台|运营|投资|资产管理|金融资产投资|担保|融资担保|保险|证券|信托|财务|租赁|"
    r"小额贷款|贷款|金融|创投|风险投资|国有|民营|外资|跨国|集体|专业|相关|管理|服务)$"
)


# a state group's company in a region: 国家电网青海电力公司, 中国移动浙江公司 (the group's name, then the region)
_GROUP_LEAD = re.compile(rf"(?:国家|中国)[{CJK}]{{2,4}}?(?=[{CJK}]{{2,}})")


def _region_led(name: str) -> str | None:
    """The stem after the region of a region-led company name, else None."""
    if name.startswith(("省级", "市级", "县级", "省属", "市属", "各")):
        return None
    group = _GROUP_LEAD.match(name)
    if group:
        for i in range(group.end(), min(len(name) - 1, group.end() + 3)):
            if any(name[i : i + n] in REGIONS for n in (2, 3)):  # 国家电网|青海电力, 中国移动|浙江
                rest, _ = strip_region_level(name[i:])
                return rest or name[2 : group.end()]  # the group's line when the region ends the name
    rest, had_region = strip_region_level(name)
    if not had_region and not name.startswith(("省", "市", "自治区")):
        return None
    return rest


def plain_companies(doc: Doc, add: Any) -> None:
    text = doc.text
    for m in scan(_PLAIN, text, 0, doc.body_end):
        s = company_start(doc, m.start())
        name = text[s : m.start()]
        if len(name) < 2 or "的" in name or GENERIC.match(name):
            continue
        if m.group(0) == "集团公司":
            unit = _NUMBERED_UNIT.match(text, m.end())
            if unit:  # 中国电子科技集团公司第二十二研究所: the group's numbered institute
                add(s, unit.end(), "institution", "entity.group_institute", 0.7, known=False)
            else:
                add(s, m.end(), "company", "entity.group_company", 0.7, known=False)
            continue
        stem = _region_led(name)
        if m.group(0) == "银行" and stem == "":
            stem = name if name in REGIONS else None  # 新疆银行: a region's own bank
        elif stem is None or not 2 <= len(stem) <= 8 or _CLASS_STEM.search(stem) or GENERIC.match(stem):
            continue
        if stem is None or (m.group(0) == "银行" and "银行" in stem):
            continue  # 新疆银行整合|库尔勒银行: one bank's name does not run over another's
        if stem in lx.industries() or stem in lx.types():
            continue
        add(s, m.end(), "company", "entity.region_company", 0.6, known=False)


# 等(一批)(知名)(省属 / 区属 / 市属 …: the owning government's level)(国有 …)企业
_FIRMS_END = re.compile(
    r"等(?:一批)?(?:全球|国际|国内外|世界|国内)?(?:知名|著名)?(?:[省市区县]属|省管|市管|地方)?"
    r"(?:重点|骨干|龙头|领军|链主|央|国有|民营|头部)?企业"
)
# a work report's note mark after an item (国资运营［2］): no part of the name
_NOTE = r"(?:［\d{1,2}］|\[\d{1,2}\])"
_FIRM_LIST = re.compile(rf"((?:[{CJK}A-Za-z\d]{{2,8}}{_NOTE}?、)+[{CJK}A-Za-z\d]{{2,8}}{_NOTE}?)$")
# items that name a field, a kind or a place, not a firm (制造业、跨境电商等企业)
_FIELDISH = re.compile(r"(?:业|行业|领域|材料|电商|制造|服务|经济|数字|企业|机构|单位|地区|城市|园区|平台|中心)$")


def short_firms(doc: Doc, add: Any) -> None:
    """一重、哈电等企业, 北大荒、森工、龙煤等重点企业: short names listed right before 等(重点)企业 are
    companies when no item names a field, a kind or a place."""
    text = doc.text
    for end in _FIRMS_END.finditer(text, 0, doc.body_end):
        m = _FIRM_LIST.search(text, max(0, end.start() - 50), end.start())
        if not m:
            continue
        items, pos = list_items(doc, m)
        # one item that is also a place's name (阿里, 金山) is a firm among four or more firms before 等…企业
        places = {it for it in items if it in REGIONS}
        one_place = len(places) == 1 and len(items) >= 5
        ok = functools.partial(_noted_firm, places if one_place else set())
        for s, e in every_item(items, pos, ok):
            s += _foreign_lead(text[s:e])
            note = re.search(f"{_NOTE}$", text[s:e])
            add(s, note.start() + s if note else e, "company", "entity.short_firm", 0.5, known=False)


def list_items(doc: Doc, m: re.Match[str]) -> tuple[list[str], int]:
    """The items of the 、-list in m's group 1 and where the first begins: the verb that governs the list is no
    part of its first item (抓好|北大荒, 支持|超聚变)."""
    text = doc.text
    items = m.group(1).split("、")
    first_end = m.start(1) + len(items[0])
    pos = left_name(doc, first_end, 6, region_extend=False)  # 抓好|北大荒
    if first_end - pos < 2 and not re.match(f"[{CJK}]", text[m.start(1) - 1 : m.start(1)]):
        pos = m.start(1)  # ，一重、哈电: jieba cuts a numeral off; after a boundary the list starts there
        lead = lcut(items[0])[0]
        pos += len(lead) if lead in STOP_TOKENS else 0  # 支持|超聚变
    items[0] = text[pos:first_end]
    return items, pos


# 吴忠仪表等3家企业入选…, 支持中国一重等5家企业: one name before 等 + a count of firms stands for the firms counted
_COUNTED_FIRMS = re.compile(r"等[\d一二三四五六七八九十]+家(?:企业|公司)")
_COUNT_LEAD = re.compile(r"(?:支持|推动|鼓励|引导|推进|加快|组织)+")


def counted_firm(doc: Doc, add: Any) -> None:
    """One short name right before 等N家企业 is a company (the first of the firms counted)."""
    text = doc.text
    for m in _COUNTED_FIRMS.finditer(text, 0, doc.body_end):
        s = company_start(doc, m.start())
        lead = _COUNT_LEAD.match(text, s, m.start())
        s = lead.end() if lead else s
        name = text[s : m.start()]
        if "、" not in text[max(0, s - 1) : s] and foreign_or_firm(name):
            add(s, m.start(), "company", "entity.counted_firm", 0.5, known=False)


def _firm_or_place(places: set[str], item: str) -> bool:
    return item in places or foreign_or_firm(item)


def _noted_firm(places: set[str], item: str) -> bool:
    """_firm_or_place on the item without its note mark (国资运营［2］)."""
    return _firm_or_place(places, re.sub(_NOTE, "", item))


_FORM_WORDS = frozenset({"集团", "公司", "股份", "控股"})


def _foreign_lead(item: str) -> int:
    """The length of a foreign country's name opening a firm's item (美国|莱卡, 以色列|耐特菲姆), else 0: a place
    jieba's dictionary tags ns that the gazetteer of China's regions does not hold."""
    for n in range(min(5, len(item) - 2), 1, -1):  # 德国西门子 is one word of jieba's: prefixes, longest first
        lead = item[:n]
        if lead not in REGIONS and lead != "中国" and pos_table().get(lead, "") == "ns" and item[n:] not in _FORM_WORDS:
            return n  # not 金川|集团: a trade name jieba tags as a place, before a bare form word
    return 0


def foreign_or_firm(item: str) -> bool:
    """A firm's short name, or one led by its foreign country (意大利世科姆); a number alone is no firm (360 is)."""
    name = item[_foreign_lead(item) :]
    return firm_like(name) and not re.fullmatch(r"\d{1,2}", name)


# 推动中国中化、中国华能总部建成投用, 空客直升机中国总部落户: what has a headquarters is a firm
_HQ = re.compile(r"总部(?!经济|机构|集聚|招商|基地|和|及|、)")  # a plain word first: the scan stays cheap
_HQ_SCOPE = re.compile(r"(?:中国区?|区域|全球|地区)$")
_HQ_FIRMS = re.compile(rf"(?<=[，,。；;：:\n])((?:[{CJK}A-Za-z]{{2,8}}、)*[{CJK}A-Za-z]{{2,8}}?)$")
_HQ_CLASS = re.compile(r"企|公司|机构|组织|外资|跨国|各类|区域|地区")


def hq_firms(doc: Doc, add: Any) -> None:
    """The names whose headquarters a clause builds or brings in are firms, when every item is firm-like and
    none names a class (央企总部, 跨国公司地区总部, 国际科技组织总部)."""
    text = doc.text
    for m in _lists_before(doc, _HQ, _HQ_SCOPE, _HQ_FIRMS):
        items = m.group(1).split("、")
        first_end = m.start(1) + len(items[0])
        pos = left_name(doc, first_end, 10, region_extend=False)  # 推动|中国中化
        items[0] = text[pos:first_end]
        if any(_HQ_CLASS.search(it) for it in items):
            continue
        for s, e in every_item(items, pos, firm_like):
            add(s, e, "company", "entity.hq_firm", 0.5, known=False)


def _lists_before(
    doc: Doc, head: re.Pattern[str], lead: re.Pattern[str], names: re.Pattern[str]
) -> Iterator[re.Match[str]]:
    """The list of names ``names`` finds in the 40 characters before each ``head`` (the rare word, scanned
    first: the scan stays cheap), less a ``lead`` word just before the head (中国区 of 中国区总部, 完成)."""
    text = doc.text
    for h in head.finditer(text, 0, doc.body_end):
        before = lead.search(text, max(0, h.start() - 3), h.start())
        end = before.start() if before else h.start()
        m = names.search(text, max(0, end - 40), end)
        if m:
            yield m


# 融科储能、东软睿驰新晋为独角兽企业: short names at a clause start that become or are chosen as a class of firm;
# 进入“中国制造业民营企业500强”: a ranking of firms; 入选全球“灯塔工厂”: the World Economic Forum's title for a
# firm's plant names the firm
_BECOME = re.compile(
    r"(?:成功)?(?:(?:新晋为?|成为|晋级为?|跻身|入选|获评|被评为|入围|上榜)[^，,。；;、]{0,14}?(?:企业|独角兽|灯塔工厂)"
    r"(?:\d+强企业)?”?|进入[^，,。；;、]{0,24}?企业\d+强”?)(?=[，,。；;、])"
)
_BECOME_FIRMS = re.compile(rf"(?<=[，,。；;：:\n])((?:[{CJK}A-Za-z]{{2,8}}、)*[{CJK}A-Za-z]{{2,8}}?)(?:成功)?$")


def firms_that_become(doc: Doc, add: Any) -> None:
    """Names that 新晋为 / 成为 / 入选 / 获评 a class of firm (独角兽企业, 链主企业) are companies, when every item is
    firm-like and no place (泉州、龙岩入选…: cities chosen as pilots)."""
    text = doc.text
    for verb in scan(_BECOME, text, 0, doc.body_end):  # the verb first, then the names before it
        m = _BECOME_FIRMS.search(text, max(0, verb.start() - 60), verb.start())
        if not m:
            continue
        items = m.group(1).split("、")
        if any(it.startswith(_NOT_SUBJECT) or strip_region_level(it)[0] == "" for it in items):
            continue
        for s, e in every_item(items, m.start(1), firm_like):
            e -= 2 if text.endswith("公司", s, e) and e - s >= 4 else 0  # 思哲睿公司 → 思哲睿, as the golds name it
            add(s, e, "company", "entity.firm_that_becomes", 0.5, known=False)


_NOT_SUBJECT = ("让", "使", "推动", "支持", "力争", "争取", "确保")
# 吉林森工和长白山森工完成司法重整, 推进吉能集团、交投集团、一汽吉林战略性重组: firms that are restructured
_REORG = re.compile(r"司法重整|战略性重组")
_REORG_VERB = re.compile(r"(?:完成|实现)$")
_REORG_FIRMS = re.compile(
    rf"(?<=[，,。；;：:\n])(?:推进|实施|加快|推动|支持)?((?:[{CJK}]{{2,8}}[、和与])*[{CJK}]{{2,8}}?)$"
)
_FIRM_CLASS = re.compile(r"企业|国企|领域|重点|市属|省属|区属|一批|各")


def restructured_firms(doc: Doc, add: Any) -> None:
    """The names a clause restructures (…完成司法重整, …战略性重组) are firms, when every item is firm-like and
    none names a class (国企, 省属企业, 重点领域)."""
    for m in _lists_before(doc, _REORG, _REORG_VERB, _REORG_FIRMS):
        items = re.split("[、和与]", m.group(1))
        if any(_FIRM_CLASS.search(it) for it in items):
            continue
        for s, e in every_item(items, m.start(1), firm_like):
            add(s, e, "company", "entity.restructured_firm", 0.5, known=False)


def every_item(items: list[str], pos: int, ok: Callable[[str], bool]) -> list[tuple[int, int]]:
    """The spans of a 、-list's items from ``pos`` when every item passes ``ok``, else none: one item that is a
    field or a kind says the list is not of names.

    >>> every_item(["一重", "哈电"], 10, lambda s: len(s) == 2)
    [(10, 12), (13, 15)]
    >>> every_item(["一重", "制造业"], 10, lambda s: len(s) == 2)
    []
    """
    spans = []
    for item in items:
        if not ok(item):
            return []
        spans.append((pos, pos + len(item)))
        pos += len(item) + 1
    return spans


_TRADE_SUFFIX = ("乳业", "药业", "实业", "酒业")


def firm_like(item: str) -> bool:
    """A short item that may be a firm's name: no field, kind, place or industry."""
    trade = len(item) >= 4 and item.endswith(_TRADE_SUFFIX)  # 飞鹤乳业: a firm's suffix, not a sector's 业
    return (
        2 <= len(item) <= 6
        and (trade or not _FIELDISH.search(item))
        and not is_generic(item)
        and item not in REGIONS
        and item not in lx.industries()
        and item not in lx.types()
        and "的" not in item
    )


_VOUCHER = re.compile(r"创新券|科技券")
# 天有为公司上交所主板上市: the verb may follow a short object or place (上交所, 在科创板)
_NAMED_FIRM = re.compile(
    rf"(?<=[。，；;,\\n])([{CJK}]{{2,5}})公司(?=[{CJK}]{{0,6}}?(?:成为|获|上市|入选|实现|完成|建成|投产|牵头|通过))"
)


def vouchers_and_firms(doc: Doc, add: Any) -> None:
    """科技创新券 / 长江三角洲区域科技创新券: the voucher a government issues for buying S&T services is a named
    instrument (a programme); 思哲睿公司成为…: a short name before 公司 opening a clause whose verb reports what
    the firm did is that firm (the name without the classifier 公司)."""
    text = doc.text
    for m in _VOUCHER.finditer(text, 0, doc.body_end):
        s = left_name(doc, m.start(), 12)
        if m.start() - s >= 2 and "的" not in text[s : m.start()]:
            add(s, m.end(), "programme", "entity.voucher", 0.6, known=False)
    for m in finditer_at(_NAMED_FIRM, text, starts_before(text, ("公司",), 5), doc.body_end):  # 2-5 before 公司
        name = m.group(1)
        if name[0] in "该本其各此这子母" or _CLASS_STEM.search(name) or is_generic(name) or name in REGIONS:
            continue
        add(*m.span(1), "company", "entity.named_firm", 0.5, known=False)


# museums, galleries and libraries are culture, which the test and holdout READMEs leave out: hospitals only
_HALL = re.compile(r"医院")
_HALL_CLASS = re.compile(
    r"公立|民营|私立|[一二三]级|三甲|县级|市级|省级|[省市区]属|市县|社区|综合|专科|老年|研究型|定点|优质|平安|中医|各级|基层|部分"
)


# the owner hospital before a branch: a short name ending in 医院 or in an ordinal 院 (北大第一医院, 华西二院)
_OWNER_HOSPITAL = re.compile(r"(?:医院|[一二三四五六七八九]院)$")


def _region_prefixes(text: str) -> list[str]:
    return [text[:n] for n in (2, 3, 4) if text[:n] in REGIONS]


# a university's hospital carries the university's name (四川大学华西医院), a branch also the owner hospital's
# (中山大学附属第一医院|贵州医院): the name opens at the university
_UNIVERSITY_OWNER = re.compile(rf"[{CJK}]{{2,10}}(?:大学|学院)(?=(?:附属)?(?:第[一二三四五六七八九十]+)?(?:医院)?$)")


def _university_owner(text: str, s: int) -> int:
    """Where the university whose hospital's name goes on at `s` begins (a name the MoE list knows), or s."""
    m = _UNIVERSITY_OWNER.search(text, max(0, s - 20), s)
    if m is None:
        return s
    for a, b, _n, _u in lx.longest_matches(lx.university_automaton(), m.group(0)):
        if b == len(m.group(0)):
            return m.start() + a
    return s


def halls(doc: Doc, add: Any) -> None:
    """Hospitals and museums named by a place (雄安宣武医院, 上海工业博物馆, 山海关中国长城博物馆) or by a short
    regional prefix (自治区藏医院, 省人民医院); a class (公立医院, 三级医院, 县级中医医院) is none."""
    text = doc.text
    for m in _HALL.finditer(text, 0, doc.body_end):
        s = proper_start(doc, m.start())
        if s is None:
            s = left_name(doc, m.start(), 12)
            if not text.startswith(("自治区", "省", "市"), s) or text.startswith(("省级", "市级", "省市"), s):
                continue
        owner = False
        if _OWNER_HOSPITAL.search(text, max(0, s - 3), s) and _region_prefixes(text[s : m.start()]):
            o = left_name(doc, s, 10, region_extend=False)  # 北京天坛医院|河南医院: a branch carries its owner's name
            owner = s - o >= 3 and not _HALL_CLASS.search(text[o:s])
            s = o if owner else s
        u = _university_owner(text, s) if m.group(0) == "医院" else s
        owner, s = owner or u < s, u
        inner = [h.end() for h in _HALL.finditer(text, s, m.start())]
        branch = bool(inner) and is_proper(text[inner[-1] : m.start()])  # 浙江省人民医院毕节医院: a branch
        if inner and not branch and not text.startswith(("（", "("), inner[-1]) and not owner:
            s = inner[-1]  # 西夏陵博物馆|晋升…: a name never runs across another hall's name
        mod = text[s : m.start()]
        if len(mod) < 2 or "的" in mod or _HALL_CLASS.search(mod) or is_generic(mod):
            continue
        kind = "hospital" if m.group(0) == "医院" else "institution"
        add(s, m.end(), kind, "entity.named_hall", 0.5, known=False)

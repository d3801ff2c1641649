"""Names a text designates by its structure rather than by a suffix a gazetteer knows: the funds and awards a
government sets up (省设立…基金和…基金), the parks a zone is made of (由…园、…园、…园…组成) and a laboratory's
regional base (…实验室辽宁基地), and an item listed between two named platforms."""

from __future__ import annotations

import re
from typing import Any

from ingest.policy import lexicon as lx
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import CJK, is_stop, lcut
from ingest.policy.extract.names import is_generic, left_name, strip_region_level
from ingest.policy.extract.org_names import every_item
from ingest.policy.extract.patterns import finditer_at, scan, starts_before
from ingest.policy.extract.regions import REGIONS

# A government as the subject of 设立: 省设立 / 各级人民政府设立 / 省人民政府设立 (not 企业发起设立, 鼓励…设立).
_GOV_SETS_UP = re.compile(
    r"(?:^|(?<=[。；;，,：:\s]))(?:国家|省|市|县|自治区|(?:省|市|县|区)?(?:各级)?人民政府)(?:依法)?设立"
)
_SET_UP_ITEMS = re.compile(rf"[{CJK}、]{{2,60}}")
_ITEM_SPLIT = re.compile(r"(?<=基金)(?:和|及)|(?<=奖)(?:和|及)|、")  # not 普及
_SCIENCE = re.compile(r"科学|技术|科技")
_NOT_NAME_LEAD = re.compile(r"^(?:其他|其它|各类|有关|相关|各种|专项)")


def _set_up_items(text: str, s: int) -> list[tuple[int, int]]:
    """The fund / award items of the list after 设立 at s, and each 奖 named in a comma list after it."""
    out: list[tuple[int, int]] = []
    while True:
        m = _SET_UP_ITEMS.match(text, s)
        if not m:
            return out
        seps = list(_ITEM_SPLIT.finditer(text, s, m.end()))
        for start, end in zip([s, *(x.end() for x in seps)], [*(x.start() for x in seps), m.end()], strict=True):
            piece = text[start:end]
            cut = max(piece.rfind("等"), -1) + 1  # 粮食、…、畜牧等专项农业技术发展基金: the name after 等
            name = _NOT_NAME_LEAD.sub("", piece[cut:])
            if not name.endswith(("基金", "奖")) or "的" in name or not _SCIENCE.search(name) or len(name) < 5:
                continue
            b = start + len(piece) - len(name)
            out.append((b, end))
        nxt = text[m.end() : m.end() + 1]  # 设立科学技术进步奖，科学技术星火奖，: a comma list of awards
        after = _SET_UP_ITEMS.match(text, m.end() + 1)
        if nxt not in "，," or not after or not after.group().endswith("奖") or "、" in after.group():
            return out
        s = m.end() + 1


def set_up_funds(doc: Doc, add: Any) -> None:
    """省设立科学技术开发基金 / 省设立青年科学基金和自然科学技术著作出版基金 / 省人民政府设立科学技术进步奖，科学技术
    星火奖: what a government sets up under a science name is one fund or award (a firm's or society's 设立 is
    not: 鼓励社会力量设立…)."""
    text = doc.text
    for m in scan(_GOV_SETS_UP, text, 0, doc.body_end):
        for s, e in _set_up_items(text, m.end()):
            add(s, e, "programme", "entity.set_up_fund", 0.7, known=False)


# A zone's parks: a 、 list opening with two or more X园 (X two or three characters); items of the same list that end
# in a zone's head (电子城, …产业基地) are parks too.
_PARK_LIST = re.compile(
    rf"(?:(?<![{CJK}])|(?<=[由括含]))(?![由括含])(?:[{CJK}]{{2,3}}园、)(?:[{CJK}]{{2,3}}园、)+(?:[{CJK}]{{2,16}}、)*[{CJK}]{{2,16}}"
)
_PARK = re.compile(rf"^[{CJK}]{{2,3}}园$")
_PARK_OTHER = re.compile(r"(?:城|产业基地|园区)$")
_NOT_PARK = re.compile(r"(?:公|花|乐|家|校|菜|果|茶|陵|墓|动物|植物)园$")
_LIST_TAIL = re.compile(r"以及|等|和|及|组成")


def zone_parks(doc: Doc, add: Any) -> None:
    """由海淀园、丰台园、昌平园、电子城、…、大兴生物医药产业基地以及…组成: the parks of a zone, each a named area."""
    text = doc.text
    for m in finditer_at(_PARK_LIST, text, starts_before(text, ("园、",), 3), doc.body_end):  # 园、 ends its first item
        items = m.group().split("、")
        pos = m.start()
        for i, item in enumerate(items):
            s, e = pos, pos + len(item)
            pos = e + 1
            if i == len(items) - 1:
                tail = _LIST_TAIL.search(item)
                item = item[: tail.start()] if tail else item
                e = s + len(item)
            ok = _PARK.match(item) and not _NOT_PARK.search(item) and not is_generic(item[:-1])
            if ok or (i > 0 and _PARK_OTHER.search(item) and len(item) <= 12):
                add(s, e, "zone", "entity.zone_park", 0.6, known=False)


# A laboratory's base in a region: 材料实验室辽宁基地, 怀柔实验室新疆基地, 国家实验室海南基地.
_LAB_BASE = re.compile(rf"实验室([{CJK}]{{2,3}})基地")
_LEAD_VERB = re.compile(r"(?:全力|主动|积极|加快|大力)?(?:支持|争取|推动|用好|依托|对接|服务|推进|建设|打造)+")


def lab_bases(doc: Doc, add: Any) -> None:
    """X实验室 + a region + 基地 is one platform, the lab's base there (not the lab with a base after it)."""
    text = doc.text
    for m in _LAB_BASE.finditer(text, 0, doc.body_end):
        if m.group(1) not in REGIONS:
            continue
        s = left_name(doc, m.start() + 3, 12, region_extend=False)
        lead = _LEAD_VERB.match(text, s, m.start())
        s = lead.end() if lead else s
        if m.start() - s < 2 or "的" in text[s : m.start()]:
            continue
        add(s, m.end(), "platform", "entity.lab_base", 0.7, known=False)


# Conjuncts that share the head of the name after them: 紫金山、太湖、钟山、云龙湖实验室 → 紫金山 / 太湖 / 钟山.
_CONJUNCTS = re.compile(rf"((?:[{CJK}]{{2,10}}、)+)$")
_CONJ_CUT = re.compile(r".*(?:和|与|及|以及|等)")
_NAMED_KINDS = {"platform"}  # zones by places: entities._coordinated_places


def _conjunct_ok(item: str) -> bool:
    return 2 <= len(item) <= 6 and "的" not in item and item not in lx.types() and not is_generic(item)


def coordinated_names(doc: Doc, found: list[Any], add: Any) -> None:
    """The short conjuncts right before a platform found by a rule share its head, as the
    seeds convention labels them (盘锦、丹东高新区 → 盘锦): each is a name of the same kind. Every conjunct must be
    short and no kind or grade of one (国家实验室、省实验室、X实验室 gives nothing)."""
    text = doc.text
    for ent in [e for e in found if e.kind in _NAMED_KINDS]:
        s = ent.span[0]
        if s == 0 or text[s - 1] != "、" or text.startswith(("国家", "全国"), s):
            continue  # …、国家中医药传承创新中心: a state's full name shares its head with no conjunct
        m = _CONJUNCTS.search(text, max(0, s - 44), s)
        if not m:
            continue
        start = m.start(1)
        cut = _CONJ_CUT.match(text, start, s)  # 苏州实验室和|紫金山、
        start = cut.end() if cut else start
        toks = lcut(text[start : text.index("、", start)])
        for t in toks[:-1]:  # 支持|紫金山: the verb before the first conjunct
            if not is_stop(t):
                break
            start += len(t)
        items = text[start : s - 1].split("、")
        for a, b in every_item(items, start, _conjunct_ok):
            add(a, b, ent.kind, "entity.conjunct", 0.5, ent.type, known=False)


# An item of a list of names between two named platforms is one too, when it ends in a platform head (用好怀柔实验室
# 新疆基地、干旱区生态安全与可持续发展全国重点实验室、新疆智能装备研究院…): the list holds names, so its item's inner
# verbs and conjunctions (与可持续发展), which cut the name rules' left extension, are the name's own words.
_BETWEEN_HEAD = re.compile(r"(?:实验室|中心|研究院|研究所|基地|平台|装置|大学|学院)$")
_BETWEEN_KIND = {"研究院": "institution", "研究所": "institution", "大学": "university", "学院": "university"}
_PLATFORMISH = ("platform", "institution", "university")  # the kinds scored as named platforms (eval.PLATFORMISH)


def _between_ok(item: str) -> bool:
    """A name's shape: CJK only, no 的, not a kind of the type lexicon nor a graded one (省级重点实验室)."""
    rest, _ = strip_region_level(item)
    return (
        4 <= len(item) <= 30
        and re.fullmatch(rf"[{CJK}]+", item) is not None
        and "的" not in item
        and _BETWEEN_HEAD.search(item) is not None
        and rest not in lx.types()
        and not is_generic(rest)
        and not is_generic(_BETWEEN_HEAD.sub("", rest))
    )


def items_between_names(doc: Doc, found: list[Any], add: Any) -> set[tuple[int, int]]:
    """A list item between two named platforms that the rules did not read whole (A、X、C with A and C found; X
    not found, or found only as its tail: 利用|全国重点实验室) is named. Returns the tails it replaces."""
    text = doc.text
    names = sorted(e.span for e in found if e.kind in _PLATFORMISH)
    tails: set[tuple[int, int]] = set()
    for i, (_, a_end) in enumerate(names[:-1]):
        if not text.startswith("、", a_end):
            continue
        j, tail = i + 1, None
        nxt = names[i + 1]
        if i + 2 < len(names) and nxt[0] > a_end + 1 and "、" not in text[a_end : nxt[0]][1:]:
            j, tail = i + 2, nxt  # the next name lies inside the item: its tail, cut at a verb (可持续|利用)
        c_start = names[j][0]
        if tail is not None and tail[1] != c_start - 1:
            continue
        if not (6 <= c_start - a_end <= 32 and text[c_start - 1] == "、"):
            continue
        item = text[a_end + 1 : c_start - 1]
        if "、" in item or not _between_ok(item):
            continue
        head = _BETWEEN_HEAD.search(item)
        kind = _BETWEEN_KIND.get(head.group(0), "platform") if head else "platform"
        add(a_end + 1, c_start - 1, kind, "entity.listed_between", 0.5, known=False)
        if tail is not None:
            tails.add(tail)
    return tails


# Facilities listed before their class: 推进数据智能驱动材料综合研究设施、原子极限微制造实验设施等重大科技基础设施 —
# each item is one facility (the holdout README's 农业微生物、碳捕集封存与利用、极低频探地二期等重大科技基础设施).
_FACILITY_CLASS = re.compile(r"等(?:一批)?(?:国家)?(?:重大科技基础设施|大科学装置)")
_FACILITIES = re.compile(rf"((?:[{CJK}]{{2,16}}、)*[{CJK}]{{2,16}})$")


def _facility_ok(item: str) -> bool:
    return 2 <= len(item) <= 16 and "的" not in item and item not in lx.types() and not is_generic(item)


def listed_facilities(doc: Doc, add: Any) -> None:
    """The items listed before 等重大科技基础设施 / 等大科学装置 are facilities, each a named platform."""
    text = doc.text
    for end in _FACILITY_CLASS.finditer(text, 0, doc.body_end):  # the rare class first, then the list
        m = _FACILITIES.search(text, max(0, end.start() - 100), end.start())
        if not m:
            continue
        items = m.group(1).split("、")
        pos = m.start(1)
        for t in lcut(items[0])[:-1]:  # 推进|数据智能驱动…: the clause's verbs open the first item
            if not is_stop(t):
                break
            pos += len(t)
        items[0] = items[0][pos - m.start(1) :]
        for s, e in every_item(items, pos, _facility_ok):
            add(s, e, "platform", "entity.listed_facility", 0.5, known=False)

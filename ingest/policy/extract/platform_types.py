"""Platform-type mentions (PlatformTypeMention) from the document's type hits."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from app.text import taxonomy
from ingest.policy import lexicon as lx
from ingest.policy.extract.broad_types import designation_as_kind, open_hits
from ingest.policy.extract.class_heads import bare_class, institute_phrase
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import lcut, pos_table
from ingest.policy.extract.named_heads import head_level, in_name_list
from ingest.policy.extract.open_types import level_before, map_kind
from ingest.policy.extract.regions import region_before
from ingest.policy.extract.shared_types import bracket_kinds, level_twins, quoted_twins
from ingest.policy.extract.typehits import TypeHit
from ingest.policy.models import PlatformTypeMention


def default_level(doc: Doc) -> str | None:
    """The level a target takes when its sentence marks none (the document's own level). A platform-type
    mention keeps `None` there: the text does not say which level an unmarked 重点实验室 is (test / holdout
    READMEs: a level only where the text marks it), and a guessed one contradicts a kind the text names at
    another level (新增国家级…企业3户、制造业单项冠军企业2户)."""
    if doc.region is None:
        return None
    return "省级" if doc.region.level == "province" else "市级"


_CATS = {
    "科学与工程研究": "科学与工程研究",
    "技术创新与成果转化": "技术创新与成果转化",
    "基础支撑与条件保障": "基础支撑与条件保障",
    "条件保障能力建设": "基础支撑与条件保障",
}


def _state_designated(doc: Doc, h: TypeHit) -> bool:
    """The kind of a named platform whose name carries the state's designation (中关村国家自主创新示范区,
    某某国家技术创新中心): the name = a proper part + 国家 + a known kind, so it is also a mention of that kind
    at 国家级 (test and holdout READMEs: the type head of a named platform is a type mention)."""
    prefix = doc.text[h.start : h.core_start]
    if h.level != "国家级":
        return False
    if prefix == "国家":
        return True
    spec = taxonomy.canonical_type(h.entry.type)  # a zone whose kind name opens with 国家 (国家自主创新示范区)
    return not prefix and h.entry.surface.startswith("国家") and spec is not None and spec.family == "zone"


# a kind named as one demonstration project (…万卡算力中心示范项目): the project, not the kind; a plain 项目
# after a kind is often the project of building one (加快国家区域医疗中心项目建设: a kind)
_PROJECT = re.compile(r"示范项目")


def _name_tail(text: str, h: TypeHit) -> bool:
    """A bare one-word kind (研究院) glued to the words before it is the tail of a longer name (市技术转移研究院,
    中国测绘科学研究院, …（低空经济）研究院), not a mention of the kind; after a coordinator, a verb or 的 it
    stands alone (共建实验室、研究院), and `class_heads.bare_class` reads the class words 研究院 / 联合体 there."""
    if h.start != h.core_start or len(h.entry.surface) > 3 or h.start == 0:
        return False
    if re.match(r"\d+[家个所]", text[h.end : h.end + 6]):
        return False  # counted (产业研究院55家): a kind, whatever its words
    prev = text[h.start - 1]
    if prev in "）)":
        return True
    if not ("\u4e00" <= prev <= "\u9fff") or prev in "、和及与或等的个家所批类":
        return False
    toks = lcut(text[max(0, h.start - 6) : h.start])
    return bool(toks) and pos_table().get(toks[-1], "n") in {"n", "nz", "nt", "ns", "nr", "j", "vn", "l", "b"}


def _ungraded_head(h: TypeHit) -> bool:
    """The kind of a named unit is a kind of its own, level or not, where it is no graded designation: a
    facility or market (大科学装置, 科技大市场: the taxonomy's support family) or a kind the taxonomy does not
    grade (智算中心). A lab, centre or institute of a designation system (工程技术研究中心, 产业技术研究院)
    named with no level word is the tail of one unit's proper name (seeds / constructed golds)."""
    spec = taxonomy.canonical_type(h.entry.type)
    return spec is None or spec.family == "support"


# The designations the refusal below reads: a class of firms or bodies (高新技术企业, 制造业单项冠军, 研究开发机构)
# is often only whom a clause's rule applies to (对高新技术企业给予奖励, 依托…高新技术企业). A designated place or
# unit of production (开发区, 先进制造业集群, 零碳园区, 智能工厂, 农业产业强镇, …试点城市) is a counted designation
# wherever it is named (data/gold/CONVENTIONS.md "Counted designations are types"); round x-types12's ablation:
# refused, these lost 8 true kinds in 6 documents of 5 splits against 3 false ones prevented.
# A bare zone word (开发区, 高新区) read alone is where a clause's rule applies (入驻开发区的企业), as a firm
# class is whom it applies to: refused with them unless counted, levelled, built or listed.
_ACTOR_HEAD = re.compile(r"(?:企业|冠军|机构|联盟)$|^.{1,2}区$")


# A bare zone word before a word of the zones' own system (开发区改革创新, 开发区体制机制改革, 开发区试点) names the
# designation as an institution the text reforms or pilots, not where a rule applies (进入开发区的企业, 开发区土地…).
_ZONE_SYSTEM = re.compile(r"(?:改革|体制|机制|管理体制|试点)")


def _zone_system(text: str, h: TypeHit) -> bool:
    """The bare zone word at h is followed by a word of the zones' own system (改革, 体制, 机制, 试点; a 试点 the
    hit already joined counts too)."""
    if not h.entry.type.endswith("区"):
        return False
    return text.endswith("试点", h.start, h.end) or _ZONE_SYSTEM.match(text, h.end) is not None


def _actor_designation(h: TypeHit) -> bool:
    """The designation names a class of firms or bodies, or is a bare zone word; not a designated place or unit
    of production."""
    return _ACTOR_HEAD.search(h.entry.type) is not None


_CORE = re.compile(r"定位于建设|主要包括|包括.{0,80}在内")


def find_platform_types(doc: Doc, named_spans: list[tuple[int, int]]) -> list[PlatformTypeMention]:
    out: list[PlatformTypeMention] = []
    # Only spans starting within the longest span's length before a hit can hold it: bounded scans, not
    # hits x spans (quadratic on a few MB of text).
    spans = sorted(named_spans)
    starts = [a for a, _ in spans]
    longest = max((b - a for a, b in spans), default=0)

    def enclosing(s: int, e: int) -> tuple[int, int] | None:
        lo = bisect.bisect_left(starts, e - longest)
        hi = bisect.bisect_right(starts, s)
        return next(((a, b) for a, b in spans[lo:hi] if e <= b and (a, b) != (s, e)), None)

    def inside(s: int, e: int) -> bool:
        return enclosing(s, e) is not None

    # list members: names, and kinds a name may be coordinated with (A示范区和中国（北京）自由贸易试验区)
    kinds = [*doc.type_hits, *open_hits(doc)]
    span_starts = set(starts) | {h.start for h in kinds}
    span_ends = {b for _, b in spans} | {h.end for h in kinds}

    levels = _list_levels(doc)
    named_kinds: set[str] = set()
    for h in doc.type_hits:
        if h.start >= doc.body_end or h.entry.flags & {"umbrella", "nameonly"}:
            continue
        zone_system = _zone_system(doc.text, h)
        if "entity" in h.entry.flags and _actor_designation(h) and not designation_as_kind(doc, h) and not zone_system:
            continue
        phrase = institute_phrase(doc, h.start, h.end)
        if phrase is not None and not inside(phrase[0], h.end):
            typ, _cat = map_kind(phrase[1])
            out.append(_mention(doc, phrase[0], h.end, typ, phrase[2], "ptype.class_head"))
            continue
        tail = _name_tail(doc.text, h) and not zone_system  # 深化|开发区体制…: a verb, not a name, before it
        if tail or _PROJECT.match(doc.text, h.end) or bare_class(doc.text, h.type, h.start, h.end):
            continue
        level = h.level
        span = enclosing(h.start, h.end)
        if span is not None:
            if not _state_designated(doc, h):
                alone = not in_name_list(doc.text, span, span_starts, span_ends)
                level = head_level(doc.text, h, span) if alone else None
                if level is None and not (alone and _ungraded_head(h)):
                    continue
            if h.type in named_kinds:
                continue
            named_kinds.add(h.type)  # once per document: a list of 69 named stations is one kind, not 69
        ss, se = doc.sentence_of(h.start)
        sent = doc.text[ss:se]
        core = bool(_CORE.search(sent)) and any(c in sent for c in _CATS)
        out.append(
            PlatformTypeMention(
                span=(h.start, h.end),
                text=doc.q(h.start, h.end),
                type=h.type,
                level=level or levels.get(h.start),
                category=h.entry.category,
                core=core,
                rule="ptype.dict+prefix",
            )
        )
    out += _open_types(doc, inside, levels, frozenset(spans))
    out += _bare_labs(doc, inside)
    return out + _shared(doc, inside, out)


_LAB = re.compile(r"实验室")
# tags of the word before a bare 实验室 that make it a name (太湖|实验室, 之江|实验室, 鹏城|实验室)
_PROPER = {"ns", "nr", "nrt", "nz", "j", "eng", "x"}
_CONJ = frozenset("、和及与")


def _bare_labs(doc: Doc, inside: Callable[[int, int], bool]) -> list[PlatformTypeMention]:
    """A bare 实验室 listed with a lexicon kind (优化实验室、技术创新中心等平台布局; 领域实验室、工程中心): the
    taxonomy's class of laboratories, named as one kind of the list (dev5 README: a type). Alone or after a
    proper word it is the tail of one lab's name (太湖实验室), which the entity rules read."""
    text = doc.text
    # the kinds it may be listed with: specific ones (技术创新中心, 工程中心), not a bare class word (共建实验室、
    # 研究院等方式: ways of working together)
    specific = [h for h in doc.type_hits if h.end - h.core_start >= 4]
    starts = {h.start for h in specific}
    ends = {h.end for h in specific}
    taken = bytearray(len(text) + 1)  # covered by a longer kind: a mask, not hits x matches (1 MB texts)
    for h in [*doc.type_hits, *open_hits(doc)]:
        taken[h.start : h.end] = b"\x01" * (h.end - h.start)
    entry = lx.types().get("实验室")
    out: list[PlatformTypeMention] = []
    if entry is None:
        return out
    for m in _LAB.finditer(text, 0, doc.body_end):
        s, e = m.span()
        if taken[s] or inside(s, e):
            continue  # part of a longer kind (联合实验室, 重点实验室) or of a name
        after, before = text[e : e + 1], text[s - 1 : s]
        listed = (after in _CONJ and e + 1 in starts) or (before in _CONJ and s - 1 in ends)
        toks = lcut(text[max(0, s - 6) : s])
        if not listed or (toks and pos_table().get(toks[-1], "x") in _PROPER) or region_before(text, s):
            continue
        out.append(_mention(doc, s, e, entry.type, None, "ptype.bare_lab"))
    return out


def _shared(
    doc: Doc, inside: Callable[[int, int], bool], found: list[PlatformTypeMention]
) -> list[PlatformTypeMention]:
    """Second kinds of one surface (`shared_types`): both readings of a bracketed alternative, the other
    level of coordinated level words."""
    out: list[PlatformTypeMention] = []
    for k in bracket_kinds(doc):
        if not inside(k.start, k.end):
            lv = level_before(doc.text, k.start)
            out.append(_mention(doc, k.start, k.end, k.type, lv, "ptype.bracket"))
    for m in found:
        for s, kind in quoted_twins(doc, m.span[0], m.text):
            typ, _cat = map_kind(kind)
            out.append(_mention(doc, s, m.span[1], typ, m.level, "ptype.quoted_twin"))
        if m.category is None:
            continue  # a kind the lexicon does not map (医药临床研究中心): no second level for a doubtful kind
        for typ, lv in level_twins(doc, m.span[0], m.type, m.level):
            out.append(_mention(doc, m.span[0], m.span[1], typ, lv, "ptype.level_twin"))
    return out


def _mention(doc: Doc, s: int, e: int, typ: str, level: str | None, rule: str) -> PlatformTypeMention:
    entry = lx.types().get(typ)
    return PlatformTypeMention(
        span=(s, e), text=doc.q(s, e), type=typ, level=level, category=entry.category if entry else None, rule=rule
    )


# between two counted items of one list: the first item's count and a coordinator (…冠军14家、…)
_BETWEEN_ITEMS = re.compile(r"\d+(?:\.\d+)?万?[家个所座户](?:以上|左右)?[、和及与]")


def _list_levels(doc: Doc) -> dict[int, str]:
    """Levels a counted list item takes from the item before it when it states none: a level word before a
    list of counts scopes over all its items (新增国家级制造业单项冠军14家、专精特新“小巨人”企业38家). In a
    plain list (国家级重点实验室、工程中心) the seeds gold reads no such scope, so only counted lists."""
    hits = sorted(
        (h for h in [*doc.type_hits, *open_hits(doc)] if h.start < doc.body_end), key=lambda h: (h.start, -h.end)
    )
    by_end: dict[int, str] = {}
    out: dict[int, str] = {}
    for h in hits:
        level = h.level
        if level is None:
            for e in range(h.start - 1, max(-1, h.start - 12), -1):
                if e in by_end and _BETWEEN_ITEMS.fullmatch(doc.text, e, h.start):
                    level = out[h.start] = by_end[e]
                    break
        if level is not None:
            by_end[h.end] = level
    return out


def _open_types(
    doc: Doc,
    inside: Callable[[int, int], bool],
    levels: dict[int, str] | None = None,
    named: frozenset[tuple[int, int]] = frozenset(),
) -> list[PlatformTypeMention]:
    """Kinds no type table lists (specific and broad heads, `broad_types.open_hits`), outside named entities."""
    levels = levels or {}
    out: list[PlatformTypeMention] = []
    hits = open_hits(doc)
    ends = {h.end for h in hits} | {h.end for h in doc.type_hits}
    zone_ends = {h.end for h in doc.type_hits if "zone" in h.entry.flags}
    lex_ends = {h.end for h in doc.type_hits}
    for h in hits:
        if inside(h.start, h.end) or ("listed" in h.entry.flags and (h.start, h.end) in named):
            continue  # a list item the entity rules name (闽都创新实验室、…等平台) is a name, not a kind
        if _PROJECT.match(doc.text, h.end) or (h.entry.category is None and _project_list(doc.text, h.end)):
            continue
        if h.entry.category is None and _branch_of(doc.text, h.start, lex_ends):
            continue
        if bare_class(doc.text, h.entry.type, h.start, h.end):
            continue
        if h.end - 2 in zone_ends and doc.text.endswith(("平台", "载体"), 0, h.end):
            continue  # a zone used as a platform (用好国家农高区平台, 自贸区平台): the zone, no kind of its own
        unmapped = h.entry.category is None
        if unmapped and _class_of_kinds(doc.text, h.start, ends):
            continue
        out.append(
            PlatformTypeMention(
                span=(h.start, h.end),
                text=doc.q(h.start, h.end),
                type=h.entry.type,
                level=h.level or levels.get(h.start),
                category=h.entry.category,
                rule="ptype.open_head" + ("+unmapped" if unmapped else ""),
                confidence=0.6,
            )
        )
    return out


# a list closed by 等(重点|重大)项目 in its clause: its items are projects (加快省旅游数智互联平台、“AI游某省”等项目)
_PROJECT_LIST = re.compile(r"(?:[、和及与][^，,。；;：:！？\n]{0,30}?)?等(?:重点|重大|示范)?项目")


def _project_list(text: str, e: int) -> bool:
    """The kind ending at e is an item of a list of projects, not a kind of platform."""
    return _PROJECT_LIST.match(text, e) is not None


def _branch_of(text: str, s: int, lex_ends: set[int]) -> bool:
    """A place right after a known kind's name opens the name of its branch (崖州湾国家实验室|贵阳|粮油作物试验
    基地, …实验室|宁波|研究院): one unit of that platform, not a kind of its own."""
    rb = region_before(text, s)
    return rb is not None and rb[0] in lex_ends


# 等, a class word and up to four words of the class phrase the kind leaves out (等|创新|孵化载体)
_AFTER_DENG = re.compile(r"等(?:各类|各种|其他|一批)?[\u4e00-\u9fff]{0,4}$")


def _class_of_kinds(text: str, s: int, ends: set[int]) -> bool:
    """The phrase at s closes a list of kinds (孵化器、大学科技园、众创空间等|双创孵化载体): it names their class, an
    umbrella term, not a kind of its own. After named items (崖州湾等|国家实验室基地) a class is their kind."""
    m = _AFTER_DENG.search(text, max(0, s - 7), s)
    return m is not None and m.start() in ends

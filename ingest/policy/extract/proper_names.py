"""Proper names no gazetteer lists: the speaker of a work report and named zones. (Programmes by suffix —
…计划, …工程, …奖 — were tried: on the seeds they named document kinds and type prefixes, precision 0.38.)

- the speaker: 省长　胡玉亭 / 龚正市长在…; a notice's roster (组长：王清宪 省长) and contacts (联系人：…) are not
  read — the settled conventions leave them out (data/gold/CONVENTIONS.md C6);
- zones: 中国（上海）自由贸易试验区, and place names before 自由贸易试验区 / 综合试验区 / 先导区 / 科学城 / 产业园."""

from __future__ import annotations

import re
from typing import Any

from ingest.policy import lexicon as lx
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import CJK, NAME_CHARS, is_hard_stop, lcut, pos_table
from ingest.policy.extract.names import is_generic, left_name
from ingest.policy.extract.regions import REGIONS
from ingest.policy.extract.zone_names import has_proper

_SP = r"[ \t\u3000]"
_ZONE = re.compile(
    r"(?:自由贸易试验区|综合试验区|先导区|先行区|科学城|科技城|科创城|创新城|科创园|产业园|示范园|试验区|经济特区)"
)
_DESIGNATION = re.compile(r"(?:先导区|先行区|试验区|综合试验区)$")
_PARK_HEAD = re.compile(r"(?:产业园|示范园|科创园)$")
# a park named by its field alone is one park where a clause builds it (建设传感器产业园); it is a kind where the head
# runs on into 园区 (布局绿电产业园区), a grade, level or designation leads it (新型储能产业园, 国家现代农业产业园),
# a verb of fostering kinds governs it (培育电子商务产业园), or it is a pilot (全绿电产业园试点)
_PARK_GRADE = re.compile(r"(?:国家|省)?(?:现代|新型|各类|各级|一批|特色)|国家级|省级|市级|县级")  # not 国家安全…
_PARK_FOSTER = re.compile(r"(?:培育|布局|创建|争创|认定|发展)$")


def _park_kind(text: str, s: int, e: int) -> bool:
    """Whether the park text[s:e], named by no proper word, is a kind of park rather than one park."""
    mod = text[s:e][:-3]
    return (
        text.startswith(("区", "试点"), e)
        or bool(_PARK_GRADE.match(mod))
        or text[s:e] in lx.types()
        or mod in lx.types()
        or bool(_PARK_FOSTER.search(text, max(0, s - 2), s))
        or text.startswith("等各类", e)
    )


_INNER_ZONE = re.compile(r"(?:高新区|经开区|开发区|新区)")
_CN_ZONE = re.compile(rf"中国[（(][{CJK}、]{{2,10}}[）)][{CJK}]{{0,12}}?(?:自由贸易试验区|综合试验区|试验区|示范区)")


# the speaker of a work report: 省长　胡玉亭 / 代理主席  嘎玛泽登 / 省长 王正谱 作政府工作报告
# or 省长 李乐成在…会议上, 主席王莉霞在…, 殷勇同志作…, and the name before the title: 龚正市长在…
_SPEAKER = re.compile(
    rf"(?:省长|市长|州长|区长|县长|主席|盟长)(?:{_SP}++([{CJK}]{{2,4}}?|[{CJK}]{{2,6}}·[{CJK}]{{2,6}})(?={_SP}*+\n)"
    rf"|{_SP}*+([{CJK}]{{2,4}}?|[{CJK}]{{2,6}}·[{CJK}]{{2,6}})(?:同志)?(?={_SP}*+(?:作(?:政府)?工作报告|在[{CJK}]{{2,12}}第)))"
    rf"|(?<=[日\n{_SP[1:-1]}])([{CJK}]{{2,3}})(?=(?:省长|市长|主席)在)"
)


def speakers(doc: Doc, add: Any) -> None:
    """The person who delivers a work report (the only person the conventions label besides award laureates)."""
    for m in _SPEAKER.finditer(doc.text, 0, min(doc.body_end, 600)):
        g = next(i for i in (1, 2, 3) if m.group(i))
        add(*m.span(g), "person", "entity.speaker", 0.8, known=False)


def named_zones(doc: Doc, add: Any) -> None:
    text = doc.text
    for m in _CN_ZONE.finditer(text, 0, doc.body_end):
        add(*m.span(), "zone", "entity.cn_zone", 0.8, known=False)
    for m in _ZONE.finditer(text, 0, doc.body_end):
        s = left_name(doc, m.start(), 12, epoch=True)
        inner = list(_INNER_ZONE.finditer(text, s, m.start()))
        if inner:  # 合肥市高新区|国家安全产业示范园: a park inside a zone is named after it
            s = inner[-1].end()
        mod = text[s : m.start()]
        if len(mod) < 2 or "的" in mod or is_generic(mod) or text.startswith("新时代", s - 1):
            continue  # 建设新时代经济特区: an era, not a place
        if _DESIGNATION.match(m.group(0)) and not has_proper(mod):
            continue  # 协同创新先行区, 工业互联网先行区: a kind of zone a policy wants, not one zone
        if _PARK_HEAD.match(m.group(0)) and not has_proper(mod) and _park_kind(text, s, m.end()):
            continue  # 培育电子商务产业园, 布局绿电产业园区: a kind of park, named by no place or proper word
        add(s, m.end(), "zone", "entity.zone_head", 0.5, known=False)


# A platform that arrives, opens or is approved is one platform: 国家光刻机产业计量测试中心落户我省, …智算中心建成
# 投用, …实验室挂牌运行. So is one the sentence reports at a stage of its building — prepared (加快 / 获批 / 启动
# 筹建), a plaque hung (挂牌), work going well (建设进展顺利), running (建成 / 高效 / 稳步 / 试运行), put to use: a
# work report's review lists single facilities this way, a kind is counted or graded instead. The predicate first
# (rare), then the clause before it back to a boundary.
_ARRIVE = re.compile(
    r"落户|建成投用|建成投运|投入运营|正式运行|挂牌运行|揭牌|挂牌成立|正式成立|获批建设|获批组建|"
    r"(?:加快|获批|启动|正式)?筹建|挂牌|建设进展顺利|建成运行|高效运行|稳步运行|试运行|投入使用|投用"
)
_ARRIVE_HEAD = re.compile(r"(?:中心|实验室|研究院|研究所|试验平台|测试平台|创新平台|基地|场地|装置)$")
_ARRIVE_CUT = re.compile(r".*(?:的|首个|首家|一批|之一|\d+[个家])")  # 首个国家级|…: what comes before the name
_ARRIVE_SCI = re.compile(r"科学|技术|科技|创新|实验|研究|研发|测试|检测|计量|智算|算力|试验|工程|数据|智能|光|芯")
_LEVEL_JI = re.compile(r"^(?:国家级|省级|市级)")
_BRACKET_PLACE = re.compile(rf"[（(]([{CJK}]{{2,4}})[）)]$")


def arrivals(doc: Doc, add: Any) -> None:
    text = doc.text
    for m in _ARRIVE.finditer(text, 0, doc.body_end):
        w0 = max(0, m.start() - 34)
        cut = max(text.rfind(c, w0, m.start()) for c in "，。；、！？\n,;：:（）()—")
        inner = _BRACKET_PLACE.search(text, w0, cut + 1) if cut >= 0 and text[cut] in "）)" else None
        if inner and inner.group(1) in REGIONS:  # 青海(北京)科技创新基地: a bracketed place is inside the name
            cut = max(text.rfind(c, w0, inner.start()) for c in "，。；、！？\n,;：:（）()—")
        s = max(w0, cut + 1)
        name = text[s : m.start()]
        c = _ARRIVE_CUT.match(name)
        if c:
            s, name = s + c.end(), name[c.end() :]
        toks = lcut(name)
        if toks and pos_table().get(toks[0], "") == "v":  # 推动|润泽人工智能应用中心…揭牌
            s, name = s + len(toks[0]), name[len(toks[0]) :]
        lv = _LEVEL_JI.match(name)
        if lv:
            s, name = s + lv.end(), name[lv.end() :]
        if "等" in name:
            name = name[: name.index("等")]
        head = _ARRIVE_HEAD.search(name)
        if head is None or head.start() < 2 or not _ARRIVE_SCI.search(name) or is_generic(name[: head.start()]):
            continue
        if re.search(r"[在和与及对由]", name) or name in lx.types():
            continue
        kind = "institution" if head.group() in ("研究院", "研究所") else "platform"
        add(s, s + len(name), kind, "entity.arrival", 0.6, known=False)


# A branch centre: X分中心 / X分平台 after a clause boundary or a governing verb, of a body or a function
# (国家药品监管局药品审评检查长三角分中心, 国家工业互联网大数据分中心); a coordinated second branch shares the verb
# (、医疗器械技术审评检查长三角分中心).
_BRANCH = re.compile(r"分中心|分平台")


def branch_centres(doc: Doc, add: Any) -> None:
    text = doc.text
    for m in _BRANCH.finditer(text, 0, doc.body_end):
        s = m.start()
        while s > 0 and m.start() - s < 26 and NAME_CHARS.match(text[s - 1]) and text[s - 1] != "、":
            s -= 1
        pos = s
        for t in lcut(text[s : m.start()]):  # a function's verbs (审评检查) are part of it: cut at hard stops only
            pos += len(t)
            if is_hard_stop(t):
                s = pos
        name = text[s : m.start()]
        if len(name) < 4 or "的" in name or is_generic(name) or re.match(r"[各省市县区]级?$|各", name):
            continue
        add(s, m.end(), "platform", "entity.branch_centre", 0.6, known=False)


# A short proper name listed before 等 + a designation that is always one named body: 崖州湾等国家实验室基地,
# 神农等实验室, 大零号湾等科技创新中心. A field (医药等领域…), a region (伊犁、吐鲁番等…) or a kind is no name.
_NAMED_BEFORE = re.compile(
    rf"(?<![{CJK}])([{CJK}]{{2,10}})等(?:一批)?(?:国家|省|全国)?"
    r"(国家实验室基地|国家实验室|省实验室|实验室|科技创新中心|科学城)"
)


def named_before_deng(doc: Doc, add: Any) -> None:
    text = doc.text
    for m in _NAMED_BEFORE.finditer(text, 0, doc.body_end):
        name = m.group(1)
        lead = re.match(r"(?:争取|创建|建设|推动|支持|依托|打造|加快|培育)+", name)
        s = m.start(1) + (lead.end() if lead else 0)
        name = text[s : m.end(1)]
        known = name in REGIONS or name in lx.industries() or name in lx.types()
        if not 2 <= len(name) <= 6 or known or is_generic(name):
            continue
        kind = "zone" if m.group(2) in ("科技创新中心", "科学城") else "platform"
        add(s, m.end(1), kind, "entity.named_before_deng", 0.5, known=False)


# A numbered line of a list (名单) that is one name ending in a type: 24. 云南滇中国家农业科技园区. The whole
# line is the name, whatever jieba makes of its place words (滇|中, 五一 as a numeral).
_LIST_LINE = re.compile(rf"^[ \t\u3000]*\d{{1,3}}[.．、][ \t\u3000]*([{CJK}()（）]{{4,40}})[ \t\u3000]*$", re.MULTILINE)


def list_lines(doc: Doc, add: Any) -> None:
    ends = {h.end: h for h in doc.type_hits}
    for m in _LIST_LINE.finditer(doc.text, 0, doc.body_end):
        h = ends.get(m.end(1))
        if h is None or h.start == m.start(1) or h.entry.flags & {"umbrella"}:
            continue  # the line is a bare type, or ends in no type
        zone = "zone" in h.entry.flags and not h.type.endswith(("科技园区", "科技园"))
        add(*m.span(1), "zone" if zone else "platform", "entity.list_line", 0.7, h.type, known=False)

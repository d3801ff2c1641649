"""Document metadata: title, document numbers, dates, region, cited documents."""

from __future__ import annotations

import bisect
import re

from app.text import gazetteer
from ingest.policy import lexicon as lx
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import CJK
from ingest.policy.extract.patterns import scan
from ingest.policy.models import CitedDocument, DateItem, DocNumber, Title

_DOCNUM = re.compile(r"[〔\[［]\s*((?:19|20)\d{2})\s*[〕\]］]?\s*(\d{1,4})\s*号")
_DOCNUM_STOP = set("的了和与、于为及在对,，:：() 《》“”\n\t")
_GENRE = re.compile(
    r"(?:通知|答复|方案|计划|办法|指引|意见|规划|细则|通告|决定|函|报告|规定|措施|纲要|条例)(?:\([^)]{0,20}\))?$"
)
_NAV = re.compile(r"当前位置|首页|>|网站地图|发布时间|发布日期|浏览次数|点击|来源[:：]|打印|字体|收藏")


def find_title(doc: Doc) -> tuple[Title | None, str | None]:
    """The title line near the top; returns (title, main document title in 《》 if any)."""
    text = doc.text
    pos = 0
    for line in text[:2000].split("\n"):
        start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if len(stripped) < 8 or _NAV.search(stripped) or "|" in stripped:
            continue
        if not ("关于" in stripped or "《" in stripped or _GENRE.search(stripped)):
            continue
        s = start + (len(line) - len(line.lstrip()))
        e = start + len(line.rstrip())
        m = re.match(r"(?:转发|印发)?\s*[:：]?\s*", text[s:e])
        m2 = re.match(rf"[{CJK}]{{1,8}}[〔\[]\s*\d{{4}}\s*[〕\]]?\s*\d{{1,4}}\s*号\s*", text[s:e])
        if m2:
            s += m2.end()
        elif m and m.end():
            s += m.end()
        tail = re.search(r"\s*\([^()]*号\)\s*$", text[s:e])
        if tail:
            e = s + tail.start()
        main = re.search(r"《([^《》]+)》", text[s:e])
        return Title(span=(s, e), text=doc.q(s, e), rule="title.header_line"), (main.group(1) if main else None)
    return None, None


def _number_key(number: str) -> str:
    """A number without its brackets and spaces: 桂科基字〔2022〕49号 and its garbled copy 桂科基字〔202249号
    (the closing bracket lost in conversion) share one key."""
    return re.sub(r"[〔〕\[\]［］\s]", "", number)


def _alone_on_line(text: str, s: int, e: int) -> bool:
    """The number is its line's only content (bar brackets and spaces); long lines are not read."""
    line_s = text.rfind("\n", max(0, s - 40), s) + 1
    line_e = text.find("\n", e, e + 40)
    if line_e < 0:
        line_e = len(text) if len(text) - e <= 40 else -1
    if (line_s == 0 and s > 40) or line_e < 0:
        return False
    return text[line_s:line_e].strip().strip("()").strip() == text[s:e]


def find_doc_numbers(doc: Doc, title: Title | None) -> tuple[list[DocNumber], list[tuple[int, int, str]]]:
    """(the document's own numbers, cited numbers as (start, end, text)). A garbled copy of a number the
    document states cleanly (a lost 〕) is the same number, not another one."""
    own: list[DocNumber] = []
    cited: list[tuple[int, int, str]] = []
    text = doc.text
    newlines = [m.start() for m in re.finditer("\n", text)]
    for m in _DOCNUM.finditer(text):
        s = m.start()
        while s > 0 and m.start() - s < 8 and text[s - 1] not in _DOCNUM_STOP and re.match(f"[{CJK}]", text[s - 1]):
            s -= 1
        if s == m.start():
            continue
        e = m.end()
        on_title_line = title is not None and _same_line(newlines, s, title.span[0])
        garbled = "〕" not in text[s:e] and "]" not in text[s:e]
        if on_title_line or _alone_on_line(text, s, e):
            rule = "docnum.garbled" if garbled else "docnum.header"
            own.append(DocNumber(span=(s, e), text=doc.q(s, e), rule=rule, confidence=0.7 if garbled else 1.0))
        else:
            cited.append((s, e, text[s:e]))
    own += _promulgation_numbers(doc, {n.span for n in own})
    clean = {_number_key(n.text) for n in own if n.rule == "docnum.header"}
    seen: set[str] = set()
    kept: list[DocNumber] = []
    for n in own:
        key = _number_key(n.text)
        if n.rule == "docnum.garbled" and (key in clean or key in seen):
            continue
        seen.add(key)
        kept.append(n)
    return kept, cited


# A law or regulation is published under its promulgator's announcement or order number, stated in the
# header lines above its first article: "2011年12月7日 X市第十一届人民代表大会常务委员会公告第56号公布",
# "X省人民政府令第123号", "中华人民共和国主席令（第十六号）". It has no 〔year〕, so _DOCNUM cannot see it.
_PROMULGATED = re.compile(
    rf"(?:^|(?<=[\s\u3000日（(]))([{CJK}]{{2,40}}?(?:公告|令))\s*[（(]?\s*"
    r"(第\s*(?:\d{1,4}|[一二三四五六七八九十百零〇]{1,6})\s*号)\s*[）)]?(?=\s*(?:公布|发布|[）)]|$))",
    re.MULTILINE,
)
# The header ends where the body starts: the first chapter, article or numbered section.
_BODY = re.compile(r"^\s*(?:第[一1]章|第[一1]条|一、)", re.MULTILINE)


def _promulgation_numbers(doc: Doc, taken: set[tuple[int, int]]) -> list[DocNumber]:
    """Announcement / order numbers in the header (never in the body, where such numbers are cited)."""
    body = _BODY.search(doc.text, 0, 3000)
    head = doc.text[: body.start() if body else min(len(doc.text), 600)]
    out: list[DocNumber] = []
    for m in _PROMULGATED.finditer(head):
        if m.span() not in taken:
            out.append(DocNumber(span=m.span(), text=doc.q(*m.span()), rule="docnum.promulgation", confidence=0.9))
    return out


def _same_line(newlines: list[int], a: int, b: int) -> bool:
    """No newline between positions a and b (newlines: the sorted newline offsets)."""
    lo, hi = min(a, b), max(a, b)
    return bisect.bisect_left(newlines, lo) == bisect.bisect_left(newlines, hi)


_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|-(\d{1,2})-(\d{1,2})(?!\d))")
_GARBLED_DATE = re.compile(r"^[ \t]*((?:19|20)\d{2})(\d{2,4})[ \t]*$", re.MULTILINE)


def find_dates(doc: Doc) -> list[DateItem]:
    out: list[DateItem] = []
    text = doc.text
    for m in _DATE.finditer(text):
        y, mo, d = int(m.group(1)), int(m.group(2) or m.group(4)), int(m.group(3) or m.group(5))
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            continue
        role = (
            "publication"
            if re.search(r"(?:发布|时间|日期)[^\n]{0,6}$", text[max(0, m.start() - 10) : m.start()])
            else "signature"
        )
        out.append(
            DateItem(span=m.span(), text=doc.q(*m.span()), iso=f"{y:04d}-{mo:02d}-{d:02d}", role=role, rule="date.full")
        )
    for m in _GARBLED_DATE.finditer(text):
        y, rest = int(m.group(1)), m.group(2)
        if len(rest) == 2:
            mo, d = int(rest[0]), int(rest[1])
        elif len(rest) == 3:
            mo, d = (
                (int(rest[:2]), int(rest[2]))
                if rest[:2] in {"10", "11", "12"} and rest[2] != "0"
                else (int(rest[0]), int(rest[1:]))
            )
        else:
            mo, d = int(rest[:2]), int(rest[2:])
        if 1 <= mo <= 12 and 1 <= d <= 31:
            sp = (m.start(1), m.end(2))
            out.append(
                DateItem(
                    span=sp,
                    text=doc.q(*sp),
                    iso=f"{y:04d}-{mo:02d}-{d:02d}",
                    role="signature",
                    rule="date.garbled_digits",
                    confidence=0.6,
                )
            )
    return sorted(out, key=lambda d: d.span)


def doc_region(doc: Doc, title: Title | None) -> gazetteer.Region | None:
    counts: dict[str, int] = {}
    body = doc.text[: doc.body_end]
    for s, _e, r in gazetteer.find_regions(body):
        p = gazetteer.province_of(r)
        weight = 5 if title and title.span[0] <= s < title.span[1] + 40 else 1
        counts[p.code] = counts.get(p.code, 0) + weight
    if not counts:
        return None
    return gazetteer.region_by_code(max(counts, key=lambda c: counts[c]))


# the genre words of a document's title; a 《》 title with none is a work of art, a book or a licence
_DOC_HEAD = re.compile(
    r"法|条例|办法|规定|意见|通知|规划|纲要|计划|方案|决定|标准|指南|目录|清单|报告|细则|措施|举措|指引|公告|批复|函|"
    r"要求|规范|规则|章程|制度|政策|协议|宣言|议程|战略|建议|名单|导则|手册|说明|程序|体系|条款|大纲|路线图|提案|议案|"
    r"\d+条"
)


def _norm_title(t: str) -> str:
    return re.sub(r"[\s—–\-~]", "", t)


def find_cited(
    doc: Doc, title: Title | None, main_title: str | None, cited_nums: list[tuple[int, int, str]]
) -> list[CitedDocument]:
    out: list[CitedDocument] = []
    own = {_norm_title(x) for x in (main_title, doc.text[title.span[0] : title.span[1]] if title else None) if x}
    # a short name the text gives a cited document ((以下简称《办法》)) is that document again
    aliases = {m.group(1) for m in re.finditer(r"简称[:：]?《([^《》\n]{1,20})》", doc.text)}
    for m in re.finditer(r"《([^《》\n]{2,80})》", doc.text):
        t = m.group(1)
        if t in aliases or not _DOC_HEAD.search(t) or _DOC_HEAD.fullmatch(t):
            continue  # 《大山的女儿》, 《药品生产许可证》: a drama, a licence — no document's genre
        # the document's own main text, named in a title without book-title marks (印发…规划的通知)
        if _norm_title(t) in own or any(len(t) >= 6 and _norm_title(t) in o for o in own):
            continue
        if _drawn_up(doc, m.start(), m.end()):
            continue  # 编制《…建设规划》 in the part planning the report's year: no document yet
        number = None
        nspan = None
        for s, e, n in cited_nums:
            if 0 <= s - m.end() <= 12:
                number, nspan = n, (s, e)
                break
        out.append(
            CitedDocument(
                span=m.span(1),
                text=doc.q(*m.span(1)),
                title=t,
                number=number,
                number_span=nspan,
                rule="cited.book_title",
            )
        )
    seen = {c.title for c in out}
    for s, e in _unmarked_titles(doc):
        t = doc.text[s:e]
        t = t.replace("(", "（").replace(")", "）")  # （试行）: the marks a title is written with
        if t not in seen and _norm_title(t) not in own:
            seen.add(t)
            out.append(CitedDocument(span=(s, e), text=doc.q(s, e), title=t, rule="cited.unmarked"))
    return out


# A standard, guideline, outline or regulation cited without book-title marks: a name of 8-30 characters
# ending in its genre, after a verb of applying it (实施教育强区建设规划纲要, 对照…标准、…指南等), and
# followed by a boundary, 等 or 开展; a vague reference (按照国家有关标准, 根据本条例) is no title. A verb of
# issuing or revising (制定出台 / 适时修订 / 落实) names one too (落实全国统一大市场建设指引（试行）, 制定出台…的
# 意见): an edition word (新版) is no part of the name, a （试行） / （负面清单） tail is. A package's nickname with a
# count (落实…30条) is none: CONVENTIONS.md C11 (session 14) settles that the golds leave it out.
_APPLY = re.compile(
    r"(?P<verb>(?:实施|对照|依据|根据|按照|遵照|参照|贯彻|落实|修订|制定出台|制定实施|出台|印发|发布|颁布)+)好?"
    r"(?:新版|新一轮|(?:即将|新|已)出台的|(?:全国|全省|国内)?(?:首部|首个|首份|第一部)(?:省级|地方性)?)?"
)
# A package's own genre (…行动方案, …若干措施 / 若干规定) and a law named by its purpose (…促进法, …保护法)
# name a document too; a 行动计划 / 规划 after 实施 reads as much as a programme as a document (the golds
# disagree), so these only where the genre is certain (_PLAN).
# A name may hold a quoted coinage (“四在农家·和美乡村”建设规范); one that opens with it is long enough.
_NAME = rf"(?:[{CJK}]|“[^“”\n]{{1,12}}”)"
_NAME6 = rf"(?:“[^“”\n]{{2,12}}”{_NAME}{{0,20}}?|{_NAME}{{6,28}}?)"
_UNMARKED = re.compile(
    rf"(?:{_NAME6}(?:纲要|指南|标准|条例|指引|特别管理措施|的意见|行动方案|实施方案|若干(?:政策)?措施|若干规定)"
    rf"|{_NAME}{{2,20}}?(?<!正)(?:负面清单|促进法|保护法|防治法))"
    rf"(?:[（(](?:试行|负面清单)[）)])?(?=[、,，。;；:：等和]|开展|\n|$)"
)
# A plan is a document, not a programme, where it is issued (出台 / 印发 / 发布 …规划 / …行动计划) or where it is a
# master plan (实施好…总体规划). (A plan named by its region after 根据 was tried: it takes the plans a
# regulation orders drawn up — 编制北京…建设规划, then 根据北京…建设规划 — as often as issued ones.)
_PLAN = re.compile(rf"{_NAME6}(?:行动计划|规划|规范|规程)(?=[、,，。;；:：等和]|\n|$)")
_ISSUED = re.compile(r"(?:出台|印发|发布|颁布|制定实施)$")
_GENERIC_PLAN = re.compile(r"(?:(?:国土空间|土地利用|城乡|城市|国民经济和社会|总体|专项|详细|发展)+)规划$")
# A verb of drawing a document up, in the part of a work report that plans the report's own year (or in a plan
# for years still ahead), names a document still to be written: no cited document yet (出台…实施方案 in 二、2025年
# 目标任务 of a 2025 report; the same verb in 一、2024年工作回顾 names one issued).
_DRAW_UP = re.compile(r"出台|制定|编制|起草")
_DRAWN_UP_BEFORE = re.compile(r"(?:出台|制定|编制|起草)$")
_AFTER_TITLE = re.compile(r"[、,，。;；和及等]|$", re.MULTILINE)
# A title coordinated with one before it (…指引和规范招商引资规定) may end in any genre of a document.
_NEXT = re.compile(
    rf"[{CJK}]{{4,28}}?(?:规定|办法|细则|规划|行动计划|方案|意见|条例|指引|纲要|标准)(?=[、,，。;；:：等和]|\n|$)"
)
# Where two coordinated titles were read as one: 黄河保护法和节约用水条例.
_SPLIT = re.compile(r"(?:法|条例|规定|办法|规划|意见|方案|措施|指引|纲要|标准)和")
# The issuer named before a title is no part of it (落实中央整治形式主义为基层减负若干规定).
_ISSUER_LEAD = re.compile(rf"^(?:党中央|中央|国务院|省委|省政府)(?=[{CJK}]{{6}})")
# 国家 before a title says whose it is (落实国家…行动方案), unless the word is its subject's own: a 国家…标准 (the
# standard's level), 国家 + a platform kind (国家农业科技园区管理办法). 全国 before a negative list names its edition
# (the national one, beside the free-trade zones'), which the list's title leaves out; elsewhere it is part of the
# name (全国统一大市场建设指引, 全国碳排放权交易…).
_SCOPE_LEAD = re.compile(rf"^(?:国家(?=[{CJK}]{{6}})|全国(?=[^\n]{{4,40}}负面清单[）)]?$))")


def _scope_lead(title: str) -> int:
    """How many leading characters of an unmarked title are a scope word, not part of its name."""
    m = _SCOPE_LEAD.match(title)
    if m is None or title.endswith("标准"):
        return 0
    kinds = lx.types()
    rest = title[m.end() :]
    return 0 if any(rest[:n] in kinds for n in range(3, min(len(rest), 12) + 1)) else m.end()


_VAGUE = re.compile(r"^(?:有关|相关|本|该|上述|各项|国家有关|国家相关|行业|这些|此)")
# a title is one noun compound: no alternative (细则或…指南), quantifier (各类), clause word or quality (高标准),
# and no spirit of one (八项规定精神和…若干规定)
# A leading level word describes a document rather than names it (出台省级航运…规划: its name starts with the
# province), and a class of standards by who sets them (标准化法 第二条: 国家 / 行业 / 地方 / 团体 / 企业标准) is
# no one standard (联合发布川渝…地方标准).
_NOT_TITLE = re.compile(
    r"[或各后]|的(?!(?:实施|指导)?意见|若干)|确保|高标准$|精神|及其|^(?:省级|市级|县级|区级|国家级)|(?:行业|地方|团体|企业)标准$"
)


def _plan_title(text: str, pos: int, verb: str) -> re.Match[str] | None:
    m = _PLAN.match(text, pos)
    if m is None:
        return None
    name = m.group(0)
    if _GENERIC_PLAN.match(name):
        return None  # 依据国土空间总体规划: the kind of plan every place has, not a title
    return m if _ISSUED.search(verb) or name.endswith("总体规划") else None


def _still_to_write(doc: Doc, pos: int, verb: str) -> bool:
    """制定落实 / 出台 …: the verb (or the one just before it) draws a document up, in a section of the
    document's own year or later."""
    if not _DRAW_UP.search(doc.text[max(0, pos - 2) : pos] + verb) or doc.year is None:
        return False
    year = doc.heading_year(pos)
    return year is not None and year >= doc.year


def _drawn_up(doc: Doc, s: int, e: int) -> bool:
    """《…》 [s, e) is the object of a verb of drawing up, in a section of the document's own year or later
    (not 制定《…法》实施办法: the title there names what the new document implements)."""
    before = _DRAWN_UP_BEFORE.search(doc.text, max(0, s - 4), s)
    return before is not None and _AFTER_TITLE.match(doc.text, e) is not None and _still_to_write(doc, s, "")


def _title_spans(s: int, e: int, text: str) -> list[tuple[int, int]]:
    """The title [s, e), split where two coordinated titles were read as one, without a leading issuer."""
    out: list[tuple[int, int]] = []
    cut = _SPLIT.search(text, s, e)
    if cut is not None and cut.end() - 1 - s >= 4 and e - cut.end() >= 6:
        out.append((s, cut.end() - 1))
        s = cut.end()
    out.append((s, e))
    out = [(a + (m.end() if (m := _ISSUER_LEAD.match(text[a:b])) else 0), b) for a, b in out]
    return [(a + _scope_lead(text[a:b]), b) for a, b in out]


def _unmarked_titles(doc: Doc) -> list[tuple[int, int]]:
    text = doc.text
    out: list[tuple[int, int]] = []
    for v in scan(_APPLY, text):
        pos = v.end()
        verb = v.group("verb")
        first = True
        while True:
            m = _UNMARKED.match(text, pos) or (_plan_title(text, pos, verb) if first else _NEXT.match(text, pos))
            if m is None or _VAGUE.match(m.group(0)) or _NOT_TITLE.search(m.group(0)):
                break
            if first and _still_to_write(doc, v.start(), verb):
                break
            out += _title_spans(*m.span(), text)
            if not text.startswith(("、", "和"), m.end()):
                break
            pos = m.end() + 1
            pos += len("新版") if text.startswith("新版", pos) else 0
            first = False
    return out

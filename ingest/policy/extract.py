"""Stage 4: rules over the normalised text (same offsets as the raw text).

Each function takes the `Doc` context and returns typed items; rule ids name the rule that fired so
that evidence says why a fact was extracted. Confidence: 1.0 for dictionary + strict pattern, lower
for names proposed from a pattern that no dictionary knows.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from app.text import gazetteer, taxonomy
from ingest.policy import lexicon as lx
from ingest.policy.models import (
    Agency,
    CitedDocument,
    ClusterRole,
    DateItem,
    DocNumber,
    Entity,
    Industry,
    PlatformTypeMention,
    Target,
    Title,
    Transition,
)

CJK = r"\u4e00-\u9fff"
_DOCNUM = re.compile(r"[〔\[［]\s*((?:19|20)\d{2})\s*[〕\]］]?\s*(\d{1,4})\s*号")
_DOCNUM_STOP = set("的了和与、于为及在对,，:：() 《》“”\n\t")
# A "sentence" is capped at 2,000 characters: a text without sentence ends (issue 7, bench/heavy_inputs.py)
# made every per-mention look at its sentence scan the whole text (1 MB: 50 s). Real sentences are shorter.
_SENT = re.compile(r"[^。;!?\n]{1,2000}")
_GENRE = re.compile(
    r"(?:通知|答复|方案|计划|办法|指引|意见|规划|细则|通告|决定|函|报告|规定|措施|纲要)(?:\([^)]{0,20}\))?$"
)
_NAV = re.compile(r"当前位置|首页|>|网站地图|发布时间|发布日期|浏览次数|点击|来源[:：]|打印|字体|收藏")


@dataclass
class TypeHit:
    start: int  # incl. prefixes
    core_start: int
    end: int
    entry: lx.TypeEntry
    level: str | None
    cobuilt: str | None
    region: gazetteer.Region | None

    @property
    def type(self) -> str:
        if self.cobuilt and self.entry.type in {"重点实验室", "国家重点实验室", "国家实验室", "临床医学研究中心"}:
            base = self.entry.type
            if self.cobuilt == "省部共建" and self.level == "国家级" and base == "重点实验室":
                return "省部共建国家重点实验室"
            return self.cobuilt + base
        return self.entry.type


@dataclass
class Doc:
    text: str  # normalised (simplified, NFKC 1:1)
    raw: str
    body_end: int
    region: gazetteer.Region | None = None
    year: int | None = None
    own_numbers: list[DocNumber] = field(default_factory=list)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in _SENT.finditer(self.text)]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._sentence_starts, pos) - 1  # sentences are sorted and disjoint
        if i >= 0:
            s, e = self.sentences[i]
            if s <= pos < e:
                return s, e
        return pos, pos

    def q(self, s: int, e: int) -> str:
        return self.raw[s:e]

    @cached_property
    def type_hits(self) -> list[TypeHit]:
        return find_types(self)

    @cached_property
    def _by_start(self) -> list[TypeHit]:
        return sorted(self.type_hits, key=lambda h: h.start)

    @cached_property
    def _hit_starts(self) -> list[int]:
        return [h.start for h in self._by_start]

    def hits_between(self, s: int, e: int) -> list[TypeHit]:
        """Type hits lying inside [s, e) (hits are sorted by start)."""
        i = bisect.bisect_left(self._hit_starts, s)
        out = []
        for h in self._by_start[i:]:
            if h.start >= e:
                break
            if h.end <= e:
                out.append(h)
        return out


# ---------------------------------------------------------------- document metadata


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


def find_doc_numbers(doc: Doc, title: Title | None) -> tuple[list[DocNumber], list[tuple[int, int, str]]]:
    """(the document's own numbers, cited numbers as (start, end, text))."""
    own: list[DocNumber] = []
    cited: list[tuple[int, int, str]] = []
    text = doc.text
    for m in _DOCNUM.finditer(text):
        s = m.start()
        while s > 0 and m.start() - s < 8 and text[s - 1] not in _DOCNUM_STOP and re.match(f"[{CJK}]", text[s - 1]):
            s -= 1
        if s == m.start():
            continue
        e = m.end()
        line_s = text.rfind("\n", 0, s) + 1
        line_e = text.find("\n", e)
        line_e = len(text) if line_e < 0 else line_e
        line = text[line_s:line_e].strip().strip("()").strip()
        on_title_line = title is not None and line_s <= title.span[0] <= line_e
        alone = line == text[s:e]
        garbled = "〕" not in text[s:e] and "]" not in text[s:e]
        if on_title_line or alone:
            rule = "docnum.garbled" if garbled else "docnum.header"
            own.append(DocNumber(span=(s, e), text=doc.q(s, e), rule=rule, confidence=0.7 if garbled else 1.0))
        else:
            cited.append((s, e, text[s:e]))
    return own, cited


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


# ---------------------------------------------------------------- regions, agencies


def _region_names() -> dict[str, gazetteer.Region]:
    return (
        {r.name: r for r in gazetteer.regions()}
        | {r.short: r for r in gazetteer.regions() if len(r.short) >= 2 and r.level == "province"}
        | {
            r.short: r
            for r in gazetteer.regions()
            if len(r.short) >= 2 and r.level == "city" and r.short not in {"吉林", "海南"}
        }
    )


_REGIONS = _region_names()


def region_before(text: str, pos: int) -> tuple[int, gazetteer.Region] | None:
    """A region name ending exactly at pos (longest first)."""
    for n in range(min(9, pos), 1, -1):
        r = _REGIONS.get(text[pos - n : pos])
        if r is not None:
            return pos - n, r
    return None


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


def _mentioned_agency(
    doc: Doc, start: int, end: int, rule: str, canonical: str | None = None, confidence: float = 1.0
) -> Agency:
    """An agency mentioned at [start, end): the surface is its name (and its canonical name unless one
    is given); issuers are marked afterwards by _mark_issuers."""
    name = doc.text[start:end]
    return Agency(
        span=(start, end),
        text=doc.q(start, end),
        name=name,
        canonical=canonical or name,
        role="mentioned",
        rule=rule,
        confidence=confidence,
    )


def find_agencies(doc: Doc, title: Title | None) -> list[Agency]:
    m: re.Match[str] | None
    text = doc.text
    out: list[Agency] = []
    taken: list[tuple[int, int]] = []
    for s, e, surface, entry in lx.longest_matches(lx.agency_automaton(), text):
        assert isinstance(entry, lx.AgencyEntry)
        region = doc.region
        start = s
        if not entry.national:
            rb = region_before(text, s)
            if rb:
                start, region = rb
            elif text[s - 3 : s] == "自治区":
                start = s - 3
            elif (
                s > 0
                and text[s - 1] in "省市"
                and (s < 2 or text[s - 2] not in "全本我该各外跨")
                # 省辖市科技局 / 地级以上市人民政府: a class of addressees, not one city's agency
                and not (
                    text[s - 1] == "市" and s >= 2 and re.match(f"[{CJK}]", text[s - 2]) and text[s - 2] not in "和及与"
                )
            ):
                start = s - 1
                if text[s - 1] == "市":
                    region = None
            elif (mm := re.search(r"省(?:第?[一二三四五六七八九十]+届)$", text[max(0, s - 8) : s])) and surface in {
                "人大",
                "政协",
                "人大常委会",
            }:
                start = s - len(mm.group(0))  # 省十四届人大二次会议
            elif len(surface) < 3:
                continue
        elif re.match(rf"[{CJK}]{{2,16}}?(?:研究所|研究院|分院)", text[e : e + 20]) and not re.match(
            r"[{CJK}]*[,、。]", text[e : e + 4]
        ):
            continue  # 中国科学院长春应用化学研究所: part of an institution's name
        if start >= 2 and text[start - 2 : start] == "中共":
            start -= 2
        end = e + 2 if text[e : e + 2] == "党组" else e
        canonical = entry.canonical if entry.national else f"{region.name if region else ''}{entry.canonical}"
        out.append(_mentioned_agency(doc, start, end, "agency.dict", canonical))
        taken.append((start, end))
    # 省委 / 中共辽宁省委: the party committee has no dictionary core of its own
    for m in re.finditer(r"(?:中共)?([" + CJK + r"]{2,3}省|省)委(?![员托会办])", text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        name = m.group(1)
        r = _REGIONS.get(name) or (doc.region if name == "省" else None)
        if r is None:
            continue
        out.append(_mentioned_agency(doc, *m.span(), "agency.party_committee", f"中共{r.name}委员会"))
    # departments: 来源:创新平台建设处 / 广西民族大学科学技术处
    for m in re.finditer(r"来源[:：]\s*([" + CJK + r"]{2,12}?处)(?![" + CJK + "])", text):
        out.append(_mentioned_agency(doc, *m.span(1), "agency.department_source", confidence=0.8))
    for s, e, _name, _u in lx.longest_matches(lx.university_automaton(), text):
        m = re.match(r"(?:科学技术处|科技处|科研处)", text[e:])
        if m:
            out.append(_mentioned_agency(doc, s, e + m.end(), "agency.university_department", confidence=0.8))
    # footer: 主办单位:X / 版权所有:Y
    for m in re.finditer(
        r"(?:主办单位|版权所有)[:：]\s*([" + CJK + r"]{4,40}?(?:办公室|办公厅|委员会|政府|厅|局|委))(?![" + CJK + "])",
        text,
    ):
        if not any(a <= m.start(1) < b for a, b in taken):
            out.append(_mentioned_agency(doc, *m.span(1), "agency.footer", confidence=0.7))
    _mark_issuers(doc, out, title)
    return sorted(out, key=lambda a: a.span)


def _mark_issuers(doc: Doc, agencies: list[Agency], title: Title | None) -> None:
    text = doc.text
    # Signature block: lines made only of agency names, followed (within 3 lines) by a date line.
    date_line = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{4,6})\s*$")
    lines = text.split("\n")
    offs = [0]
    for ln in lines:
        offs.append(offs[-1] + len(ln) + 1)
    signed = False
    for i, ln in enumerate(lines):
        if not ln.strip():
            continue
        ags = [a for a in agencies if offs[i] <= a.span[0] < offs[i] + len(ln)]
        rest = ln
        for a in ags:
            rest = rest.replace(a.name, "")
        if not ags or rest.strip(" \u3000\t"):
            continue
        nxt = [j for j in range(i + 1, min(len(lines), i + 6)) if lines[j].strip()][:3]
        block_ok = False
        for j in nxt:
            if date_line.match(lines[j]):
                block_ok = True
                break
            lj_ags = [a for a in agencies if offs[j] <= a.span[0] < offs[j] + len(lines[j])]
            if not lj_ags:
                break
        if block_ok:
            signed = True
            for a in ags:
                a.role = "issuer"
                a.rule += "+issuer.signature"
    if not signed and title is not None:
        cut = doc.text.find("关于", title.span[0], title.span[1])
        for a in agencies:
            if title.span[0] <= a.span[0] and a.span[1] <= (title.span[1] if cut < 0 else cut):
                a.role = "issuer"
                a.rule += "+issuer.title"


# ---------------------------------------------------------------- cited documents


def _norm_title(t: str) -> str:
    return re.sub(r"[\s—–\-~]", "", t)


def find_cited(
    doc: Doc, title: Title | None, main_title: str | None, cited_nums: list[tuple[int, int, str]]
) -> list[CitedDocument]:
    out: list[CitedDocument] = []
    own = {_norm_title(x) for x in (main_title, doc.text[title.span[0] : title.span[1]] if title else None) if x}
    for m in re.finditer(r"《([^《》\n]{2,80})》", doc.text):
        t = m.group(1)
        # the document's own main text, named in a title without book-title marks (印发…规划的通知)
        if _norm_title(t) in own or any(len(t) >= 6 and _norm_title(t) in o for o in own):
            continue
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
    return out


# ---------------------------------------------------------------- platform types


def find_types(doc: Doc) -> list[TypeHit]:
    text = doc.text
    hits: list[TypeHit] = []
    for s, e, _surface, entry in lx.longest_matches(lx.type_automaton(), text):
        assert isinstance(entry, lx.TypeEntry)
        start, level, cobuilt, region = s, None, None, None
        if "regional" in entry.flags:
            rb = region_before(text, s)
            if rb is None or gazetteer.province_of(rb[1]) != rb[1]:
                continue
            start, region, level = rb[0], rb[1], "省级"
        for _ in range(3):
            rb = region_before(text, start)
            if rb is not None:
                start, region = rb
                level = level or ("省级" if rb[1].level == "province" else "市级")
                continue
            for p, lv, cb in lx.prefixes():
                if text.startswith(p, start - len(p)):
                    if len(p) == 1 and start >= 2 and text[start - 2] in "全本我该各外跨分每":
                        continue
                    if (
                        p in {"市", "自治区"}
                        and start - len(p) >= 1
                        and re.match(f"[{CJK}]", text[start - len(p) - 1])
                        and text[start - len(p) - 1] not in "和及与、建设的对在"
                    ):
                        continue
                    start -= len(p)
                    if cb:
                        cobuilt = cb
                    level = level or lv
                    break
            else:
                break
        end = e + 2 if text[e : e + 2] == "试点" else e
        if level is None and entry.surface.startswith(("国家", "全国")):
            level = "国家级"
        spec = taxonomy.canonical_type(entry.type)
        if level is None and spec is not None and spec.default_level and entry.surface == spec.name:
            level = spec.default_level  # 省部共建国家重点实验室 is national by name
        hits.append(TypeHit(start, s, end, entry, level, cobuilt, region))
    return hits


def _default_level(doc: Doc) -> str | None:
    if doc.region is None:
        return None
    return "省级" if doc.region.level == "province" else "市级"


_CATS = {
    "科学与工程研究": "科学与工程研究",
    "技术创新与成果转化": "技术创新与成果转化",
    "基础支撑与条件保障": "基础支撑与条件保障",
    "条件保障能力建设": "基础支撑与条件保障",
}


def find_platform_types(doc: Doc, named_spans: list[tuple[int, int]]) -> list[PlatformTypeMention]:
    out: list[PlatformTypeMention] = []
    # Only spans starting within the longest span's length before a hit can hold it: bounded scans, not
    # hits x spans (quadratic on a few MB of text).
    spans = sorted(named_spans)
    starts = [a for a, _ in spans]
    longest = max((b - a for a, b in spans), default=0)
    for h in doc.type_hits:
        if h.start >= doc.body_end or h.entry.flags & {"umbrella", "entity", "nameonly"}:
            continue
        lo = bisect.bisect_left(starts, h.end - longest)
        hi = bisect.bisect_right(starts, h.start)
        inside = any(h.end <= b and (a, b) != (h.start, h.end) for a, b in spans[lo:hi])
        if inside:
            continue
        ss, se = doc.sentence_of(h.start)
        sent = doc.text[ss:se]
        core = bool(re.search(r"定位于建设|主要包括|包括.{0,80}在内", sent)) and any(c in sent for c in _CATS)
        out.append(
            PlatformTypeMention(
                span=(h.start, h.end),
                text=doc.q(h.start, h.end),
                type=h.type,
                level=h.level or _default_level(doc),
                category=h.entry.category,
                core=core,
                rule="ptype.dict+prefix",
            )
        )
    return out


# ---------------------------------------------------------------- named entities

_STOP_TOKENS = {
    "建设",
    "推进",
    "组建",
    "加强",
    "支持",
    "依托",
    "发挥",
    "推动",
    "争创",
    "创建",
    "打造",
    "布局",
    "新建",
    "培育",
    "认定",
    "建立",
    "申报",
    "成立",
    "设立",
    "有",
    "和",
    "及",
    "等",
    "的",
    "在",
    "对",
    "为",
    "是",
    "了",
    "以",
    "由",
    "将",
    "把",
    "与其",
    "加快",
    "围绕",
    "服务",
    "支撑",
    "获批",
    "落地",
    "承担",
    "包括",
    "推荐",
    "跟踪",
    "大力",
    "继续",
    "积极",
    "重点",
    "全力",
    "高标准",
    "扎实",
    "优化",
    "提升",
    "完善",
    "加大",
    "引导",
    "鼓励",
    "一批",
    "批准",
    "实施",
    "现有",
    "已",
    "新",
    "中",
    "各类",
    "其他",
    "我省",
    "全省",
    "本省",
    "我区",
    "全区",
    "向",
    "其中",
    "个",
    "家",
    "纳入",
    "走进",
    "促进",
    "规范",
    "建立健全",
    "谋划",
    "充分发挥",
    "积极参与",
    "备案",
    "积极争取",
    "晋升为",
    "地方",
    "优势",
    "尚",
    "没有",
    "相关",
    "省外",
    "省内",
    "该",
    "原",
}
_GENERIC = re.compile(
    r"^(?:科技|创新|科技创新|产业|技术|综合|公共|服务|国际|区域|区域性|专业|专业化|各级|综合领域类|独立法人类|内设机构类|企业|学科|新型|高水平|一流|国内一流|优秀|骨干|龙头|市县|市县级|[一二三四五六七八九十两几若干数]+[个家批类])+$"
)
_NAME_CHARS = re.compile(rf"[{CJK}A-Za-z0-9()\-·]")


@cache
def _pos_table() -> dict[str, str]:
    """word → POS tag from jieba's bundled dictionary (no posseg run-time cost)."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                out[parts[0]] = parts[2]
    return out


_STOP_POS = {"v", "vd", "vn", "d", "p", "c", "u", "r", "m", "q", "ad", "f", "t", "uj", "ul", "y", "zg", "mq"}


# Modifiers that start names and fields (新一代信息技术, 新型显示) although jieba tags them as time/numeral.
_NAME_HEADS = {"新一代", "新型", "新兴", "一汽", "科技创新", "创新创业", "创新"}
_NAME_HEADS |= {"西部", "东部", "中部", "东北", "西北", "西南", "东南", "华北", "华南", "华东", "华中"}
# Tags that end a name for certain (function words); verbs only end it when no region name lies further left.
_HARD_POS = {"p", "c", "u", "r", "uj", "ul", "y", "f", "t", "m", "q", "mq"}
# An organisation name followed by a conjunction: a new name starts after it (研究所与吉林化纤集团).
_ORG_THEN_CONJ = re.compile(r"(?:研究所|研究院|大学|学院|公司|集团|中心|实验室|医院)(?:与|和|及|、)")


def _is_stop(tok: str) -> bool:
    if tok in _STOP_TOKENS or re.fullmatch(r"[\d()]+|\d+年度?", tok) or tok == "年度":
        return True
    if tok == "与" or tok in _NAME_HEADS:  # name-internal: 电工装备可靠性与智能化国家重点实验室
        return False
    if tok in lx.types() or tok in lx.industries() or tok in _REGIONS:
        return False
    return _pos_table().get(tok, "n") in _STOP_POS


def _is_hard_stop(tok: str) -> bool:
    if tok in _NAME_HEADS or tok == "与" or tok in _REGIONS:
        return False
    return (
        tok in _STOP_TOKENS
        or bool(re.fullmatch(r"[\d()]+|\d+年度?|年度", tok))
        or _pos_table().get(tok, "n") in _HARD_POS
    )


def _left_name(doc: Doc, end: int, max_len: int = 24, region_extend: bool = True) -> int:
    """Where a name ending at `end` begins: extend left over name characters, then cut after the
    rightmost stop token of a jieba segmentation of that window. Names usually begin with their
    region, so a region word left of that cut, with only content words (even verbs: 作物分子育种,
    再生医学) and no function word between, moves the start back to the region."""
    text = doc.text
    s = end
    while s > 0 and end - s < max_len and _NAME_CHARS.match(text[s - 1]) and text[s - 1] not in "、":
        s -= 1
    if s == end:
        return end
    ends = [m.end() for m in _ORG_THEN_CONJ.finditer(text, s, end)]
    if ends:
        s = ends[-1]
    window = text[s:end]
    toks = lx.tokenizer().lcut(window, HMM=False)
    pos = s
    cut = s
    hard = s
    starts: list[tuple[int, str]] = []
    for t in toks:
        starts.append((pos, t))
        pos += len(t)
        if _is_stop(t):
            cut = pos
        if _is_hard_stop(t):
            hard = pos
    if region_extend and cut > hard:
        for i, (ts, t) in enumerate(starts):
            if hard <= ts < cut and t in _REGIONS:
                if not any(t2 in _ORG_TOKENS for ts2, t2 in starts[i + 1 :] if ts2 < cut):
                    cut = ts
                break
    while cut < end and text[cut] in "与和及":  # a name never starts with a conjunction
        cut += 1
    return cut


_ORG_TOKENS = {"集团", "公司", "大学", "学院", "研究所", "研究院", "医院"}


_COMPANY = re.compile(r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司)|集团(?![公成])")
_COMPANY_STOP = re.compile(r"(?:与|和|及|由|对|向|为|在|将|把|等|的)")


def _company_start(doc: Doc, end: int) -> int:
    """Company names run back to punctuation or a list separator; inside, only a conjunction, a
    preposition or a multi-character stop verb (支持/鼓励/引导) ends them — not verbs that are part
    of a trade name (一汽解放, 中车)."""
    text = doc.text
    s = end
    while s > 0 and end - s < 24 and _NAME_CHARS.match(text[s - 1]) and text[s - 1] not in "、":
        s -= 1
    pos, cut = s, s
    for t in lx.tokenizer().lcut(text[s:end], HMM=False):
        pos += len(t)
        if (t in _STOP_TOKENS and len(t) >= 2) or _COMPANY_STOP.fullmatch(t) or re.fullmatch(r"[\d()]+", t):
            cut = pos
    return cut


def _strip_region_level(name: str) -> tuple[str, bool]:
    """The part of a name that is neither region nor level prefix; and whether a region was cut."""
    rest, had_region = name, False
    for _ in range(4):
        changed = False
        for n in range(min(9, len(rest)), 1, -1):
            if rest[:n] in _REGIONS:
                rest, had_region, changed = rest[n:], True, True
                break
        for p, _lv, _cb in lx.prefixes():
            if rest.startswith(p) and (len(p) > 1 or had_region):
                rest, changed = rest[len(p) :], True
                break
        if not changed:
            break
    return rest, had_region


_HEAD_KIND = {
    "实验室": "platform",
    "科技中心": "platform",
    "创新中心": "platform",
    "创业中心": "platform",
    "研究中心": "platform",
    "研究院": "institution",
    "研究所": "institution",
    "科学院": "institution",
    "科学城": "zone",
    "走廊": "zone",
    "示范区": "zone",
    "港区": "zone",
}
_HEAD_NOUN = re.compile("|".join(sorted(_HEAD_KIND, key=len, reverse=True)) + r"(?!有限|股份)")


def _coordinated_places(doc: Doc, start: int, add: Any) -> None:
    """盘锦、丹东高新区: places listed before a place-named zone share its head."""
    text = doc.text
    pos = start
    while pos > 0 and text[pos - 1] in "、和及":
        rb = region_before(text, pos - 1)
        if rb is None:
            break
        add(rb[0], pos - 1, "zone", "entity.coordinated_place", 0.6, None, False)
        pos = rb[0]


def find_entities(doc: Doc) -> list[Entity]:
    m: re.Match[str] | None
    text = doc.text
    out: list[Entity] = []
    seen: set[tuple[int, int]] = set()
    ordered: list[tuple[int, int]] = []  # seen, sorted: a containing span starts within `longest` before e
    longest = 0

    def add(s: int, e: int, kind: str, rule: str, conf: float, typ: str | None = None, known: bool = True) -> None:
        nonlocal longest
        if (s, e) in seen:
            return
        lo = bisect.bisect_left(ordered, (e - longest, -1))
        hi = bisect.bisect_right(ordered, (s, len(text) + 1))
        if any(e <= b for _, b in ordered[lo:hi]):  # bounded, not entities x entities (a few MB of text)
            return
        seen.add((s, e))
        bisect.insort(ordered, (s, e))
        longest = max(longest, e - s)
        out.append(
            Entity(
                span=(s, e),
                text=doc.q(s, e),
                kind=kind,
                name=text[s:e],
                type=typ,
                rule=rule,
                confidence=conf,
                known=known,
            )
        )

    for s, e, _w, val in lx.longest_matches(lx.named_automaton(), text):
        pair: tuple[str, str | None] = val  # type: ignore[assignment]
        add(s, e, pair[0], "entity.dict", 1.0, pair[1])
    # “quoted names” ending like a platform or a fund
    for m in re.finditer(r"“([^“”\n]{3,40})”", text):
        name = m.group(1)
        th = [h for h in doc.type_hits if h.end == m.end(1) and h.start >= m.start(1)]
        if name.endswith("基金"):
            add(*m.span(1), "programme", "entity.quoted_fund", 0.8)
        elif (th and th[0].start > m.start(1)) or re.search(r"(?:工坊|科技园|研究院|实验室|中心|平台)$", name):
            add(*m.span(1), "platform", "entity.quoted_platform", 0.8, th[0].type if th else None, known=False)
    # CAS institutes and incubators
    for m in re.finditer(rf"(?:中科院|中国科学院)[{CJK}]{{1,16}}?(?:研究所|研究院|育成中心|分院)", text):
        add(*m.span(), "institution", "entity.cas_unit", 0.8, known=False)
    # universities from the MoE list
    for s, e, _n, _u in lx.longest_matches(lx.university_automaton(), text):
        add(s, e, "university", "entity.university_gazetteer", 1.0)
    # companies: …股份有限公司 / …集团
    for m in _COMPANY.finditer(text, 0, doc.body_end):
        s = _company_start(doc, m.start())
        if m.start() - s >= 2 and not _GENERIC.match(text[s : m.start()]):
            add(s, m.end(), "company", "entity.company_suffix", 0.7, known=False)
    # type-suffixed names: what precedes the type is more than region / level / generic words;
    # a zone (高新区, 示范区) is named by its place alone (杭州高新区), and coordinated places before
    # it are zones too (盘锦、丹东高新区 → 盘锦, 丹东高新区).
    for h in doc.type_hits:
        if h.entry.flags & {"umbrella", "entity"}:
            continue
        e = h.end
        m = re.match(rf"([{CJK}]{{2,3}})分中心", text[e:])
        if m and m.group(1) in _REGIONS:
            add(h.start, e + m.end(), "platform", "entity.branch_centre", 0.8, h.type, known=False)
            continue
        singleton = "singleton" in h.entry.flags
        if singleton and h.region is not None and text[h.start : h.core_start] == h.region.name:
            add(h.start, e, "platform", "entity.region_singleton", 0.9, h.type)
            continue
        zone = "zone" in h.entry.flags
        s = _left_name(doc, h.core_start)
        rest, had_region = _strip_region_level(text[s : h.core_start])
        if re.match(r"管理委员会|管委会", text[e : e + 5]):
            continue  # part of an agency's name
        if zone and had_region and not rest and not text[s : h.core_start].startswith(("国家", "省")):
            add(s, e, "zone", "entity.region_zone", 0.8, h.type, known=False)
            _coordinated_places(doc, s, add)
            continue
        if not rest or _GENERIC.match(rest) or rest in lx.industries() or rest in _REGIONS or len(rest) < 2:
            continue
        add(s, e, "zone" if zone else "platform", "entity.type_suffix", 0.6, h.type, known=False)
        if zone:
            _coordinated_places(doc, s, add)
    # names that end in a generic head noun no type table lists: 鹏城实验室, 青岛海洋科技中心,
    # 黄河水利科学研究院, 西部科学城, 广深港澳科技创新走廊, 济源示范区
    in_type = {i for h in doc.type_hits for i in range(h.core_start, h.end)}
    for m in _HEAD_NOUN.finditer(text, 0, doc.body_end):
        if m.start() in in_type or text[m.end() : m.end() + 2] in {"体系", "建设", "管理"}:
            continue
        s = _left_name(doc, m.start(), 20)
        name = text[s : m.end()]
        rest, had_region = _strip_region_level(text[s : m.start()])
        head = m.group(0)
        kind = _HEAD_KIND[head]
        place_only = had_region and not rest
        if "的" in name or (not rest and not (place_only and (kind == "zone" or head == "实验室"))):
            continue
        if rest and (
            _GENERIC.match(rest)
            or (rest in lx.industries() and not had_region)
            or len(rest) < (1 if had_region else 2)
            or rest in lx.types()
        ):
            continue
        if place_only and head == "实验室" and _REGIONS[text[s : m.start()].rstrip("省市")].level == "province":
            continue  # 广东省实验室 is a type, 广州实验室 a named lab
        add(s, m.end(), kind, "entity.head_noun", 0.5, known=False)
    # quoted names without a type suffix, introduced as examples of a platform kind:
    # “长光卫星遥感”等一批创新联合体
    for m in re.finditer(
        r"“([^“”\n]{2,20})”等(?:一批|多个|若干)?[^,。;]{0,8}?(?:联合体|平台|实验室|中心|载体|机构|基地|园区)", text
    ):
        add(*m.span(1), "platform", "entity.quoted_example", 0.6, known=False)
    # zones: 沈抚新区 / 沈大自创区沈阳片区 / 面向东盟科技创新合作区
    for m in re.finditer(rf"(?:[{CJK}]{{2}}自创区)?[{CJK}]{{2}}片区|[{CJK}]{{2}}新区", text):
        if not re.match(r"(?:建设|推进|打造|一个|各个)", m.group(0)) and not m.group(0).endswith("高新区"):
            add(*m.span(), "zone", "entity.zone_suffix", 0.6, known=False)
    for m in re.finditer(rf"[{CJK}]{{2,10}}(?:合作区|开发区)", text):
        s = _left_name(doc, m.end() - 3)
        name = text[s : m.end()]
        if not _GENERIC.match(name[:-3]) and "的" not in name:
            add(s, m.end(), "zone", "entity.zone_suffix", 0.6, known=False)
    # funds: 国自然-辽宁联合基金 / 省产业(创业)投资引导基金
    for m in re.finditer(r"基金(?![委计会项])", text):
        s = _left_name(doc, m.start(), 20)
        name = text[s : m.end()]
        if len(name) >= 6 and (re.search(r"[-省]|国家|国自然", name[:4]) or name.startswith("省")):
            add(s, m.end(), "programme", "entity.fund_suffix", 0.6, known=False)
    # persons addressed: 丁桦代表:
    for m in re.finditer(rf"^[ \t]*([{CJK}]{{2,3}})(?:代表|委员|同志)[:：]", text, re.MULTILINE):
        add(*m.span(1), "person", "entity.addressee", 0.8, known=False)
    return sorted(out, key=lambda x: x.span)


# ---------------------------------------------------------------- transitions


def _types_in(doc: Doc, s: int, e: int) -> list[TypeHit]:
    return [h for h in doc.hits_between(s, e) if "entity" not in h.entry.flags]


def find_transitions(doc: Doc) -> list[Transition]:
    m: re.Match[str] | None
    text = doc.text
    out: list[Transition] = []

    def add(kind: str, s: int, e: int, frm: list[str], to: str | None, rule: str, conf: float = 0.8) -> None:
        frm = list(dict.fromkeys(frm))
        if any(t.kind == kind and t.from_type == frm and t.to_type == to for t in out):
            return
        out.append(
            Transition(span=(s, e), text=doc.q(s, e), kind=kind, from_type=frm, to_type=to, rule=rule, confidence=conf)
        )

    for ss, se in doc.sentences:
        if ss >= doc.body_end:
            break
        sent = text[ss:se]
        hits = _types_in(doc, ss, se)
        # stop_new: 不再批复新建 X
        for m in re.finditer(r"不再(?:批复|受理)?(?:新建|批建|认定|新设)", sent):
            after = [h for h in hits if h.start >= ss + m.end()]
            if after:
                cs = ss + max(sent.rfind(",", 0, m.start()) + 1, 0)
                add("stop_new", cs, after[0].end, [after[0].type], None, "transition.stop_new", 0.95)
        # 纳入 X 序列 / 管理: merge (归并/优化整合现有) or convert
        m = re.search(r"纳入(?:到)?(.{0,30}?)(?:序列|管理)", sent)
        if m and not re.search(r"纳入(?:到)?相关", sent):
            to_hits = [h for h in hits if ss + m.start() <= h.start < ss + m.end()]
            before = [h for h in hits if h.end <= ss + m.start() and "umbrella" not in h.entry.flags]
            to: str | None = to_hits[-1].type if to_hits else None
            if to is None:
                cat = re.search(r"(科学与工程研究|技术创新与成果转化|基础支撑与条件保障)类", m.group(1))
                to = cat.group(0) + "科技创新基地" if cat else None
            frm = [h.type for h in before if h.type != to or re.search(r"归并|合并|优化整合", sent)]
            if to and (frm or before):
                kind = "merge" if re.search(r"归并|合并|优化整合现有|整合组建", sent) else "convert"
                add(kind, ss, se, frm or [h.type for h in before], to, f"transition.{kind}.incorporate")
        # 转型升级为 X / 改革调整 legacy X, 布局建设 Y / 撤、并、转 … 转建 Y
        m = re.search(r"转型升级为|转为|转建为", sent)
        if m:
            to_h = [h for h in hits if h.start >= ss + m.end()]
            frm_s = sent[: m.start()]
            subj = [x for x in re.split(r"[、,]", re.sub(r"^(?:引导|支持|推动|鼓励)+", "", frm_s)) if 2 <= len(x) <= 10]
            if to_h:
                add(
                    "convert",
                    ss,
                    se,
                    subj[:4] or [h.type for h in hits if h.end <= ss + m.start()],
                    to_h[0].type,
                    "transition.convert.upgrade",
                )
        m = re.search(r"(?:改革调整|撤、并、转)", sent)
        if m:
            legacy = [h for h in hits if "legacy" in h.entry.flags]
            newer = [
                h
                for h in hits
                if "legacy" not in h.entry.flags
                and "umbrella" not in h.entry.flags
                and legacy
                and h.start > legacy[0].start
                # A successor is named after the trigger (改革调整 X … 布局建设 Y); types listed before
                # it are the enumeration the clause reviews (对现有A、B、C…通过撤、并、转), not a target.
                and h.start > ss + m.start()
            ]
            if legacy and not newer:
                nxt = re.search(r"转建", text[se : se + 120])
                if nxt:
                    newer = [
                        h
                        for h in doc.type_hits
                        if se + nxt.end() <= h.start < se + 140 and "legacy" not in h.entry.flags
                    ]
            if legacy and newer:
                add("convert", ss, se, [legacy[0].type], newer[0].type, "transition.convert.reform")
        # revoke
        for m in re.finditer(
            r"(?:调整和撤销|予以撤销|重组或撤销|进行撤销|撤销|予以摘牌|摘牌|取消其?(?:认定|资格|命名))(?!淘汰|一批)",
            sent,
        ):
            if re.search(r"\d+\s*[家个]", sent[m.end() : m.end() + 12]):
                continue
            before = [h for h in hits if h.end <= ss + m.start() and "umbrella" not in h.entry.flags]
            frm = [before[-1].type] if before else (["科技创新平台"] if "平台" in sent[: m.start()] else [])
            if frm:
                add("revoke", ss, se, frm, None, "transition.revoke", 0.8)
        # restructure
        m = re.search(r"优化重组", sent)
        if m:
            restr = [h.type for h in hits if h.end <= ss + m.start() and "umbrella" not in h.entry.flags]
            if restr and not any(t.kind == "restructure" for t in out):
                add("restructure", ss, se, restr, None, "transition.restructure", 0.8)
        # promote: 晋升为 / 晋级 / 申报国家X / 争取国家X认定 / 推荐培育 / 争创国家X (without a count)
        for m in re.finditer(r"晋升为|晋升|晋级|申报|争取|推荐培育|争创", sent):
            after = [h for h in hits if ss + m.end() <= h.start <= ss + m.end() + 6]
            before = [
                h
                for h in doc.type_hits
                if h.end <= ss + m.start() and ss - 400 <= h.start and "entity" not in h.entry.flags
            ]
            trig = m.group(0)
            tail = sent[m.end() :]
            if re.match(r".{0,14}?\d+\s*[家个]", tail):
                continue
            if trig == "晋升" and tail.startswith("国家级"):
                frm = [before[-1].type] if before else []
                if frm:
                    add("promote", ss, se, frm, frm[0], "transition.promote.level", 0.7)
                continue
            if not after:
                continue
            to_p = after[0]
            if trig in {"申报", "争取", "争创"} and (to_p.level != "国家级" or "umbrella" in to_p.entry.flags):
                continue
            # 推荐…申报 / X申报国家X: the subject platform type stands right before the trigger
            if trig == "申报" and "推荐" not in sent[: m.start()] and not any(h.end == ss + m.start() for h in before):
                continue
            if trig == "争取" and "认定" not in tail[:20] and "晋级" not in tail[:20]:
                continue
            frm_h = [h for h in before if h.type != to_p.type or h.level != to_p.level]
            if not frm_h:
                frm_h = [h for h in before]
            if not frm_h:
                continue
            add("promote", ss, se, [frm_h[-1].type], to_p.type, f"transition.promote.{trig}", 0.7)
    return out


# ---------------------------------------------------------------- targets

# 30家 / 1.2万家 / 300-350家 (a range: count is the low end, count_max the high end)
_NUM = re.compile(r"(?:(\d+)\s*[-—–~至]\s*)?(\d+(?:\.\d+)?)\s*(万)?\s*(?:家|个)(?!人|月|项|次)")
_AT_MOST = re.compile(r"(?:不超过|不多于|最多|至多|控制在)\s*$")
_AT_LEAST = re.compile(r"(?:不少于|不低于|至少|超过|达)\s*$")


def _bounds(sent: str, m: re.Match[str]) -> tuple[int, int | None, str, float]:
    """(count, count_max, bound, the stated number) of a count match: exact | min | max | range."""
    scale = 10000 if m.group(3) else 1
    n = float(m.group(2)) * scale
    if m.group(1):
        lo = int(float(m.group(1)) * scale)
        if lo < n:
            return lo, int(n), "range", n
    before, after = sent[max(0, m.start() - 6) : m.start()], sent[m.end() : m.end() + 3]
    if _AT_MOST.search(before) or after.startswith("以内"):
        return int(n), int(n), "max", n
    if after.startswith("以上") or _AT_LEAST.search(before):
        return int(n), None, "min", n
    return int(n), None, "exact", n


_KIND_WORDS = [
    ("conversion", r"转建"),
    ("removal", r"淘汰|撤销|优化整合或"),
    ("total", r"达到|总数|保有量|总保有量|增加到|累计|共有|全省有"),
    ("increment", r"新增|新建|新认定|新备案|组建|创建|争创|建设|培育|认定|遴选|批准"),
]
_PERIOD = {"十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}


def _split_clauses(sent: str) -> list[tuple[int, int]]:
    out, depth, start = [], 0, 0
    for i, ch in enumerate(sent):
        if ch in "((":
            depth += 1
        elif ch in "))":
            depth = max(0, depth - 1)
        elif ch in ",、:" and depth == 0:
            out.append((start, i))
            start = i + 1
    out.append((start, len(sent)))
    return out


def _year(doc: Doc, sent: str, upto: int, para_before: str = "") -> tuple[int | None, str]:
    m = re.search(r"到\s*((?:19|20)\d{2})\s*年", sent)
    if m:
        return int(m.group(1)), "by_year"
    # a sentence-leading 到YYYY年, scopes over the following sentences of its paragraph
    m = re.search(r"(?:^|[。;])\s*到\s*((?:19|20)\d{2})\s*年\s*,(?!.*到\s*(?:19|20)\d{2}\s*年)", para_before)
    if m and not re.search(r"(?:19|20)\d{2}\s*年", sent):
        return int(m.group(1)), "by_year_paragraph"
    m = re.search(r"((?:19|20)\d{2})\s*[-—–~至]\s*((?:19|20)\d{2})\s*年", sent)
    if m:
        return int(m.group(2)), "period_end"
    for k, v in _PERIOD.items():
        if k in sent:
            return v, "five_year_plan"
    ys = re.findall(r"((?:19|20)\d{2})\s*年", sent[:upto])
    if ys:
        return int(ys[-1]), "sentence_year"
    return doc.year, "document_year"


def find_targets(doc: Doc) -> list[Target]:
    text = doc.text
    out: list[Target] = []
    region = doc.region.name if doc.region else None
    for ss, se in doc.sentences:
        if ss >= doc.body_end:
            break
        sent = text[ss:se]
        last_type: TypeHit | None = None
        for cs, ce in _split_clauses(sent):
            if not _NUM.search(sent, cs, ce):
                continue
            clause_hits = [h for h in doc.hits_between(ss + cs, ss + ce) if "nameonly" not in h.entry.flags]
            for m in _NUM.finditer(sent, cs, ce):
                count, count_max, bound, n = _bounds(sent, m)
                if n <= 0 or re.search(r"(?:19|20)\d{2}\s*年", sent[max(0, m.start() - 1) : m.end()]):
                    continue
                pos = ss + m.start()
                before = [h for h in clause_hits if h.end <= pos]
                after = [h for h in clause_hits if h.start >= ss + m.end()]
                promo = re.search(r"晋升为", sent[cs:ce])
                if promo and after:
                    th: TypeHit | None = after[-1]
                elif after and after[0].start - (ss + m.end()) <= 3:
                    th = after[0]
                else:
                    th = before[0] if before else (after[0] if after else last_type)
                if th is None:
                    continue
                last_type = th
                base = re.search(r"由\s*((?:19|20)\d{2})\s*年的\s*$", sent[cs : m.start()])
                kind = "total"
                year: int | None
                if base:
                    kind, year, yrule = "baseline_total", int(base.group(1)), "baseline_year"
                else:
                    para_s = text.rfind("\n", 0, ss) + 1
                    year, yrule = _year(doc, sent, m.start(), text[para_s:ss])
                    left = sent[cs : m.start()] + (sent[m.end() : ce] if not before else "")
                    scope = [left, sent[: m.start()]]
                    found = False
                    for seg in scope:
                        best = None
                        for k, pat in _KIND_WORDS:
                            for km in re.finditer(pat, seg):
                                if best is None or km.start() > best[1]:
                                    best = (k, km.start())
                        if best:
                            kind, found = best[0], True
                            break
                    if not found:
                        kind = "total"
                    if yrule in {"sentence_year", "document_year"} and (
                        (year is not None and doc.year is not None and year < doc.year)
                        or re.search(r"近年来|截至|共有|全省有|通过验收", sent[: m.start()])
                    ):
                        kind = (
                            "stat_accepted"
                            if "通过验收" in sent[m.end() : m.end() + 20]
                            else ("stat_increment" if kind == "increment" or "新批准" in sent else "stat_total")
                        )
                qual = sent[m.end() : m.end() + 3]
                s, e = ss + cs, ss + ce
                out.append(
                    Target(
                        span=(s, e),
                        text=doc.q(s, e),
                        count=count,
                        count_max=count_max,
                        bound=bound,
                        kind=kind,
                        type=th.type,
                        level=th.level or _default_level(doc),
                        region=region,
                        year=year,
                        year_rule=yrule,
                        rule="target.count_unit" + ("+以上" if qual.startswith("以上") else ""),
                        confidence=0.9 if th in before or th in after else 0.7,
                    )
                )
    return out


# ---------------------------------------------------------------- industries

_ENUM_END = re.compile(r"等(?:[^,。;、]{0,8}?)(?:领域|产业|研制|方向|行业)")
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
    r"^(?:重点围绕|围绕|面向|聚焦|培育引导|培育|引导|支持|发展|推进|加快|重点|涉及|包括|在|如|对|和)+"
)


def _field_before(doc: Doc, s: int) -> int:
    """Start of the field words right before a cluster head (数字经济|产业集群): up to three content
    tokens, none of them a stop, a conjunction, a role or a type."""
    window = doc.text[max(0, s - 12) : s]
    toks = lx.tokenizer().lcut(window, HMM=False)
    start = s
    for n, t in enumerate(reversed(toks)):
        if n == 3 or _is_stop(t) or _is_hard_stop(t) or t in "与和及" or t in lx.roles() or t in lx.types():
            break
        if not re.fullmatch(f"[{CJK}]+", t) or _GENERIC.match(t):
            break
        start -= len(t)
    return start


def find_industries(doc: Doc) -> list[Industry]:
    text = doc.text[: doc.body_end]
    cands: list[tuple[int, int, str, str, float]] = []
    for s, e, w, kind in lx.longest_matches(lx.industry_automaton(), text):
        if kind == "industry_field":
            continue
        if w.endswith("产业"):
            for sec in _SECTOR:
                if text.startswith(sec, s - len(sec)):
                    s -= len(sec)
                    break
        # a cluster is named by its field: 数字经济产业集群, 碳纤维产业集群, 战略性新兴产业集群
        if kind == "industry_group" and text.startswith("集群", e):
            e, kind = e + 2, "cluster"
        if kind == "cluster" and w in {"产业集群", "集群"}:
            s = _field_before(doc, s)
        cands.append((s, e, str(kind), "industry.dict", 1.0))

    def enum_items(list_s: int, list_e: int, rule: str) -> None:
        seg = text[list_s:list_e]
        parts, pos = [], list_s
        for p in seg.split("、"):
            parts.append((pos, pos + len(p)))
            pos += len(p) + 1
        if len(parts) < 2:
            return
        ls, le = parts[-1]
        last = text[ls:le]
        if "和" in last:
            a, b = last.split("和", 1)
            if len(a) >= 4 and len(b) >= 4:
                parts[-1] = (ls, ls + len(a))
                parts.append((ls + len(a) + 1, le))
        fs, fe = parts[0]
        if fe - fs > 20:
            fs = fe - 20
        # The first item starts after the last function word or lead verb (我厅围绕|汽车,
        # 单位要面向|粮食安全), or is the longest industry term the window ends with.
        window = text[fs:fe]
        known = [w for w in lx.industries() if window.endswith(w) and not window[: -len(w)].endswith(("与", "和"))]
        if known:
            fs = fe - len(max(known, key=len))
        else:
            pos = fs
            for t in lx.tokenizer().lcut(window, HMM=False)[:-1]:
                pos += len(t)
                if t in "与和及":  # coordination inside one item: 航空发动机和燃气轮机
                    continue
                if _is_hard_stop(t) or _ENUM_LEAD.fullmatch(t) or not re.fullmatch(f"[{CJK}]+", t):
                    fs = pos
        parts[0] = (fs, fe)
        for s, e in parts:
            typed = [h for h in doc.type_hits if s <= h.start < e]
            if typed:
                j = text.find("和", typed[-1].end, e)
                if j < 0:
                    continue
                s = j + 1
            item = text[s:e]
            if _pos_table().get(item, "n")[0] in "avd" or item in lx.roles():
                continue
            if 2 <= len(item) <= 16 and re.fullmatch(rf"[{CJK}\-]+", item):
                cands.append((s, e, "industry_field", rule, 0.8))

    for m in _ENUM_END.finditer(text):
        if "学科" in m.group(0) or "学科" in text[m.end() : m.end() + 4]:
            continue
        ls = max(text.rfind(c, 0, m.start()) for c in ",。;:(\n")
        enum_items(ls + 1, m.start(), "industry.enumeration")
    # enumerations that end in a field-modified platform type: 金属材料、先进材料、精细化工产业技术创新平台
    for h in doc.type_hits:
        if h.start != h.core_start or h.start == 0 or text[h.start - 1] in "、,。":
            continue
        s = _left_name(doc, h.start, 10)
        if s < h.start and text[s - 1 : s] == "、" and text[s : h.start] in lx.industries():
            ls = max(text.rfind(c, 0, s) for c in ",。;:(\n")
            enum_items(ls + 1, h.start, "industry.enumeration_before_type")
    # industrial bases and clusters
    for m in re.finditer(r"(?:产业|生产|战略|原材料|制造业|研发)基地|集聚区", text):
        s = _left_name(doc, m.start(), 16)
        if m.start() - s >= 2:
            cands.append(
                (s, m.end(), "industrial_base" if "基地" in m.group(0) else "cluster", "industry.base_suffix", 0.7)
            )
    # “高精特新”领域
    for m in re.finditer(r"“([^“”]{2,10})”(?:领域|产业)", text):
        cands.append((*m.span(1), "industry_field", "industry.quoted_field", 0.8))
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[Industry] = []
    for s, e, kind, rule, conf in cands:
        if any(
            o.span[0] <= s and e <= o.span[1] and (o.rule != "industry.dict" or rule == "industry.dict") for o in out
        ):
            continue
        out.append(Industry(span=(s, e), text=doc.q(s, e), name=doc.text[s:e], kind=kind, rule=rule, confidence=conf))
    return out


def find_cluster_roles(doc: Doc) -> list[ClusterRole]:
    text = doc.text[: doc.body_end]
    if text.count("实验室群") < 3:
        return []
    return [
        ClusterRole(span=(s, e), text=doc.q(s, e), role=str(r), rule="cluster_role.dict")
        for s, e, _w, r in lx.longest_matches(lx.role_automaton(), text)
    ]

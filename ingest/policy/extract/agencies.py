"""Agencies mentioned in a text, and which of them issued it."""

from __future__ import annotations

import bisect
import itertools
import re

from app.text import gazetteer
from ingest.policy import lexicon as lx
from ingest.policy.extract import agency_grammar as ag
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import CJK
from ingest.policy.extract.regions import REGIONS, region_before
from ingest.policy.models import Agency, Title


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


# function words before 市 (依照市人民政府, 由市科技局): the city's own agency, not a class (省辖市科技局)
_BEFORE_CITY = "和及与照据由向经请报按对在为将把从"


def _city_text(region: gazetteer.Region | None) -> bool:
    """A city's or a municipality's own text (北京市, 洛阳市): there 市 before an organ is that city, as the
    grammar's canonical() reads it; in a province's text it is some city of the province."""
    return region is not None and region.name.endswith("市")


def _regional_start(
    text: str, s: int, surface: str, region: gazetteer.Region | None
) -> tuple[int, gazetteer.Region | None] | None:
    """Where a regional agency's name starts (its region word or 省 / 市 / 自治区 before the organ) and
    its region; None when a short organ word stands alone (not an agency)."""
    rb = region_before(text, s)
    if rb:
        return rb
    if text[s - 3 : s] == "自治区":
        return s - 3, region
    if text[s - 3 : s] == "省辖市" and surface.endswith("政府"):
        return s - 3, None  # 所在地省辖市人民政府: the city a regulation means, not a bare 人民政府
    if (
        s > 0
        and text[s - 1] in "省市"
        and (s < 2 or text[s - 2] not in "全本我该各外跨")
        # 省辖市科技局 / 地级以上市人民政府: a class of addressees, not one city's agency
        and not (
            text[s - 1] == "市" and s >= 2 and re.match(f"[{CJK}]", text[s - 2]) and text[s - 2] not in _BEFORE_CITY
        )
    ):
        return s - 1, (region if text[s - 1] == "省" or _city_text(region) else None)
    mm = re.search(r"省(?:第?[一二三四五六七八九十]+届)$", text[max(0, s - 8) : s])
    if mm and surface in {"人大", "政协", "人大常委会"}:
        return s - len(mm.group(0)), region  # 省十四届人大二次会议
    if len(surface) < 3:
        return None
    return s, region


def _runs_on(text: str, e: int, surface: str) -> bool:
    """A national organ's name that is part of a longer word or name."""
    if re.match(rf"[{CJK}]{{2,16}}?(?:研究所|研究院|分院)", text[e : e + 20]) and not re.match(
        r"[{CJK}]*[,、。]", text[e : e + 4]
    ):
        return True  # 中国科学院长春应用化学研究所: part of an institution's name
    if text.startswith("门", e) or surface == "人民政府":
        return True  # 科学技术部门: a department of any level, not the ministry
    if surface.endswith("部") and text.startswith(("署", "分"), e):
        return True  # 教育部署, 商务部分: a word that runs on, not a ministry
    return surface.endswith("人大") and text.startswith("代表", e)  # 全国人大代表: a deputy, not the congress


def _no_body_here(doc: Doc, e: int, surface: str, entry: lx.AgencyEntry) -> bool:
    """A national short form of two characters in a text that never names its body in full (兵团 in 大兵团作战), or a
    body that is a territory too where a name with a type head runs on from it without a break (新疆生产建设兵团
    石河子国家农业科技园区: the 兵团 is the park's place, no body acting)."""
    if entry.national and len(surface) <= 2 and entry.canonical not in doc.text:
        return True
    if not entry.territory:
        return False
    run = re.match(f"[{CJK}]{{0,16}}", doc.text[e : e + 16])
    return run is not None and bool(doc.hits_between(e, e + run.end()))


_SUB_UNIT = re.compile(rf"办公厅|[{CJK}]{{2,6}}?司(?![长法机])")


def _dictionary_agencies(doc: Doc) -> list[Agency]:
    """Agencies of the dictionary, with the region (or 省 / 市) before them and 中共 / 党组 around."""
    text = doc.text
    out: list[Agency] = []
    for s, e, surface, entry in lx.longest_matches(lx.agency_automaton(), text):
        assert isinstance(entry, lx.AgencyEntry)
        if _no_body_here(doc, e, surface, entry):
            continue
        region = doc.region
        start = s
        if not entry.national:
            found = _regional_start(text, s, surface, region)
            if found is None:
                continue
            start, region = found
            if re.match(r"各[州盟]、市(?:人民)?政府", text[start - 3 : e]):
                start -= 3  # 各州、市人民政府: the prefecture governments, one coordinated level (as 区、县人民政府)
            if start == s and surface in ("人民政府", "政府"):
                if text[s - 2 : s] in ("各市", "各县"):
                    start, region = s - 1, None  # 各市人民政府 → 市人民政府: each city's, not the province's
                elif text[s - 1 : s] != "市":
                    continue  # 县（市、区）人民政府, 市、区人民政府: no one government; 地级以上市人民政府 is kept
        elif _runs_on(text, e, surface):
            continue
        if entry.national:
            sub = _SUB_UNIT.match(text, e)
            if sub:
                e = sub.end()  # 科技部农村科技司, 科技部办公厅, 农业部科技教育司
        if start >= 2 and text[start - 2 : start] == "中共":
            start -= 2
        end = e + 2 if text[e : e + 2] == "党组" else e
        canonical = entry.canonical if entry.national else f"{region.name if region else ''}{entry.canonical}"
        out.append(_mentioned_agency(doc, start, end, "agency.dict", canonical))
    return out


# 省委 / 市委 after their region name (辽宁省委, 中共重庆市委), else the document's: 省委 is the province's
# (落实省委部署: a verb before it is no region); 市委, two characters the grammar drops, is the city's only in a
# city's own text, and not after 各 / 地 / 县 / 省 / 辖 / 城 / 都 (各市委: each city's; 城市委员会: a city committee).
_PARTY = re.compile(r"[省市]委(?![员托会办])")
_NOT_BEFORE_CITY = "各地县省辖城都"


def _inside(taken: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """pos lies in one of the sorted dictionary spans (non-overlapping but for a 中共 / 党组 extension)."""
    i = bisect.bisect_right(starts, pos)
    return any(a <= pos < b for a, b in taken[max(0, i - 2) : i])


def _party_committees(doc: Doc, taken: list[tuple[int, int]], starts: list[int]) -> list[Agency]:
    """The party committees of provinces and cities: no dictionary core names them."""
    text = doc.text
    out: list[Agency] = []
    for m in _PARTY.finditer(text):
        if _inside(taken, starts, m.start()):
            continue
        level = text[m.start()]
        r: gazetteer.Region | None
        rb = region_before(text, m.start() + 1)
        if rb is not None and rb[1].name.endswith(level):
            s, r = rb
        elif level == "省" or (
            _city_text(doc.region) and (m.start() == 0 or text[m.start() - 1] not in _NOT_BEFORE_CITY)
        ):
            s, r = m.start(), doc.region
        else:
            continue
        if r is None:
            continue
        s -= 2 if text[max(0, s - 2) : s] == "中共" else 0
        out.append(_mentioned_agency(doc, s, m.end(), "agency.party_committee", f"中共{r.name}委员会"))
    return out


def _pattern_agencies(doc: Doc, taken: list[tuple[int, int]]) -> list[Agency]:
    """Agencies no dictionary core names: party committees, departments, footers."""
    text = doc.text
    taken = sorted(taken)
    starts = [a for a, _ in taken]
    out = _party_committees(doc, taken, starts)
    # departments: 来源:创新平台建设处 / 广西民族大学科学技术处
    for m in re.finditer(r"来源[:：]\s*([" + CJK + r"]{2,12}?处)(?![" + CJK + "])", text):
        out.append(_mentioned_agency(doc, *m.span(1), "agency.department_source", confidence=0.8))
    for s, e, _name, _u in lx.longest_matches(lx.university_automaton(), text):
        dm = re.match(r"(?:科学技术处|科技处|科研处)", text[e : e + 5])
        if dm:
            out.append(_mentioned_agency(doc, s, e + dm.end(), "agency.university_department", confidence=0.8))
    # footer: 主办单位:X / 版权所有:Y
    for m in re.finditer(
        r"(?:主办单位|版权所有)[:：]\s*([" + CJK + r"]{4,40}?(?:办公室|办公厅|委员会|政府|厅|局|委))(?![" + CJK + "])",
        text,
    ):
        if not _inside(taken, starts, m.start(1)):
            out.append(_mentioned_agency(doc, *m.span(1), "agency.footer", confidence=0.7))
    return out


_COMMITTEE_AFTER = re.compile(r"管理委员会|管委会")


def _zone_committees(doc: Doc) -> list[tuple[int, int]]:
    """新乡国家高新技术产业开发区管理委员会: a zone named by its place, and its management committee."""
    out: list[tuple[int, int]] = []
    text = doc.text
    for h in doc.type_hits:
        m = _COMMITTEE_AFTER.match(text[h.end : h.end + 5])
        if m and "zone" in h.entry.flags:
            rb = region_before(text, h.start)
            out.append((rb[0] if rb else h.start, h.end + m.end()))
    return out + ag.open_zone_committees(doc)


_LEVEL_ONLY = re.compile("[省市县区][直级属]部门")
_ANCHOR = re.compile(rf"(?!市场)(?:[省市县区州]|自治区|国家|[{CJK}]{{2}}新区)")


def _anchored(name: str) -> bool:
    """A department whose government is named: 市科技部门, 浦东新区规划资源部门 (not 财政部门, 海关, …有关部门,
    nor 省直部门 / 省级部门: every department of the province, which the dev4 / dev5 READMEs leave out)."""
    if name.endswith(("有关部门", "相关部门")) or _LEVEL_ONLY.fullmatch(name):
        return False
    return bool(_ANCHOR.match(name)) or any(name[:k] in REGIONS for k in range(2, 8))


def _grammar_agencies(doc: Doc, found: list[Agency]) -> list[Agency]:
    """Agencies of the region + organ grammar: a span containing dictionary agencies replaces them
    (区人民政府 over 人民政府); one overlapping an agency partly is dropped."""
    headed = set(ag.headed_agencies(doc))  # unanchored: they block fragments, they are not emitted
    spans = ag.grammar_agencies(doc.text) + list(headed) + ag.adhoc_bodies(doc) + _zone_committees(doc)
    spans = sorted(set(spans), key=lambda x: (x[0], -x[1]))
    taken = sorted(a.span for a in found)
    starts = [s for s, _ in taken]
    keep: list[Agency] = []
    replaced: set[tuple[int, int]] = set()
    last_end = -1
    for s, e in spans:
        if s < last_end:
            continue  # inside or across a longer grammar span already taken
        lo = bisect.bisect_left(starts, s - 40)
        near = taken[lo : bisect.bisect_left(starts, e)]  # agencies starting in [s - 40, e): bounded
        if any((a, b) == (s, e) for a, b in near):
            last_end = e
            continue
        if any(a < e and s < b and not (s <= a and b <= e) for a, b in near):
            continue
        if (s, e) in headed and not _anchored(doc.text[s:e]) and not any(s <= a and b <= e for a, b in near):
            last_end = e
            continue
        replaced |= {(a, b) for a, b in near if s <= a and b <= e}
        canon = ag.canonical(doc.text[s:e], doc.region)
        keep.append(_mentioned_agency(doc, s, e, "agency.grammar", canon, confidence=0.7))
        last_end = e
    return [a for a in found if a.span not in replaced] + keep


def find_agencies(doc: Doc, title: Title | None) -> list[Agency]:
    out = _dictionary_agencies(doc)
    out += _pattern_agencies(doc, [a.span for a in out])
    out = _grammar_agencies(doc, out)
    out += _title_issuer(doc, out, title)
    _mark_issuers(doc, out, title)
    _genre_issuers(doc, out)
    return sorted(out, key=lambda a: a.span)


_MAX_SIGNATURE_LINE = 400


def _mark_issuers(doc: Doc, agencies: list[Agency], title: Title | None) -> None:
    text = doc.text
    # Signature block: lines made only of agency names, followed (within 3 lines) by a date line.
    date_line = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{4,6})\s*$")
    lines = text.split("\n")
    offs = [0]
    for ln in lines:
        offs.append(offs[-1] + len(ln) + 1)
    # agencies by start (bisect per line, not lines x agencies); a line keeps the agencies' list order
    order = sorted(range(len(agencies)), key=lambda k: agencies[k].span[0])
    starts = [agencies[k].span[0] for k in order]

    def on_line(i: int) -> list[Agency]:
        lo = bisect.bisect_left(starts, offs[i])
        hi = bisect.bisect_left(starts, offs[i] + len(lines[i]))
        return [agencies[k] for k in sorted(order[lo:hi])]

    signed = False
    for i, ln in enumerate(lines):
        # a signature line holds a few names; a long line is prose (and replace() on it per name is slow)
        if not ln.strip() or len(ln) > _MAX_SIGNATURE_LINE:
            continue
        ags = on_line(i)
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
            lj_ags = on_line(j)
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


_CONGRESS = re.compile(r"人民代表大会|人大")  # 河南省第八届人大常委会: the short form on an adoption line
_ADOPTED = re.compile(r"^[^\n]{0,160}?(通过|批准|修订|修正)[)）]?$")
_ORGAN_END = ("部", "厅", "局", "委", "办公厅", "办公室", "政府", "委员会")


def _title_issuer(doc: Doc, agencies: list[Agency], title: Title | None) -> list[Agency]:
    """农业部办公厅关于…的通知: what stands before 关于 in a title is the issuer, named or not in a dictionary."""
    if title is None:
        return []
    s, e = title.span
    cut = doc.text.find("关于", s, e)
    if cut <= s or any(s <= a.span[0] < cut for a in agencies):
        return []
    name = doc.text[s:cut].strip()
    if not (2 < len(name) <= 20 and name.endswith(_ORGAN_END) and re.fullmatch(f"[{CJK}]+", name)):
        return []
    return [_mentioned_agency(doc, s, s + len(name), "agency.title_issuer", confidence=0.8)]


_STEP_DATE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
# what may stand after a step's verb when the next step follows on the same line: a space, a comma, 根据 (…通过
# 根据2021年…的决定修正)
_STEP_TAIL = re.compile(r"^[\s\u3000（(]+|[\s\u3000，,；;]*(?:根据|依据|按照)?[\s\u3000]*$")


def _dated_steps(line: str, start: int) -> list[tuple[int, str]]:
    """The dated steps of a regulation's header line, with their offsets: one a line, or several on one line
    (（1997年…通过　2002年…修正　2011年…修订）, the form many official reprints use)."""
    cuts = [m.start() for m in _STEP_DATE.finditer(line)][1:]
    bounds = [0, *cuts, len(line)]
    return [(start + a, line[a:b]) for a, b in itertools.pairwise(bounds)]


def _genre_issuers(doc: Doc, agencies: list[Agency]) -> None:
    """Issuers of genres without a signature block: the congress on a regulation's adoption line
    (…人民代表大会常务委员会第X次会议通过), the government a work report speaks for (我代表省政府)."""
    text = doc.text
    head_end = text.find("第一条")
    head_end = min(head_end if head_end >= 0 else 600, 600)
    pos = 0
    adopted: list[tuple[str, Agency]] = []
    for line in text[:head_end].split("\n"):
        start, pos = pos, pos + len(line) + 1
        for seg_start, seg in _dated_steps(line, start):
            m = _ADOPTED.match(_STEP_TAIL.sub("", seg))
            if m:
                on = [a for a in agencies if seg_start <= a.span[0] < seg_start + len(seg) and _CONGRESS.search(a.name)]
                verb = "批准" if "批准" in seg else m.group(1)  # …批准的《…决定》修正: approved by a higher congress
                adopted += [(verb, a) for a in on[:1]]
    # every dated step's congress: adopted, revised, approved (the test, holdout and dev2 golds; dev lists
    # only the latest step)
    for _verb, a in adopted:
        if a.role != "issuer":
            a.role, a.rule = "issuer", a.rule + "+issuer.adopted"
    # a work report's issuer is the government after 我代表 (CONVENTIONS §4, C22); the one whose head delivers it
    # stands in when the report has no 我代表
    if not _speaks_for(doc, agencies):
        _report_head(doc, agencies)


_HEAD_TITLE = re.compile(r"(?:代理)?(?:省长|市长|主席|州长|区长|县长)")


def _report_head(doc: Doc, agencies: list[Agency]) -> bool:
    """The government whose head delivers a work report: 河北省人民政府省长王正谱作政府工作报告."""
    for a in agencies:
        if a.span[1] < 600 and "政府" in a.name and _HEAD_TITLE.match(doc.text, a.span[1]):
            if a.role != "issuer":
                a.role, a.rule = "issuer", a.rule + "+issuer.report_head"
            return True
    return False


def _speaks_for(doc: Doc, agencies: list[Agency]) -> bool:
    """我代表省政府: the government a work report speaks for (whether one was found)."""
    m = re.search("我代表", doc.text[:3000])
    if m is None:
        return False
    found = False
    for a in agencies:
        if a.span[0] == m.end():
            found = True
            if a.role != "issuer":
                a.role, a.rule = "issuer", a.rule + "+issuer.speaks_for"
    return found

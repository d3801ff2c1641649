"""Numeric targets: how many platforms of a type, by which year, total or increment."""

from __future__ import annotations

import re

from ingest.policy.extract.broad_types import countable_hits
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import lcut, pos_table
from ingest.policy.extract.numerals import CN_NUMERAL, parse_count
from ingest.policy.extract.platform_types import default_level
from ingest.policy.extract.typehits import TypeHit
from ingest.policy.models import Target

# 30家 / 1.2万家 / 4户 (right after a kind) / 300-350家 (a range: count is the low end, count_max the high end) /
# 三百五十家 / 十余个
# possessive digits and a start only where a digit run starts: a long run of digits is read once, not
# re-tried at every position with every split (1 MB of digits ran for hours)
# a count needs one (所 counts hospitals and schools, 座 facilities: 智能化煤矿130座): sentences without any are skipped
_UNITS = ("家", "个", "户", "所", "座")
_NUM = re.compile(
    r"(?:(?<![\d.第])(?:(?P<lo>\d++)\s*[-—–~至]\s*)?(?P<num>\d++(?:\.\d++)?)\s*(?P<wan>万)?"
    rf"|(?<![{CN_NUMERAL}几第每])(?P<cn>(?:一(?=[十百千万])|[二两三四五六七八九十百千])[{CN_NUMERAL}]*+))"
    rf"\s*(?P<approx>余|多)?\s*(?P<unit>{'|'.join(_UNITS)})(?!人|月|项|次)"
)
# the cheap test before _NUM: a unit right after a digit or a numeral (所 alone is 研究所, 所属, 所在)
_ANY_UNIT = re.compile(rf"[\d{CN_NUMERAL}余多]\s*(?:{'|'.join(_UNITS)})")
_AT_MOST = re.compile(r"(?:不超过|不多于|最多|至多|控制在)\s*$")
_AT_LEAST = re.compile(r"(?:不少于|不低于|至少|超过|超|达|突破)\s*$")


def _value(m: re.Match[str]) -> float:
    """The count a match states (0 when its Chinese numeral does not parse)."""
    if m.group("cn"):
        return parse_count(m.group("cn")) or 0.0
    return float(m.group("num")) * (10000 if m.group("wan") else 1)


def _bounds(sent: str, m: re.Match[str]) -> tuple[int, int | None, str, float]:
    """(count, count_max, bound, the stated number) of a count match: exact | min | max | range."""
    n = _value(m)
    if m.group("lo"):
        lo = int(float(m.group("lo")) * (10000 if m.group("wan") else 1))
        if lo < n:
            return lo, int(n), "range", n
    before, after = sent[max(0, m.start() - 6) : m.start()], sent[m.end() : m.end() + 3]
    if _AT_MOST.search(before) or after.startswith("以内"):
        return int(n), int(n), "max", n
    if after.startswith("以上") or m.group("approx") or _AT_LEAST.search(before):
        return int(n), None, "min", n
    return int(n), None, "exact", n


_KIND_WORDS = [
    ("conversion", r"转建"),
    ("removal", r"淘汰|撤销|优化整合或"),
    # selected into a designation: stat_accepted in a review, an increment in a plan (争取入选)
    ("accepted", r"入选|获评|获批创建|新获批|通过验收"),
    # the golds' verbs of a total and of an increment (data/gold/CONVENTIONS.md §9, from the test, holdout and
    # dev2a–dev6 READMEs): 增至 / 总量 / 数量 name a total, 净增 / 新设 / 打造 / 建成 / 布局 add new units; a bare
    # bound (达 / 超 / 突破 N家) is no kind word: with none, a count is a total (力争高新技术企业超6.1万家), and
    # after one it only bounds it (新增高新技术企业超800家 is an increment)
    ("total", r"达到|增至|总数|总量|数量|保有量|增加到|累计|共有|全省有"),
    (
        "increment",
        r"新增|净增|新建|新设|新挂牌|新认定|新备案|组建|创建|争创|建设(?!好)|建成|打造|布局|培育|认定|遴选|批准|投入运营|投运|启动运行",
    ),
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


_PARA_YEAR = re.compile(r"(?:^|[。;])\s*到\s*((?:19|20)\d{2})\s*年\s*,(?!.*到\s*(?:19|20)\d{2}\s*年)", re.MULTILINE)


def _paragraph_year(doc: Doc, ss: int) -> int | None:
    """The year a sentence-leading 到YYYY年, earlier in the paragraph states (its last 2,000 characters at most,
    read once per sentence: linear on texts without line breaks)."""
    memo = doc.memo.setdefault("paragraph_year", {})
    assert isinstance(memo, dict)
    if ss not in memo:
        para_s = doc.text.rfind("\n", max(0, ss - 2000), ss) + 1 or max(0, ss - 2000)
        m = _PARA_YEAR.search(doc.text, para_s, ss)
        memo[ss] = int(m.group(1)) if m else None
    year = memo[ss]
    assert year is None or isinstance(year, int)
    return year


def _year(doc: Doc, sent: str, upto: int, para_year: int | None = None, pos: int = 0) -> tuple[int | None, str]:
    m = re.search(r"到\s*((?:19|20)\d{2})\s*年", sent)
    if m:
        return int(m.group(1)), "by_year"
    # a sentence-leading 到YYYY年, scopes over the following sentences of its paragraph
    if para_year is not None and not re.search(r"(?:19|20)\d{2}\s*年", sent):
        return para_year, "by_year_paragraph"
    m = re.search(r"((?:19|20)\d{2})\s*[-—–~至]\s*((?:19|20)\d{2})\s*年", sent)
    if m:
        return int(m.group(2)), "period_end"
    for k, v in _PERIOD.items():
        if k in sent:
            return v, "five_year_plan"
    ys = re.findall(r"((?:19|20)\d{2})\s*年", sent[:upto])
    if ys:
        return int(ys[-1]), "sentence_year"
    heading = doc.heading_year(pos)
    if heading is not None:
        return heading, "heading_year"
    return doc.year, "document_year"


def _kind_word(segments: list[str], stock: bool = True) -> str | None:
    """The kind named by the rightmost kind word of the first segment that has one. 累计 before a verb of
    building makes the count a stock (累计获批建设全国重点实验室44家: CONVENTIONS §9 files 累计 as a total)."""
    for seg in segments:
        # the word ending last wins, the longer of two ending together (获批创建 over the 创建 inside it)
        best: tuple[str, int, tuple[int, int]] | None = None
        for k, pat in _KIND_WORDS:
            for km in re.finditer(pat, seg):
                key = (km.end(), km.end() - km.start())
                if best is None or key > best[2]:
                    best = (k, km.start(), key)
        if best:
            return "total" if best[0] == "increment" and "累计" in seg[: best[1]] else best[0]
        if stock and _STOCK.search(seg):
            return "stock"
    return None


# verbs that strengthen or run what exists (壮大19个省级先进制造业集群, 提升发展12个…集群, 优化3家…科技园, 建设好
# 运营好4个…中心, 已批建的3家…): a stock the plan names without a change, stat_total of its section's year
# (CONVENTIONS §9, after the test and holdout READMEs and dev4a, dev5, dev6); the weakest kind word, read only
# where its segment has no other (新建和提升…10个 adds 10)
_STOCK = re.compile(r"壮大|提升|优化(?!整合)|巩固|做强|做优|支持|建设好|运营好|管理好|已批建|已建成|已认定")


# a bare bound (达 / 超 / 超过 / 突破): a total when its chain names no other kind word
_BOUND = re.compile(r"(?<![发表通到])达(?![标成到])|超过?(?![级市前])|突破")


def _chain(sent: str, i: int) -> str:
    """The clauses that 、 joins before sent[i] (净增科技型中小企业853家、高新技术企业97家: the verb of the chain's
    first clause governs its later counts), from the last comma, semicolon or colon."""
    return sent[max(sent.rfind(c, 0, i) for c in ",;:") + 1 : i]


def _kind_and_year(
    doc: Doc, ss: int, sent: str, clause: tuple[int, int], m: re.Match[str], before: bool
) -> tuple[str, int | None, str]:
    """(kind, year, year rule) of the count `m` in clause [cs, ce) of the sentence starting at ss."""
    cs, ce = clause
    base = re.search(r"由\s*((?:19|20)\d{2})\s*年的\s*$", sent[cs : m.start()])
    if base:
        return "baseline_total", int(base.group(1)), "baseline_year"
    year, yrule = _year(doc, sent, m.start(), _paragraph_year(doc, ss), ss + m.start())
    left = sent[cs : m.start()] + (sent[m.end() : ce] if not before else "")
    chain = _chain(sent, m.start())
    kind = _kind_word([left, chain]) or (
        "total" if _BOUND.search(chain) else _kind_word([sent[: m.start()]], stock=False)
    )
    kind = kind or "total"
    if yrule in {"sentence_year", "document_year", "heading_year"} and (
        (year is not None and doc.year is not None and year < doc.year)
        or re.search(r"近年来|截至|共有|全省有|通过验收", sent[: m.start()])
    ):
        kind = (
            "stat_accepted"
            if kind == "accepted" or "通过验收" in sent[m.end() : m.end() + 20]
            else ("stat_increment" if kind == "increment" or "新批准" in sent else "stat_total")
        )
    return {"accepted": "increment", "stock": "stat_total"}.get(kind, kind), year, yrule


def _type_of(
    sent: str, clause: tuple[int, int], m: re.Match[str], before: list[TypeHit], after: list[TypeHit], ss: int
) -> TypeHit | None:
    """The type a count counts: after it (30家X), the last one after 晋升为 / 入选, else the one before."""
    cs, ce = clause
    if _PROMOTED.search(sent, cs, ce) and after:
        return after[-1]
    if after and after[0].start - (ss + m.end()) <= 3:
        return after[0]
    # the kind nearest before the count (智能工厂和数字化车间50个 counts 数字化车间), not an alias in brackets
    # (技术创新中心(工程技术研究中心)达到600家 counts 技术创新中心)
    plain = [h for h in before if not _in_brackets(sent, h.start - ss, m.start())]
    if plain:
        near = plain[-1]
        if _PLACE_AFTER.match(sent, near.end - ss):
            return None  # 单项冠军县5个: a county designated for the kind, not the kind
        gap = sent[near.end - ss : m.start()]
        # the subject's head between the kind and the count (…合作伙伴增至38个) is what is counted; its last
        # dozen characters are enough (one short cut per count: linear on long sentences)
        return None if (gap and _own_noun(gap[-12:])) or _MEMBERS.search(gap) else near
    return before[-1] if before else (after[0] if after else None)


# the count's things reach a designation (N家X晋升为 / 入选 / 获评 / 被认定为 Y): the count counts Y, the last
# designation named when there are several (入选“双百企业”“科改企业”: the READMEs type by the nearest head)
_PROMOTED = re.compile(r"晋升为|入选|获评|荣获|被(?:认定|评|列)为")
# a count whose unit runs straight into a place word (16个州（市）全覆盖, 129个县, 8个市) counts those places,
# not the kind named before it: a measure word quantifies the noun after it (市级, 区域, 市场 are no places)
_PLACES_AFTER_UNIT = re.compile(r"\s*(?:以上|左右)?\s*(?:[县州市区镇村乡旗盟](?![级域场])|[(（]市)")


def _in_coinage(sent: str, i: int, j: int) -> bool:
    """The count sent[i:j] lies inside a short quoted coinage (“三个全覆盖”, “四个一批”): a slogan's number
    counts no kind. The quote must close within a few characters (a copy that lost its closing mark,
    “小巨人企业414家, is no coinage)."""
    before, after = sent[max(0, i - 8) : i], sent[j : j + 8]
    return before.rfind("“") > before.rfind("”") and "”" in after.split("“")[0]


# a place a kind designates (…冠军县, …示范镇, …特色村): a count after it counts the places
_PLACE_AFTER = re.compile(r"[县镇村乡](?![级域城])")
# a ranking (9家高新区进入综合评价前50强, 跻身全国30强): a count of ranked places, not of kinds built
_RANKING = re.compile(r"(?:进入|跻身|位列|名列|位居|入围)[^，,。；;]{0,16}?(?:前\d+|\d+强|前列|前茅)")

# members or residents of a kind counted, not the kind (联盟成员达96家, 孵化器在孵企业500家, 试验区新设企业,
# 数据中心集群引进企业357家)
_MEMBERS = re.compile(r"成员|会员|在孵|入驻|入孵|签约|项目|新设|注册|引进|招引")


def _right_before(sent: str, ss: int, th: TypeHit, m: re.Match[str]) -> bool:
    """The kind ends at most 企业 before the count: 户 counts households as often as firms (…冠军企业4户)."""
    return 0 <= m.start() - (th.end - ss) <= 2 and not re.search(r"\d", sent[th.end - ss : m.start()])


def _in_brackets(sent: str, i: int, j: int) -> bool:
    """sent[i] lies inside a bracket closed before j."""
    return bool(re.search(r"^[^（(）)]*[）)]", sent[i:j])) and bool(re.search(r"[（(][^（(）)]*$", sent[:i]))


# what may follow a count that counts the sentence's last kind: a bound word and nothing else
# a clause that names its own thing before its count (…消费集聚区2个) does not count the previous kind
# (百亿园区达到11个, 百亿以上农业特色产业达到8个: with a verb of reaching between)
_NOUN_END = re.compile(r"[区园地台心站点业厂间构室库馆所体县镇村]\s*(?:达到|达|突破|增至|增加到|超过)?\s*$")
_UNIT_ONLY = re.compile(r"^\s*(?:以上|左右|以内|上下)?\s*$")


_COMMA = re.compile(r"[,;:]")
_LEVEL_WORD = re.compile(r"(?:国家|省|市|县|区)级?$|其中")


# verbs, adverbs, prepositions and conjunctions between a subject and its count (…农庄达73家, …伙伴增至38个,
# 总量保持在650家): the predicate, skipped to find the subject's head (jieba's POS tags)
_PREDICATE_POS = frozenset({"v", "vn", "vd", "d", "p", "c", "ad"})
# nouns of quantity (数量, 总数, 保有量): "the number of" the kind before, not a thing of their own
_QUANTITY_NOUN = re.compile(r"数量?$|总量$|保有量$|规模$")


def _own_noun(before: str) -> bool:
    """The clause names its own thing right before its count (实施研究项目880个, 建成标准厂房12个, 共享农庄达73家,
    合作伙伴增至38个): its subject's head — the last token once the predicate (达, 增至, 保持在…) is skipped — is a
    noun of two or more characters, not a level word (其中国家级5个 still counts the kind before) and not a noun
    of quantity (高新技术企业数量突破300家 counts the firms)."""
    toks = list(lcut(before))
    table = pos_table()
    while toks and table.get(toks[-1], "x") in _PREDICATE_POS:
        toks.pop()
    if not toks or len(toks[-1]) < 2 or _LEVEL_WORD.search(toks[-1]) or _QUANTITY_NOUN.search(toks[-1]):
        return False
    return table.get(toks[-1], "x") in {"n", "nz", "ng"}  # a verbal noun (vn) was skipped as predicate


def _type_further(doc: Doc, ss: int, sent: str, m: re.Match[str], ce: int) -> TypeHit | None:
    """培育3家在国内具有较强影响力的跨行业、跨领域综合型工业互联网平台: the kind a count counts may lie past
    the 、 that ended its clause, up to the next comma (within 60 characters: linear on long sentences), when
    no other count comes first."""
    if _UNIT_ONLY.match(sent[m.end() : ce]):
        return None  # 外贸企业132家、…: the count closes its own clause
    comma = _COMMA.search(sent, ce, ce + 60)
    end = comma.start() if comma else min(len(sent), ce + 60)
    nxt = _NUM.search(sent, ce, end)
    stop = nxt.start() if nxt else end
    hits = _kinds_between(doc, ss + ce, ss + stop)
    return hits[0] if hits and not re.search(r"[\d]", sent[m.end() : hits[0].start - ss]) else None


def _kinds_between(doc: Doc, s: int, e: int) -> list[TypeHit]:
    """Kinds a count may count in [s, e): lexicon hits and open kinds (broad_types), a hit inside a longer
    one dropped (创新平台 inside 育种创新平台)."""
    hits = [h for h in doc.hits_between(s, e) if "nameonly" not in h.entry.flags]
    hits += countable_hits(doc, s, e)
    hits.sort(key=lambda h: (h.start, -h.end))
    out: list[TypeHit] = []
    for h in hits:
        if (out and h.end <= out[-1].end) or _FIRM_AFTER.match(doc.text, h.end):
            continue  # 运营平台公司: a firm that runs the kind, not the kind
        out.append(h)
    return out


# a kind followed by a firm's head names a company (…运营平台公司, …产业园集团), not the kind
_FIRM_AFTER = re.compile(r"(?:有限)?(?:公司|集团)")
# firms above a statistical size threshold (规模以上工业企业, 限额以上批零住餐企业, the four together “四上”企业:
# National Bureau of Statistics terms), firms or parks ranked by output (百亿企业, 千亿级园区), listed firms
# (上市企业) and firms of the cloud campaigns (上云 / 用云 / “…登云”企业): classes, not designations (the holdout
# README's rule 4; dev, dev2b, dev4 and dev5 READMEs)
_SIZE_CLASS = re.compile(r"规上|规模以上|限上|限额以上|四上|亿级|亿企业|亿元企业|上市|上云|用云|登云")
# data and computing centres are infrastructure, not a designation (dev4b and dev5 READMEs)
_INFRASTRUCTURE = re.compile(r"数据中心|算力中心|智算中心")
# education and care carriers the test and holdout READMEs leave out of the S&T graph (产教联合体, 现代产业学院,
# 公共实训基地, 托育 / 养老 / 日间照料 centres, schools): their counts are other quantities
_CARRIERS = re.compile(r"产教|学院|实训|托育|养老|照料|幼儿园|学校")
# a count of projects (…中心等11个重点项目, 25个数据中心和智算项目): the things built, not the kind named;
# …or of industries (开发区做大1—2个主导产业, 培育10个千亿级产业)
_PROJECTS_AFTER = re.compile(r"(?:以上|左右)?[^,;:。、]{0,10}?(?:项目|产业(?=[,;:。、]|$))")


# 建设10个A中心、B中心、C实验室等服务载体: a count before a list closed by 等 + a group noun counts the group
_GROUP_AFTER = re.compile(r"、[^,;:。]{0,60}?等[^,;:。、]{0,4}[\u4e00-\u9fff]")


def _other_quantity(doc: Doc, sent: str, ss: int, th: TypeHit, after: list[TypeHit]) -> bool:
    """The count is an other quantity whatever kind it stands by: education and care carriers (产教联合体,
    托育机构: not S&T platforms, test / holdout), a statistical size class, infrastructure, the health
    commission's 临床医学中心 (the S&T kind says 研究: 临床医学研究中心), or the first member of a list that
    等 closes (the count counts the whole group)."""
    if _CARRIERS.search(th.type) or _INFRASTRUCTURE.search(th.type):
        return True
    if _SIZE_CLASS.search(th.type) or _SIZE_CLASS.search(doc.text, th.start, th.end):
        return True
    if "临床医学中心" in doc.text[th.core_start : th.end]:
        return True  # 建好18个省级临床医学中心: hospitals' clinical centres, a health count (dev4a, dev5 READMEs)
    return bool(after) and th is after[0] and _GROUP_AFTER.match(sent, th.end - ss) is not None


def _respective(doc: Doc, ss: int, sent: str) -> dict[int, TypeHit]:
    """A和B分别达N1、N2 (高新技术企业、科技型中小企业分别增至…家、…家): the k-th count after 分别 counts the k-th
    kind before it, where the numbers of kinds and counts agree; keyed by the count's start in `sent`."""
    out: dict[int, TypeHit] = {}
    for r in re.finditer("分别", sent):  # bounded windows: linear on a sentence of a million characters
        b = max(sent.rfind(c, max(0, r.start() - 80), r.start()) for c in ",;:。") + 1
        kinds = _kinds_between(doc, ss + max(b, r.start() - 80), ss + r.start())
        end = _COMMA.search(sent, r.end(), r.end() + 80)
        counts = list(_NUM.finditer(sent, r.end(), end.start() if end else min(len(sent), r.end() + 80)))
        if len(kinds) >= 2 and len(kinds) == len(counts):
            out.update({m.start(): k for m, k in zip(counts, kinds, strict=True)})
    return out


def _clause_targets(
    doc: Doc, ss: int, sent: str, clause: tuple[int, int], last: list[TypeHit], resp: dict[int, TypeHit]
) -> list[Target]:
    """Targets of one clause; `last` holds the sentence's last counted type (a count without a type of
    its own counts that one); `resp` the kinds counts after 分别 count."""
    cs, ce = clause
    out: list[Target] = []
    clause_hits = _kinds_between(doc, ss + cs, ss + ce)
    for m in _NUM.finditer(sent, cs, ce):
        count, count_max, bound, n = _bounds(sent, m)
        if n <= 0 or re.search(r"(?:19|20)\d{2}\s*年", sent[max(0, m.start() - 1) : m.end()]):
            continue
        if _RANKING.search(sent, m.end(), ce) or _PROJECTS_AFTER.match(sent, m.end(), ce):
            continue
        pos = ss + m.start()
        before = [h for h in clause_hits if h.end <= pos]
        after = [h for h in clause_hits if h.start >= ss + m.end()]
        if _in_coinage(sent, m.start(), m.end()) or (not after and _PLACES_AFTER_UNIT.match(sent, m.end(), ce)):
            continue  # “三个全覆盖”, 农业龙头企业16个州全覆盖: a slogan's number, a count of places
        th = resp.get(m.start()) or _type_of(sent, clause, m, before, after, ss) or _type_further(doc, ss, sent, m, ce)
        if (
            th is None
            and last
            and _UNIT_ONLY.match(sent[m.end() : ce])
            and not _NOUN_END.search(sent[cs : m.start()])
            and not _own_noun(sent[max(cs, m.start() - 8) : m.start()])
        ):
            th = last[0]  # 到2025年达到50家: the count of the kind counted before
        if th is None:
            th = _abbreviated(doc, sent, m.end())
        if th is None or (m.group("unit") == "户" and m.start() not in resp and not _right_before(sent, ss, th, m)):
            continue
        if _other_quantity(doc, sent, ss, th, after):
            continue
        if m.group("unit") != "所":  # 4所…托育机构, 新增托位1000个: a count of schools or clinics lends no kind
            last[:] = [th]
        kind, year, yrule = _kind_and_year(doc, ss, sent, clause, m, bool(before))
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
                level=th.level or default_level(doc),
                region=doc.region.name if doc.region else None,
                year=year,
                year_rule=yrule,
                rule="target.count_unit" + ("+以上" if qual.startswith("以上") else ""),
                confidence=0.9 if th in before or th in after else 0.7,
            )
        )
    return out


# 国家农业科技园区（以下简称园区）: the text names a short form for a kind
_SHORT_FORM = re.compile(r"[(（]以下简称\s*[“\"]?([\u4e00-\u9fff]{1,6})[”\"]?\s*[)）]")


def _abbreviated(doc: Doc, sent: str, pos: int) -> TypeHit | None:
    """The kind a count counts by the short form the text defined for it (第6批共47个园区 → 国家农业科技园区)."""
    forms = doc.memo.get("short_forms")
    if forms is None:
        found: dict[str, TypeHit] = {}
        for m in _SHORT_FORM.finditer(doc.text, 0, doc.body_end):
            kinds = [h for h in _kinds_between(doc, max(0, m.start() - 30), m.start()) if h.end == m.start()]
            if kinds and m.group(1) not in found:
                found[m.group(1)] = kinds[-1]
        doc.memo["short_forms"] = forms = found
    assert isinstance(forms, dict)
    for short, hit in forms.items():
        if sent.startswith(short, pos):
            assert isinstance(hit, TypeHit)
            return hit
    return None


def find_targets(doc: Doc) -> list[Target]:
    out: list[Target] = []
    for ss, se in doc.sentences:
        if ss >= doc.body_end:
            break
        sent = doc.text[ss:se]
        if not _ANY_UNIT.search(sent) or not _NUM.search(sent):
            continue  # no count (no unit) in the sentence, so none in a clause of it (none spans , 、 or :)
        last: list[TypeHit] = []
        resp = _respective(doc, ss, sent) if "分别" in sent else {}
        for cs, ce in _split_clauses(sent):
            if _NUM.search(sent, cs, ce):
                out += _clause_targets(doc, ss, sent, (cs, ce), last, resp)
    return out

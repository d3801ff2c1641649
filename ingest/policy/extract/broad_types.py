"""Platform kinds with broad heads (…平台, …中心, …基地, …园区, …节点, …企业, …工厂 …) kept only where the
sentence treats the phrase as a kind: it is counted (培育10个…, …100家), levelled (国家级…, 省级…), enumerated
with another kind (、/和/及 next to a lexicon type or another accepted kind), the object of a building verb
(建设 / 培育 / 认定 / 布局 / 创建 / 打造 / 搭建 …) or followed by 建设 / 发展. A broad head alone says nothing:
without this test every "X平台" of a work report became a kind (seeds precision 0.62).

The phrase itself comes from `open_types.open_kind` (up to four kind words or nouns before the head, region
and level prefixes cut off into the level). Every kind found (specific and broad heads) is also a `TypeHit`
with a synthetic lexicon entry, so that targets can count it (`open_hits`)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from ingest.policy import lexicon as lx
from ingest.policy.extract.class_lists import class_items
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.ellipsis import ellipsis_hits
from ingest.policy.extract.kind_hits import item_without_place, kind_hit
from ingest.policy.extract.levelled_clusters import levelled_clusters
from ingest.policy.extract.lexical import ST_WORD, STOP_TOKENS, lcut, pos_table
from ingest.policy.extract.open_types import BARE_OK, mod_vocab, open_heads, open_kind
from ingest.policy.extract.place_kinds import place_kinds
from ingest.policy.extract.quoted_kinds import (
    SELECTED,
    SLOGAN,
    WHOLE_QUOTED,
    quoted_ok,
    unquoted,
    unquoted_end,
    unquoted_start,
)
from ingest.policy.extract.regions import region_before
from ingest.policy.extract.typehits import TypeHit

_BROAD = re.compile(
    r"(?:平台|中心|基地|产业园|创业园|园区|节点|直联点|机构|载体|工厂|车间|企业|示范区|试验区|实验站|"
    r"冠军|基础设施|交易市场|交易场所|试点示范|联盟|综合体)"
    # …平台公司, …中心有限公司: a firm's name (1个省级专业化运营平台公司), no kind of platform
    r"(?!城市|城区|镇|村|企业|公司|集团|有限|集群|主任|负责人|职工|人员|工作|内部|[的之]?作用|功能|地位|位置|体系|之一|名单|目录)"
)
# a count or a class word right before the phrase: 培育10个…, 一批…, 各类…
_COUNT_BEFORE = re.compile(
    r"(?:\d+(?:\.\d+)?\s*万?|[一二两三四五六七八九十百千万]+)\s*(?:余|多)?\s*[个家批所座]\s*$|"
    r"(?:一批|一些|各类|多个|若干|更多|首批|首个|首家)$"
)
_COUNT_AFTER = re.compile(
    r"^”?(?:数量)?(?:分别|均)?(?:达到?|超过?|突破|增至|增加到|总数达?)?\s*"
    r"(?:\d+(?:\.\d+)?\s*万?\s*(?:余|多)?\s*[个家批所座户]|[一二两三四五六七八九十百千]+[个家批所座])"
)
_LEVEL_BEFORE = re.compile(r"(?:国家级?|全国|省级|市级|县级|自治区级|省级以上|国家级和省级|国家、省级?)$")
_VERB_BEFORE = re.compile(
    r"(?:建设|培育|认定|布局|创建|打造|搭建|建立|设立|组建|共建|新建|筹建|引进|争创|遴选|创办|兴建|建成|扶持|壮大|成立|设|"
    r"发展|加强|推进|推动|加快|优化|完善|新增|获批|支持)"
    r"(?:一批|一些|各类|更多|若干|高水平|高端|一流|区域性|专业化)?$"
)
# a building verb governing the phrase over a relative clause: 建设符合技术交易规律的…平台 (not 打造: 打造具有全球
# 影响力的…中心 states an aim, not a kind being built)
_VERB_DE = re.compile(r"(?:建设|建立|设立|搭建|组建|筹建|创建|布局|培育)[^，,。；;：:、！？\n的为以是]{2,18}的$")


def _verb_over_clause(text: str, s: int, e: int) -> re.Match[str] | None:
    """A building verb over a relative clause (建设符合技术交易规律的…平台), where the clause or the phrase says
    which science-and-technology thing it is (建设统一的监管信息共享平台 is none)."""
    m = _VERB_DE.search(text, max(0, s - 24), s)
    return m if m is not None and ST_WORD.search(text, m.start() + 2, e) else None


# a building verb over a short coordination governs its second item too (建立区域总部和|研发中心, 发展外资总部
# 和|研发中心): one verb, two objects. Only 和 / 及: 与 is as often a preposition (搭建银行与企业交流平台).
_VERB_COORD = re.compile(
    r"(?:建设|培育|布局|创建|打造|搭建|建立|设立|组建|共建|新建|筹建|引进|争创|创办|兴建|建成|发展)"
    r"[^，,。；;：:、！？\n“”]{1,6}[和及]$"
)


_AFTER_BUILD = re.compile(r"^(?:的)?(?:建设|发展|创建|培育|认定|布局)")
_ENUM = "、和及与或"
# Classes of all platforms (创新载体, 服务机构): the modifier says nothing about the kind. Grading words say how
# good or how important a platform is, not which it is: adjectives in 性 (战略性, 代表性, 引领性), 高端, 一流 and
# 对外 (对外开放高端平台, 战略性创新平台, 高端科研机构 are the class of all platforms or bodies of that rank).
_UMBRELLA = re.compile(
    r"^(?:省|市|县|区|市县级?|区域性?|地区|高?能级|科技|科学技术|重大|各类|新型|综合|专业|重点|战略|开放|承接|"
    r"国家级|省级|高水平|[\u4e00-\u9fff]{2}性|高端|一流|对外)*"
    r"(?:创新|创业|创新创业|双创|科技|技术|研发|科研|合作|创新合作|人才|试验)*$"
)
# A scope or tier word alone (综合型平台, 企业级平台) or 示范 alone (示范基地) ranks a kind named elsewhere (工业互联网
# 平台 of the text); it names no kind of its own.
_TIER = re.compile(r"^(?:(?:企业|行业|区域|综合|专业|通用)[型级]|示范)$")
# A region's S&T centre (具有全球影响力的产业科技创新中心, 本市…国际科技创新中心建设): the scope words a region's own
# designation takes, named as an aim; a designated area (data/gold/CONVENTIONS.md, zones: regional S&T centres),
# no kind of platform, as 区域 / 全国 before 科技创新中心 already are (`_UMBRELLA`, the level words)
_REGION_CENTRE = re.compile(r"^(?:国际|全球|全国|区域|产业)科技创新中心$")
_QUALITY = re.compile(r"^(?:企业级|区域级|行业级|先进级|企业(?!级)|重大|专业化|高水平|高能级|一流|高端|示范性)(?=..)")


# Heads that name many things besides platforms (金融机构, 物流中心, 生产基地, 交通基础设施) need a word of
# science, technology or innovation in the modifier.
_NEEDS_ST = {"机构", "中心", "基地", "园区", "产业园", "基础设施", "联盟", "示范区", "试验区", "综合体"}
# Infrastructure of research (科研 / 科教 / 重大科技基础设施), not of data, networks or transport
_RESEARCH = re.compile(r"科技|科研|科教|科学|研究|实验|试验|创新")
# Words of government and regulation: a platform they name is a government system, no S&T platform.
_GOVERNANCE = re.compile(r"信用|监管|治理|执法|政务|便民|登记|监测|审批")
# A modifier holding a whole head or an organisation is a named unit (技术创新中心雄安中心, …医院…中心).
_NAMED_MOD = re.compile(r"国家|平台|中心|基地|实验室|机构|医院|大学(?!生)|学院|公司|集团|园区|示范区|开发区|高新区")
# verbs that govern a phrase rather than name a kind of thing (要担起…, 允许…, 高度重视…)
_CONTROL_VERBS = {
    "要",
    "保障",
    "确保",
    "提升",
    "强化",
    "应",
    "应当",
    "允许",
    "重视",
    "无",
    "有关",
    "实现",
    "提高",
    "保留",
    "补齐",
    "发展",
    "开展",
    "担起",
    "适合",
    "高度重视",
    # prepositions and reporting verbs jieba tags as nouns (会同|科技创新中心建设推进机构, 常务委员会报告|…)
    "会同",
    "面向",
    "报告",
}
# an enterprise kind is a designation: 科技型, 单项冠军, 专精特新 … (not 科技创新服务实体企业). 领军 alone ranks
# firms of a trade (行业领军企业, 工业互联网领军企业, 数字贸易领军企业; dev2a README: generic); the designation is
# 科技领军企业, which the lexicon holds.
_DESIGNATION = re.compile(r"(?:型(?:中小|小微)?|领航|冠军|龙头|示范|瞪羚|独角兽|小巨人|专精特新|高新技术|领跑者?)$")
# a quoted word, optionally with 示范 / 标杆 after the quote (“小灯塔”示范企业: the quoted name's model firms)
_QUOTED = re.compile(r"“([\u4e00-\u9fff]{2,6})”(示范|标杆)?$")
_FINANCE = re.compile(r"金融|投资|保险|担保|融资|专营")
_CONTENT = frozenset({"服务"})  # 科技服务平台, 公共服务平台
_STOP_POS = {"v", "vd", "d", "p", "c", "r", "u", "uj", "ul", "f", "t", "m", "q", "ad", "y"}


# verbs that name what a platform does (孵化基地, 检测中心, 转化平台), not what is done to a zone or a body
_KIND_VERB = re.compile(
    r"孵化|转化|推广|引智|展示|体验|转移|检测|检验|试验|实验|验证|研发|研究|育种|培训|实训|加速|共享|交易|测试|制造|设计"
)


def _lone_kind_verb(toks: Sequence[str]) -> bool:
    """The modifier is one verb naming what a platform does (孵化|基地), not one acting on it (编制|示范区)."""
    return len(toks) == 1 and _KIND_VERB.search(toks[0]) is not None


def _plain_modifier(rest: str, head: str, np_start: bool = False, need_st: bool = True) -> bool:
    """The modifier of a broad head is made of kind words and nouns only (no verb, adverb or function word:
    要担起平台, 高度重视园区 are no kinds) and says which science-and-technology thing it is where the head is
    a catch-all (`need_st`). `np_start`: a count, 一批 or a level word stands right before it, so the phrase
    is a noun phrase and a verb leading it is the kind's own word (6个省级|育种创新平台), not a governing one."""
    industry_alliance = head == "联盟" and rest.endswith("产业")  # 产业联盟: firms of an industry allied
    # a zone of an industry (数字文化创意产业试验区) is one of production; 共同富裕示范区, 跨境电商综合试验区 are none
    industry_alliance = industry_alliance or (head in {"示范区", "试验区"} and "产业" in rest)
    if head == "平台" and _GOVERNANCE.search(rest) and not ST_WORD.search(rest):
        return False  # 公共信用信息服务平台, 基层治理平台, 网络交易监测平台: government systems (holdout README)
    if _NAMED_MOD.search(rest) or (
        need_st and head in _NEEDS_ST and not ST_WORD.search(rest) and not industry_alliance
    ):
        return False
    if head == "企业" and not _DESIGNATION.search(re.sub(r"[“”\"]", "", rest)):
        return False
    if head == "基础设施" and not _RESEARCH.search(rest):
        return False  # 数据 / 通信 / 工业互联网基础设施 are public works; the golds type research ones only
    if head == "联盟" and len(rest) > 4:
        return False  # a long modifier names one alliance (临床医学协同创新联盟), a short one a kind (知识产权联盟)
    if head == "机构" and (_FINANCE.search(rest) or (rest.endswith("服务") and len(rest) <= 6)):
        return False  # 创业投资机构, 科技金融专营机构; 科技服务机构, 知识产权服务机构 are classes
    vocab = mod_vocab()
    toks = lcut(rest)
    for i, tok in enumerate(toks):
        if tok in _CONTROL_VERBS:
            return False
        if tok in vocab:
            continue
        tag = pos_table().get(tok, "n")
        if (
            (tok in STOP_TOKENS and tok not in _CONTENT)
            or tok in _CONTROL_VERBS
            or (tag in _STOP_POS and not (tag == "v" and (i > 0 or np_start or _lone_kind_verb(toks))))
        ):
            return False
    return True


def _clean_type(kind: str, head: str) -> str:
    """The kind without quotes and a leading quality word (专业化科技服务平台 → 科技服务平台)."""
    kind = re.sub(r"[“”\"'‘’]", "", kind)
    stripped = _QUALITY.sub("", re.sub(r"^[^型]{1,5}型(?=.{5,})", "", kind))  # 综合型工业互联网平台
    return stripped if len(stripped) > len(head) + 1 else kind


def _direct(text: str, s: int, e: int, level: bool, strict: bool = False) -> bool:
    """The phrase [s, e) is counted, levelled, built or followed by 建设 in its own words (`strict`: 支持 / 加强
    alone do not make it built)."""
    s, e = unquoted(text, s, e)
    before = text[max(0, s - 12) : s]
    after = text[e : e + 12]
    verb = _VERB_BEFORE.search(before) or _verb_over_clause(text, s, e)
    verb = verb or _VERB_COORD.search(text, max(0, s - 14), s)
    return bool(
        level
        or _COUNT_BEFORE.search(before)
        or _COUNT_AFTER.match(after)
        or _LEVEL_BEFORE.search(before)
        or (verb and not (strict and verb.group(0).startswith(("支持", "加强", "推动", "推进", "发展"))))
        or _AFTER_BUILD.match(after)
        or SELECTED.search(text, max(0, s - 14), s)
    )


def designation_as_kind(doc: Doc, h: TypeHit) -> bool:
    """An enterprise designation (高新技术企业, 智能工厂 …: lexicon flag `entity`) is a kind where it is counted,
    levelled, built or coordinated with another kind — not where it only names whom a rule applies to."""
    text = doc.text
    if _direct(text, h.start, h.end, h.level is not None, strict=True):
        return True
    ends = doc.memo.get("kind_ends")
    if ends is None:
        ends = {k.end for k in doc.type_hits} | {k.end for k in open_hits(doc)}
        ends |= {k.start for k in doc.type_hits} | {k.start for k in open_hits(doc)}
        doc.memo["kind_ends"] = ends
    assert isinstance(ends, set)
    s, e = unquoted(text, h.start, h.end)
    listed = (s >= 1 and text[s - 1] in _ENUM and unquoted_end(text, s - 1) in ends) or (
        text[e : e + 1] in set(_ENUM) and unquoted_start(text, e + 1) in ends
    )
    return listed or _named_in_a_rule(text, h)


# who acts in a clause: a list of bodies before the designation (高校、科研院所、高新技术企业), a verb right after
# it (高新技术企业建立…), or 为 / 依托 before it (为科技型中小企业提供…)
_ACTOR_LIST = re.compile(r"(?:高校|院校|院所|大学|机构|单位|企业|学会|协会)[、和及与]$")
_FOR = re.compile(r"(?:为|依托|引导|鼓励|吸引|引进|组织|带动|支持|孵化|育成)$")


def _named_in_a_rule(text: str, h: TypeHit) -> bool:
    """An enterprise designation (…企业, flag `entity`) a regulation names (对高新技术企业给予奖励, 高新技术企业所得税
    优惠, 开展科技型中小企业信用贷款): a kind the real golds label, where it is not one of the clause's actors
    (the seeds gold leaves those: 依托高校、科研院所、高新技术企业, 引导高新技术企业建立…)."""
    if not h.entry.surface.endswith("企业"):
        return False
    before = text[max(0, h.start - 6) : h.start]
    nxt = lcut(text[h.end : h.end + 4])
    verb_after = bool(nxt) and pos_table().get(nxt[0], "n") in {"v", "vd"}
    return not (_ACTOR_LIST.search(before) or _FOR.search(before) or verb_after)


def _neighbours(text: str, spans: list[tuple[int, int]]) -> dict[int, list[int]]:
    """Index pairs of spans coordinated by one of 、和及与或 (or 、 … 等) with nothing else between."""
    by_end = {e: i for i, (_s, e) in enumerate(spans)}
    out: dict[int, list[int]] = {i: [] for i in range(len(spans))}
    for j, (s, _e) in enumerate(spans):
        k = _coordinator_before(text, s)
        if k:
            i = by_end.get(s - k)
            if i is not None:
                out[i].append(j)
                out[j].append(i)
    return out


# 本市 / 本省 / 我省 … point at the document's own region: no word of the kind
_DEICTIC = re.compile(r"(?:[本我全][省市区县])?")

# verbs of doing or using something, which govern what follows them (社会力量投入|科技创新中心建设)
_PROCESS_VERBS = frozenset({"进行", "投入", "使用", "参与", "开展", "推进", "推动", "实施", "利用", "依托"})


def _after_process_verb(text: str, s: int, hs: int) -> int:
    """Where the modifier text[s:hs] starts after its last process verb (部门进行|科技创新中心), s if none."""
    pos = s
    for tok in lcut(text[s:hs]):
        pos += len(tok)
        if tok in _PROCESS_VERBS:
            s = pos
    return s


_Cand = tuple[int, int, str, str | None, bool, bool]
# a platform that serves, with no word of what for (公共服务平台, 综合服务平台): the class of all service platforms
# (dev2a, dev2b, dev3a, dev3b, dev4a READMEs: umbrella terms), as 科技创新平台 is of all platforms
_SERVICE = frozenset({"服务平台", "公共服务平台", "综合服务平台", "公共平台"})


def _candidates(doc: Doc, covered: bytearray) -> list[_Cand]:
    """(start, end, kind, level, has level word, weak) of broad-head phrases outside dictionary hits; `weak`:
    a catch-all head without a science word (体验中心), a kind only as an item of a list of kinds."""
    out: list[_Cand] = []
    text = doc.text
    for m in _BROAD.finditer(text, 0, doc.body_end):
        hs, he = m.span()
        if covered[hs] or covered[he - 1]:
            continue
        quoted = _QUOTED.search(text, max(0, hs - 12), hs)
        if (
            quoted is not None
            and text[hs:he] in {"企业", "工厂", "园区", "基地", "平台", "中心"}
            and quoted_ok(text[hs:he], quoted.group(1), ST_WORD)
        ):
            # a quoted designation: “数字领航”企业, “领跑者”企业
            out.append(
                (quoted.start(), he, quoted.group(1) + (quoted.group(2) or "") + text[hs:he], None, False, False)
            )
            continue
        whole = WHOLE_QUOTED.search(text, max(0, hs - 8), hs)
        if whole is not None and text[he : he + 1] == "”" and text[hs:he] in {"企业", "工厂"}:
            # a firm's designation quoted whole (“双百企业”, “灯塔工厂”): the quotes mark a coined name; a kind
            # only where it is counted, levelled, built or selected (“无废企业” beside “零碳工厂” is none)
            if not SLOGAN.search(text, whole.end(), hs):
                out.append((whole.end(), he, text[whole.end() : he], None, False, False))
            continue
        if text[hs:he] == "机构" and text[hs - 2 : hs] in ("研究", "研发"):
            continue  # a research body is a specific head (specific_hits), a class unless counted or 新型
        found = open_kind(doc, hs, he, _CONTENT)
        if found is None:
            continue
        s, kind, level = found
        head = text[hs:he]
        units = _region_units(text, s, he)
        if units is False:
            continue  # 海南|量子试验基地, 蒙牛|宁夏|全数智化工厂 (owner and place): one unit's name, no kind
        marked = level is not None or bool(units)  # a level word, or a count of units sharing the kind
        level = None if units else level
        cut = _after_process_verb(text, s, hs)
        deictic = _DEICTIC.match(text, cut, hs)
        cut += len(deictic.group(0)) if deictic else 0
        if cut > s:  # 社会力量投入|科技创新中心, 本市|科技创新中心: the kind starts after the verb or the deictic
            s, kind = cut, text[cut:he]
        listed = level is None and _listed_verb(text, s)
        if listed:
            s -= listed
            kind = text[s:hs] + head
        rest = kind[: -len(head)]
        if len(rest) < 2 or (_UMBRELLA.match(rest) and kind != "研发中心") or _TIER.match(rest) or kind in _SERVICE:
            continue  # 研发中心 is a unit a firm sets up (设立研发中心), not a class of all platforms
        if _REGION_CENTRE.match(kind):
            continue  # the region's designated centre, an aim of the plan, not a kind it builds
        before = text[max(0, s - 12) : s]
        np_start = bool(listed) or marked or bool(_COUNT_BEFORE.search(before) or _LEVEL_BEFORE.search(before))
        if _plain_modifier(rest, head, np_start):
            out.append((s, he, _clean_type(kind, head), level, marked, False))
        elif head in _NEEDS_ST and _plain_modifier(rest, head, np_start, need_st=False):
            out.append((s, he, _clean_type(kind, head), level, marked, True))
    return out


_KIND_END = re.compile(r"(?:平台|中心|基地|园区|机构|实验室|载体|企业|节点|工厂|孵化器|空间)$")


def _listed_verb(text: str, s: int) -> int:
    """Length of a verb between a coordinator after a kind and the phrase at s (融资平台和|创新|服务平台): a
    list item starts there, so the verb is the kind's own word, not one governing it; 0 if there is none."""
    toks = lcut(text[max(0, s - 6) : s])
    if not toks:
        return 0
    tok = toks[-1]
    k = s - len(tok)
    if len(tok) < 2 or pos_table().get(tok, "x") not in {"v", "vn"} or tok in _CONTROL_VERBS:
        return 0
    c = _coordinator_before(text, k)
    if _VERB_BEFORE.search(tok) or not c or not _KIND_END.search(text, max(0, k - c - 4), k - c):
        return 0
    return len(tok)


_LIST_END = re.compile(r"[^，,。；;：:！？!?\n（(]{0,60}?等")


def _in_bounded_list(text: str, s: int, e: int) -> bool:
    """[s, e) is an item of a 、-list closed by 等 in its own clause (…中心、体验中心、实验室等): a list bounded
    by its own punctuation, not every phrase of the clause."""
    if text[e : e + 1] not in ("、", "等") and text[s - 1 : s] not in ("、", "和", "及"):
        return False  # …中试基地和|产业化基地|等: the last item of the list
    return _LIST_END.match(text, e) is not None


def _coordinator_before(text: str, s: int) -> int:
    """Length of the coordinator right before s (、和及与或 or 或者 / 以及), 0 if none."""
    if text[max(0, s - 2) : s] in {"或者", "以及"}:
        return 2
    return 1 if s >= 1 and text[s - 1] in _ENUM else 0


def broad_hits(doc: Doc, known: list[TypeHit]) -> list[TypeHit]:
    """Broad-head kinds that pass the context test, as type hits; `known`: the kinds found otherwise
    (lexicon and specific heads), which they must not overlap and with which they may be enumerated."""
    # 育种创新平台 is a kind although 创新平台 is a class: an umbrella hit covers nothing
    covered = _covered(doc, [h for h in known if "umbrella" not in h.entry.flags])
    cands = _candidates(doc, covered)
    doc.memo["broad_candidates"] = [
        kind_hit(c[0], c[1], c[2], c[3]) for c in cands if not c[5] and not _financing(doc.text[c[0] : c[1]])
    ]
    text = doc.text
    spans = [(c[0], c[1]) for c in cands] + [(h.start, h.end) for h in known if h.start < doc.body_end]
    n = len(cands)
    # an enterprise kind needs more than 支持 / 加强 (支持“链主”企业牵头…: whom a measure addresses), as a lexicon
    # designation does (`designation_as_kind`)
    ok = [
        i < n
        and not cands[i][5]
        and not _DATA_CENTRE.match(cands[i][2])
        and _direct(text, cands[i][0], cands[i][1], cands[i][4], text.endswith("企业", 0, cands[i][1]))
        for i in range(len(spans))
    ]
    ok[n:] = [True] * (len(spans) - n)  # lexicon hits are kinds
    direct = list(ok)
    nb = _neighbours(text, spans)
    todo = [i for i in range(len(spans)) if ok[i]]
    while todo:  # a kind coordinated with a kind is a kind; a weak item only inside a list closed by 等
        i = todo.pop()
        for j in nb[i]:
            if not ok[j] and not (j < n and cands[j][5] and not _in_bounded_list(text, *spans[j])):
                ok[j] = True
                todo.append(j)
    out = []
    for i in range(n):
        if ok[i] and not (direct[i] and _financing(text[cands[i][0] : cands[i][1]])):
            s, e, kind, level, *_ = cands[i]
            out.append(kind_hit(s, e, kind, level))
    return out


# A data centre with no word of science (重点数据中心48个, 绿色数据中心): computing infrastructure, counted as other
# quantities (dev5 README), as 数据基础设施 is a public work; listed with a kind (数据中心、超算中心) it is one of them.
_DATA_CENTRE = re.compile(r"^(?:绿色|新型|大型|重点|高等级)?数据中心$")


def _financing(kind: str) -> bool:
    """融资平台, 融资信用征信服务平台: a financing vehicle, no S&T kind by its own context (科技投融资平台 is one);
    as an item of a list of kinds it is one of them (检测平台、融资平台和创新服务平台), and it links that list."""
    return kind.endswith("平台") and bool(_FINANCE.search(kind)) and not ST_WORD.search(kind)


def _covered(doc: Doc, hits: Sequence[TypeHit]) -> bytearray:
    """A mask over the text, 1 where one of `hits` stands."""
    covered = bytearray(len(doc.text) + 1)
    for h in hits:
        covered[h.start : h.end] = b"\x01" * (h.end - h.start)
    return covered


def specific_hits(doc: Doc) -> list[TypeHit]:
    """Specific-head kinds (联合实验室, 孵化器 …, open_types) as type hits."""
    covered = _covered(doc, doc.type_hits)
    out = []
    for hs, he in open_heads(doc):
        if covered[hs] or covered[he - 1]:
            continue
        found = open_kind(doc, hs, he)
        if found is not None:
            s, _kind, level = found
            s = _after_governing_word(doc.text, s, hs)
            if _VERB_BEFORE.search(doc.text, s, hs):
                s = hs  # (全市)新增|研发机构, 培育|孵化器: a building verb is no word of the kind
            if doc.text[hs:he] == "交易市场" and not ST_WORD.search(doc.text, s, hs):
                continue  # 减排交易市场, 商品交易市场: markets of goods and rights, no S&T kind (技术交易市场 is one)
            if s == hs and doc.text.startswith("建设", he):
                continue  # (粤港澳)联合实验室建设: a bare head before 建设 names the work, not a kind of its own
            if doc.text[hs:he] in _COUNTED_ONLY and not _counted(doc.text, s, he) and not _NEW_KIND.match(doc.text, s):
                # 设立研发机构, 国家级和省级研发机构, 农业科技研究机构, 省属自然科学研究机构: the class of all R&D
                # bodies or of a field's or an owner's (dev2-dev4 READMEs: umbrella terms); 新型 / 海外 name kinds
                continue
            if s < hs and doc.text[hs:he] in BARE_OK and _short_region_name(doc.text, s):
                out.append(kind_hit(s, he, doc.text[hs:he], None))  # 云南种子种业联合实验室: one lab's name, its head
            elif s < hs or doc.text[hs:he] in BARE_OK:
                out.append(kind_hit(s, he, doc.text[s:he], level))
    return out


def _region_units(text: str, s: int, e: int) -> bool | None:
    """None: no region's short name is glued before the phrase at [s, e). False: one unit's name opens there
    (海南|量子试验基地, 福建|人工智能计算中心, a firm's plant 蒙牛|宁夏|…工厂): a level is written 省 / 省级, so the
    place gives none, and one facility is no kind. True: a count before the place (两个宁夏|科创中心) makes the
    units share the kind."""
    if not _short_region_name(text, s):
        return None
    rb = region_before(text, s)
    return rb is not None and _counted(text, rb[0], e)


def _short_region_name(text: str, s: int) -> bool:
    """A region's short name glued before the kind (云南|种子种业联合实验室, 长三角|…): the start of one unit's
    name, which a level would be written as (省|市|…省级); the region gives no level there."""
    rb = region_before(text, s)
    return rb is not None and not text[rb[0] : s].endswith(("省", "市", "区", "县", "州", "盟", "旗"))


# Bare heads that name the class of all such bodies unless a count makes them a kind (新增研发机构1178家).
_COUNTED_ONLY = frozenset({"研发机构", "研究机构"})
_NEW_KIND = re.compile(r"新型|海外")


def _counted(text: str, s: int, e: int) -> bool:
    """A count right before or after [s, e) (培育10家…, …100家)."""
    return bool(_COUNT_BEFORE.search(text[max(0, s - 12) : s]) or _COUNT_AFTER.match(text[e : e + 12]))


def _after_governing_word(text: str, s: int, hs: int) -> int:
    """Where the modifier text[s:hs] starts after its last governing verb or function word: 允许研发机构,
    无研发机构, 条例有关研发机构 are 研发机构; a verb inside the modifier with a word before and after it
    governs what follows (资本举办新型研发机构 → 新型研发机构)."""
    pos = s
    toks = lcut(text[s:hs])
    vocab = mod_vocab()
    for i, tok in enumerate(toks):
        pos += len(tok)
        tag = pos_table().get(tok, "n")
        if tok in _CONTROL_VERBS or tag in {"d", "p", "c", "r", "u", "uj", "ul", "y"}:
            s = pos
        elif tag == "v" and tok not in vocab and 0 < i < len(toks) - 1 and pos_table().get(toks[i + 1], "n")[0] != "v":
            s = pos  # a verb with its object after it (资本举办|新型研发机构): the kind starts after the verb
    return s


def open_hits(doc: Doc) -> list[TypeHit]:
    """Every kind outside the lexicon (specific and broad heads), sorted; computed once per document."""
    memo = doc.memo.get("open_hits")
    if memo is None:
        specific = specific_hits(doc)
        places = _free(doc, doc.type_hits + specific, place_kinds(doc))
        places += _free(doc, doc.type_hits + specific + places, levelled_clusters(doc))
        broad = broad_hits(doc, doc.type_hits + specific + places)
        text = doc.text
        taken = {(h.start, h.end) for h in broad}
        memo_cands = doc.memo.get("broad_candidates")
        assert isinstance(memo_cands, list)
        cands = [h for h in memo_cands if isinstance(h, TypeHit) and (h.start, h.end) not in taken]
        shared = ellipsis_hits(doc, doc.type_hits + specific + broad, cands, lambda s, e: _direct(text, s, e, False))
        members = _class_members(doc, doc.type_hits + specific + broad + shared)
        found = [h for h in specific + broad + shared + members + places if not _social(text, h.start, h.end)]
        memo = sorted(found, key=lambda h: (h.start, -h.end))
        doc.memo["open_hits"] = memo
    assert isinstance(memo, list)
    return memo


# Fields of social service and schooling: a station, alliance or base of theirs (劳务工作站, 养老服务联合体,
# 市域产教联合体, 产教融合基地) is no S&T kind (test / holdout / dev4 READMEs: education carriers, health,
# employment and welfare items are not labelled).
_SOCIAL = re.compile(r"养老|劳务|就业|托育|康养|医养|家政|殡葬|产教(?=[^平台]*(?:联合体|共同体|基地|学院)$)")
# the words before a kind's start that still belong to its phrase (县域养老服务|联合体 once cut at 服务)
_PHRASE_BEFORE = re.compile(r"[\u4e00-\u9fff]{0,6}$")


def _social(text: str, s: int, e: int) -> bool:
    """The kind at [s, e) or the words glued before it name a field of social service or schooling."""
    m = _PHRASE_BEFORE.search(text, max(0, s - 6), s)
    start = m.start() if m else s
    return _SOCIAL.search(text[start:e]) is not None


def _class_members(doc: Doc, known: list[TypeHit]) -> list[TypeHit]:
    """Items of a list closed by 等 + a class of platforms (`class_lists`) that no other rule found."""
    covered = _covered(doc, known)
    out = []
    for s, e in class_items(doc):
        if not any(covered[s:e]):
            h = kind_hit(s, e, _clean_type(item_without_place(doc.text[s:e]), ""), None)
            h.entry = lx.TypeEntry(h.entry.surface, h.entry.type, h.entry.category, frozenset({"open", "listed"}))
            out.append(h)
    return out


def _free(doc: Doc, known: list[TypeHit], kinds: Sequence[tuple[int, int, str, str | None]]) -> list[TypeHit]:
    """Designated kinds of place (`place_kinds`: 工业强县, …试点城市) or clusters a level word designates
    (`levelled_clusters`) that no other rule found: the head must be free, the modifier may hold a kind word
    (工业单项冠军|县)."""
    covered = _covered(doc, known)
    return [kind_hit(s, e, kind, level) for s, e, kind, level in kinds if not covered[e - 1]]


def countable_hits(doc: Doc, s: int, e: int) -> list[TypeHit]:
    """Kinds a count in [s, e) may count: the open kinds and every broad-head phrase, context test or not (a
    count is context enough: 培育3家…综合型工业互联网平台). Sorted once per document, looked up by bisection."""
    memo = doc.memo.get("countable")
    if memo is None:
        # also leaves the broad candidates in the memo; a kind read from a shared head (概念验证和|中试平台) is
        # not what a count before the pair counts: the kind with its own head is
        kinds = [h for h in open_hits(doc) if "ellipsis" not in h.entry.flags]
        cands = doc.memo.get("broad_candidates") or []
        assert isinstance(cands, list)
        hits = sorted(kinds + cands, key=lambda h: (h.start, -h.end))
        memo = (hits, [h.start for h in hits])
        doc.memo["countable"] = memo
    assert isinstance(memo, tuple)
    hits, starts = memo
    lo, hi = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
    return [hits[i] for i in range(lo, hi) if hits[i].end <= e]

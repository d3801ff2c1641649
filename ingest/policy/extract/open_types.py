"""Open-vocabulary platform kinds: a head noun (…实验室, …中心, …机构, …基地, …工作站, …园区, …空间, 孵化器 …)
with the content words before it, for kinds no type table lists (联合实验室, 概念验证中心, 工业互联网平台).

The modifier runs left from the head over name tokens (the name rules' jieba cut, stopping at verbs and
function words); region and level prefixes are cut off and give the level. A kind the taxonomy knows maps
onto its canonical type and category; any other keeps its own surface as type, category `unmapped`."""

from __future__ import annotations

import re
from functools import cache

from ingest.policy import lexicon as lx
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import CJK, STOP_TOKENS, lcut, pos_table
from ingest.policy.extract.names import strip_region_level
from ingest.policy.extract.regions import REGIONS, region_before

UNMAPPED = "unmapped"
_NOUNISH = {"n", "nz", "vn", "an", "ng", "b", "j", "l", "nt", "eng"}
# Heads that name a kind of platform whatever precedes them. Broad heads (平台, 中心, 基地, 机构) are left to
# the type lexicon: with them every "X平台" of a work report became a kind (seeds precision 0.62).
_HEAD = re.compile(
    r"(?:联合实验室|验证中心|验证平台|研发机构|研究机构|孵化机构|转化机构|工作站|孵化器|加速器|众创空间|联合体|智库|"
    r"交易市场|中试基地|中试平台)"
    r"(?!体系|管理|运行|负责|主任|内|的?[和与]?(?:负责人|职工|人员))"
)
BARE_OK = {"联合实验室", "孵化器", "加速器", "联合体", "研发机构", "研究机构", "孵化机构", "产业园", "科技园"}
# Pure umbrella phrases (创新平台, 科技创新载体): a class of all platforms, not a kind of one.
_UMBRELLA_MOD = re.compile(r"^(?:科技|科学技术|重大|高能级|国家级|各类|各级|新型|综合)?(?:创新|创业|创新创业|科技)?$")
_ENTERPRISE_MOD = re.compile(r"科技|高新|创新|领军|示范|专精特新|单项冠军|瞪羚|独角兽")
_BAD_MOD = re.compile(rf"[^{CJK}]|的|[一二三四五六七八九十百千万两几]|各|等|和|与|及")


@cache
def mod_vocab() -> frozenset[str]:
    """Words that modify a platform kind: the tokens of the kinds the type lexicon lists and of the
    industry terms (工业互联网平台, 概念验证中心), not region or level words."""
    words: set[str] = set()
    for name in (*lx.types(), *lx.industries()):
        words.update(lcut(name))
    return frozenset(w for w in words if len(w) >= 2 and w not in REGIONS and not _BAD_MOD.search(w))


def level_before(text: str, pos: int) -> str | None:
    before = text[max(0, pos - 9) : pos]
    if before.endswith(("国家", "国家级", "全国")):
        return "国家级"
    rb = region_before(text, pos)
    if rb is not None:
        return "省级" if rb[1].level == "province" else "市级"
    if before.endswith(("省", "省级", "自治区")):
        return "省级"
    if before.endswith(("市", "市级", "县", "县级")):
        return "市级"
    return None


def open_kind(doc: Doc, hs: int, he: int, content: frozenset[str] = frozenset()) -> tuple[int, str, str | None] | None:
    """(start, kind, level) of a platform kind whose head is text[hs:he]; None when it is no kind. The
    modifier is the run of up to four kind words right before the head (`content`: stop tokens that are
    kind words before this head, 服务 in 科技服务平台)."""
    text = doc.text
    head = text[hs:he]
    toks = lcut(text[max(0, hs - 12) : hs])
    vocab = mod_vocab()
    run: list[str] = []
    for tok in reversed(toks):
        if len(run) == 4 or (tok in STOP_TOKENS and tok not in content) or tok in REGIONS or _BAD_MOD.search(tok):
            break
        tag = pos_table().get(tok, "x")
        if tok not in vocab and tag not in _NOUNISH and tag != "v":
            break
        run.append(tok)
    # a kind starts with a noun or a kind word, never with a verb (设立|研发机构, 组建|联合实验室)
    # (a single verb before the head is the kind's own word: 联合实验室, 孵化平台)
    while len(run) > 1 and run[-1] not in vocab and pos_table().get(run[-1], "x") == "v":
        run.pop()
    s = hs - sum(map(len, run))
    # 国家 / 省级 / a region at the start give the level, not the kind
    rest, _had_region = strip_region_level(text[s:hs])
    if rest[:1] in {"省", "市"} and rest[1:2] not in {"县", "区", "州", "级"} and run and run[-1] == rest[:1]:
        rest = rest[1:]  # 省|知识产权保护中心: a lone 省 / 市 word is the level (the prefix table needs a region)
    s = hs - len(rest)
    rest = text[s:hs]
    if len(rest) < 2 and head not in BARE_OK:
        return None
    if head in {"平台", "机构", "基地", "中心", "空间", "园区"} and _UMBRELLA_MOD.match(rest):
        return None
    if head == "企业" and not _ENTERPRISE_MOD.search(rest):
        return None
    kind = rest + head
    if kind in REGIONS or (rest in lx.industries() and head in {"企业", "市场"}):
        return None
    return s, kind, level_before(text, s)


def map_kind(kind: str) -> tuple[str, str]:
    """(type, category): the taxonomy's canonical type when the lexicon knows the kind, else the kind
    itself, unmapped."""
    entry = lx.types().get(kind)
    if entry is not None:
        return entry.type, entry.category or UNMAPPED
    return kind, UNMAPPED


def ends_in_specific_head(kind: str) -> bool:
    """The phrase ends in a specific head with words before it (概念验证平台, 科技企业孵化器)."""
    m = _HEAD.search(kind)
    return m is not None and m.end() == len(kind) and m.start() > 0


def open_heads(doc: Doc) -> list[tuple[int, int]]:
    """Head-noun matches in the body."""
    return [m.span() for m in _HEAD.finditer(doc.text, 0, doc.body_end)]

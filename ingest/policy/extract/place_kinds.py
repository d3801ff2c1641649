"""Designations of places (工业强县, 消费品工业特色镇, 中小企业数字化转型试点城市, 制造业新型技术改造城市试点): a
designation morpheme (强, 冠军, 特色, 专业, 示范, 试点, 创新型) on a place head (县, 镇, 市, 城市) names a kind of place
the state or the province designates, as 开发区 and 产业集群 are kinds of zone. The golds type those a report
counts or reports as selected (培育工业强县5个, 入选…试点城市).

A phrase is a kind only where three things hold: its modifier says industry, technology or innovation (工业,
制造, 数字, 科技, 产业 …: 四好农村路示范县, 城市更新示范城市, 便民生活圈试点城市 are none of ours); it is
counted, levelled or the object of a selection verb (入选, 获评, 获批, 创建, 培育 …); and the modifier is made
of nouns (推进|…, 深化扩权|强县 are no kinds)."""

from __future__ import annotations

import re

from ingest.policy import lexicon as lx
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import STOP_TOKENS, lcut, pos_table
from ingest.policy.extract.open_types import level_before
from ingest.policy.extract.regions import REGIONS

_HEAD = re.compile(
    r"(?:强县|强镇|冠军县|特色县|特色镇|专业镇|示范县|示范城市|试点县|试点城市|城市试点|创新型县|创新型城市)"
    r"(?![\u4e00-\u9fff]{0,1}(?:建设|创建|工作|名单))"
)
_SUBJECT = re.compile(r"工业|制造|数字|科技|创新|互联网|智能|产业|产融|技术|数据|5G|单项冠军|高新|专精特新")
_SELECT_BEFORE = re.compile(
    r"(?:入选|获评|评为|获批|列入|成为|创建|争创|培育|培育壮大|打造|新增|建成)(?:全国|国家级?|省级?)?(?:首批|第[一二三四五六七八九十]+批)?$"
)
_LEVEL_BEFORE = re.compile(r"(?:国家级?|全国|省级)(?:首批|第[一二三四五六七八九十]+批)?$")
_COUNT_AFTER = re.compile(r"^(?:\d+|[一二两三四五六七八九十]+)[个家]")
_COUNT_BEFORE = re.compile(r"(?:\d+|[一二两三四五六七八九十]+)[个家](?:国家级?|省级)?$")
_STOP_POS = {"v", "a", "ad", "vd", "d", "p", "c", "r", "u", "uj", "ul", "y", "m", "q", "f", "t"}
_BOUNDARY = re.compile(r"(?:全国|国家级?|省级|首批|第[一二三四五六七八九十]+批)$")


def _modifier_start(text: str, hs: int) -> int:
    """Where the modifier of a place head at hs starts: back over noun and verb tokens (and quoted names such
    as “5G+工业互联网”), not past a function word, a region or a level / batch word; a verb or an adjective
    cannot open it (入选|…, 培育壮大|工业强县)."""
    run: list[tuple[str, str]] = []
    for tok in reversed(lcut(text[max(0, hs - 18) : hs])):
        if tok in '“”"+' or re.fullmatch(r"[A-Za-z0-9]+", tok):
            run.append((tok, "x"))
            continue
        tag = pos_table().get(tok, "n")
        if tok in STOP_TOKENS or tok in REGIONS or _BOUNDARY.search(tok) or not re.search("[\u4e00-\u9fff]", tok):
            break
        if tag in _STOP_POS and tag != "v":
            break
        run.append((tok, tag))
    while run and (run[-1][1] in {"v", "vn", "a", "ad"} or run[-1][0] in '”"+'):
        run.pop()
    return hs - sum(len(t) for t, _ in run)


def place_kinds(doc: Doc) -> list[tuple[int, int, str, str | None]]:
    """(start, end, type, level) of designated kinds of place in the body."""
    text = doc.text
    types = lx.types()
    out: list[tuple[int, int, str, str | None]] = []
    for m in _HEAD.finditer(text, 0, doc.body_end):
        hs, he = m.span()
        s = _modifier_start(text, hs)
        mod = text[s:hs]
        # 专业镇: a town specialised in one industry, its head says industry (特色|专业镇)
        if len(re.sub('[“”"+]', "", mod)) < 2 or not (_SUBJECT.search(mod) or m.group(0) == "专业镇"):
            continue
        before = text[max(0, s - 12) : s]
        after = text[he : he + 6]
        if not (
            _SELECT_BEFORE.search(before)
            or _LEVEL_BEFORE.search(before)
            or _COUNT_AFTER.match(after)
            or _COUNT_BEFORE.search(before)
        ):
            continue
        kind = re.sub('[“”"]', "", text[s:he])
        if m.group(0) == "城市试点" and kind[:-4] + "试点城市" in types:
            kind = kind[:-4] + "试点城市"  # the lexicon's word order (中小企业数字化转型试点城市)
        national = re.search(r"(?:国家级?|全国)(?:首批|第[一二三四五六七八九十]+批)?$", before)
        out.append((s, he, kind, "国家级" if national else level_before(text, s)))
    return out

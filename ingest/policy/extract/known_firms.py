"""Large firms by the short names work reports use (中国移动, 国家电投, 华电, 建设银行; brands from the 2023 China
top-500 enterprises such as 华为, 吉利, 奇瑞; foreign Global 500 firms such as 巴斯夫): a public lexicon
(ingest/resources/dict/firms.tsv, one source per row) rather than a grammar, since such a name often stands with no
suffix, list or product to mark it (深化与中国商飞合作, 大唐源网荷储一体化). A hit counts only where jieba's words
begin and end with it, so a short name inside a longer word is none (全国|投资, 集中|化, 其中|煤炭)."""

from __future__ import annotations

import re
from typing import Any

from ingest.policy import lexicon as lx
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import CJK, lcut
from ingest.policy.extract.org_names import every_item, foreign_or_firm, list_items

_CONTEXT = 6  # characters each side that jieba reads to place the word boundaries
# A brand's cloud arm is named by the brand and 云 (华为云, 百度智能云), where 云 opens no longer word (云南, 云端) and
# is not the field 云计算 (jieba cuts 云|计算; a firm named so, 华为云计算技术有限公司, is the suffix rule's).
_CLOUD = ("智能云", "云")


def _on_word_bounds(text: str, s: int, e: int) -> bool:
    """Whether [s, e) starts and ends on word boundaries of jieba's cut of the window around it."""
    lo = max(0, s - _CONTEXT)
    bounds = {lo}
    pos = lo
    for t in lcut(text[lo : min(len(text), e + _CONTEXT)]):
        pos += len(t)
        bounds.add(pos)
    return s in bounds and e in bounds


def _cloud_end(text: str, s: int, e: int) -> int:
    """The end of the brand's cloud arm after [s, e) (华为|云), or e when no such word follows."""
    for tail in _CLOUD:
        c = e + len(tail) - 1  # where 云 stands
        if not text.startswith(tail, e) or text.startswith("计算", c + 1):
            continue
        if tuple(lcut(text[c : c + 4]))[:1] == ("云",) and _on_word_bounds(text, s, c + 1):
            return c + 1
    return e


def _firm_hits(doc: Doc) -> list[tuple[int, int, str, object]]:
    """The lexicon's matches in the body, found once per document: three readers share them, and the scan grows
    with the lexicon (about 0.05 s of CPU per 2 MB for each pass at 300 surfaces)."""
    hits = doc.memo.get("known_firms.hits")
    if hits is None:
        hits = doc.memo["known_firms.hits"] = lx.longest_matches(lx.firm_automaton(), doc.text[: doc.body_end])
    return hits  # type: ignore[return-value]


def known_firms(doc: Doc, add: Any, brands: bool) -> None:
    """The lexicon's state firms (brands=False) or its top-500 brands (brands=True). The brands are read after the
    grammar's firm rules, so a longer name that opens with a brand (恒力重工, 比亚迪半导体) keeps it."""
    text = doc.text
    own = lx.brand_firms()
    for s, e, w, _canonical in _firm_hits(doc):
        if (w in own) == brands and _on_word_bounds(text, s, e):
            add(s, _cloud_end(text, s, e), "company", "entity.known_firm", 0.8, known=True)


# a 、-list of items of two to eight characters, read back from the 等 that closes it (华为、火山引擎、世纪互联等)
_LIST_BEFORE = re.compile(rf"((?:[{CJK}A-Za-z\d]{{2,8}}、)+[{CJK}A-Za-z\d]{{2,8}})$")
# an item that names another kind of organisation (清华大学、华为等) makes the list one of partners, not of firms
_OTHER_ORG = re.compile(r"(?:大学|学院|研究院|研究所|科学院|医院|中心|实验室|政府|[厅局委部])$")


def firms_beside_known(doc: Doc, add: Any) -> None:
    """Coordinated items are of one kind: in a list closed by 等 where one item is a lexicon firm (state firm or
    brand), every other firm-like item is a firm too (华为、火山引擎、世纪互联、中金数据等智算中心). A list with a
    place, a field, a kind or another organisation in it names none."""
    text = doc.text
    done = -1  # the 等 of the list last read: each list is read once, from its first lexicon hit
    for s, e, _w, _canonical in _firm_hits(doc):
        deng = text.find("等", e, e + 60) if text.startswith(("、", "等"), e) else -1
        if deng < 0 or deng == done or not _on_word_bounds(text, s, e):
            continue  # no 等 in reach (a run of 华为、 stays linear), or a list already read
        done = deng
        m = _LIST_BEFORE.search(text, max(0, s - 60), deng)
        if m is None or m.start(1) > s:
            continue
        items, pos = list_items(doc, m)
        if any(_OTHER_ORG.search(it) for it in items):
            continue
        for a, b in every_item(items, pos, foreign_or_firm):
            add(a, b, "company", "entity.known_list", 0.6, known=False)

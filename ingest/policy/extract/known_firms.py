"""Large firms by the short names work reports use (中国移动, 国家电投, 华电, 建设银行; brands from the 2023 China
top-500 enterprises such as 华为, 吉利, 奇瑞): a public lexicon (ingest/resources/dict/firms.tsv, one source per row)
rather than a grammar, since such a name often stands with no
suffix, list or product to mark it (深化与中国商飞合作, 大唐源网荷储一体化). A hit counts only where jieba's words
begin and end with it, so a short name inside a longer word is none (全国|投资, 集中|化, 其中|煤炭)."""

from __future__ import annotations

from typing import Any

from ingest.policy import lexicon as lx
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import lcut

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


def known_firms(doc: Doc, add: Any, brands: bool) -> None:
    """The lexicon's state firms (brands=False) or its top-500 brands (brands=True). The brands are read after the
    grammar's firm rules, so a longer name that opens with a brand (恒力重工, 比亚迪半导体) keeps it."""
    text = doc.text
    own = lx.brand_firms()
    for s, e, w, _canonical in lx.longest_matches(lx.firm_automaton(), text[: doc.body_end]):
        if (w in own) == brands and _on_word_bounds(text, s, e):
            add(s, _cloud_end(text, s, e), "company", "entity.known_firm", 0.8, known=True)

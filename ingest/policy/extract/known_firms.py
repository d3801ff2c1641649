"""State-owned firms by the short names work reports use (中国移动, 国家电投, 华电, 建设银行): a public lexicon
(ingest/resources/dict/firms.tsv, one source per row) rather than a grammar, since such a name often stands with no
suffix, list or product to mark it (深化与中国商飞合作, 大唐源网荷储一体化). A hit counts only where jieba's words
begin and end with it, so a short name inside a longer word is none (全国|投资, 集中|化, 其中|煤炭)."""

from __future__ import annotations

from typing import Any

from ingest.policy import lexicon as lx
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import lcut

_CONTEXT = 6  # characters each side that jieba reads to place the word boundaries


def _on_word_bounds(text: str, s: int, e: int) -> bool:
    """Whether [s, e) starts and ends on word boundaries of jieba's cut of the window around it."""
    lo = max(0, s - _CONTEXT)
    bounds = {lo}
    pos = lo
    for t in lcut(text[lo : min(len(text), e + _CONTEXT)]):
        pos += len(t)
        bounds.add(pos)
    return s in bounds and e in bounds


def known_firms(doc: Doc, add: Any) -> None:
    text = doc.text
    for s, e, _w, _canonical in lx.longest_matches(lx.firm_automaton(), text[: doc.body_end]):
        if _on_word_bounds(text, s, e):
            add(s, e, "company", "entity.known_firm", 0.8, known=True)

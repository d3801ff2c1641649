"""dag_lcut returns exactly jieba's dictionary cut (HMM off): the name rules' windows depend on it."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from app.text.normalise import normalise
from ingest.policy import lexicon as lx
from ingest.policy.extract.dagcut import dag_lcut

ROOT = Path(__file__).resolve().parents[3]
TEXTS = [
    p.read_text(encoding="utf-8")
    for p in sorted((ROOT / "data" / "corpus" / "policies").glob("*.txt"))
    + sorted((ROOT / "data" / "testdocs").glob("*.txt"))
]


def test_same_tokens_as_jieba_on_windows_of_the_bundled_texts() -> None:
    tok = lx.tokenizer()
    rnd = random.Random(7)
    for raw in TEXTS:
        for text in (raw, normalise(raw)):
            for _ in range(300):
                a = rnd.randrange(len(text))
                w = text[a : a + rnd.choice([1, 2, 6, 8, 10, 12, 40, 300])]
                assert dag_lcut(tok, w) == tok.lcut(w, HMM=False), w


def test_same_tokens_on_edge_cases() -> None:
    tok = lx.tokenizer()
    for w in ["", " ", "\r\n", "\t\n x", "abc 12.5%", "a-b#c&d", "中文abc中文", "ABC", "第1届", "2025年", "。、,"]:
        assert dag_lcut(tok, w) == tok.lcut(w, HMM=False), w


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="国家重点实验室科技创新中心省市人民政府abcXYZ019 .-%#&\n\t、,。", max_size=40))
def test_same_tokens_on_any_string(w: str) -> None:
    tok = lx.tokenizer()
    assert dag_lcut(tok, w) == tok.lcut(w, HMM=False)

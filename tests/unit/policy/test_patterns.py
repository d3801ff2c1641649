"""trie_alternation matches what the longest-first alternation of the same words matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.policy.extract.patterns import trie_alternation
from ingest.policy.extract.regions import REGIONS

_WORDS = st.lists(st.text(alphabet="省市北京州区县", min_size=1, max_size=4), min_size=1, max_size=12, unique=True)


def _plain(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.text(alphabet="省市北京州区县局厅a", max_size=30))
def test_same_matches_as_the_plain_alternation(words: list[str], text: str) -> None:
    # a tail that needs backtracking into the alternation: the shorter word must be tried after the longer
    for tail in ("", "[市区]?局", "京?厅"):
        plain = re.compile(f"(?:{_plain(words)}){tail}")
        trie = re.compile(f"(?:{trie_alternation(words)}){tail}")
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in trie.finditer(text)]


def test_region_names() -> None:
    names = [n for n in REGIONS if len(n) >= 2]
    trie = re.compile(trie_alternation(names))
    assert all(trie.fullmatch(n) for n in names)
    text = "北京市人民政府、广东省科学技术厅和浦东新区"
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in re.finditer(_plain(names), text)]


def test_empty_word_refused() -> None:
    with pytest.raises(ValueError):
        trie_alternation(["省", ""])

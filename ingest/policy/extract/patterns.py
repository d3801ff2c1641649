"""Regular-expression building blocks shared by the rules."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_Trie = dict[str, "_Trie"]


def trie_alternation(words: Iterable[str]) -> str:
    """An alternation of literal words as a prefix tree: 北京(?:市|) for 北京市|北京.

    It matches what ``"|".join(sorted(words, key=len, reverse=True))`` matches, in the same order of attempts
    at any position (the words that match there are prefixes of one another, and the tree tries the longer
    first), so a pattern keeps its results; but the regex engine tests one branch per first character instead
    of every word at every position of the text."""
    trie: _Trie = {}
    for w in words:
        if not w:
            raise ValueError("empty word in an alternation")
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie)


def _emit(node: _Trie) -> str:
    branches = [re.escape(ch) + _emit(child) for ch, child in node.items() if ch]
    if "" in node and branches:
        return "(?:" + "|".join(branches) + "|)"  # the word ending here is tried after its longer ones
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" if branches else ""


def finditer_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` where a match can only start at one of `starts` (ascending; repeats allowed):
    the same matches, without trying the pattern at every other position. For a pattern whose alternatives
    defeat the regex engine's own first-character scan, with a cheap scan for where they can start. The
    pattern must not match the empty string."""
    pos = 0
    last = -1
    for p in starts:
        if p < pos or p == last:
            continue
        last = p
        m = pattern.match(text, p)
        if m is not None:
            if m.end() == p:
                raise ValueError(f"{pattern.pattern[:40]!r} matched the empty string")
            yield m
            pos = m.end()


def starts_before(text: str, anchors: Iterable[str], span: int) -> list[int]:
    """Ascending positions from `span` characters before to the start of every occurrence of the anchor words
    (overlapping ones too): where a match of a pattern ending in an anchor, at most `span` characters after its
    start, can start (for finditer_at)."""
    out: set[int] = set()
    for a in anchors:
        q = text.find(a)
        while q >= 0:
            out.update(range(max(0, q - span), q + 1))
            q = text.find(a, q + 1)
    return sorted(out)

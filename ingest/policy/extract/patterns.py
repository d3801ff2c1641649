"""Regular-expression building blocks shared by the rules."""

from __future__ import annotations

import re
from collections.abc import Iterable

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

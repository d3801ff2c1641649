"""Regular-expression building blocks shared by the rules."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

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


def finditer_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int], endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` where a match can only start at one of `starts` (ascending; repeats allowed):
    the same matches, without trying the pattern at every other position. For a pattern whose alternatives
    defeat the regex engine's own first-character scan, with a cheap scan for where they can start. The
    pattern must not match the empty string."""
    pos = 0
    last = -1
    end = len(text) if endpos is None else endpos
    for p in starts:
        if p < pos or p == last:
            continue
        last = p
        m = pattern.match(text, p, end)
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


class _Unlisted(Exception):
    """A match may start with a character no finite list names (a class of all CJK characters, any character)."""


_WIDE_RANGE = 64  # a range of more characters than this is no short list of first characters
_DIGIT = r"\d"  # the class \d stands in the class of first characters as itself (any decimal digit)


def _class_first(items: Any, out: set[str]) -> None:
    """Adds the characters of a parsed character class to `out` (\\d as itself)."""
    for sub_op, sub_av in items:
        if str(sub_op) == "LITERAL":
            out.add(chr(sub_av))
        elif str(sub_op) == "RANGE" and sub_av[1] - sub_av[0] < _WIDE_RANGE:
            out.update(map(chr, range(sub_av[0], sub_av[1] + 1)))
        elif str(sub_op) == "CATEGORY" and str(sub_av) == "CATEGORY_DIGIT":
            out.add(_DIGIT)
        else:
            raise _Unlisted


def _first_of(items: Any, out: set[str]) -> bool:
    """Adds to `out` the characters a match of the parsed sequence `items` (re's parser) can start with; True
    when the whole sequence can match the empty string."""
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            out.add(chr(av))
            return False
        if name == "IN":
            _class_first(av, out)
            return False
        if name == "CATEGORY" and str(av) == "CATEGORY_DIGIT":
            out.add(_DIGIT)
            return False
        if name in ("ASSERT", "ASSERT_NOT", "AT"):
            continue  # zero-width: the next item's characters start the match
        if name == "SUBPATTERN":
            if av[1] & re.IGNORECASE:
                raise _Unlisted
            if not _first_of(av[3], out):
                return False
        elif name == "ATOMIC_GROUP":
            if not _first_of(av, out):
                return False
        elif name == "BRANCH":
            empty = [_first_of(branch, out) for branch in av[1]]
            if not any(empty):
                return False
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            if not _first_of(av[2], out) and av[0] > 0:
                return False
        else:
            raise _Unlisted
    return True


def _parsed(pattern: re.Pattern[str]) -> Any | None:
    """The parse tree of `pattern` from the standard library's own parser, or None where it is not available or the
    pattern ignores case (a class of listed characters would then miss the other case)."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        parser = importlib.import_module("re._parser")
        return parser.parse(pattern.pattern, pattern.flags)
    except (ImportError, AttributeError, re.error):
        return None


@lru_cache(maxsize=512)
def first_chars(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A class of the characters every match of `pattern` starts with, read from the pattern itself (so it follows
    any change of the rule), or None when the pattern may match the empty string or start with a character no
    short list names."""
    items = _parsed(pattern)
    if items is None:
        return None
    out: set[str] = set()
    try:
        if _first_of(items, out) or not out:
            return None
    except _Unlisted:
        return None
    return re.compile("[" + "".join(c if c == _DIGIT else re.escape(c) for c in sorted(out)) + "]")


def scan(pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, pos, endpos)``, the same matches, with the pattern tried only where one of the
    characters a match starts with stands (`first_chars`): for a pattern the regex engine cannot scan for by itself
    (one that opens with an optional word, a look-behind or alternatives of several words). Any other pattern
    runs as finditer."""
    end = len(text) if endpos is None else min(endpos, len(text))
    first = first_chars(pattern)
    if first is None:
        return pattern.finditer(text, pos, end)
    return finditer_at(pattern, text, (m.start() for m in first.finditer(text, pos, end)), end)


def _chars_in(items: Any, chars: set[str], ranges: list[tuple[int, int]]) -> None:
    """The characters a match of the parsed sequence `items` can hold (look-arounds and anchors hold none)."""
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(av))
        elif name == "IN":
            for sub_op, sub_av in av:
                if str(sub_op) == "LITERAL":
                    chars.add(chr(sub_av))
                elif str(sub_op) == "RANGE":
                    ranges.append(sub_av)
                else:
                    raise _Unlisted
        elif name in ("ASSERT", "ASSERT_NOT", "AT"):
            continue
        elif name == "SUBPATTERN":
            if av[1] & re.IGNORECASE:
                raise _Unlisted
            _chars_in(av[3], chars, ranges)
        elif name == "ATOMIC_GROUP":
            _chars_in(av, chars, ranges)
        elif name == "BRANCH":
            for branch in av[1]:
                _chars_in(branch, chars, ranges)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            _chars_in(av[2], chars, ranges)
        else:
            raise _Unlisted


@lru_cache(maxsize=64)
def outside_chars(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A class of the characters no match of `pattern` holds, read from the pattern itself, or None when the
    pattern may hold any character (., a negated class, a category such as \\d)."""
    items = _parsed(pattern)
    if items is None:
        return None
    chars: set[str] = set()
    ranges: list[tuple[int, int]] = []
    try:
        _chars_in(items, chars, ranges)
    except _Unlisted:
        return None
    inner = "".join(re.escape(c) for c in sorted(chars)) + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)
    return re.compile(f"[^{inner}]")

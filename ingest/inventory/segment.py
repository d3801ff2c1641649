"""jieba search-mode tokens of platform-like names, computed per repeated piece with the exact result.

A million inventory rows carry a million distinct names, so caching ``jieba.cut_for_search`` per name
never hits, and jieba (pure Python DAG + route + HMM) was most of the build. But a name is
region prefix + field phrase + type suffix, and those pieces repeat heavily. jieba's result for the
whole run equals the concatenation of its results for the pieces when, at every cut point p:

1. no dictionary word crosses p (jieba's DAG has no edge over p): then every route from the left part
   passes through p, so the left part's best route is the same with or without the right part
   (each candidate's score carries the same additive constant route[p]);
2. the left piece's route does not end with a single character while the right piece's starts with one:
   otherwise jieba would gather those characters into one HMM buffer across p.

Both are checked on every call; when either fails the whole run is cut directly. Search-mode 2-/3-gram
additions are per word, so they concatenate too. tests/inventory/test_segment.py compares the result with
``jieba.cut_for_search`` over thousands of generated and real names.
"""

from __future__ import annotations

import itertools
import logging
import re
from functools import lru_cache

import jieba

jieba.setLogLevel(logging.WARNING)

_HAN = re.compile(r"^[\u4e00-\u9fd5]+$")  # one jieba block (re_han_default) of Chinese characters only
MIN_SPLIT = 6  # shorter runs are cut directly (a cache per run is as good)


def _dt() -> jieba.Tokenizer:
    dt = jieba.dt
    dt.check_initialized()
    return dt


def _crosses(run: str, p: int) -> bool:
    """Whether jieba's DAG of ``run`` has a word (nonzero frequency) from before ``p`` to ``p`` or later
    (the same walk as ``Tokenizer.get_DAG``: extend while the fragment is a dictionary prefix)."""
    freq = _dt().FREQ
    n = len(run)
    for k in range(p):
        if run[k:p] not in freq:  # the walk from k stops before p (FREQ holds every word's prefixes)
            continue
        for i in range(p, n):
            frag = run[k : i + 1]
            if frag not in freq:
                break
            if freq[frag]:
                return True
    return False


@lru_cache(maxsize=1 << 18)
def _piece(run: str) -> tuple[frozenset[str], bool, bool]:
    """(tokens of ≥ 2 characters, route starts with a single character, route ends with one)."""
    dt = _dt()
    dag = dt.get_DAG(run)
    route: dict[int, tuple[float, int]] = {}
    dt.calc(run, dag, route)
    first_single = route[0][1] == 0
    x, last_single = 0, False
    while x < len(run):
        y = route[x][1] + 1
        last_single = y - x == 1
        x = y
    tokens = frozenset(t for t in jieba.cut_for_search(run) if len(t) >= 2)
    return tokens, first_single, last_single


@lru_cache(maxsize=1 << 16)
def _direct(run: str) -> frozenset[str]:
    return frozenset(t for t in jieba.cut_for_search(run) if len(t) >= 2)


@lru_cache(maxsize=1)
def _affixes() -> tuple[dict[str, int], tuple[int, ...], frozenset[str], tuple[int, ...]]:
    """Region names that start names and type names that end them (only hints for where to cut: every
    cut is checked for exactness)."""
    from ingest.gazetteer import regions
    from ingest.taxonomy import TYPES

    prefixes = {n: len(n) for r in regions() for n in (r.name, r.short) if n}
    prefixes.update({"国家": 2, "全国": 2, "省": 1, "市": 1})
    suffixes = frozenset(t.name for t in TYPES)
    return (
        prefixes,
        tuple(sorted({len(x) for x in prefixes}, reverse=True)),
        suffixes,
        tuple(sorted({len(x) for x in suffixes}, reverse=True)),
    )


_NUDGE = (0, 1, -1, 2, -2, 3, -3)


def _cut_points(run: str) -> list[int] | None:
    """Cut points after the region prefix and before the type suffix, each moved by ≤ 3 characters to
    the nearest point no dictionary word crosses; None when a hinted point has no such neighbour."""
    prefixes, p_lens, suffixes, s_lens = _affixes()
    n = len(run)
    hints: list[int] = []
    for k in p_lens:
        if k < n and run[:k] in prefixes:
            hints.append(k)
            break
    for k in s_lens:
        if k < n and run[n - k :] in suffixes:
            hints.append(n - k)
            break
    points: list[int] = []
    for h in hints:
        for d in _NUDGE:
            p = h + d
            if 0 < p < n and not _crosses(run, p):
                points.append(p)
                break
        else:
            return None
    return sorted(set(points))


def search_tokens(run: str) -> frozenset[str]:
    """``{t for t in jieba.cut_for_search(run) if len(t) >= 2}``, from cached pieces where exact."""
    if len(run) < MIN_SPLIT or not _HAN.match(run):
        return _direct(run)
    points = _cut_points(run)
    if not points:
        return _direct(run)
    bounds = [0, *points, len(run)]
    pieces = [_piece(run[a:b]) for a, b in itertools.pairwise(bounds)]
    for left, right in itertools.pairwise(pieces):
        if left[2] and right[1]:
            return _direct(run)
    out: set[str] = set()
    for tokens, _, _ in pieces:
        out |= tokens
    return frozenset(out)

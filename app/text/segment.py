"""jieba search-mode tokens of platform-like names, computed from cached pieces with the exact result.

A million inventory rows carry a million distinct names, so caching ``jieba.cut_for_search`` per name
never hits, and jieba (pure Python DAG + route + HMM) was most of the build. What jieba does on a run of
Chinese characters (``Tokenizer.__cut_DAG``) is: the DAG of dictionary words, the best route through it
(dynamic programming from the right), then consecutive single-character words pooled into one buffer
that the HMM re-cuts unless the buffer is itself a word. Search mode then adds each long word's
dictionary 2-/3-grams. That decomposes exactly:

1. At a point p that no dictionary word crosses (no DAG edge from before p to p or later), every route
   passes through p, so the best route left of p is the same with or without the text right of p (each
   candidate's score carries the same additive constant route[p]; ties break on the same positions).
   The route of a run is therefore the concatenation of the routes of its *atoms* (the stretches
   between such points), and atoms are short and repeat across names: cached per atom.
2. The single-character pooling and the HMM run on the concatenated word sequence here, exactly as
   jieba runs them (HMM output cached per buffer); search-mode grams are cached per word.

A name is region prefix + field phrase + type suffix: the run is first cut at those hints when no word
crosses the hint (the pieces' word sequences are cached: most names only recombine known pieces), and a
piece not seen before is split into atoms from its own DAG (a piece's DAG equals the run's DAG inside it
when no word crosses the cut). tests/inventory/test_segment.py compares the result with
``jieba.cut_for_search`` over thousands of generated and real names.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import jieba
from jieba import finalseg

jieba.setLogLevel(logging.WARNING)

HAN = re.compile(r"^[\u4e00-\u9fd5]+$")  # one jieba block (re_han_default) of Chinese characters only
MIN_SPLIT = 6  # shorter runs are not cut at hints (their pieces' word cache is as good)


def _dt() -> jieba.Tokenizer:
    dt = jieba.dt
    dt.check_initialized()
    return dt


_INNER: dict[str, int] = {}  # filled once by _inner_bigrams (a global: crosses runs several times a row)
_MAX_WORD = [0]  # the longest dictionary word, set with _INNER


def _inner_bigrams() -> dict[str, int]:
    """Every pair of adjacent characters inside a dictionary word → the most characters a word has before
    it (~300k pairs; built once per process, ~0.5 s)."""
    if not _INNER:
        out: dict[str, int] = {}
        longest = 0
        for w, f in _dt().FREQ.items():
            if f:
                longest = max(longest, len(w))
                for i in range(len(w) - 1):
                    pair = w[i : i + 2]
                    if out.get(pair, -1) < i:
                        out[pair] = i
        _MAX_WORD[0] = longest
        _INNER.update(out)
    return _INNER


def crosses(run: str, p: int) -> bool:
    """Whether jieba's DAG of ``run`` has a word (nonzero frequency) from before ``p`` to ``p`` or later
    (the same walk as ``Tokenizer.get_DAG``: extend while the fragment is a dictionary prefix)."""
    # A crossing word holds the two characters around p, at most `before` characters into the word.
    before = (_INNER or _inner_bigrams()).get(run[p - 1 : p + 1])
    if before is None:
        return False
    # ... so the answer depends only on the characters a word over p can span: memoised on them (the
    # cut before a type suffix sees the field's last characters and the suffix: a small set).
    start = p - 1 - before if p > before else 0
    key = (run[start:p], run[p : p - 1 + _MAX_WORD[0]])  # a word from p - 1 ends by p - 1 + max length
    hit = _CROSS_MEMO.get(key)
    if hit is None:
        hit = _crosses_walk(key[0] + key[1], p - start)
        if len(_CROSS_MEMO) < 200_000:
            _CROSS_MEMO[key] = hit
    return hit


_CROSS_MEMO: dict[tuple[str, str], bool] = {}


def release() -> None:
    """Empty the word tables and jieba's dictionary (a process done segmenting: ≈ 75 MB at 100k rows).
    Each is rebuilt on first use: check_initialized() reloads the same dictionary from jieba's cache file."""
    _INNER.clear()
    _CROSS_MEMO.clear()
    dt = jieba.dt
    with dt.lock:
        dt.FREQ, dt.total, dt.initialized = {}, 0, False


def _crosses_walk(run: str, p: int) -> bool:
    """A word from run[0:p] (any start) to p or later, by walking the dictionary's prefixes."""
    freq = _dt().FREQ
    n = len(run)
    for k in range(p):
        for i in range(p, n):  # FREQ holds every word's prefixes: the walk from k stops at the first miss
            f = freq.get(run[k : i + 1])
            if f is None:
                break
            if f:
                return True
    return False


@lru_cache(maxsize=1 << 16)
def _atom_words(atom: str) -> tuple[str, ...]:
    """jieba's best route through an atom (no word crosses its ends), as words."""
    dt = _dt()
    dag = dt.get_DAG(atom)
    route: dict[int, tuple[float, int]] = {}
    dt.calc(atom, dag, route)
    words: list[str] = []
    x = 0
    while x < len(atom):
        y = route[x][1] + 1
        words.append(atom[x:y])
        x = y
    return tuple(words)


_CONJ = re.compile(r"[与和及]")
DIRECT_CHUNK = 4096  # longest run handed to jieba.cut_for_search in one piece


def conj_cuts(piece: str) -> list[int]:
    """The points on both sides of each 与 / 和 / 及 of a piece that no dictionary word crosses."""
    if not _CONJ.search(piece):
        return []
    points = dict.fromkeys(p for m in _CONJ.finditer(piece) for p in m.span() if 0 < p < len(piece))
    return [p for p in points if not crosses(piece, p)]


@lru_cache(maxsize=1 << 18)
def _piece_words(piece: str) -> tuple[str, ...]:
    """jieba's best route through a piece (no word crosses its ends), atom by atom; a piece with a
    conjunction (A与B, a field phrase) is first cut on both sides of it where no word crosses, since
    its sub-phrases repeat across names far more than whole phrases (a new phrase then needs no DAG)."""
    cuts = conj_cuts(piece)
    if cuts:
        words: tuple[str, ...] = ()
        start = 0
        for p in cuts:
            words += _piece_words(piece[start:p])
            start = p
        return words + _piece_words(piece[start:])
    return _dag_words(piece)


def _dag_words(piece: str) -> tuple[str, ...]:
    dag = _dt().get_DAG(piece)
    words: list[str] = []
    start, reach = 0, -1  # reach: the furthest end of a word starting before k
    for k in range(len(piece)):
        if reach < k and k > start:  # no word crosses k: an atom ends here
            words.extend(_atom_words(piece[start:k]))
            start = k
        reach = max(reach, dag[k][-1])
    words.extend(_atom_words(piece[start:]))
    return tuple(words)


@lru_cache(maxsize=1 << 16)
def _pooled(buf: str) -> tuple[str, ...]:
    """What jieba yields for a buffer of ≥ 2 pooled single characters: its HMM cut, unless it is a word."""
    if _dt().FREQ.get(buf):
        return tuple(buf)
    return tuple(finalseg.cut(buf))


@lru_cache(maxsize=1 << 17)
def _word_terms(word: str) -> tuple[str, ...]:
    """``cut_for_search``'s output for one word of the cut, ≥ 2 characters only."""
    freq = _dt().FREQ
    out: list[str] = []
    n = len(word)
    if n > 2:
        out.extend(g for i in range(n - 1) if freq.get(g := word[i : i + 2]))
    if n > 3:
        out.extend(g for i in range(n - 2) if freq.get(g := word[i : i + 3]))
    if n >= 2:
        out.append(word)
    return tuple(out)


@lru_cache(maxsize=1)
def _affixes() -> tuple[dict[str, int], tuple[int, ...], frozenset[str], tuple[int, ...]]:
    """Region names that start names and type names that end them (only hints for where to cut: every
    cut is checked for exactness)."""
    from app.text.gazetteer import regions
    from app.text.taxonomy import TYPES

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


def _cut_points(run: str) -> list[int]:
    """Cut points after the region prefix and before the type suffix, each moved by ≤ 3 characters to
    the nearest point no dictionary word crosses (a hint without such a neighbour is dropped)."""
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
            if 0 < p < n and not crosses(run, p):
                points.append(p)
                break
    return sorted(set(points))


def cut_words(run: str) -> list[str]:
    """``jieba.lcut(run)`` (accurate mode, HMM on) for a run of Chinese characters (one jieba block)."""
    words: list[str] | tuple[str, ...]
    if len(run) < MIN_SPLIT:
        words = _piece_words(run)
    else:
        words = []  # a list: `tuple +=` per piece was quadratic on long runs of short pieces
        start = 0
        for p in _cut_points(run):
            words.extend(_piece_words(run[start:p]))
            start = p
        words.extend(_piece_words(run[start:]))
    out: list[str] = []
    buf = ""
    for w in words:
        if len(w) == 1:
            buf += w
            continue
        if buf:
            out.extend(_pooled(buf) if len(buf) > 1 else (buf,))
            buf = ""
        out.append(w)
    if buf:
        out.extend(_pooled(buf) if len(buf) > 1 else (buf,))
    return out


def _pool_terms(words: tuple[str, ...] | list[str]) -> set[str]:
    """Search tokens of a word sequence that starts and ends with a multi-character word (or has no
    single characters at its ends): jieba's pooling of single characters replayed inside it."""
    out: set[str] = set()
    buf = ""
    for w in words:
        if len(w) == 1:
            buf += w
            continue
        if len(buf) > 1:
            out.update(pooled_terms(buf))
        buf = ""
        out.update(_word_terms(w))
    if len(buf) > 1:
        out.update(pooled_terms(buf))
    return out


@lru_cache(maxsize=1 << 16)
def pooled_terms(buf: str) -> frozenset[str]:
    """The search tokens (≥ 2 characters) jieba makes of a buffer of ≥ 2 pooled single characters."""
    return frozenset(t for w in _pooled(buf) if len(w) >= 2 for t in _word_terms(w))


def piece_tokens(piece: str) -> tuple[str, str, bool, frozenset[str]]:
    """A piece of a run (no dictionary word crosses its ends; Chinese block characters only) for
    ``search_tokens`` assembled piece by piece: (leading single characters, trailing single characters,
    whether the piece is single characters only, search tokens of everything between them). The
    single characters at the ends pool with the neighbouring pieces' (see ``pooled_terms``)."""
    words = _piece_words(piece)
    n = len(words)
    i = 0
    while i < n and len(words[i]) == 1:
        i += 1
    if i == n:
        return piece, piece, True, frozenset()
    j = n
    while len(words[j - 1]) == 1:
        j -= 1
    return "".join(words[:i]), "".join(words[j:]), False, frozenset(_pool_terms(words[i:j]))


def search_tokens(run: str) -> frozenset[str]:
    """``{t for t in jieba.cut_for_search(run) if len(t) >= 2}``, from cached pieces, atoms and words."""
    if not HAN.match(run):
        if len(run) > DIRECT_CHUNK:
            # jieba is superlinear on very long runs (1 MB of digits: 200 s); names and queries are short,
            # so only pathological input is cut, at chunk ends.
            chunks = (run[i : i + DIRECT_CHUNK] for i in range(0, len(run), DIRECT_CHUNK))
            return frozenset().union(*(_direct(c) for c in chunks))
        return _direct(run)
    out: set[str] = set()
    for w in cut_words(run):
        if len(w) >= 2:
            out.update(_word_terms(w))
    return frozenset(out)


@lru_cache(maxsize=1 << 12)
def _direct(run: str) -> frozenset[str]:
    """Runs outside jieba's Chinese block pattern (extension / compatibility ideographs): jieba itself."""
    return frozenset(t for t in jieba.cut_for_search(run) if len(t) >= 2)

"""Search terms stored on nodes (``search_text``): built by the loaders, looked up by app.services.search.

Every searchable node carries its name's (and short form's, aliases', field's) character bigrams and
trigrams plus jieba search-mode tokens, sorted and joined by spaces in one string property under the
engine's full-text index (whitespace-separated terms, no stemming, no stop words: each term is one index
token). One string, not a list: FalkorDB keeps every list element as a value of its own, and the list with
its range index was ≈ 40 % of a 1M-platform graph's memory (docs/benchmarks/load.md). See app.services.search
for the query side and docs/reference/api.md "Search". This module is the build side only: ingest calls
``add_search_terms(batch)`` (or ``search_terms(text)``) when it builds nodes.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from app.model.batch import GraphBatch
from app.model.schema import NODES, Label
from app.text.segment import HAN, conj_cuts, crosses, piece_tokens, pooled_terms, search_tokens

# Runs of characters a term is made of: CJK ideographs, or ASCII letters/digits (lower-cased).
TERM_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
# Properties whose text feeds a node's search terms.
TEXT_PROPS = ("name", "short", "title", "aliases", "field", "name_norm", "co_builders_names")


def norm_text(text: str) -> str:
    """Length-preserving NFKC, then traditional → simplified, then lower case (app.text.normalise)."""
    if _norm_chars().isdisjoint(text):  # most texts: translate's per-character dict probe was ≈ 1.5 µs a name
        return text.lower()
    return text.translate(_norm_table()).lower()


@cache
def _norm_chars() -> frozenset[str]:
    """The characters ``_norm_table`` changes."""
    return frozenset(map(chr, _norm_table()))


@cache
def _norm_table() -> dict[int, str]:
    """``nfkc_same_length`` then ``to_simplified`` as one table: both map one character to one, so their
    composition is per character (one translate pass instead of two: it runs on every platform name)."""
    from app.text.normalise import nfkc_table, t2s_table

    nfkc, t2s = nfkc_table(), t2s_table()
    table: dict[int, str] = {}
    for cp in nfkc.keys() | t2s.keys():
        c = nfkc.get(cp, chr(cp))
        c = t2s.get(ord(c), c)
        if c != chr(cp):
            table[cp] = c
    return table


def bigrams(run: str) -> list[str]:
    if len(run) < 2:
        return [run] if run.isascii() and run else []
    return [run[i : i + 2] for i in range(len(run) - 1)]


def trigrams(run: str) -> list[str]:
    """Character trigrams: far more selective than any bigram (市新材 vs 市新)."""
    return [run[i : i + 3] for i in range(len(run) - 2)]


def search_terms(text: str) -> list[str]:
    """The terms a text is found by: character bigrams and trigrams of every run + jieba search-mode tokens
    (≥ 2 chars).

    Deterministic and sorted, so that reloading the same text writes the same property.
    """
    return list(_search_terms(text or ""))


@lru_cache(maxsize=1 << 16)
def _search_terms(text: str) -> tuple[str, ...]:
    # Cached: host names, fields and aliases repeat on every row that cites them (an institution's
    # terms were computed once per row before; jieba is most of the build's time).
    terms: set[str] = set()
    for m in TERM_RUN.finditer(norm_text(text)):
        _run_terms(m.group(0), (), terms)
    return tuple(sorted(terms))


def _run_terms(run: str, hints: tuple[int, ...], out: set[str]) -> None:
    """Add one run's terms to ``out``: its bigrams and trigrams and its jieba search tokens (an ASCII run:
    bigrams and the run). A Chinese run is assembled from the cached terms of its pieces, cut at the
    hints (moved to points no dictionary word crosses); without hints the run is one piece."""
    if HAN.match(run):
        _pieces(run, _valid_cuts(run, hints) if hints else [], out)
        return
    out.update(bigrams(run))
    if not run.isascii():
        out.update(trigrams(run))
        out.update(search_tokens(run))  # outside jieba's Chinese block: jieba itself (cached)
    elif len(run) >= 2:
        out.add(run)


@lru_cache(maxsize=1 << 16)  # tuples, not frozensets: a third of the memory, as fast to merge
def _piece_terms(piece: str) -> tuple[str, str, bool, tuple[str, ...]]:
    """A piece's bigrams, trigrams and inner jieba tokens, with the single characters at its ends that
    pool with the neighbouring pieces' (app.text.segment.piece_tokens). A piece with 与/和/及
    is assembled from its sub-phrases' cached terms (they repeat far more than whole field phrases)."""
    cuts = conj_cuts(piece)
    if cuts:
        out: set[str] = set()
        lead, trail, single = _assemble(piece, cuts, out)
        return lead, trail, single, tuple(out)
    lead, trail, single, tokens = piece_tokens(piece)
    return lead, trail, single, tuple(tokens.union(bigrams(piece), trigrams(piece)))


def _assemble(run: str, cuts: list[int], out: set[str]) -> tuple[str, str, bool]:
    """Add the terms of ``run`` cut into pieces (where no dictionary word crosses: jieba's route is the
    pieces' routes end to end, segment.py) to ``out``, except the tokens of the single characters at its
    two ends, which are returned as for one piece: (leading, trailing single characters, whether it is
    single characters only). Exact: single characters around a cut are pooled as jieba pools them, and
    the grams that cross a cut are added here."""
    lead: str | None = None
    buf = ""
    start = 0
    n = len(run)
    for end in (*cuts, n):
        piece = run[start:end]
        start = end
        p_lead, p_trail, p_single, terms = _piece_terms(piece)
        out.update(terms)
        if p_single:
            buf += piece
            continue
        buf += p_lead
        if lead is None:
            lead = buf  # the singles before the run's first word pool with what precedes the run
        elif len(buf) > 1:
            out.update(pooled_terms(buf))
        buf = p_trail
    for p in cuts:
        out.add(run[p - 1 : p + 1])
        if p >= 2:
            out.add(run[p - 2 : p + 1])
        if p + 2 <= n:
            out.add(run[p - 1 : p + 2])
    if lead is None:
        return run, run, True
    return lead, buf, False


def _pieces(run: str, cuts: list[int], out: set[str]) -> None:
    """A whole Chinese run's terms from its pieces (see _assemble): its end singles pooled too."""
    if cuts:
        lead, trail, single = _assemble(run, cuts, out)
    else:
        lead, trail, single, terms = _piece_terms(run)
        out.update(terms)
    if len(lead) > 1:
        out.update(pooled_terms(lead))
    if not single and len(trail) > 1:
        out.update(pooled_terms(trail))


def _valid_cuts(run: str, hints: tuple[int, ...]) -> list[int]:
    """Cut points for the hints, increasing: a hint no dictionary word crosses, else the nearest such
    points within 3 characters on each side of it. Cutting on both sides keeps the pieces repeatable:
    prefix | the few characters around the crossing word | rest of the field, not prefix + field head."""
    cuts: list[int] = []
    n = len(run)
    for h in hints:
        if not 0 < h < n:
            continue
        if not crosses(run, h):
            found: tuple[int, ...] = (h,)
        else:
            left = next((p for p in range(h - 1, h - 4, -1) if p > 0 and not crosses(run, p)), None)
            right = next((p for p in range(h + 1, h + 4) if p < n and not crosses(run, p)), None)
            found = tuple(p for p in (left, right) if p is not None)
        cuts.extend(p for p in found if not cuts or p > cuts[-1])
    return cuts


def _name_terms(text: str, field: str, suffix: str, out: set[str]) -> None:
    """Add ``_search_terms(text)`` to ``out`` for a platform name (region prefix + field + type suffix)
    from the cached terms of its pieces: names are unique, so a cache per name never hits; the pieces
    repeat."""
    norm = norm_text(text)
    c2 = len(norm) - len(suffix)
    c1 = c2 - len(field)
    if c1 < 0 or not norm.endswith(field + suffix):
        out.update(_search_terms(text))
        return
    if HAN.fullmatch(norm):  # most names: one run of jieba's Chinese block, what the loop below would find
        n = len(norm)
        hints = tuple(c for c in (c1, c2) if 0 < c < n)
        _pieces(norm, _valid_cuts(norm, hints) if hints else [], out)
        return
    for m in TERM_RUN.finditer(norm):
        s, e = m.span()
        _run_terms(m.group(0), tuple(c - s for c in (c1, c2) if s < c < e), out)


_TOKEN_NORMS: dict[str, str] = {}
_NAME_KEYS = frozenset({"name", "name_norm"})


def node_search_terms(props: dict[str, Any]) -> list[str]:
    """Terms of every text property of a node (name, short form, aliases, field …)."""
    get = props.get
    field = get("field")
    suffix = get("type_suffix")
    pieced = isinstance(field, str) and isinstance(suffix, str) and "region_prefix" in props
    terms: set[str] = set()
    named = None
    for key in TEXT_PROPS:
        value = get(key)
        if value is None:  # most of them on most nodes
            continue
        if isinstance(value, str):
            if pieced and key in _NAME_KEYS:
                if value != named:  # name_norm is mostly the name itself
                    _name_terms(value, field, suffix, terms)  # type: ignore[arg-type]
                    named = value
            else:
                terms.update(_search_terms(value))  # the cached tuple: no list copy per text
        elif isinstance(value, list):
            for v in value:
                if isinstance(v, str):
                    terms.update(_search_terms(v))
    tokens = get("field_tokens")
    if tokens:
        norms = _TOKEN_NORMS
        for tok in tokens:
            if isinstance(tok, str) and len(tok) >= 2:
                n = norms.get(tok)
                if n is None:  # field tokens repeat on most rows: normalise each once per process
                    n = norm_text(tok)
                    if len(norms) < 200_000:
                        norms[tok] = n
                terms.add(n)
    return sorted(terms)


SEARCHABLE: tuple[Label, ...] = tuple(s.label for s in NODES.values() if s.searchable)


SEARCH_PROP = "search_text"  # the property the full-text indexes cover (cypher/schema/*.cypher)


def add_search_terms(batch: GraphBatch) -> GraphBatch:
    """Fill ``search_text`` (the node's sorted terms joined by spaces) on every searchable node of a batch
    (in place; returns the batch)."""
    from app.model.runtime import gc_paused

    with gc_paused():  # a batch allocates ~100 short-lived sets/lists per row: no cyclic GC passes
        for label, rows in batch.nodes.items():
            if label not in SEARCHABLE:
                continue
            for row in rows:
                terms = node_search_terms(row["props"])
                if terms:
                    row["props"][SEARCH_PROP] = " ".join(terms)
    return batch

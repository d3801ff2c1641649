"""Search terms stored on nodes (``search_terms``): built by the loaders, looked up by app.services.search.

Every searchable node carries its name's (and short form's, aliases', field's) character bigrams and
trigrams plus jieba search-mode tokens in one list property with an index (see app.services.search for
the query side and docs/api.md "Search"). This module is the build side only: ingest calls
``add_search_terms(batch)`` (or ``search_terms(text)``) when it builds nodes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from app.graph.batch import GraphBatch
from app.graph.schema import NODES, Label
from ingest.inventory.segment import search_tokens

# Runs of characters a term is made of: CJK ideographs, or ASCII letters/digits (lower-cased).
TERM_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
# Properties whose text feeds a node's search terms.
TEXT_PROPS = ("name", "short", "title", "aliases", "field", "name_norm", "co_builders_names")


def norm_text(text: str) -> str:
    from ingest.normalise import nfkc_same_length, to_simplified

    return to_simplified(nfkc_same_length(text)).lower()


def bigrams(run: str) -> list[str]:
    if len(run) < 2:
        return [run] if run.isascii() and run else []
    return [run[i : i + 2] for i in range(len(run) - 1)]


def trigrams(run: str) -> list[str]:
    """Character trigrams: an index anchor far more selective than any bigram (市新材 vs 市新)."""
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
    norm = norm_text(text)
    terms: set[str] = set()
    for m in TERM_RUN.finditer(norm):
        run = m.group(0)
        terms.update(bigrams(run))
        if not run.isascii():
            terms.update(trigrams(run))
            terms.update(search_tokens(run))  # = jieba.cut_for_search tokens ≥ 2 chars, per cached piece
        elif len(run) >= 2:
            terms.add(run)
    return tuple(sorted(terms))


_TOKEN_NORMS: dict[str, str] = {}


def node_search_terms(props: dict[str, Any]) -> list[str]:
    """Terms of every text property of a node (name, short form, aliases, field …)."""
    texts: list[str] = []
    for key in TEXT_PROPS:
        value = props.get(key)
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, list):
            texts.extend(v for v in value if isinstance(v, str))
    terms: set[str] = set()
    for t in texts:
        terms.update(_search_terms(t or ""))  # the cached tuple: no list copy per text
    norms = _TOKEN_NORMS
    for tok in props.get("field_tokens") or []:
        if isinstance(tok, str) and len(tok) >= 2:
            n = norms.get(tok)
            if n is None:  # field tokens repeat on most rows: normalise each once per process
                n = norm_text(tok)
                if len(norms) < 200_000:
                    norms[tok] = n
            terms.add(n)
    return sorted(terms)


SEARCHABLE: tuple[Label, ...] = tuple(s.label for s in NODES.values() if s.searchable)


def add_search_terms(batch: GraphBatch) -> GraphBatch:
    """Fill ``search_terms`` on every searchable node of a batch (in place; returns the batch)."""
    from app.graph.bulk import gc_paused

    with gc_paused():  # a batch allocates ~100 short-lived sets/lists per row: no cyclic GC passes
        for label, rows in batch.nodes.items():
            if label not in SEARCHABLE:
                continue
            for row in rows:
                terms = node_search_terms(row["props"])
                if terms:
                    row["props"]["search_terms"] = terms
    return batch

"""Chinese entity search over the loaders' term lists (the engines' own Chinese analysers split words,
not the substrings analysts type).

Every searchable node carries ``search_text``: its name's (and short form's, aliases', field's) character
bigrams and trigrams plus jieba search-mode tokens, sorted and joined by spaces, under the engine's full-text
index (app.text.search_terms). A query is cut into the same bigrams and trigrams (ASCII words whole);
a node matches when it holds ALL of them (≈ substring match on any of its names). Both engines answer that
from the full-text index alone — FalkorDB one index per label (RediSearch intersects the terms' posting
lists, rarest first), Neo4j the index innokg_search_text — so there is no term-frequency table to keep.
Loaders build the terms with app.text.search_terms; see docs/api.md "Search".
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel

from app.store.protocol import GraphStore
from app.store.queries import query
from app.text.search_terms import SEARCHABLE, TERM_RUN, norm_text

__all__ = ["SEARCHABLE", "QueryTerms", "SearchHit", "SearchPage", "query_terms", "search"]


class QueryTerms(BaseModel):
    terms: list[str]  # every one must be present, in query order, each once


def query_terms(q: str) -> QueryTerms | None:
    """Bigrams and trigrams of a query (ASCII words whole), all required; None when the query has no
    searchable character."""
    norm = norm_text(q)
    terms: list[str] = []
    for m in TERM_RUN.finditer(norm):
        run = m.group(0)
        grams = [run] if run.isascii() else [run[i : i + 2] for i in range(len(run) - 1)]
        if not run.isascii():
            grams += [run[i : i + 3] for i in range(len(run) - 2)]
        for t in grams:
            if t not in terms:
                terms.append(t)
    return QueryTerms(terms=terms) if terms else None


class SearchHit(BaseModel):
    id: str
    kind: str
    name: str | None
    score: float
    snippet: str | None = None  # what matched besides the name (field, short form)


class SearchPage(BaseModel):
    total: int
    total_exact: bool = True  # False: a label reached the candidate cap, total is a lower bound
    items: list[SearchHit]


CANDIDATE_CAP = 500  # candidates ranked per label: a broad query stops after 500 matches (docs/bench-api.md)


def search(
    store: GraphStore,
    q: str,
    *,
    kinds: Iterable[str] | None = None,
    skip: int = 0,
    limit: int = 20,
    timeout_ms: int | None = None,
    cap: int = CANDIDATE_CAP,
) -> SearchPage:
    """Entities whose names/short forms/fields contain the query's characters, best first."""
    qt = query_terms(q)
    if qt is None:
        return SearchPage(total=0, items=[])
    nq = query("search_entities", store.backend)
    kind_list = [k for k in kinds] if kinds else None
    params = {
        "terms": qt.terms,
        "q": norm_text(q).strip(),
        "kinds": kind_list,
        "cap": cap,
        "skip": skip,
        "limit": limit,
    }
    rows = store.read(nq.text, params, timeout_ms=timeout_ms)
    if not rows:
        return SearchPage(total=0, items=[])
    items = [SearchHit(**item) for item in rows[0]["items"] or []]
    total = int(rows[0]["total"])
    return SearchPage(total=total, total_exact=total < cap, items=items)

"""Chinese entity search over the loaders' term lists (the engines' own Chinese analysers split words,
not the substrings analysts type).

Every searchable node carries ``search_text``: its name's (and short form's, aliases', field's) character
bigrams and trigrams plus jieba search-mode tokens, sorted and joined by spaces, under the engine's full-text
index (app.text.search_terms). A query is cut into the same bigrams and trigrams (ASCII words whole);
a node matches when it holds ALL of them (≈ substring match on any of its names). Both engines answer that
from the full-text index alone — FalkorDB one index per label (RediSearch intersects the terms' posting
lists, rarest first), Neo4j the index innokg_search_text — so there is no term-frequency table to keep.
Loaders build the terms with app.text.search_terms; see docs/reference/api.md "Search".
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from pydantic import BaseModel

from app.services.scope import check_choice
from app.store.protocol import GraphStore
from app.store.queries import query
from app.text.search_terms import SEARCHABLE, TERM_RUN, norm_text
from ingest.resolve.resolver import Resolver, short_forms

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


CANDIDATE_CAP = 500  # candidates ranked per label: a broad query stops after 500 matches (docs/benchmarks/api.md)


@cache
def _resolver() -> Resolver:
    return Resolver()


def _variants(q: str, limit: int = 3) -> list[str]:
    """The query, the name the resolver makes of it when it expands a short form (中科院唐山自动化所 →
    中国科学院唐山自动化研究所, 大连理工 → 大连理工大学), and the query with a nationwide short form written out
    (中科院 → 中国科学院), so that an analyst's abbreviation finds the entities named in full."""
    out = [q]
    resolved = _resolver().resolve(q.strip())
    if resolved.alias is not None and resolved.name not in out:
        out.append(resolved.name)
    for short, full in short_forms().items():
        if full not in q and _starts_a_word(q, short) and len(out) <= limit:
            out.append(q.replace(short, full))
    return out


def _starts_a_word(q: str, short: str) -> bool:
    """The short form begins the query or follows a space or sign (北大 人工智能, 中科院自动化所), never the
    inside of a longer name: 河北大学 holds 北大, 江苏大学 苏大, 全国人大常委会 人大 — none is an abbreviation."""
    i = q.find(short)
    while i > 0 and "\u4e00" <= q[i - 1] <= "\u9fff":
        i = q.find(short, i + 1)
    return i >= 0


def _search_one(
    store: GraphStore, q: str, kinds: list[str] | None, upto: int, timeout_ms: int | None, cap: int
) -> tuple[int, list[SearchHit]]:
    norm = norm_text(q).strip()
    qt = query_terms(q)
    if qt is None and len(norm) == 1 and not norm.isascii():
        # One Chinese character has no bigram: a bounded name scan instead of nothing.
        nq = query("search_contains", store.backend)
        params: dict[str, object] = {"q": norm, "labels": kinds or list(SEARCHABLE), "cap": cap}
    elif qt is None:
        return 0, []
    else:
        nq = query("search_entities", store.backend)
        params = {"terms": qt.terms, "q": norm, "kinds": kinds, "cap": cap}
    rows = store.read(nq.text, {**params, "skip": 0, "limit": upto}, timeout_ms=timeout_ms)
    if not rows:
        return 0, []
    return int(rows[0]["total"]), [SearchHit(**item) for item in rows[0]["items"] or []]


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
    """Entities whose names/short forms/fields contain the query's characters (or, for an abbreviation such
    as 中科院, its written-out form), best first. An unknown kind is an InvalidFilter naming the labels."""
    labels = [lb.value for lb in SEARCHABLE]
    kind_list = [str(check_choice("kind", k, labels)) for k in kinds] if kinds else None
    variants = _variants(q)
    if len(variants) == 1:
        total, hits = _search_one(store, q, kind_list, skip + limit, timeout_ms, cap)
        return SearchPage(total=total, total_exact=total < cap, items=hits[skip : skip + limit])
    # Several spellings: their answers overlap, so the union is counted from the candidates themselves.
    best: dict[str, SearchHit] = {}
    exact = True
    for variant in variants:
        n, hits = _search_one(store, variant, kind_list, cap, timeout_ms, cap)
        exact = exact and n < cap
        for h in hits:
            if h.id not in best or best[h.id].score < h.score:
                best[h.id] = h
    ranked = sorted(best.values(), key=lambda h: (-h.score, h.name or ""))
    return SearchPage(total=len(ranked), total_exact=exact, items=ranked[skip : skip + limit])

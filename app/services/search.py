"""Chinese entity search without the engines' full-text indexes (they tokenise Chinese badly).

Every searchable node carries ``search_terms``: its name's (and short form's, aliases', field's)
character bigrams plus jieba tokens, in one list property with a range index. FalkorDB indexes list
elements, so ``$anchor IN n.search_terms`` is an index scan, not a label scan. A query is cut into the
same bigrams; a node matches when it holds ALL of them (≈ substring match on any of its names). The
anchor — the one bigram the index looks up — is the rarest-looking one: not a generic platform-name
bigram (重点, 实验, 中心, 辽宁 …), lowest jieba frequency.
That "rarest" is measured: a term-frequency table sampled from the store (``term_counts``) ranks the
query's terms first, so a query made only of common bigrams anchors on its least common one.
On Neo4j, search_entities.neo4j.cypher asks the full-text index innokg_search for all terms instead.
Loaders build the terms with app.services.search_terms; see docs/api.md "Search".
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from functools import cache

import jieba
from pydantic import BaseModel

from app.graph.queries import query, template
from app.graph.schema import Label
from app.graph.store import GraphStore
from app.services.search_terms import _RUN, SEARCHABLE, _bigrams, _norm, _trigrams

__all__ = ["SEARCHABLE", "QueryTerms", "SearchHit", "SearchPage", "query_terms", "search", "term_counts"]

jieba.setLogLevel(logging.WARNING)

_EXTRA_GENERIC = [
    "重点",
    "实验",
    "验室",
    "中心",
    "工程",
    "研究",
    "技术",
    "创新",
    "科技",
    "大学",
    "学院",
    "有限",
    "公司",
    "省级",
    "国家",
    "市级",
    "平台",
    "基地",
    "产业",
    "研究院",
    "研发",
    "服务",
    "联合",
    "集团",
    "股份",
    "分院",
    "医院",
    "集群",
    "科学",
    "中国",
    "省重",
    "点实",
    "程技",
    "术研",
    "究中",
    "术创",
    "新中",
]


@cache
def _generic() -> frozenset[str]:
    """Bigrams that half the platforms share: type suffixes, region names, boilerplate words."""
    from ingest import gazetteer, taxonomy

    out: set[str] = set(_EXTRA_GENERIC)
    for spec in taxonomy.TYPES:
        out.update(_bigrams(spec.name))
    for r in gazetteer.regions():
        out.update(_bigrams(r.name))
    return frozenset(out)


class QueryTerms(BaseModel):
    terms: list[str]  # every one must be present
    anchor: str  # the one looked up in the index


def query_terms(q: str, counts: dict[str, int] | None = None) -> QueryTerms | None:
    """Bigrams and trigrams of a query (ASCII words whole), all required; None when the query has no
    searchable character.

    The anchor is the rarest term: fewest occurrences in ``counts`` (a term-frequency sample of the store,
    ``term_counts``; absent = rarer than any counted term), then not a generic bigram, then the lowest
    jieba dictionary frequency."""
    norm = _norm(q)
    terms: list[str] = []
    for m in _RUN.finditer(norm):
        run = m.group(0)
        for t in [*_bigrams(run), *_trigrams(run)] if not run.isascii() else [run]:
            if t not in terms:
                terms.append(t)
    if not terms:
        return None
    generic = _generic()
    freq = jieba.dt.FREQ if jieba.dt.initialized else {}
    if not jieba.dt.initialized:
        jieba.dt.initialize()
        freq = jieba.dt.FREQ
    seen = counts or {}
    anchor = min(terms, key=lambda t: (seen.get(t, 0), t in generic, freq.get(t, 0), -len(t)))
    return QueryTerms(terms=terms, anchor=anchor)


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


SAMPLE_PER_LABEL = 20_000  # nodes per label in the term-frequency sample
RECHECK_S = 30.0  # how often the cached table checks the store fingerprint
_counts_lock = threading.Lock()
_counts: dict[tuple[str, str], tuple[float, tuple[object, ...], dict[str, int]]] = {}


def term_counts(store: GraphStore) -> dict[str, int]:
    """Term → occurrences in a sample of the store's platforms and institutions (terms seen once are left
    out: the table stays small). Recomputed when a load changed the store (fingerprint checked at most every
    RECHECK_S seconds), so a search costs no extra query in steady state."""
    from app.services.chains import fingerprint

    key = (store.url, str(getattr(store, "_graph_name", "")))
    now = time.monotonic()
    with _counts_lock:
        hit = _counts.get(key)
    if hit is not None and now - hit[0] < RECHECK_S:
        return hit[2]
    fp = fingerprint(store)
    if hit is not None and hit[1] == fp:
        table = hit[2]
    else:
        # A uniform sample (rand() per node; the first N nodes would be the first files' provinces only).
        share = {}
        for label in (Label.PLATFORM, Label.INSTITUTION):
            n = int(store.read(template("count_label", label=label))[0]["n"])
            share[label] = min(1.0, SAMPLE_PER_LABEL / n) if n else 1.0
        params = {"platform_share": share[Label.PLATFORM], "institution_share": share[Label.INSTITUTION]}
        rows = store.read(query("search_term_counts", store.backend).text, params)
        table = {str(r["term"]): int(r["n"]) for r in rows}
    with _counts_lock:
        _counts[key] = (now, fp, table)
    return table


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
    qt = query_terms(q, term_counts(store))
    if qt is None:
        return SearchPage(total=0, items=[])
    nq = query("search_entities", store.backend)
    kind_list = [k for k in kinds] if kinds else None
    params = {
        "anchor": qt.anchor,
        "terms": qt.terms,
        "q": _norm(q).strip(),
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

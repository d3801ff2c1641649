"""Chinese entity search without the engines' full-text indexes (they tokenise Chinese badly).

Every searchable node carries ``search_terms``: its name's (and short form's, aliases', field's)
character bigrams plus jieba tokens, in one list property with a range index. FalkorDB indexes list
elements, so ``$t IN n.search_terms`` is an index scan, not a label scan. A query is cut into the
same bigrams and trigrams; a node matches when it holds ALL of them (≈ substring match on any of its
names). The anchors — the three terms the index looks up, and intersects — are the rarest-looking ones:
fewest occurrences in a term-frequency table sampled from the store (``term_counts``), then not a generic
platform-name bigram (重点, 实验, 中心, 辽宁 …), then lowest jieba frequency.
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
from app.services.search_terms import SEARCHABLE, TERM_RUN, bigrams, norm_text

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
        out.update(bigrams(spec.name))
    for r in gazetteer.regions():
        out.update(bigrams(r.name))
    return frozenset(out)


ANCHORS = 3  # terms whose posting lists the index intersects (search_entities takes exactly this many)


class QueryTerms(BaseModel):
    terms: list[str]  # every one must be present
    anchor: str  # the rarest term
    anchors: list[str]  # ANCHORS terms the index intersects (anchor first; the last repeated when fewer)


def query_terms(q: str, counts: dict[str, int] | None = None) -> QueryTerms | None:
    """Bigrams and trigrams of a query (ASCII words whole), all required; None when the query has no
    searchable character.

    Rarity = fewest occurrences in ``counts`` (a term-frequency sample of the store, ``term_counts``;
    absent = rarer than any counted term), then not a generic bigram, then the lowest jieba dictionary
    frequency. The anchor is the rarest term; the next anchors are the terms that cover the most query
    characters no anchor covers yet (rarest first among equals). The index intersects the anchors' posting
    lists, and terms cut from one word are found together, so only terms from other parts of the query
    narrow the scan: for 市绿色化工过程强 the three rarest (化工过, 工过程, 过程强: all in ~14k platform names,
    together too) would read 14k nodes; 化工过 + 市绿色 + 过程强 read the ~330 that match (docs/bench-api.md)."""
    norm = norm_text(q)
    terms: list[str] = []
    covers: dict[str, set[int]] = {}  # term → positions of the query it spans
    for m in TERM_RUN.finditer(norm):
        run = m.group(0)
        grams = [(0, run)] if run.isascii() else [(i, run[i : i + 2]) for i in range(len(run) - 1)]
        if not run.isascii():
            grams += [(i, run[i : i + 3]) for i in range(len(run) - 2)]
        for i, t in grams:
            if t not in covers:
                terms.append(t)
                covers[t] = set()
            covers[t].update(range(m.start() + i, m.start() + i + len(t)))
    if not terms:
        return None
    generic = _generic()
    freq = jieba.dt.FREQ if jieba.dt.initialized else {}
    if not jieba.dt.initialized:
        jieba.dt.initialize()
        freq = jieba.dt.FREQ
    seen = counts or {}
    ranked = sorted(terms, key=lambda t: (seen.get(t, 0), t in generic, freq.get(t, 0), -len(t)))
    anchors = [ranked[0]]
    covered = set(covers[ranked[0]])
    while len(anchors) < ANCHORS and len(anchors) < len(ranked):
        # max() keeps the first of equals: ranked order breaks ties by rarity
        best = max((t for t in ranked if t not in anchors), key=lambda t: len(covers[t] - covered))
        anchors.append(best)
        covered |= covers[best]
    anchors += [anchors[-1]] * (ANCHORS - len(anchors))
    return QueryTerms(terms=terms, anchor=anchors[0], anchors=anchors)


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
        "anchors": qt.anchors,
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

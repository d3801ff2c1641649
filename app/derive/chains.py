"""Industrial chains, derived: the field → chain classifier and the inferred SERVES links it materialises.

Declared coverage (inventory industry column → SERVES) and inferred coverage (a
field → chain classifier over jieba tokens), lab clusters serving a chain, and gaps.

A chain's terms = its own ``terms`` property (from ingested policies) + the shipped dictionary entries
whose keyword its name contains (resources/chain_terms.tsv) + the jieba tokens of its name without the
generic words (产业, 产业链, 集群). A platform is inferred to serve the chain when its field tokens
name chain terms: score = matched tokens / informative field tokens (the share of the field phrase the
chain explains); the answer carries ``inferred: true``, the score and the matched terms.

Informative tokens are the field's words of two or more characters that are not GENERIC modifiers: 与, 基,
新型, 现代 say nothing about the industry and must not dilute the share (新型绿色化工与精细化工与应用 is
half about 化工, not 2/7). A token matches a term when it is the term or a compound of two dictionary words
one of which is the term (jieba keeps 石油化工 whole: it is 石油 + 化工; 电化学 is 电 + 化学, no compound).

Inferred links are materialised once after ingest (``materialise_inferred``: SERVES {inferred: true,
score, terms} written as the pseudo-document ``derived_chain_links``, replaced as a whole on each run), so
coverage answers are index reads, not a classification per request.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jieba
from pydantic import BaseModel

from app.derive.coverage import DEFAULT_MIN_SCORE, SummaryReport, refresh_summaries
from app.model.batch import GraphBatch, PropValue
from app.model.schema import Label, Rel, document_id
from app.store.clock import stamp
from app.store.loader import LoadResult, document_state, load_document
from app.store.named import run
from app.store.protocol import GraphStore, Statement
from app.store.queries import template

jieba.setLogLevel(logging.WARNING)

# Words of chain/cluster names that say nothing about the industry (a platform field "数字经济" must not
# match "东莞海洋经济产业集群" through 经济, nor 高端新型建筑材料 "上海高端装备产业集群" through 高端).
GENERIC = frozenset(
    {
        "产业", "产业链", "集群", "产业集群", "重点", "领域", "现代", "特色", "优势", "经济", "高端",
        "基地", "万亿", "千亿", "万亿级", "千亿级", "新兴", "战略", "未来", "创新", "先进", "示范",
        "发展", "建设", "新型", "重大", "关键", "核心", "世界级", "国家级", "省级", "市级",
    }
)  # fmt: skip
DICTIONARY = Path(__file__).resolve().parent / "resources" / "chain_terms.tsv"
DERIVED_DOC = "derived_chain_links"  # the pseudo-document inferred SERVES links belong to
PAGE = 20_000  # platforms read per query by the classifier (at most, on average)


@cache
def _region_words() -> frozenset[str]:
    """Region names and short forms (a cluster named after 东莞 is not about every 东莞 field)."""
    from app.text.gazetteer import regions

    out: set[str] = set()
    for r in regions():
        out.update(x for x in (r.name, r.short) if x)
    return frozenset(out)


@cache
def dictionary() -> tuple[tuple[str, tuple[str, ...]], ...]:
    out: list[tuple[str, tuple[str, ...]]] = []
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, terms = line.split("\t", 1)
        out.append((key.strip(), tuple(terms.split())))
    return tuple(out)


def chain_terms(name: str, own_terms: list[str] | None = None) -> list[str]:
    """The terms a chain (or industrial cluster) is recognised by, deterministic order."""
    terms: list[str] = []

    def add(t: str) -> None:
        if len(t) >= 2 and t not in GENERIC and t not in _region_words() and t not in terms:
            terms.append(t)

    for t in own_terms or []:
        add(t)
    for key, words in dictionary():
        if key in name:
            for w in words:
                add(w)
    core = name
    for suffix in ("产业集群", "产业链", "集群", "产业"):
        core = core.replace(suffix, "")
    for tok in jieba.lcut(core, HMM=False):
        add(tok)
    return terms


class Inferred(BaseModel):
    chain_id: str
    score: float
    matched: list[str]
    inferred: bool = True


def informative(field_tokens: Iterable[str]) -> list[str]:
    """The field tokens a score is a share of: words of two or more characters that are not GENERIC."""
    return [t for t in field_tokens if len(t) >= 2 and t not in GENERIC]


@cache
def token_words(token: str) -> tuple[str, ...]:
    """The words a field token stands for: itself, and the halves of a compound of two dictionary words of two
    or more characters each (石油化工 → 石油化工, 石油, 化工; 电化学 and 化学品 stay whole)."""
    jieba.dt.check_initialized()
    out = [token]
    for i in range(2, len(token) - 1):
        head, tail = token[:i], token[i:]
        if jieba.dt.FREQ.get(head) and jieba.dt.FREQ.get(tail):
            out += [head, tail]
    return tuple(dict.fromkeys(out))


def match_tokens(toks: list[str], terms: Iterable[str]) -> tuple[int, list[str]]:
    """(how many of the tokens name a term, the terms named, sorted)."""
    wanted = set(terms)
    hit, named = 0, set()
    for t in toks:
        found = wanted.intersection(token_words(t))
        hit += bool(found)
        named |= found
    return hit, sorted(named)


def classify(
    field_tokens: list[str], chains: dict[str, list[str]], min_score: float = DEFAULT_MIN_SCORE
) -> list[Inferred]:
    """Chains a field phrase's tokens point to: score = tokens naming a chain term / informative tokens."""
    toks = informative(field_tokens)
    if not toks:
        return []
    out: list[Inferred] = []
    for cid, terms in chains.items():
        hit, matched = match_tokens(toks, terms)
        score = hit / len(toks)
        if hit and score >= min_score:
            out.append(Inferred(chain_id=cid, score=score, matched=matched))
    return sorted(out, key=lambda x: (-x.score, x.chain_id))


class InferenceReport(BaseModel):
    chains: int
    platforms: int  # platforms with field tokens read
    links: int  # inferred SERVES links written
    status: str  # loaded | replaced | unchanged | none (no link and none before: nothing written)
    summaries: SummaryReport | None = None  # the chains' coverage summaries (app.derive.coverage)


def infer_links(
    chains: list[dict[str, Any]], platforms: Iterable[dict[str, Any]], min_score: float = DEFAULT_MIN_SCORE
) -> tuple[GraphBatch, int]:
    """The inferred SERVES links for chain rows (as ``chains_terms`` returns them) and platform rows (as
    ``platforms_fields``: id, region, field_tokens, declared) → (batch, platforms read). Declared links are
    excluded. Shared by the store path (``inferred_batch``) and the bulk first load, which classifies the
    run in memory before GRAPH.BULK (app.store.falkordb.bulk.BulkGraph.derive_inputs)."""
    terms = {c["id"]: chain_terms(c["name"] or "", c["terms"]) for c in chains}
    labels = {c["id"]: Label(c["label"]) for c in chains}
    # A regional chain/cluster (东莞海洋经济产业集群, region 广东省) is served by platforms of its province.
    region = {c["id"]: c["region"] for c in chains}
    # term → chains holding it: a platform is compared only with the chains its tokens name.
    by_term: dict[str, list[str]] = {}
    for cid, ts in terms.items():
        for t in ts:
            by_term.setdefault(t, []).append(cid)
    batch = GraphBatch(doc_id=DERIVED_DOC)
    if not by_term:  # no chain terms: nothing to classify against
        return batch, 0
    # A chain's score does not depend on the other candidates, so the hits of a (region, field tokens)
    # pair are computed once and the declared chains of each platform filtered out afterwards: fields
    # repeat across thousands of platforms.
    memo: dict[tuple[Any, tuple[str, ...]], list[Inferred]] = {}
    seen = 0
    for row in platforms:
        seen += 1
        toks = tuple(t for t in row["field_tokens"] or [] if isinstance(t, str))
        key = (row["region"], toks)
        hits = memo.get(key)
        if hits is None:
            cands = {
                cid
                for t in informative(toks)
                for w in token_words(t)
                for cid in by_term.get(w, ())
                if region[cid] in (None, row["region"])
            }
            hits = classify(list(toks), {cid: terms[cid] for cid in sorted(cands)}, min_score) if cands else []
            if len(memo) < 500_000:
                memo[key] = hits
        declared = row["declared"] or ()
        for hit in hits:
            if hit.chain_id in declared:
                continue
            props: dict[str, PropValue] = {"inferred": True, "score": round(hit.score, 6), "terms": hit.matched}
            batch.add_rel(
                Rel.SERVES, (Label.PLATFORM, row["id"]), (labels[hit.chain_id], hit.chain_id), props, key="inferred"
            )
    return batch, seen


def _platform_pages(store: GraphStore) -> Iterator[dict[str, Any]]:
    """Every platform with field tokens, read in internal-id ranges of about PAGE platforms (an id scan per
    range: no sort of every platform per page, as ORDER BY … SKIP did)."""
    span = run(store, "platforms_id_span")[0]
    if not span["n"]:
        return
    lo, hi = int(span["lo"]), int(span["hi"]) + 1
    step = max(1, -(-(hi - lo) * PAGE // int(span["n"])))  # ≈ PAGE platforms per range
    for start in range(lo, hi, step):
        yield from run(store, "platforms_fields", lo=start, hi=min(start + step, hi))


def inferred_batch(store: GraphStore, min_score: float = DEFAULT_MIN_SCORE) -> tuple[GraphBatch, int, int]:
    """The inferred SERVES links the classifier finds in the store now (declared links excluded)."""
    chains = run(store, "chains_terms")
    batch, seen = infer_links(chains, _platform_pages(store), min_score)
    return batch, len(chains), seen


def derived_document(batch: GraphBatch, min_score: float) -> tuple[str, dict[str, PropValue], int]:
    """The pseudo-document's content hash, properties and link count for a batch of inferred links."""
    rels = sorted(
        (r["src"], r["dst"], json.dumps(r["props"], sort_keys=True, ensure_ascii=False))
        for rows in batch.rels.values()
        for r in rows
    )
    sha = hashlib.sha256(json.dumps([min_score, rels], ensure_ascii=False).encode()).hexdigest()
    props: dict[str, PropValue] = {"kind": "derived", "title": "inferred chain links", "min_score": min_score}
    return sha, props, len(rels)


def derived_stamp() -> Statement:
    """Stamp the derive time on the pseudo-document (ingest.pipeline.run._derive_needed compares it with loads)."""
    at = stamp()
    return Statement(template("document_derived_at"), {"id": document_id(DERIVED_DOC), "at": at})


def materialise_inferred(store: GraphStore, min_score: float = DEFAULT_MIN_SCORE) -> InferenceReport:
    """Classify every platform's field against every chain (of its province, or without a region) and
    write the links as SERVES {inferred: true, score, terms}, owned by the pseudo-document
    ``derived_chain_links``. Idempotent: the same links are a no-op; different links replace the previous
    set as a whole (the loader's per-document replace). Run it after each ingest (links at or above
    ``min_score`` are kept; coverage can filter higher). Then rewrites the chains' coverage summaries
    (app.derive.coverage.refresh_summaries) unless they are current."""
    batch, n_chains, n_platforms = inferred_batch(store, min_score)
    sha, props, links = derived_document(batch, min_score)
    if not links and not document_state(store, DERIVED_DOC):
        # Nothing inferred and nothing to withdraw: no pseudo-document in a graph without chains.
        status = "none"
    else:
        result: LoadResult = load_document(store, DERIVED_DOC, sha, props, [batch])
        # Stamped even when unchanged: ingest re-derives when a document completed after this stamp (a run
        # killed between its files and its derive step, ingest.pipeline.run._derive_needed).
        store.write([derived_stamp()])
        status = result.status
    # After the links: coverage summaries computed from the store as the links left it. Always rewritten here:
    # this runs after a load that changed the graph, so asking whether they are current would only cost a read.
    summaries = refresh_summaries(store, force=True)
    return InferenceReport(chains=n_chains, platforms=n_platforms, links=links, status=status, summaries=summaries)

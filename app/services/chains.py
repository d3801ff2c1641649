"""Industrial chains: declared coverage (inventory industry column → SERVES) and inferred coverage (a
field → chain classifier over jieba tokens), lab clusters serving a chain, and gaps.

A chain's terms = its own ``terms`` property (from ingested policies) + the shipped dictionary entries
whose keyword its name contains (resources/chain_terms.tsv) + the jieba tokens of its name without the
generic words (产业, 产业链, 集群). A platform is inferred to serve the chain when its field tokens
contain chain terms: score = matched tokens / field tokens (the share of the field phrase the chain
explains); the answer carries ``inferred: true``, the score and the matched terms.
"""

from __future__ import annotations

import logging
import threading
from functools import cache
from pathlib import Path
from typing import Any

import jieba
from pydantic import BaseModel

from app.graph.store import GraphStore
from app.services.named import run

jieba.setLogLevel(logging.WARNING)

GENERIC = frozenset({"产业", "产业链", "集群", "产业集群", "重点", "领域", "现代", "特色", "优势"})
DICTIONARY = Path(__file__).resolve().parent / "resources" / "chain_terms.tsv"
DEFAULT_MIN_SCORE = 0.3


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
        if len(t) >= 2 and t not in GENERIC and t not in terms:
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


def classify(
    field_tokens: list[str], chains: dict[str, list[str]], min_score: float = DEFAULT_MIN_SCORE
) -> list[Inferred]:
    """Chains a field phrase's tokens point to (for loaders that want to materialise inferred links)."""
    toks = [t for t in field_tokens if len(t) >= 2]
    if not toks:
        return []
    out: list[Inferred] = []
    for cid, terms in chains.items():
        matched = sorted({t for t in toks if t in set(terms)})
        score = len(matched) / len(field_tokens)
        if matched and score >= min_score:
            out.append(Inferred(chain_id=cid, score=score, matched=matched))
    return sorted(out, key=lambda x: (-x.score, x.chain_id))


class ChainSummary(BaseModel):
    id: str
    label: str  # IndustrialChain | IndustrialCluster
    name: str | None
    region: str | None
    chain_id: str | None  # the chain an industrial cluster is PART_OF
    platforms: int  # declared
    lab_clusters: int
    gap: bool


class CoverageGroup(BaseModel):
    type: str | None
    level: str | None
    count: int
    sample: list[dict[str, Any]]


class Coverage(BaseModel):
    total: int
    groups: list[CoverageGroup]


class ChainCoverage(BaseModel):
    id: str
    label: str
    name: str | None
    terms: list[str]
    min_score: float
    declared: Coverage
    inferred: Coverage
    lab_clusters: list[dict[str, Any]]
    gap: bool  # no declared and no inferred platform


def list_chains(store: GraphStore, few: int = 0) -> list[ChainSummary]:
    return [ChainSummary(**r) for r in run(store, "chains_list", max_platforms=few)]


_lock = threading.Lock()
_cache: dict[tuple[str, str, str, float, int], tuple[tuple[object, ...], ChainCoverage | None]] = {}
_CACHE_MAX = 4096


def fingerprint(store: GraphStore) -> tuple[object, ...]:
    """Changes whenever a load changed the graph (document count, last load time, load states)."""
    row = run(store, "store_fingerprint")[0]
    return (row["documents"], row["last_loaded"], tuple(sorted(row["states"] or [])))


def coverage(
    store: GraphStore, chain_id: str, *, min_score: float = DEFAULT_MIN_SCORE, per_group: int = 20
) -> ChainCoverage | None:
    """Coverage of one chain. Inferred coverage reads every platform whose field matches a chain term
    (a sixth of all platforms for a broad chain), so answers are cached until the next load changes
    the store's fingerprint; see docs/bench-api.md for cold and warm latencies."""
    key = (store.url, str(getattr(store, "_graph_name", "")), chain_id, min_score, per_group)
    fp = fingerprint(store)
    with _lock:
        hit = _cache.get(key)
    if hit is not None and hit[0] == fp:
        return hit[1]
    answer = _coverage(store, chain_id, min_score=min_score, per_group=per_group)
    with _lock:
        if len(_cache) >= _CACHE_MAX:
            _cache.clear()
        _cache[key] = (fp, answer)
    return answer


def _coverage(store: GraphStore, chain_id: str, *, min_score: float, per_group: int) -> ChainCoverage | None:
    node = run(store, "entity_node", id=chain_id)
    if not node or node[0]["label"] not in ("IndustrialChain", "IndustrialCluster"):
        return None
    props = node[0]["props"]
    terms = chain_terms(props.get("name") or "", props.get("terms"))
    declared = [CoverageGroup(**r) for r in run(store, "chain_coverage_declared", id=chain_id, per_group=per_group)]
    inferred_rows = (
        run(store, "chain_coverage_inferred", id=chain_id, terms=terms, min_score=min_score, per_group=per_group)
        if terms
        else []
    )
    inferred = []
    for r in inferred_rows:
        sample = [{**p, "inferred": True} for p in r["sample"]]
        inferred.append(CoverageGroup(type=r["type"], level=r["level"], count=r["count"], sample=sample))
    d_total, i_total = sum(g.count for g in declared), sum(g.count for g in inferred)
    return ChainCoverage(
        id=chain_id,
        label=node[0]["label"],
        name=props.get("name"),
        terms=terms,
        min_score=min_score,
        declared=Coverage(total=d_total, groups=declared),
        inferred=Coverage(total=i_total, groups=inferred),
        lab_clusters=run(store, "chain_clusters", id=chain_id),
        gap=d_total == 0 and i_total == 0,
    )

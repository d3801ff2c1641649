"""Industrial chains as analysts ask about them: the list, declared vs inferred coverage per chain (cached per
store fingerprint), lab clusters serving a chain, and gaps. The classifier and the inferred links are
app.derive.chains."""

from __future__ import annotations

import logging
import threading
import zlib
from typing import Any

from pydantic import BaseModel

from app.derive.chains import DEFAULT_MIN_SCORE, chain_terms
from app.derive.coverage import SUMMARY_PER_GROUP, coverage_rows, store_fingerprint, summary_rows
from app.store.named import run
from app.store.protocol import GraphStore

log = logging.getLogger(__name__)


class ChainSummary(BaseModel):
    id: str
    label: str  # IndustrialChain | IndustrialCluster
    name: str | None
    region: str | None
    chain_id: str | None  # the chain an industrial cluster is PART_OF
    platforms: int  # declared
    inferred: int = 0  # linked only by the field classifier
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
# Answers kept as compressed JSON: ~1,100 chains' models took ~360 MB at 1M platforms, their JSON ~70 MB.
_cache: dict[tuple[str, str, str, float, int], tuple[tuple[object, ...], bytes | None]] = {}
_CACHE_MAX = 4096
WARM_PER_GROUP = 20  # answers are computed with at least this many per group; smaller ones are cut from them
_warming: dict[tuple[str, str], tuple[object, ...]] = {}  # store → fingerprint warmed (or being warmed)
log = logging.getLogger(__name__)


def fingerprint(store: GraphStore) -> tuple[object, ...]:
    """Changes whenever a load changed the graph (document count, last load time, load states)."""
    return store_fingerprint(store)


def _store_key(store: GraphStore) -> tuple[str, str]:
    return (store.url, store.graph)


def _cut(answer: ChainCoverage | None, per_group: int) -> ChainCoverage | None:
    """The answer for a smaller per_group: each group's sample is the first per_group of the same order."""
    if answer is None or all(len(g.sample) <= per_group for c in (answer.declared, answer.inferred) for g in c.groups):
        return answer

    def cut(c: Coverage) -> Coverage:
        return Coverage(total=c.total, groups=[g.model_copy(update={"sample": g.sample[:per_group]}) for g in c.groups])

    return answer.model_copy(update={"declared": cut(answer.declared), "inferred": cut(answer.inferred)})


def coverage(
    store: GraphStore, chain_id: str, *, min_score: float = DEFAULT_MIN_SCORE, per_group: int = 20
) -> ChainCoverage | None:
    """Coverage of one chain: declared and materialised inferred links (index reads). Answers are cached
    until the next load changes the store's fingerprint (checked on every call, so never stale); a miss reads
    the chain's coverage summary written by the derive step, or infers the answer when the summaries are not
    current (``coverage_json``); see docs/benchmarks/api.md, session 9."""
    body = coverage_json(store, chain_id, min_score=min_score, per_group=per_group)
    return None if body is None else ChainCoverage.model_validate_json(body)


def coverage_json(
    store: GraphStore, chain_id: str, *, min_score: float = DEFAULT_MIN_SCORE, per_group: int = 20
) -> bytes | None:
    """``coverage``'s answer as JSON bytes (the API route sends them as they are). A hit costs the
    fingerprint read and a decompression: the answer cut to ``per_group`` is kept too, so a hit neither
    validates nor serialises a model (docs/benchmarks/api.md, session 8). A miss reads the chain's coverage
    summary (app.derive.coverage: two reads, fingerprint and summary); when the summaries are not current (a
    load without a derive step) it infers the answer and starts the background warm-up (``warm``)."""
    n = max(per_group, WARM_PER_GROUP)
    fp = fingerprint(store)
    exact = (*_store_key(store), chain_id, min_score, per_group)
    with _lock:
        hit = _cache.get(exact)
    if hit is not None and hit[0] == fp:
        return None if hit[1] is None else zlib.decompress(hit[1])
    key = (*_store_key(store), chain_id, min_score, n)
    with _lock:
        hit = _cache.get(key)
    summarised = False
    if hit is not None and hit[0] == fp:
        full = None if hit[1] is None else ChainCoverage.model_validate_json(zlib.decompress(hit[1]))
    else:
        full, summarised = _summarised(store, chain_id, fp, min_score=min_score, per_group=n)
        if not summarised:  # from a summary only the answer asked is kept: another per_group reads it again
            _remember(key, fp, full)
            if min_score == DEFAULT_MIN_SCORE:
                # No current summaries (a load without a derive step): infer every chain in the background.
                # With them a miss costs two reads, and a warm-up would only compete with requests for the CPU.
                warm(store, fp)
    answer = _cut(full, per_group)
    body = None if answer is None else answer.model_dump_json().encode()
    if exact != key or summarised:
        _keep(exact, fp, body)
    return body


def _remember(key: tuple[str, str, str, float, int], fp: tuple[object, ...], answer: ChainCoverage | None) -> None:
    _keep(key, fp, None if answer is None else answer.model_dump_json().encode())


def _keep(key: tuple[str, str, str, float, int], fp: tuple[object, ...], body: bytes | None) -> None:
    packed = None if body is None else zlib.compress(body, 1)
    with _lock:
        if len(_cache) >= _CACHE_MAX:
            _cache.clear()
        _cache[key] = (fp, packed)


def warm(store: GraphStore, fp: tuple[object, ...], *, background: bool = True) -> bool:
    """Compute every chain's and industrial cluster's default coverage for this fingerprint, once (a thread
    unless ``background`` is False). Returns False when this fingerprint is already warmed or being warmed.
    Stops when the fingerprint changes under it (a load: those answers would never be served)."""
    skey = _store_key(store)
    with _lock:
        if _warming.get(skey) == fp:
            return False
        _warming[skey] = fp

    def work() -> None:
        try:
            for i, row in enumerate(run(store, "chains_terms")):
                if i % 50 == 49 and fingerprint(store) != fp:
                    return
                key = (*skey, str(row["id"]), DEFAULT_MIN_SCORE, WARM_PER_GROUP)
                with _lock:
                    hit = _cache.get(key)
                if hit is None or hit[0] != fp:
                    answer, _ = _summarised(
                        store, str(row["id"]), fp, min_score=DEFAULT_MIN_SCORE, per_group=WARM_PER_GROUP
                    )
                    _remember(key, fp, answer)
        except Exception:  # the store closed or went away: requests compute their own answers
            log.info("coverage warm-up stopped", exc_info=True)
            with _lock:
                if _warming.get(skey) == fp:
                    del _warming[skey]

    if background:
        threading.Thread(target=work, name="coverage-warm", daemon=True).start()
    else:
        work()
    return True


def _summarised(
    store: GraphStore, chain_id: str, fp: tuple[object, ...], *, min_score: float, per_group: int
) -> tuple[ChainCoverage | None, bool]:
    """(The answer, whether a summary gave it): from the chain's coverage summary (app.derive.coverage) when
    it was computed from the store as it is now (``fp``) for this min_score and at least per_group samples;
    else inferred (``_coverage``). Both build the answer from the same reads' rows
    (tests/integration/test_coverage_summary.py)."""
    if min_score == DEFAULT_MIN_SCORE and per_group <= SUMMARY_PER_GROUP:
        rows = summary_rows(store, chain_id, fp)
        if rows is not None:
            return _cut(_answer(chain_id, rows, min_score), per_group), True
    return _coverage(store, chain_id, min_score=min_score, per_group=per_group), False


def _coverage(store: GraphStore, chain_id: str, *, min_score: float, per_group: int) -> ChainCoverage | None:
    """The answer inferred from the graph now: the node, declared and inferred platforms, lab clusters."""
    rows = coverage_rows(store, chain_id, min_score, per_group)
    return None if rows is None else _answer(chain_id, rows, min_score)


def _answer(chain_id: str, rows: dict[str, Any], min_score: float) -> ChainCoverage:
    """A coverage answer from its reads' rows (app.derive.coverage.coverage_rows)."""
    terms = chain_terms(rows["name"] or "", rows["terms"])
    declared = [CoverageGroup(**r) for r in rows["declared"]]
    inferred = []
    for r in rows["inferred"]:
        sample = [{**p, "inferred": True} for p in r["sample"]]
        inferred.append(CoverageGroup(type=r["type"], level=r["level"], count=r["count"], sample=sample))
    d_total, i_total = sum(g.count for g in declared), sum(g.count for g in inferred)
    return ChainCoverage(
        id=chain_id,
        label=rows["label"],
        name=rows["name"],
        terms=terms,
        min_score=min_score,
        declared=Coverage(total=d_total, groups=declared),
        inferred=Coverage(total=i_total, groups=inferred),
        lab_clusters=rows["lab_clusters"],
        gap=d_total == 0 and i_total == 0,
    )

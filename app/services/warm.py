"""A warm start: touch what serving reads before the first request does (docs/benchmarks/api.md, session 12).

After a restart Neo4j's page cache is empty, its query plans are gone and the JVM has not compiled the
paths a request takes: the first pass over the API was 2–14× slower than the next (session 11). ``warm``
(1) reads every node and relationship with its properties, label by label and type by type, so that the
page cache holds the store (as far as it fits); (2) runs each serving statement once — search over every
searchable label (the full-text, name and TEXT indexes), entity, membership, the store fingerprint — with
ids and names drawn from the graph itself, so that their plans are cached and the index readers open;
(3) when asked (``jit_s``, INNOKG_WARM_JIT_S), runs the lookup statements again for that long: once is not
enough for a JVM's optimising compiler, which compiles a method after thousands of calls — on a fresh Neo4j
a lookup cost the server 5–8 ms of CPU at first and 0.6 ms once some 15,000 statements had run. Off by
default: 10 s of it (2,048 statements) cut the first requests' cost by only 9–20 % (session 13).
Called by ``innokg neo4j start`` after a fresh start and by the API at start-up (INNOKG_WARM_ON_START).
Reads only: the answer cache is bypassed (the named statements run directly), so no answer is kept.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from app.model.schema import Label, Rel
from app.services.chains import fingerprint
from app.services.search import SEARCHABLE, search
from app.settings import get_settings
from app.store.named import run
from app.store.protocol import GraphStore
from app.store.queries import template

log = logging.getLogger("innokg.warm")

# Engines that read the graph from disk pages into a cache of their own: FalkorDB holds the whole graph in
# memory, so a scan there would only cost time.
PAGED_BACKENDS = frozenset({"neo4j"})
PART = 4  # characters of a sample name searched: a name part, as analysts type (bench/bench_api.py)
JIT_CLIENTS = 4  # threads sending them: the server's request threads and compiler both get work


def jit_seconds() -> float:
    """How long ``warm`` repeats the lookups: the setting INNOKG_WARM_JIT_S (unset, empty or negative: not at
    all). Meant for a JVM engine (Neo4j); one compiled ahead of time (FalkorDB) gains nothing from it."""
    return get_settings().warm_jit_s


@dataclass
class WarmReport:
    nodes: int = 0
    rels: int = 0
    statements: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        parts = ", ".join(f"{k} {v:.1f} s" for k, v in self.seconds.items())
        return f"{self.nodes:,} nodes, {self.rels:,} relationships read; {self.statements} statements run ({parts})"


def warm(store: GraphStore, jit_s: float | None = None) -> WarmReport:
    """Scan the store (on a paged engine), run each serving statement once, then repeat the lookups for
    ``jit_s`` seconds (default: ``jit_seconds``); what it did and how long."""
    report = WarmReport()
    t = time.perf_counter()
    samples = _scan(store, report)
    report.seconds["scan"] = time.perf_counter() - t
    t = time.perf_counter()
    _statements(store, samples, report)
    report.seconds["statements"] = time.perf_counter() - t
    budget = jit_seconds() if jit_s is None else jit_s
    if budget > 0:
        t = time.perf_counter()
        _repeat_lookups(store, samples, report, budget)
        report.seconds["jit"] = time.perf_counter() - t
    log.info("warm start: %s", report.summary())
    return report


def _scan(store: GraphStore, report: WarmReport) -> dict[Label, tuple[str, str | None]]:
    """Every label's nodes and every type's relationships read with their properties (paged engines only);
    one (id, name) per label, the sample the statements run on."""
    samples: dict[Label, tuple[str, str | None]] = {}
    paged = store.backend in PAGED_BACKENDS
    for label in Label:
        rows = store.read(template("warm_label" if paged else "warm_sample", label=label))
        if rows and rows[0]["id"] is not None:
            report.nodes += int(rows[0]["n"])
            samples[label] = (str(rows[0]["id"]), rows[0]["name"])
    if paged:
        for rel in Rel:
            report.rels += int(store.read(template("warm_rel", rel=rel))[0]["n"])
    return samples


def _statements(store: GraphStore, samples: dict[Label, tuple[str, str | None]], report: WarmReport) -> None:
    """Each serving statement once, on the sampled ids and names."""
    for label in SEARCHABLE:
        name = samples.get(label, ("", None))[1]
        if name:
            search(store, name[:PART], kinds=[label.value])  # search_entities: full-text, name index
            search(store, name[:1], kinds=[label.value])  # search_contains: the TEXT index
            report.statements += 2
    for label in (Label.PLATFORM, Label.INSTITUTION):
        if label in samples:
            node_id = samples[label][0]
            run(store, "entity_get", id=node_id, limit=501, evidence_limit=100)
            run(store, "entity_clusters_of", id=node_id)
            report.statements += 2
    if Label.LAB_CLUSTER in samples:
        run(store, "cluster_members", id=samples[Label.LAB_CLUSTER][0], role=None, kind=None, skip=0, limit=50)
        report.statements += 1
    fingerprint(store)
    report.statements += 1


def _repeat_lookups(
    store: GraphStore, samples: dict[Label, tuple[str, str | None]], report: WarmReport, seconds: float
) -> None:
    """The lookup statements (entity, membership both ways, a name search) in rounds from JIT_CLIENTS
    threads until ``seconds`` have passed, at least one round each: one client alone sent too few (458 in
    10 s on a cold Neo4j, where the compiler wants thousands). Statements, not the answer cache: the cache
    would answer a repeat without the engine."""
    end = time.perf_counter() + seconds
    with ThreadPoolExecutor(JIT_CLIENTS) as pool:
        done = pool.map(lambda _: _rounds(store, samples, end), range(JIT_CLIENTS))
        report.statements += sum(done)


def _rounds(store: GraphStore, samples: dict[Label, tuple[str, str | None]], end: float) -> int:
    """Rounds of the lookups on the samples until ``end`` (perf_counter); the statements run."""
    node_ids = [samples[lb][0] for lb in (Label.PLATFORM, Label.INSTITUTION) if lb in samples]
    cluster = samples.get(Label.LAB_CLUSTER, ("", None))[0]
    name = samples.get(Label.PLATFORM, ("", None))[1]
    count = 0
    while True:
        for node_id in node_ids:
            run(store, "entity_get", id=node_id, limit=501, evidence_limit=100)
            run(store, "entity_clusters_of", id=node_id)
            count += 2
        if cluster:
            run(store, "cluster_members", id=cluster, role=None, kind=None, skip=0, limit=50)
            count += 1
        if name:
            search(store, name[:PART], kinds=[Label.PLATFORM.value])
            count += 1
        if time.perf_counter() >= end or count == 0:
            return count

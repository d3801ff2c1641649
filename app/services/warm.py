"""A warm start: touch what serving reads before the first request does (docs/benchmarks/api.md, session 12).

After a restart Neo4j's page cache is empty, its query plans are gone and the JVM has not compiled the
paths a request takes: the first pass over the API was 2–14× slower than the next (session 11). ``warm``
(1) reads every node and relationship with its properties, label by label and type by type, so that the
page cache holds the store (as far as it fits); (2) runs each serving statement once — search over every
searchable label (the full-text, name and TEXT indexes), entity, membership, the store fingerprint — with
ids and names drawn from the graph itself, so that their plans are cached and the index readers open.
Called by ``innokg neo4j start`` after a fresh start and by the API at start-up (INNOKG_WARM_ON_START).
Reads only: the answer cache is bypassed (the named statements run directly), so no answer is kept.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from app.model.schema import Label, Rel
from app.services.chains import fingerprint
from app.services.search import SEARCHABLE, search
from app.store.named import run
from app.store.protocol import GraphStore
from app.store.queries import template

log = logging.getLogger("innokg.warm")

# Engines that read the graph from disk pages into a cache of their own: FalkorDB holds the whole graph in
# memory, so a scan there would only cost time.
PAGED_BACKENDS = frozenset({"neo4j"})
PART = 4  # characters of a sample name searched: a name part, as analysts type (bench/bench_api.py)


@dataclass
class WarmReport:
    nodes: int = 0
    rels: int = 0
    statements: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        parts = ", ".join(f"{k} {v:.1f} s" for k, v in self.seconds.items())
        return f"{self.nodes:,} nodes, {self.rels:,} relationships read; {self.statements} statements run ({parts})"


def warm(store: GraphStore) -> WarmReport:
    """Scan the store (on a paged engine) and run each serving statement once; what it did and how long."""
    report = WarmReport()
    t = time.perf_counter()
    samples = _scan(store, report)
    report.seconds["scan"] = time.perf_counter() - t
    t = time.perf_counter()
    _statements(store, samples, report)
    report.seconds["statements"] = time.perf_counter() - t
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

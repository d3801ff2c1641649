"""The warm start (app.services.warm) on each engine: it reads the store (Neo4j: every node and relationship),
runs each serving statement once on ids and names it draws from the graph, and leaves answers as they were."""

from __future__ import annotations

from app.model.schema import Label, Rel
from app.services.search import search
from app.services.warm import warm
from app.store.protocol import GraphStore, Statement
from app.store.queries import template
from app.text.search_terms import search_terms
from tests.conftest import merge_nodes

NAMES = {"plat:1": "辽宁省先进材料制备技术重点实验室", "plat:2": "吉林省先进材料工程研究中心"}


def _load(store: GraphStore) -> None:
    plats = [{"id": i, "props": {"name": n, "search_text": " ".join(search_terms(n))}} for i, n in NAMES.items()]
    inst = [{"id": "inst:1", "props": {"name": "辽宁大学", "search_text": " ".join(search_terms("辽宁大学"))}}]
    rel = template("merge_rels", rel=Rel.HOSTS, src=Label.INSTITUTION, dst=Label.PLATFORM)
    hosts = [{"src": "inst:1", "dst": "plat:1", "key": "", "props": {}, "doc": "doc:t", "evidence": []}]
    store.write([merge_nodes(Label.PLATFORM, plats), merge_nodes(Label.INSTITUTION, inst)])
    store.write([Statement(rel, {"rows": hosts})])
    store.apply_schema()


def test_warm_reads_the_store_and_runs_the_serving_statements(store: GraphStore) -> None:
    """Two platforms and a university hosting one: on Neo4j the three nodes and the one relationship are
    read; on both engines search (two statements per searchable label with a node: Platform, Institution),
    entity and cluster lookups of a platform and the institution, and the fingerprint run once: 9."""
    _load(store)
    before = search(store, "先进材料")
    report = warm(store, jit_s=0)
    if store.backend == "neo4j":
        assert (report.nodes, report.rels) == (3, 1)
    else:
        assert (report.nodes, report.rels) == (0, 0)  # held in memory: nothing to page in
    assert report.statements == 2 * 2 + 2 * 2 + 1
    assert set(report.seconds) == {"scan", "statements"}
    assert search(store, "先进材料") == before


def test_warm_repeats_the_lookups_for_the_jit(store: GraphStore) -> None:
    """Asked for a fifth of a second of repetition, warm runs at least one more round of lookups from each of its 4 threads: entity and
    cluster lookups of the platform and of the institution (4) and a name search (1) — no lab cluster here —
    so 9 statements and a multiple of 5 more; the answers stay as they were."""
    _load(store)
    before = search(store, "先进材料")
    report = warm(store, jit_s=0.2)
    assert "jit" in report.seconds
    assert report.statements >= 9 + 4 * 5 and (report.statements - 9) % 5 == 0
    assert search(store, "先进材料") == before


def test_warm_on_an_empty_store_runs_only_the_fingerprint(store: GraphStore) -> None:
    """No node: no sample to search or look up, nothing fails, even with repetition asked."""
    report = warm(store, jit_s=0.2)
    assert (report.nodes, report.rels, report.statements) == (0, 0, 1)

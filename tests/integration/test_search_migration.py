"""A store written before search terms became one string (``search_terms`` lists under range indexes) is
migrated by the schema (``innokg init`` / every ingest): the lists become ``search_text`` and search finds
those nodes again."""

from __future__ import annotations

from app.model.schema import Label
from app.services.search import search
from app.store.protocol import GraphStore, Statement
from app.text.search_terms import search_terms
from tests.conftest import merge_nodes

NAMES = {"plat:old1": "辽宁省先进材料制备技术重点实验室", "plat:old2": "吉林省先进材料工程研究中心"}


def test_schema_migrates_term_lists_to_search_text(store: GraphStore) -> None:
    rows = [{"id": i, "props": {"name": n, "search_terms": search_terms(n)}} for i, n in NAMES.items()]
    store.write([merge_nodes(Label.PLATFORM, rows)])
    if store.backend == "falkordb":  # the index the old schema created: it must go
        store.write([Statement("CREATE INDEX FOR (n:Platform) ON (n.search_terms)")])
    store.apply_schema()
    got = store.read("MATCH (n:Platform) RETURN n.id AS id, n.search_text AS text, n.search_terms AS old ORDER BY id")
    assert got == [{"id": i, "text": " ".join(search_terms(n)), "old": None} for i, n in sorted(NAMES.items())]
    page = search(store, "先进材料")
    assert {h.id for h in page.items} == set(NAMES)
    assert [h.id for h in search(store, "材料制备").items] == ["plat:old1"]
    store.apply_schema()  # again: nothing left to migrate, the dropped indexes' errors are ignored
    if store.backend == "falkordb":
        indexed = store.read("CALL db.indexes() YIELD label, properties RETURN label, properties")
        assert not any("search_terms" in r["properties"] for r in indexed)


def test_schema_over_existing_nodes_returns_once_searchable(store: GraphStore) -> None:
    """An index created over nodes already there (the schema after GRAPH.BULK) is populated in the
    background; apply_schema returns only once it answers."""
    names = [f"辽宁省第{i}先进材料制备技术重点实验室" for i in range(5_000)]
    rows = [
        {"id": f"plat:n{i}", "props": {"name": n, "search_text": " ".join(search_terms(n))}}
        for i, n in enumerate(names)
    ]
    store.write([merge_nodes(Label.PLATFORM, rows)])
    store.apply_schema()
    page = search(store, "材料制备技术", kinds=["Platform"], cap=50_000, limit=1)
    assert page.total == len(names)

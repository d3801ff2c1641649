"""search_entities on each engine: a name part finds the nodes holding all its bigrams and trigrams; Neo4j
asks Lucene only the terms not implied by a longer one (cypher/queries/search_entities.neo4j.cypher), which
must leave the matches and the capped candidates as they were."""

from __future__ import annotations

import pytest

from app.model.schema import Label
from app.services.search import query_terms
from app.store.named import run
from app.store.protocol import GraphStore, Statement
from app.text.search_terms import search_terms
from tests.conftest import merge_nodes


def _platforms(store: GraphStore, names: dict[str, str]) -> None:
    rows = [{"id": i, "props": {"name": n, "search_text": " ".join(search_terms(n))}} for i, n in names.items()]
    store.write([merge_nodes(Label.PLATFORM, rows)])
    store.apply_schema()


def _ids(store: GraphStore, q: str, cap: int) -> tuple[int, list[str]]:
    qt = query_terms(q)
    assert qt is not None
    rows = run(store, "search_entities", terms=qt.terms, q=q, kinds=None, cap=cap, skip=0, limit=50)
    return int(rows[0]["total"]), [h["id"] for h in rows[0]["items"]]


def test_a_name_part_needs_its_characters_in_a_row(store: GraphStore) -> None:
    """材料制备 is asked: the lab named with it is found; the centre whose name holds 材料 and 制备 apart (so
    not 料制, not 材料制) is not, although its two words are terms of the query."""
    _platforms(store, {"plat:a": "辽宁省材料制备重点实验室", "plat:b": "吉林省制备材料工程研究中心"})
    assert _ids(store, "材料制备", cap=500) == (1, ["plat:a"])
    assert _ids(store, "制备材料", cap=500) == (1, ["plat:b"])
    assert _ids(store, "材料", cap=500)[0] == 2  # a bigram alone is the whole query: asked as it is


def test_capped_candidates_are_the_shortest_texts(store: GraphStore) -> None:
    """Six names hold 材料制备, each the one before with more characters; with a cap of three the three
    shortest are the candidates (Lucene ranks a match by its text's length alone: every term occurs once), the
    same whether the query's bigrams are asked or left out."""
    if store.backend != "neo4j":
        pytest.skip("FalkorDB's full-text engine picks its capped candidates by its own scorer")
    names = ["材料制备中心", "材料制备技术中心", "省材料制备技术中心", "辽宁省材料制备技术中心"]
    names += ["辽宁省先进材料制备技术中心", "辽宁省先进材料制备技术研究中心"]
    _platforms(store, {f"plat:{i}": n for i, n in enumerate(names)})
    total, ids = _ids(store, "材料制备", cap=3)
    assert total == 3 and sorted(ids) == ["plat:0", "plat:1", "plat:2"]


def _node(label: Label, node_id: str, **props: str | list[str]) -> Statement:
    """A node with the test's own properties and the terms of all their texts, as the loaders build them."""
    texts = [t for v in props.values() for t in ([v] if isinstance(v, str) else v)]
    terms = sorted({t for text in texts for t in search_terms(text)})
    return merge_nodes(label, [{"id": node_id, "props": {**props, "search_text": " ".join(terms)}}])


def test_ranking_reads_name_title_short_form_and_aliases(store: GraphStore) -> None:
    """材料制备 is asked. Exact first — a platform whose short form is the query, one whose alias is (their
    names are longer: shorter name first within the band) —, then the platform and the notice (a document:
    its title is its name) that start with it, then the centre that holds it, then the centre found by its
    field alone. The Neo4j ranking reads these properties of every candidate in one pass: the same order."""
    statements = [
        _node(Label.PLATFORM, "plat:short", name="辽宁省先进材料制备技术中心", short="材料制备"),
        _node(Label.PLATFORM, "plat:alias", name="吉林省材料制备研究所", aliases=["材料制备"]),
        _node(Label.PLATFORM, "plat:prefix", name="材料制备技术中心"),
        _node(Label.DOCUMENT, "doc:title", title="材料制备工作方案的通知"),
        _node(Label.PLATFORM, "plat:inside", name="辽宁省材料制备中心"),
        _node(Label.PLATFORM, "plat:field", name="辽宁省新材料中心", field="材料制备"),
    ]
    store.write(statements)
    store.apply_schema()
    total, ids = _ids(store, "材料制备", cap=500)
    assert total == 6
    assert ids == ["plat:alias", "plat:short", "plat:prefix", "doc:title", "plat:inside", "plat:field"]

"""cypher/schema/* covers every label app/graph/schema.py owns; ids are stable; endpoints are checked."""

from __future__ import annotations

import re

import pytest

from app.model.batch import GraphBatch
from app.model.schema import NODES, RELS, Label, Rel, label_of_id, stable_id
from app.store.queries import query, schema_statements


def test_neo4j_schema_has_a_constraint_and_indexes_per_label() -> None:
    text = "\n".join(schema_statements("neo4j"))
    for spec in NODES.values():
        lb = spec.label.value
        assert re.search(rf"FOR \(n:{lb}\) REQUIRE n\.id IS UNIQUE", text), lb
        for prop in spec.indexed:
            assert f"FOR (n:{lb}) ON (n.{prop})" in text, (lb, prop)


def test_falkordb_schema_has_a_constraint_and_indexes_per_label() -> None:
    stmts = schema_statements("falkordb")
    for spec in NODES.values():
        lb = spec.label.value
        assert f"CREATE INDEX FOR (n:{lb}) ON (n.id)" in stmts
        assert f"GRAPH.CONSTRAINT CREATE {{graph}} UNIQUE NODE {lb} PROPERTIES 1 id" in stmts
        for prop in spec.indexed:
            assert f"CREATE INDEX FOR (n:{lb}) ON (n.{prop})" in stmts


def test_schema_files_name_no_unknown_label() -> None:
    known = {lb.value for lb in Label}
    for backend in ("neo4j", "falkordb"):
        for stmt in schema_statements(backend):
            for lb in re.findall(r"\(n:(\w+)\)|NODE (\w+)", stmt):
                assert (lb[0] or lb[1]) in known


def test_ids_are_stable_and_carry_their_label() -> None:
    a = stable_id(Label.PLATFORM, "辽宁省先进材料制备技术重点实验室", "省级", "辽宁省")
    assert a == stable_id(Label.PLATFORM, "辽宁省先进材料制备技术重点实验室", "省级", "辽宁省")
    assert a != stable_id(Label.PLATFORM, "辽宁省先进材料制备技术重点实验室", "国家级", "辽宁省")
    assert a.startswith("plat:") and label_of_id(a) is Label.PLATFORM


def test_every_relationship_type_has_endpoints() -> None:
    assert set(RELS) == set(Rel)


def test_batch_refuses_a_relationship_between_wrong_labels() -> None:
    with pytest.raises(ValueError, match="HOSTS does not connect"):
        GraphBatch(doc_id="x").add_rel(Rel.HOSTS, (Label.PLATFORM, "plat:1"), (Label.INSTITUTION, "inst:1"))


def test_searchable_labels_have_search_indexes() -> None:
    searchable = [s.label.value for s in NODES.values() if s.searchable]
    falkor = schema_statements("falkordb")
    for lb in searchable:
        stmt = f"CALL db.idx.fulltext.createNodeIndex({{label: '{lb}', stopwords: []}}, {{field: 'search_text', nostem: true}})"
        assert stmt in falkor, lb
    fulltext = [s for s in schema_statements("neo4j") if s.startswith("CREATE FULLTEXT INDEX search_")]
    per_label = [s for s in fulltext if not s.startswith("CREATE FULLTEXT INDEX search_name ")]
    assert len(per_label) == len(searchable)
    for lb in searchable:  # one per label, as FalkorDB has: search_entities caps candidates per label
        assert any(f"search_{lb.lower()} IF NOT EXISTS FOR (n:{lb}) ON EACH [n.search_text]" in s for s in per_label)


def test_neo4j_exact_name_index_and_search_statement_cover_every_searchable_label() -> None:
    """search_entities.neo4j.cypher asks search_<label> for the labels it lists and takes exact names from
    search_name: both must name every searchable label (a label added to the model and left out here would
    silently drop out of search on Neo4j)."""
    searchable = sorted(s.label.value for s in NODES.values() if s.searchable)
    (name_index,) = [s for s in schema_statements("neo4j") if s.startswith("CREATE FULLTEXT INDEX search_name ")]
    m = re.search(r"FOR \(n:([\w|]+)\)", name_index)
    assert m is not None and sorted(m.group(1).split("|")) == searchable
    assert "'keyword'" in name_index and "ON EACH [n.name]" in name_index
    text = query("search_entities", "neo4j").text
    for listed in re.findall(r"\[k IN \[([^\]]+)\]", text):
        assert sorted(x.strip(" '") for x in listed.split(",")) == searchable


def test_neo4j_single_character_search_has_a_text_index_and_a_branch_per_searchable_label() -> None:
    """search_contains.neo4j.cypher: one UNION branch per searchable label, each on a TEXT index (CONTAINS)."""
    text = "\n".join(schema_statements("neo4j"))
    branches = query("search_contains", "neo4j").text
    for spec in NODES.values():
        if not spec.searchable:
            continue
        lb = spec.label.value
        prop = "title" if spec.label is Label.DOCUMENT else "name"
        assert re.search(rf"CREATE TEXT INDEX \w+ IF NOT EXISTS FOR \(n:{lb}\) ON \(n\.{prop}\)", text), lb
        assert f"MATCH (n:{lb}) WHERE '{lb}' IN $labels AND n.{prop} CONTAINS $q" in branches, lb

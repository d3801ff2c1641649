"""The store interface on every available engine: reads, writes, read-only enforcement, schema."""

from __future__ import annotations

import pytest

from app.model.schema import Label
from app.store.loader import counts_by_label
from app.store.protocol import GraphStore, StoreError, parse_store_url
from app.store.queries import template
from tests.conftest import merge_nodes


def test_health_names_engine_and_version(store: GraphStore) -> None:
    h = store.health()
    assert h.ok
    assert h.backend == store.backend
    assert h.server_version


def test_apply_schema_is_idempotent(store: GraphStore) -> None:
    first = store.apply_schema()
    assert first, "the first run creates constraints and indexes"
    store.apply_schema()  # must not raise on existing indexes/constraints


def test_unique_id_constraint_holds(store: GraphStore) -> None:
    store.apply_schema()
    rows = [{"id": "plat:x", "props": {"name": "甲"}, "evidence": []}]
    store.write([merge_nodes(Label.PLATFORM, rows)])
    store.write([merge_nodes(Label.PLATFORM, rows)])
    assert counts_by_label(store)["Platform"] == 1


def test_read_cannot_write_whatever_the_text(store: GraphStore) -> None:
    before = counts_by_label(store)
    for text in (
        "CREATE (:Platform {id: 'evil'})",
        "MERGE (n:Platform {id: 'evil'}) RETURN n",
        "MATCH (n) SET n.hacked = true RETURN count(n)",
        "MATCH (n) DETACH DELETE n",
    ):
        with pytest.raises(StoreError):
            store.read(text)
    assert counts_by_label(store) == before


def test_chinese_text_round_trips(store: GraphStore) -> None:
    name = "大连理工大学（盘锦校区）"
    store.write([merge_nodes(Label.INSTITUTION, [{"id": "inst:1", "props": {"name": name, "aliases": ["大工"]}}])])
    assert store.read(template("count_label", label=Label.INSTITUTION))[0]["n"] == 1


def test_bad_query_is_a_store_error(store: GraphStore) -> None:
    with pytest.raises(StoreError):
        store.read("MATCH (n RETURN n")


@pytest.mark.parametrize(
    ("url", "kind"),
    [("embedded:./data/graph", "falkordb"), ("neo4j://db:7687", "neo4j"), ("bolt+s://db:7687", "neo4j")],
)
def test_store_urls(url: str, kind: str) -> None:
    assert parse_store_url(url)[0] == kind


@pytest.mark.parametrize("url", ["embedded:", "http://x", "redis://x"])
def test_bad_store_urls(url: str) -> None:
    with pytest.raises(ValueError):
        parse_store_url(url)


def test_awkward_strings_survive_a_write(store: GraphStore) -> None:
    """The embedded backend encodes parameters itself (fast path): every string must round-trip."""
    values = [
        'a"b',
        "c\\d",
        "line\nbreak",
        "tab\t",
        "\u0001ctl",
        "中文「引号」",
        '{"x":1}',
        ',"k":',
        "it's",
        "😀",
        "`",
        "\\u0041",
    ]
    rows = [
        {"id": f"plat:{i}", "props": {"name": v, "n": i, "f": 0.5, "ok": True, "tags": [v, "x"]}, "evidence": []}
        for i, v in enumerate(values)
    ]
    store.write([merge_nodes(Label.PLATFORM, rows)])
    got = store.read("MATCH (p:Platform) RETURN p.name AS name, p.tags AS tags, p.n AS n ORDER BY p.n")
    assert [g["name"] for g in got] == values
    assert [g["tags"][0] for g in got] == values


def test_property_names_outside_ascii_survive_a_write(store: GraphStore) -> None:
    """Unknown inventory columns are kept as properties named after their header (extra_备注)."""
    rows = [{"id": "plat:1", "props": {"name": "甲", "extra_备注": "新建", "extra_weird key-1": "x"}, "evidence": []}]
    store.write([merge_nodes(Label.PLATFORM, rows)])
    got = store.read("MATCH (p:Platform) RETURN properties(p) AS p")[0]["p"]
    assert got["extra_备注"] == "新建" and got["extra_weird key-1"] == "x"

"""The one description of how a GraphBatch becomes rows (app.store.rows), and the factory's scheme table."""

from __future__ import annotations

import pickle

import pytest

from app.model.batch import Evidence, GraphBatch
from app.model.schema import Label, Rel
from app.store.factory import stop_local
from app.store.protocol import params_as_given
from app.store.rows import (
    claim_evidence,
    clean,
    loose_evidence,
    merge_rel_props,
    merge_rows,
    node_key,
    node_labels,
    node_rows,
    rel_rows,
)


def _ev(quote: str) -> Evidence:
    return Evidence(doc_id="d1", start=0, end=len(quote), quote=quote, rule="r", confidence=1.0)


def test_repeated_rows_merge_later_props_win_evidence_united_in_order() -> None:
    rows = [
        {"id": "a", "props": {"x": 1, "y": 1}, "evidence": ["e1", "e2"]},
        {"id": "b", "props": {}, "evidence": []},
        {"id": "a", "props": {"y": 2}, "evidence": ["e2", "e3"]},
    ]
    merged = merge_rows(rows, node_key)
    assert merged == [
        {"id": "a", "props": {"x": 1, "y": 2}, "evidence": ["e1", "e2", "e3"]},
        {"id": "b", "props": {}, "evidence": []},
    ]
    assert rows[0] == {"id": "a", "props": {"x": 1, "y": 1}, "evidence": ["e1", "e2"]}  # inputs untouched


def test_clean_drops_none_and_empty_lists_only() -> None:
    assert clean({"a": None, "b": [], "c": 0, "d": "", "e": False, "f": ["x"]}) == {
        "c": 0,
        "d": "",
        "e": False,
        "f": ["x"],
    }


def test_the_first_row_citing_an_evidence_carries_it() -> None:
    owned: set[str] = set()
    assert claim_evidence(["e1", "other"], owned, {"e1", "e2"}) == (["other"], ["e1"])
    assert claim_evidence(["e1", "e2"], owned, {"e1", "e2"}) == (["e1"], ["e2"])
    assert owned == {"e1", "e2"}


def test_batch_rows_document_first_and_loose_evidence_after_the_nodes() -> None:
    b = GraphBatch(doc_id="d1")
    shared, alone = _ev("甲"), _ev("乙")
    b.add_evidence(alone)
    b.add_node(Label.PLATFORM, "p1", {"name": "甲"}, shared)
    b.add_node(Label.PLATFORM, "p2", {"name": "乙"}, shared)
    b.add_node(Label.DOCUMENT, "doc:d1", {"title": "t"})
    b.add_rel(Rel.LOCATED_IN, (Label.PLATFORM, "p1"), (Label.REGION, "r1"), {}, shared)
    assert node_labels(b) == [Label.DOCUMENT, Label.PLATFORM]
    owned: set[str] = set()
    labels = list(node_rows(b, owned))
    platforms = dict(labels)[Label.PLATFORM]
    assert [(r["id"], cited, carried) for r, cited, carried in platforms] == [
        ("p1", [], [shared.id]),
        ("p2", [shared.id], []),
    ]
    assert loose_evidence(b, owned) == [alone.id]
    [(group, rows)] = list(rel_rows(b))
    assert group == (Rel.LOCATED_IN, Label.PLATFORM, Label.REGION) and rows[0]["src"] == "p1"


def test_a_repeated_relationship_keeps_the_merge_rels_list_arithmetic() -> None:
    old = {"key": "", "docs": ["d1", "d2"], "evidence": ["e1", "e2"], "w": 1}
    new = {"key": "", "docs": ["d1"], "evidence": ["e2"], "w": 2, "v": 3}
    assert merge_rel_props(old, new, "d1", ["e2", "e3"]) == {
        "key": "",
        "docs": ["d2", "d1"],
        "evidence": ["e1", "e2", "e3"],
        "w": 2,
        "v": 3,
    }


def test_params_as_given_is_the_identity_and_pickles() -> None:
    params = {"rows": [1]}
    assert params_as_given("RETURN 1", params, None) == ("RETURN 1", params)
    assert pickle.loads(pickle.dumps(params_as_given)) is params_as_given


def test_stop_local_dispatches_by_scheme() -> None:
    assert stop_local("neo4j://localhost:7687") is None  # not ours to stop
    assert stop_local("bolt+s://example.org:7687") is None
    with pytest.raises(ValueError, match="unknown store URL"):
        stop_local("redis://localhost")

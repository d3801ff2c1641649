"""Inferred chain links as a derived step: nothing written without chains, a link per matching field,
withdrawn when the platform declares serving the chain (the pseudo-document is replaced as a whole)."""

from __future__ import annotations

from app.graph.batch import GraphBatch, PropValue
from app.graph.loader import document_state, load_document
from app.graph.schema import Label, Rel
from app.graph.store import GraphStore
from app.services.chains import DERIVED_DOC, coverage, materialise_inferred


def _platform(batch: GraphBatch, pid: str, field_tokens: list[str], region: str) -> None:
    props: dict[str, PropValue] = {"name": pid, "field_tokens": field_tokens, "region": region, "type": "重点实验室"}
    batch.add_node(Label.PLATFORM, pid, props)


def test_inferred_links_follow_the_graph(store: GraphStore) -> None:
    assert materialise_inferred(store).status == "none"
    assert document_state(store, DERIVED_DOC) is None

    b = GraphBatch(doc_id="inv")
    _platform(b, "plat:a", ["氢能", "储运"], "辽宁省")  # 1 of 2 tokens → 0.5
    _platform(b, "plat:b", ["氢能", "储运"], "广东省")  # another province: the chain is 辽宁's
    _platform(b, "plat:c", ["数字", "农业"], "辽宁省")  # no chain term
    b.add_node(Label.INDUSTRIAL_CHAIN, "chain:h2", {"name": "辽宁氢能产业链", "region": "辽宁省"})
    load_document(store, "inv", "sha-1", {"kind": "inventory"}, [b])

    first = materialise_inferred(store)
    assert (first.status, first.links, first.chains) == ("loaded", 1, 1)
    cov = coverage(store, "chain:h2")
    assert cov is not None and cov.declared.total == 0 and cov.inferred.total == 1
    hit = cov.inferred.groups[0].sample[0]
    assert (hit["id"], hit["score"], hit["matched"], hit["inferred"]) == ("plat:a", 0.5, ["氢能"], True)
    assert materialise_inferred(store).status == "unchanged"

    d = GraphBatch(doc_id="declared")
    _platform(d, "plat:a", ["氢能", "储运"], "辽宁省")
    d.add_node(Label.INDUSTRIAL_CHAIN, "chain:h2", {"name": "辽宁氢能产业链", "region": "辽宁省"})
    d.add_rel(Rel.SERVES, (Label.PLATFORM, "plat:a"), (Label.INDUSTRIAL_CHAIN, "chain:h2"))
    load_document(store, "declared", "sha-2", {"kind": "inventory"}, [d])
    again = materialise_inferred(store)
    assert (again.status, again.links) == ("replaced", 0)
    cov = coverage(store, "chain:h2")
    assert cov is not None and cov.declared.total == 1 and cov.inferred.total == 0

"""Inferred chain links as a derived step: nothing written without chains, a link per matching field,
withdrawn when the platform declares serving the chain (the pseudo-document is replaced as a whole)."""

from __future__ import annotations

from app.derive.chains import DEFAULT_MIN_SCORE, DERIVED_DOC, materialise_inferred
from app.model.batch import GraphBatch, PropValue
from app.model.schema import Label, Rel
from app.services.chains import _coverage, coverage, fingerprint, warm
from app.store.loader import document_state, load_document
from app.store.protocol import GraphStore


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


def test_coverage_cache_warms_every_chain_and_cuts_samples(store: GraphStore) -> None:
    b = GraphBatch(doc_id="inv")
    for i in range(7):  # two types x levels groups, more platforms than the smaller samples
        props: dict[str, PropValue] = {
            "name": f"p{i}",
            "field_tokens": ["氢能", "储运"] if i % 3 else ["氢能"],
            "region": "辽宁省",
            "type": "重点实验室" if i % 2 else "技术创新中心",
            "level": "省级",
        }
        b.add_node(Label.PLATFORM, f"plat:{i}", props)
    b.add_node(Label.INDUSTRIAL_CHAIN, "chain:h2", {"name": "辽宁氢能产业链", "region": "辽宁省"})
    b.add_node(Label.INDUSTRIAL_CHAIN, "chain:none", {"name": "辽宁集成电路产业链", "region": "辽宁省"})
    b.add_rel(Rel.SERVES, (Label.PLATFORM, "plat:0"), (Label.INDUSTRIAL_CHAIN, "chain:h2"))
    b.add_rel(Rel.SERVES, (Label.PLATFORM, "plat:2"), (Label.INDUSTRIAL_CHAIN, "chain:h2"))
    load_document(store, "inv", "sha-1", {"kind": "inventory"}, [b])
    assert materialise_inferred(store).links == 5
    fp = fingerprint(store)
    assert warm(store, fp, background=False) and not warm(store, fp, background=False)
    for cid in ("chain:h2", "chain:none"):
        for k in (0, 1, 2, 50):
            direct = _coverage(store, cid, min_score=DEFAULT_MIN_SCORE, per_group=k)
            assert coverage(store, cid, per_group=k) == direct, (cid, k)
    cov = coverage(store, "chain:h2", per_group=1)
    assert cov is not None and cov.inferred.total == 5 and cov.declared.total == 2
    assert [g.count for g in cov.inferred.groups] == [3, 2] and all(len(g.sample) == 1 for g in cov.inferred.groups)

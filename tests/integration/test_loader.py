"""Loading is idempotent per document; a changed document replaces its own facts; a crashed load is redone."""

from __future__ import annotations

from app.model.batch import Evidence, GraphBatch
from app.model.schema import Label, Rel, document_id, stable_id
from app.store.loader import counts_by_label, document_state, load_document, write_batch
from app.store.protocol import GraphStore, Statement
from app.store.queries import template
from ingest.pipeline.run import ensure_initialised
from ingest.resolve.seed import region_id, type_id


def _inventory(doc: str, rows: list[tuple[str, str]]) -> GraphBatch:
    """A tiny inventory: (platform name, host name) per row, hosted in Liaoning."""
    b = GraphBatch(doc_id=doc)
    for i, (name, host) in enumerate(rows, start=2):
        ev = Evidence(doc_id=doc, rule="inventory:row", row=i, quote=name)
        pid = stable_id(Label.PLATFORM, name, "省级", "辽宁省")
        hid = stable_id(Label.INSTITUTION, host)
        b.add_node(Label.PLATFORM, pid, {"name": name, "type": "重点实验室"}, ev)
        b.add_node(Label.INSTITUTION, hid, {"name": host}, ev)
        b.add_rel(Rel.HOSTS, (Label.INSTITUTION, hid), (Label.PLATFORM, pid), {}, ev)
        b.add_rel(Rel.TYPED_AS, (Label.PLATFORM, pid), (Label.PLATFORM_TYPE, type_id("重点实验室")), {}, ev)
        b.add_rel(Rel.LOCATED_IN, (Label.PLATFORM, pid), (Label.REGION, region_id("21")), {}, ev)
    return b


def _rel_count(store: GraphStore) -> int:
    rows = store.read("MATCH ()-[r:HOSTS]->() RETURN count(r) AS n")
    return int(rows[0]["n"])


def test_same_content_twice_changes_nothing(store: GraphStore) -> None:
    ensure_initialised(store)
    batch = _inventory("list2020", [("辽宁省甲重点实验室", "东北大学"), ("辽宁省乙重点实验室", "大连理工大学")])
    first = load_document(store, "list2020", "sha-a", {"kind": "inventory"}, [batch])
    before = counts_by_label(store)
    again = load_document(store, "list2020", "sha-a", {"kind": "inventory"}, [batch])
    assert (first.status, again.status) == ("loaded", "unchanged")
    assert counts_by_label(store) == before
    assert before["Platform"] == 2 and before["Institution"] == 2 and before["Evidence"] - 364 == 2
    assert first.dropped_rels == 0


def test_changed_content_replaces_only_that_documents_facts(store: GraphStore) -> None:
    ensure_initialised(store)
    load_document(store, "a", "1", {}, [_inventory("a", [("辽宁省甲重点实验室", "东北大学")])])
    load_document(
        store, "b", "1", {}, [_inventory("b", [("辽宁省甲重点实验室", "东北大学"), ("辽宁省丙重点实验室", "辽宁大学")])]
    )
    assert counts_by_label(store)["Platform"] == 2
    # b changes: 丙 leaves, 丁 arrives; 甲 stays because a still states it.
    r = load_document(store, "b", "2", {}, [_inventory("b", [("辽宁省丁重点实验室", "辽宁大学")])])
    assert r.status == "replaced"
    names = {row["n"] for row in store.read("MATCH (p:Platform) RETURN p.name AS n")}
    assert names == {"辽宁省甲重点实验室", "辽宁省丁重点实验室"}
    hosts = store.read("MATCH (i:Institution)-[r:HOSTS]->(p:Platform) RETURN i.name AS i, p.name AS p, r.docs AS d")
    assert sorted((h["i"], h["p"], tuple(h["d"])) for h in hosts) == [
        ("东北大学", "辽宁省甲重点实验室", ("a",)),
        ("辽宁大学", "辽宁省丁重点实验室", ("b",)),
    ]
    # No orphan evidence: every Evidence node belongs to a loaded document.
    docs = {row["d"] for row in store.read("MATCH (e:Evidence) RETURN DISTINCT e.doc_id AS d")}
    assert docs == {"a", "b", "seed-gazetteer-taxonomy"}


def test_a_load_that_died_is_purged_and_redone(store: GraphStore) -> None:
    ensure_initialised(store)
    full = _inventory("c", [("辽宁省甲重点实验室", "东北大学"), ("辽宁省乙重点实验室", "大连理工大学")])
    # Simulate a crash: the document was marked loading and only a part was written.
    store.write(
        [Statement(template("document_begin"), {"id": document_id("c"), "props": {"sha256": "x", "doc_id": "c"}})]
    )
    write_batch(store, _inventory("c", [("辽宁省半重点实验室", "东北大学")]))
    assert document_state(store, "c") == {"sha256": "x", "load_state": "loading", "loaded_at": None, "derived_at": None}
    r = load_document(store, "c", "x", {}, [full])
    assert r.status == "replaced"
    names = {row["n"] for row in store.read("MATCH (p:Platform) RETURN p.name AS n")}
    assert names == {"辽宁省甲重点实验室", "辽宁省乙重点实验室"}
    assert _rel_count(store) == 2


def test_every_fact_reaches_its_evidence_and_document(store: GraphStore) -> None:
    ensure_initialised(store)
    load_document(store, "d", "1", {}, [_inventory("d", [("辽宁省甲重点实验室", "东北大学")])])
    rows = store.read(
        "MATCH (p:Platform)-[:EVIDENCED_BY]->(e:Evidence)-[:FROM_DOCUMENT]->(d:Document) "
        "RETURN p.name AS p, e.row AS row, d.doc_id AS doc"
    )
    assert rows == [{"p": "辽宁省甲重点实验室", "row": 2, "doc": "d"}]
    ev = store.read("MATCH ()-[r:HOSTS]->() RETURN r.evidence AS ev")[0]["ev"]
    assert len(ev) == 1 and ev[0].startswith("ev:d:")


def test_relationships_to_missing_nodes_are_counted_not_silently_lost(store: GraphStore) -> None:
    b = GraphBatch(doc_id="e")
    b.add_node(Label.PLATFORM, "plat:1", {"name": "x"})
    b.add_rel(Rel.TYPED_AS, (Label.PLATFORM, "plat:1"), (Label.PLATFORM_TYPE, "ptype:missing"))
    assert write_batch(store, b).dropped_rels == 1


def test_the_same_fact_twice_in_one_batch_keeps_both_evidence(store: GraphStore) -> None:
    """FalkorDB collapsed such UNWIND rows and kept only the last evidence: the loader merges them first."""
    b = GraphBatch(doc_id="f")
    e1 = Evidence(doc_id="f", start=0, end=2, quote="科技", rule="r")
    e2 = Evidence(doc_id="f", start=9, end=11, quote="科技", rule="r")
    b.add_node(Label.DOCUMENT, document_id("f"), {"title": "t"})
    b.add_node(Label.AGENCY, "agency:1", {"name": "科技部"}, e1)
    b.add_node(Label.AGENCY, "agency:1", {"name": "科技部", "level": "国家级"}, e2)
    b.add_rel(Rel.MENTIONS, (Label.DOCUMENT, document_id("f")), (Label.AGENCY, "agency:1"), {}, e1)
    b.add_rel(Rel.MENTIONS, (Label.DOCUMENT, document_id("f")), (Label.AGENCY, "agency:1"), {}, e2)
    r = write_batch(store, b)
    assert r.dropped_rels == 0 and r.rels == {"MENTIONS": 1} and r.nodes["Agency"] == 1
    rel = store.read("MATCH (:Document)-[r:MENTIONS]->(a:Agency) RETURN r.evidence AS ev, a.level AS level")
    assert rel == [{"ev": [e1.id, e2.id], "level": "国家级"}]
    assert store.read("MATCH (:Agency)-[:EVIDENCED_BY]->(e:Evidence) RETURN count(e) AS n") == [{"n": 2}]


def test_a_document_the_store_refuses_fails_alone_and_leaves_nothing_half_written(store: GraphStore, tmp_path) -> None:
    """A statement the engine rejects (here: a property value FalkorDB cannot store, a map inside a
    list) fails that file only; the next file loads; nothing of the refused file stays visible."""
    from app.store import loader
    from ingest.pipeline.run import ingest_paths

    good = tmp_path / "good.csv"
    good.write_text("序号,名称,依托单位\n1,辽宁省甲重点实验室,东北大学\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("序号,名称,依托单位\n1,辽宁省乙重点实验室,大连理工大学\n", encoding="utf-8")
    real = loader.load_prepared

    def refusing(store_, doc_id, *args, **kwargs):  # type: ignore[no-untyped-def]
        if doc_id == "bad":
            store_.write([Statement(template("document_begin"), {"id": document_id("bad"), "props": {"sha256": "x"}})])
            write_batch(store_, _inventory("bad", [("辽宁省乙重点实验室", "大连理工大学")]))
            store_.write([Statement("RETURN [{a: 1}] AS boom CREATE (:Platform {id: 'x', bad: [{a: 1}]})")])
        return real(store_, doc_id, *args, **kwargs)

    import ingest.pipeline.merge as merge

    merge.load_prepared = refusing  # type: ignore[assignment]
    try:
        report = ingest_paths(store, [bad, good], workers=0, bulk=False)
    finally:
        merge.load_prepared = real  # type: ignore[assignment]
    errors = {f.path.name: f.error for f in report.files}
    assert errors["good.csv"] is None
    assert errors["bad.csv"] is not None and "refused" in errors["bad.csv"].reason
    names = {row["n"] for row in store.read("MATCH (p:Platform) RETURN p.name AS n")}
    assert names == {"辽宁省甲重点实验室"}  # nothing of the refused document is left
    assert document_state(store, "bad") is None  # new to the store: not even its Document node stays

    # A document stored before whose new content is refused stays 'loading': the next run reloads it.
    ingest_paths(store, [bad], workers=0, bulk=False)
    bad.write_text("序号,名称,依托单位\n1,辽宁省丙重点实验室,大连理工大学\n", encoding="utf-8")
    merge.load_prepared = refusing  # type: ignore[assignment]
    try:
        again = ingest_paths(store, [bad], workers=0, bulk=False)
    finally:
        merge.load_prepared = real  # type: ignore[assignment]
    assert again.files[0].error is not None
    assert document_state(store, "bad")["load_state"] == "loading"  # type: ignore[index]


def test_a_purge_in_small_batches_withdraws_exactly_what_one_big_one_does(store: GraphStore) -> None:
    """Purges run in bounded transactions (a 1M graph's derived document went past Neo4j's per-transaction
    memory in one): batches of 2 leave the same graph as one batch over 25 platforms of which 5 stay."""
    from app.store.loader import purge_document

    ensure_initialised(store)
    shared = [(f"辽宁省共享{i}重点实验室", "东北大学") for i in range(5)]
    own = [(f"辽宁省独有{i}重点实验室", f"独有大学{i}") for i in range(20)]
    load_document(store, "keep", "1", {}, [_inventory("keep", shared)])
    load_document(store, "gone", "1", {}, [_inventory("gone", shared + own)])
    purge_document(store, "gone", batch=2)
    names = {row["n"] for row in store.read("MATCH (p:Platform) RETURN p.name AS n")}
    assert names == {n for n, _ in shared}
    hosts = store.read("MATCH ()-[r:HOSTS]->() RETURN r.docs AS d")
    assert len(hosts) == 5 and all(list(h["d"]) == ["keep"] for h in hosts)
    assert not store.read("MATCH (e:Evidence {doc_id: 'gone'}) RETURN e.id AS id")
    assert {r["n"] for r in store.read("MATCH (i:Institution) RETURN i.name AS n")} == {"东北大学"}

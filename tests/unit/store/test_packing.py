"""The workers' packing (app.store.falkordb.bulk.bulk_rows) against its definition, value type by value type.

bulk_rows packs rows through fast paths (a packing plan per property order, an Evidence packer, shared
blobs for property-less relationships); each row must still be exactly ``pack`` of the cleaned property
map (None and [] are not properties), plus ``id`` for nodes and evidence and ``key`` / ``docs`` /
``evidence`` for relationships — the map the MERGE path's statements set."""

from __future__ import annotations

from typing import Any

import pytest

from app.model.batch import Evidence, GraphBatch
from app.model.schema import Label, Rel
from app.store.falkordb.bulk import BulkError, bulk_rows, pack


class _Tag(str):
    pass


class _Items(list[str]):
    pass


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None and v != []}


def _evidence(**kw: Any) -> Evidence:
    values: dict[str, Any] = {"doc_id": "d1", "start": -1, "end": -1, "quote": "q", "rule": "r", "confidence": 1.0}
    values.update(row=None, seq=None)
    values.update(kw)
    ev = Evidence.model_construct(**values)
    return ev


ODD_VALUES: list[Any] = [
    "省级",
    "",
    _Tag("标签"),
    0,
    -1,
    2**40,
    True,
    False,
    0.5,
    None,
    [],
    _Items(),
    _Items(["甲", "乙"]),
    ["a", "b"],
    [1, 2],
    [True, 0.25, "x"],
    ("t", "u"),
    (),
]


def _batch() -> GraphBatch:
    b = GraphBatch(doc_id="d1")
    evs = {
        "ev:1": _evidence(row=3, seq="7"),
        "ev:2": _evidence(quote="同名", row=None, seq=None),
        "ev:3": _evidence(confidence=1, start=0, end=5),  # an int confidence: the generic path
        "ev:4": _evidence(row=True, seq=_Tag("8")),  # a bool row, a str subclass
        "ev:5": _evidence(row=9, seq=None),
        "ev:6": _evidence(row=None, seq="9"),
        "ev:loose": _evidence(quote="无节点"),
    }
    b.evidence.update(evs)
    nodes = b.nodes.setdefault(Label.PLATFORM, [])
    for i, v in enumerate(ODD_VALUES):
        props = {"name": f"p{i}", "value": v, "level": "省级", "none": None, "empty": []}
        nodes.append({"id": f"plat:{i}", "props": props, "evidence": ["ev:1" if i % 2 else "ev:2"]})
    nodes.append({"id": "plat:own-id", "props": {"id": "other", "z": 1}, "evidence": ["ev:3", "ev:4"]})
    nodes.append({"id": "plat:none-id", "props": {"a": 1, "id": None}, "evidence": ["ev:5", "ev:6"]})
    b.nodes[Label.DOCUMENT] = [{"id": "doc:d1", "props": {"doc_id": "d1"}, "evidence": []}]
    rels = b.rels.setdefault((Rel.HOSTS, Label.INSTITUTION, Label.PLATFORM), [])
    for i, v in enumerate(ODD_VALUES):
        rels.append(
            {"src": "inst:1", "dst": f"plat:{i}", "props": {"order": i, "v": v, "n": None}, "evidence": ["ev:1"]}
        )
    rels.append({"src": "inst:1", "dst": "plat:1", "key": "k", "props": {"rule": "x"}, "evidence": ["ev:1"]})
    rels.append({"src": "inst:2", "dst": "plat:1", "props": {"rule": "x"}, "evidence": []})
    rels.append({"src": "inst:3", "dst": "plat:1", "props": {"rule": "x"}, "evidence": ["ev:1", "ev:2"]})
    rels.append({"src": "inst:4", "dst": "plat:1", "props": {"docs": None}, "evidence": ["ev:2"]})
    plain = b.rels.setdefault((Rel.TYPED_AS, Label.PLATFORM, Label.PLATFORM_TYPE), [])
    plain.append({"src": "plat:0", "dst": "ptype:1", "props": {}, "evidence": ["ev:2"]})
    plain.append({"src": "plat:1", "dst": "ptype:1", "props": {}, "evidence": ["ev:1"]})
    plain.append({"src": "plat:2", "dst": "ptype:1", "key": "k2", "props": {}, "evidence": ["ev:2"]})
    plain.append({"src": "plat:3", "dst": "ptype:1", "props": {}, "evidence": ["ev:1", "ev:3"]})
    plain.append({"src": "plat:4", "dst": "ptype:1", "props": {}, "evidence": []})
    return b


def test_every_packed_row_is_pack_of_its_clean_properties() -> None:
    batch = _batch()
    out = bulk_rows(batch)
    nodes = {label: rows for label, rows in out.nodes}
    by_id = {r["id"]: r for rows in batch.nodes.values() for r in rows}
    ev_packed = dict(out.loose_evidence)
    checked = 0
    for rows in nodes.values():
        for node_id, packed, _old, new in rows:
            assert packed == pack({**_clean(by_id[node_id]["props"]), "id": node_id})
            ev_packed.update(new)
            checked += 1
    assert checked == len(ODD_VALUES) + 3
    assert set(ev_packed) == set(batch.evidence)
    for eid, packed in ev_packed.items():
        assert packed == pack({**_clean(batch.evidence[eid].props()), "id": eid}), eid
    for rel, _src, _dst, rows in out.rels:
        given = {
            (r["src"], r["dst"], r.get("key", "")): r for r in batch.rels[next(k for k in batch.rels if k[0] == rel)]
        }
        assert len(rows) == len(given)
        for src, dst, key, packed, ev in rows:
            r = given[(src, dst, key)]
            assert ev == r["evidence"]
            full = {**_clean(r["props"]), "key": key, "docs": ["d1"], "evidence": list(r["evidence"])}
            assert packed == pack(full), (rel, src, dst, key)


def test_packing_refuses_what_it_refused() -> None:
    for props in ({"v": "a\0b"}, {"v": ["a", ["nested"]]}, {"v": b"bytes"}, {"v": {"a": 1}}):
        b = GraphBatch(doc_id="d1")
        b.nodes[Label.PLATFORM] = [{"id": "plat:1", "props": props, "evidence": []}]
        with pytest.raises(BulkError):
            bulk_rows(b)
        b = GraphBatch(doc_id="d1")
        b.rels[(Rel.HOSTS, Label.INSTITUTION, Label.PLATFORM)] = [
            {"src": "inst:1", "dst": "plat:1", "props": props, "evidence": ["ev:1"]}
        ]
        with pytest.raises(BulkError):
            bulk_rows(b)
    b = GraphBatch(doc_id="d1")
    b.rels[(Rel.HOSTS, Label.INSTITUTION, Label.PLATFORM)] = [
        {"src": "inst:1", "dst": "plat:1", "props": {"evidence": ["x"]}, "evidence": ["ev:1"]}
    ]
    with pytest.raises(BulkError, match="reserved"):
        bulk_rows(b)
    b = GraphBatch(doc_id="d1")
    b.evidence["ev:1"] = _evidence(quote="a\0b")
    with pytest.raises(BulkError):
        bulk_rows(b)

"""What a worker hands the parent on a bulk path: one batch's rows (app.store.rows), packed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.model.batch import GraphBatch
from app.model.runtime import gc_paused
from app.model.schema import Label, Rel
from app.store.fold.pack import (
    BulkError,
    Keys,
    Packed,
    Raw,
    array_header,
    pack_clean,
    pack_evidence,
    pack_id,
    pack_planned,
    pack_str,
    pack_values,
    plan_for,
    sorted_keys,
)
from app.store.rows import REL_RESERVED, clean, loose_evidence, node_rows, rel_rows

_PLAIN_REL_KEYS: Keys = ("docs", "evidence", "key")


@dataclass
class BulkBatch:
    """``prepare_batch`` without Cypher: the same merged, cleaned rows, with properties packed.

    nodes: (label, [(id, packed props, ids of evidence written before, [(evidence id, packed props)])]);
    rels: (rel, src label, dst label, [(src, dst, key, packed props incl. key/docs/evidence)])."""

    doc_id: str
    loose_evidence: list[tuple[str, Packed]] = field(default_factory=list)
    nodes: list[tuple[Label, list[tuple[str, Packed, list[str], list[tuple[str, Packed]]]]]] = field(
        default_factory=list
    )
    rels: list[tuple[Rel, Label, Label, list[tuple[str, str, str, Packed, list[str]]]]] = field(default_factory=list)
    evidence: int = 0
    # (platform id, region, field_tokens) per merged Platform row, None where the row sets no value: what
    # the derive step's classifier reads, kept beside the packed blobs so the parent need not unpack them.
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)


def bulk_rows(batch: GraphBatch) -> BulkBatch:
    """The batch's rows as app.store.rows describes them (the MERGE loader's rows), packed for GRAPH.BULK."""
    with gc_paused():
        return _bulk_rows(batch)


def _bulk_rows(batch: GraphBatch) -> BulkBatch:
    out = BulkBatch(batch.doc_id, evidence=len(batch.evidence))
    evidence = batch.evidence
    owned: set[str] = set()
    no_old: list[str] = []  # one empty list for the rows citing no earlier evidence (most): pickled once
    for label, rows in node_rows(batch, owned):
        packed = []
        for r, old, carried in rows:
            new = [(eid, pack_evidence(evidence[eid], eid)) for eid in carried]
            packed.append((r["id"], pack_clean(r["props"], r["id"]), old or no_old, new))
        out.nodes.append((label, packed))
        if label == Label.PLATFORM:
            out.fields = [_fields(r["id"], r["props"]) for r in batch.nodes[label]]
    out.loose_evidence = [(eid, pack_evidence(evidence[eid], eid)) for eid in loose_evidence(batch, owned)]
    _pack_rels(batch, out)
    return out


def _pack_rels(batch: GraphBatch, out: BulkBatch) -> None:
    """The merged relationship rows with their ``key``, ``docs`` and ``evidence`` packed among the props."""
    docs = array_header(1) + pack_str(batch.doc_id)
    docs_raw = Raw(docs)
    no_key = pack_str("")
    # Per evidence id (a row's 3-5 relationships share one): its packed one-element list, one shared
    # [id] list and the whole blob of a property-less row. Shared objects also pickle once per file.
    single: dict[str, tuple[list[str], Raw, Packed]] = {}
    for (rel, src, dst), merged in rel_rows(batch):
        packed_rows = []
        for r in merged:
            key = r.get("key", "")
            evs = r["evidence"]
            one = None
            if len(evs) == 1 and type(key) is str:
                eid = evs[0]
                one = single.get(eid)
                if one is None:
                    arr = Raw(array_header(1) + pack_id(eid))
                    one = single[eid] = ([eid], arr, (_PLAIN_REL_KEYS, docs + arr + no_key))
            props = r["props"]
            if not props:  # TYPED_AS, LOCATED_IN, SERVES …: the same bytes as pack() of the 3 keys
                if one is not None and key == "":
                    packed_rows.append((r["src"], r["dst"], key, one[2], one[0]))
                    continue
                ev = list(evs)
                blob = b"".join((docs, array_header(len(ev)), *map(pack_id, ev), pack_str(key)))
                packed_rows.append((r["src"], r["dst"], key, (_PLAIN_REL_KEYS, blob), ev))
                continue
            plan = plan_for("rel", tuple(props)) if type(key) is str else None
            if plan is not None:
                ev_value: list[str] | Raw
                if one is not None:
                    ev, ev_value = one[0], one[1]
                else:
                    ev = list(evs)
                    ev_value = ev if ev else Raw(array_header(0))  # [] is packed here, not dropped
                packed = pack_planned([*props.values(), key, docs_raw, ev_value], plan)
                packed_rows.append((r["src"], r["dst"], key, packed, ev))
                continue
            full = clean(props)
            if any(k in full for k in REL_RESERVED):
                raise BulkError(f"{rel.value} row sets a reserved property ({', '.join(REL_RESERVED)})")
            ev = list(evs)
            full["key"], full["docs"], full["evidence"] = key, [batch.doc_id], ev
            keys = sorted_keys(full)
            packed_rows.append((r["src"], r["dst"], key, (keys, pack_values(full, keys)), ev))
        out.rels.append((rel, src, dst, packed_rows))


def _fields(node_id: str, props: dict[str, Any]) -> tuple[str, Any, Any]:
    """The classifier's inputs of one platform row, as ``SET n += props`` would leave them (None and []
    set nothing)."""
    region, tokens = props.get("region"), props.get("field_tokens")
    return node_id, None if region is None or region == [] else region, tokens or None

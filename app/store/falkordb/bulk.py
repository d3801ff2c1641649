"""First load into an empty embedded store through FalkorDB's ``GRAPH.BULK`` binary loader.

The MERGE path (app.store.loader) pays ~130–150 µs of engine time per inventory row; ``GRAPH.BULK``
creates nodes and edges from packed binary tokens without planning or matching, but only into a graph
key that does not exist yet, CREATE-only. So a whole ingest run is first computed in memory to the exact
end state the MERGE path would leave (same row merging, same ``SET +=`` order, same ``docs``/``evidence``
list arithmetic, same dropped relationships), then sent in a few large commands, then the schema
(indexes + constraints) is applied. Later runs use the MERGE path on the graph this produced
(tests/test_bulk.py compares both graphs exactly).

Wire format (FalkorDB 4.16, as read by its bulk loader): ``GRAPH.BULK key [BEGIN] node_count
edge_count label_tokens reltype_tokens <tokens…>``. A token is ``name\\0`` + uint32 property count +
``prop\\0``… then entities: a node is its property values in header order, an edge is uint64 src,
uint64 dst (internal node ids, sequential from 0 in creation order across commands) and its values.
A value is a type byte + payload: 0 null (property not set), 1 bool (1 byte), 2 double, 3 string
(UTF-8 + NUL), 4 int64, 5 array (int64 length + values). Little-endian on every supported machine.

Memory: entities are held as packed value bytes (not dicts) keyed by their property-name signature; a
repeated entity (an institution in many files, a platform listed in two years) is decoded, merged and
packed again. Packing runs in the worker processes (``bulk_rows``), the parent only merges.
"""

from __future__ import annotations

import contextlib
import ctypes
import mmap
import os
import struct
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.model.batch import Evidence, GraphBatch, PropValue
from app.model.runtime import gc_paused
from app.model.schema import Label, Rel, document_id
from app.store.loader import LoadResult, _clean, _merge_rows, claim_evidence
from app.store.protocol import GraphStore, Statement, StoreError
from app.store.queries import template

MAX_TOKEN = 32 * 1024 * 1024  # bytes per token (Redis: 512 MB per bulk string)
MAX_COMMAND = 160 * 1024 * 1024  # bytes per GRAPH.BULK command (bounds the server's input buffer)

_T_NULL, _T_BOOL, _T_DOUBLE, _T_STRING, _T_LONG, _T_ARRAY = 0, 1, 2, 3, 4, 5
_LONG = struct.Struct("<Bq")
_DOUBLE = struct.Struct("<Bd")
_I64 = struct.Struct("<q")
_F64 = struct.Struct("<d")
_EDGE = struct.Struct("<QQ")
_TRUE, _FALSE = bytes((_T_BOOL, 1)), bytes((_T_BOOL, 0))
_REL_RESERVED = ("key", "docs", "evidence")

Keys = tuple[str, ...]
Packed = tuple[Keys, bytes]  # property names (a signature) + their packed values in that order


class BulkError(ValueError):
    """A value GRAPH.BULK cannot carry (a string with a NUL, a nested list, a map)."""


# --- value packing -------------------------------------------------------------------------------


_STR_CACHE: dict[str, bytes] = {}  # packed short strings: levels, types, regions, hosts, doc ids repeat


def _pack_str(v: str) -> bytes:
    p = _STR_CACHE.get(v)
    if p is None:
        b = v.encode("utf-8")
        if b"\0" in b:
            raise BulkError(f"string with a NUL character: {v[:40]!r}")
        p = b"\x03" + b + b"\0"
        if len(v) <= 24:
            if len(_STR_CACHE) > 200_000:
                _STR_CACHE.clear()
            _STR_CACHE[v] = p
    return p


def _pack_id(v: str) -> bytes:
    """A node id (ASCII, unique per row for evidence: not worth the short-string cache)."""
    if "\0" in v:
        raise BulkError(f"string with a NUL character: {v[:40]!r}")
    return b"\x03" + v.encode("utf-8") + b"\0"


_PLAIN_REL_KEYS: Keys = ("docs", "evidence", "key")


def _pack_value(v: Any, out: list[bytes]) -> None:
    if type(v) is str:
        out.append(_pack_str(v))
    elif isinstance(v, str):
        out.append(_pack_str(str(v)))
    elif isinstance(v, bool):  # before int: bool is an int subclass
        out.append(_TRUE if v else _FALSE)
    elif isinstance(v, int):
        out.append(_LONG.pack(_T_LONG, v))
    elif isinstance(v, float):
        out.append(_DOUBLE.pack(_T_DOUBLE, v))
    elif isinstance(v, list | tuple):
        _pack_array(v, out)
    else:
        raise BulkError(f"unsupported property value {type(v).__name__}")


def _pack_array(v: list[Any] | tuple[Any, ...], out: list[bytes]) -> None:
    """A list value: its length, then its elements (strings through the short-string cache, inlined: most
    elements are strings). A nested list cannot be carried."""
    cache = _STR_CACHE
    append = out.append
    append(_LONG.pack(_T_ARRAY, len(v)))
    for x in v:
        if type(x) is str:
            p = cache.get(x)
            append(p if p is not None else _pack_str(x))
        elif isinstance(x, list | tuple | dict):
            raise BulkError("nested list property")
        else:
            _pack_value(x, out)


def pack(props: dict[str, Any]) -> Packed:
    """Properties → (sorted names, packed values). None values are not properties (MERGE ``SET +=``
    callers drop them before)."""
    keys = tuple(sorted(props))
    return keys, _pack_values(props, keys)


def _pack_values(props: dict[str, Any], keys: Keys) -> bytes:
    # Inlined fast paths for strings and ints (most values), lists straight to _pack_array: far less CPU than
    # dispatching every value through _pack_value.
    cache = _STR_CACHE
    out: list[bytes] = []
    append = out.append
    for k in keys:
        v = props[k]
        tv = type(v)
        if tv is str:
            p = cache.get(v)
            append(p if p is not None else _pack_str(v))
        elif tv is list:
            _pack_array(v, out)
        elif tv is int:  # row numbers, offsets, years, orders: inlined, not worth a call each
            append(_LONG.pack(_T_LONG, v))
        else:
            _pack_value(v, out)
    return b"".join(out)


_SORTED: dict[Keys, Keys] = {}  # property names in insertion order → sorted (rows of a batch share a few orders)


def _sorted_keys(props: dict[str, Any]) -> Keys:
    order = tuple(props)
    keys = _SORTED.get(order)
    if keys is None:
        keys = tuple(sorted(order))
        if len(_SORTED) < 10_000:
            _SORTED[order] = keys
    return keys


def release_caches() -> None:
    """Empty the packing caches (a process done packing: they refill when it packs again)."""
    _STR_CACHE.clear()
    _SORTED.clear()
    _PLANS.clear()


class _Raw(bytes):
    """A value packed already (a batch's ``docs`` list, a row's evidence list): appended as it is. Private:
    a property value of type bytes is still refused (``_pack_value``)."""


class _Plan:
    """How to pack rows whose properties come in one insertion order: the value positions in sorted-name
    order, and the signature (names of the values kept) per set of skipped positions."""

    __slots__ = ("names", "order", "sigs")

    def __init__(self, names: Keys, skip: int | None = None) -> None:
        self.names = names
        self.order = tuple(sorted((j for j in range(len(names)) if j != skip), key=names.__getitem__))
        self.sigs: dict[tuple[int, ...], Keys] = {}

    def sig(self, missing: tuple[int, ...]) -> Keys:
        keys = self.sigs.get(missing)
        if keys is None:
            keys = self.sigs[missing] = tuple(self.names[j] for j in self.order if j not in missing)
        return keys


_PLANS: dict[tuple[str, Keys], _Plan | None] = {}  # (kind, insertion order) → plan (None: not plannable)


def _plan(kind: str, order: Keys) -> _Plan | None:
    """The plan of a node row (``kind`` "node": ``id`` last, replacing a property of that name) or of a
    relationship row (``kind`` "rel": ``key``, ``docs``, ``evidence`` last; None when a property has one
    of those names: the slow path decides, as before)."""
    plan = _PLANS.get((kind, order))
    if plan is None:
        if kind == "node":
            plan = _Plan((*order, "id"), order.index("id") if "id" in order else None)
        elif not any(k in order for k in _REL_RESERVED):
            plan = _Plan((*order, "key", "docs", "evidence"))
        if len(_PLANS) < 10_000:
            _PLANS[(kind, order)] = plan
    return plan


def _pack_planned(vals: list[Any], plan: _Plan) -> Packed:
    """``pack`` of the values named ``plan.names`` without the None / [] ones (the cleaning of ``_clean``),
    in one pass over the sorted positions: the same bytes as building the clean dict and packing it."""
    cache = _STR_CACHE
    out: list[bytes] = []
    append = out.append
    missing: list[int] = []
    for j in plan.order:
        v = vals[j]
        tv = type(v)
        if tv is str:
            p = cache.get(v)
            append(p if p is not None else _pack_str(v))
        elif tv is _Raw:
            append(v)
        elif v is None:
            missing.append(j)
        elif tv is list:
            if not v:
                missing.append(j)
                continue
            _pack_array(v, out)
        elif tv is int:
            append(_LONG.pack(_T_LONG, v))
        elif v != []:  # a list subclass equal to [] is dropped by _clean too
            _pack_value(v, out)
        else:
            missing.append(j)
    return plan.sig(tuple(missing)), b"".join(out)


def pack_clean(props: dict[str, Any], node_id: str) -> Packed:
    """``pack({**_clean(props), "id": node_id})`` in one pass (None and [] are not properties)."""
    plan = _plan("node", tuple(props))
    assert plan is not None
    return _pack_planned([*props.values(), node_id], plan)


def _unpack_value(buf: bytes, i: int) -> tuple[Any, int]:
    t = buf[i]
    if t == _T_STRING:
        j = buf.index(0, i + 1)
        return buf[i + 1 : j].decode("utf-8"), j + 1
    if t == _T_LONG:
        return _I64.unpack_from(buf, i + 1)[0], i + 9
    if t == _T_DOUBLE:
        return _F64.unpack_from(buf, i + 1)[0], i + 9
    if t == _T_BOOL:
        return buf[i + 1] == 1, i + 2
    if t == _T_ARRAY:
        n = _I64.unpack_from(buf, i + 1)[0]
        i += 9
        items = []
        for _ in range(n):
            v, i = _unpack_value(buf, i)
            items.append(v)
        return items, i
    if t == _T_NULL:
        return None, i + 1
    raise BulkError(f"unknown value type {t}")


def unpack(packed: Packed) -> dict[str, Any]:
    keys, buf = packed
    out: dict[str, Any] = {}
    i = 0
    for k in keys:
        out[k], i = _unpack_value(buf, i)
    return out


# --- what a worker hands the parent: one batch's rows, merged, cleaned and packed ---------------------


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
    """Mirror of app.store.loader.prepare_batch (same order, merging and cleaning), packed for GRAPH.BULK."""
    with gc_paused():
        return _bulk_rows(batch)


def _bulk_rows(batch: GraphBatch) -> BulkBatch:
    out = BulkBatch(batch.doc_id, evidence=len(batch.evidence))
    evidence = batch.evidence
    owned: set[str] = set()
    no_old: list[str] = []  # one empty list for the rows citing no earlier evidence (most): pickled once
    for label in sorted(batch.nodes, key=lambda lb: lb != Label.DOCUMENT):
        rows = []
        for r in _merge_rows(batch.nodes[label], lambda r: r["id"]):
            old, carried = claim_evidence(r["evidence"], owned, evidence)
            new = [(eid, _pack_evidence(evidence[eid], eid)) for eid in carried]
            rows.append((r["id"], pack_clean(r["props"], r["id"]), old or no_old, new))
        out.nodes.append((label, rows))
        if label == Label.PLATFORM:
            out.fields = [_fields(r["id"], r["props"]) for r in batch.nodes[label]]
    out.loose_evidence = [(eid, _pack_evidence(ev, eid)) for eid, ev in evidence.items() if eid not in owned]
    docs = _LONG.pack(_T_ARRAY, 1) + _pack_str(batch.doc_id)
    docs_raw = _Raw(docs)
    no_key = _pack_str("")
    # Per evidence id (a row's 3-5 relationships share one): its packed one-element list, one shared
    # [id] list and the whole blob of a property-less row. Shared objects also pickle once per file.
    single: dict[str, tuple[list[str], _Raw, Packed]] = {}
    for (rel, src, dst), rel_rows in batch.rels.items():
        packed_rows = []
        for r in _merge_rows(rel_rows, lambda r: (r["src"], r["dst"], r.get("key", ""))):
            key = r.get("key", "")
            evs = r["evidence"]
            one = None
            if len(evs) == 1 and type(key) is str:
                eid = evs[0]
                one = single.get(eid)
                if one is None:
                    arr = _Raw(_LONG.pack(_T_ARRAY, 1) + _pack_id(eid))
                    one = single[eid] = ([eid], arr, (_PLAIN_REL_KEYS, docs + arr + no_key))
            props = r["props"]
            if not props:  # TYPED_AS, LOCATED_IN, SERVES …: the same bytes as pack() of the 3 keys
                if one is not None and key == "":
                    packed_rows.append((r["src"], r["dst"], key, one[2], one[0]))
                    continue
                ev = list(evs)
                blob = b"".join((docs, _LONG.pack(_T_ARRAY, len(ev)), *map(_pack_id, ev), _pack_str(key)))
                packed_rows.append((r["src"], r["dst"], key, (_PLAIN_REL_KEYS, blob), ev))
                continue
            plan = _plan("rel", tuple(props)) if type(key) is str else None
            if plan is not None:
                ev_value: list[str] | _Raw
                if one is not None:
                    ev, ev_value = one[0], one[1]
                else:
                    ev = list(evs)
                    ev_value = ev if ev else _Raw(_LONG.pack(_T_ARRAY, 0))  # [] is packed here, not dropped
                packed = _pack_planned([*props.values(), key, docs_raw, ev_value], plan)
                packed_rows.append((r["src"], r["dst"], key, packed, ev))
                continue
            full = _clean(props)
            if any(k in full for k in _REL_RESERVED):
                raise BulkError(f"{rel.value} row sets a reserved property ({', '.join(_REL_RESERVED)})")
            ev = list(evs)
            full["key"], full["docs"], full["evidence"] = key, [batch.doc_id], ev
            keys = _sorted_keys(full)
            packed_rows.append((r["src"], r["dst"], key, (keys, _pack_values(full, keys)), ev))
        out.rels.append((rel, src, dst, packed_rows))
    return out


_EV_KEYS: Keys = ("confidence", "doc_id", "end", "id", "quote", "row", "rule", "seq", "start")
_EV_SIGS = {
    (row, seq): tuple(k for k in _EV_KEYS if (row or k != "row") and (seq or k != "seq"))
    for row in (True, False)
    for seq in (True, False)
}  # (row set, seq set) → signature


def _pack_evidence(ev: Evidence, eid: str) -> Packed:
    """``pack_clean(ev.props(), eid)`` for an Evidence of the usual value types (one per row: the generic
    path's dict and loop were ≈ 5 µs of it); anything else takes the generic path."""
    if type(ev) is not Evidence:
        return pack_clean(ev.props(), eid)
    d = ev.__dict__
    doc_id, start, end, quote, rule, conf, row, seq = (
        d["doc_id"], d["start"], d["end"], d["quote"], d["rule"], d["confidence"], d["row"], d["seq"]
    )  # fmt: skip
    if not (
        type(doc_id) is str
        and type(quote) is str
        and type(rule) is str
        and type(start) is int
        and type(end) is int
        and type(conf) is float
        and (row is None or type(row) is int)
        and (seq is None or type(seq) is str)
    ):
        return pack_clean(ev.props(), eid)
    cache = _STR_CACHE
    parts = [
        _DOUBLE.pack(_T_DOUBLE, conf),
        cache.get(doc_id) or _pack_str(doc_id),
        _LONG.pack(_T_LONG, end),
        _pack_id(eid),
        cache.get(quote) or _pack_str(quote),
    ]
    if row is not None:
        parts.append(_LONG.pack(_T_LONG, row))
    parts.append(cache.get(rule) or _pack_str(rule))
    if seq is not None:
        parts.append(cache.get(seq) or _pack_str(seq))
    parts.append(_LONG.pack(_T_LONG, start))
    return _EV_SIGS[row is not None, seq is not None], b"".join(parts)


def _fields(node_id: str, props: dict[str, Any]) -> tuple[str, Any, Any]:
    """The classifier's inputs of one platform row, as ``SET n += props`` would leave them (None and []
    set nothing)."""
    region, tokens = props.get("region"), props.get("field_tokens")
    return node_id, None if region is None or region == [] else region, tokens or None


# --- the parent: the end state of a whole run, in memory ----------------------------------------------


class _Blobs:
    """Node property blobs spilled to an unlinked temporary file (offsets and lengths in arrays), so the
    parent does not hold a whole run's packed properties: at 1M rows that was ~1.5 GiB of bytes objects
    (platforms with their search terms, evidence). A rewritten blob is appended; the old bytes stay as
    garbage in the file (only repeated nodes are rewritten, and only when their properties change)."""

    FLUSH = 8 * 1024 * 1024

    def __init__(self) -> None:
        self._fh = tempfile.TemporaryFile(prefix="innokg-bulk-")  # noqa: SIM115 -- lives as long as the graph
        self._fd = self._fh.fileno()
        self._off: array[int] = array("Q")
        self._len: array[int] = array("I")
        self._pending = bytearray()  # written after ``_flushed`` bytes of the file
        self._flushed = 0

    def __len__(self) -> int:
        return len(self._off)

    def _write(self, blob: bytes) -> int:
        at = self._flushed + len(self._pending)
        self._pending += blob
        if len(self._pending) >= self.FLUSH:
            self.flush()
        return at

    def flush(self) -> None:
        if self._pending:
            os.pwrite(self._fd, self._pending, self._flushed)
            self._flushed += len(self._pending)
            self._pending = bytearray()

    def append(self, blob: bytes) -> None:
        self._off.append(self._write(blob))
        self._len.append(len(blob))

    def get(self, idx: int) -> bytes:
        off, n = self._off[idx], self._len[idx]
        if off >= self._flushed:
            start = off - self._flushed
            return bytes(self._pending[start : start + n])
        return os.pread(self._fd, n, off)

    def set(self, idx: int, blob: bytes) -> None:
        self._off[idx] = self._write(blob)
        self._len[idx] = len(blob)

    def close(self) -> None:
        self._fh.close()


class BulkGraph:
    """What the MERGE path would leave in an empty store after loading these documents in this order."""

    def __init__(self) -> None:
        self._ids: dict[Label, dict[str, int]] = {}
        self._label: array[int] = array("B")  # node index → label code
        self._labels: list[Label] = list(Label)
        self._code = {lb: i for i, lb in enumerate(self._labels)}
        self._sigs: dict[Keys, int] = {}
        self._sig_keys: list[Keys] = []
        self._node_sig: array[int] = array("I")
        self._node_blob = _Blobs()
        # rel type → {(src << 32 | dst) or (src, dst, key): (sig, packed)}
        self._rels: dict[Rel, dict[Any, int]] = {}  # values: index into _rel_sig / _rel_blob
        self._rel_sig: array[int] = array("I")
        self._rel_blob = _Blobs()  # relationship property blobs, spilled like the nodes'
        self._plain: dict[Rel, set[int]] = {Rel.EVIDENCED_BY: set(), Rel.FROM_DOCUMENT: set()}
        self._docs: dict[str, str] = {}  # doc_id → sha256 loaded in this run
        # The derive step's inputs per platform (node index → code), later rows win as with SET +=: codes
        # into interned region strings / field-token tuples (0: not set), arrays instead of 1M tuples.
        self._f_region: array[int] = array("I")
        self._f_tokens: array[int] = array("I")
        self._f_values: dict[Any, int] = {None: 0}
        self._f_list: list[Any] = [None]
        self.sent = False

    # signatures ------------------------------------------------------------------------------------
    def _sig(self, keys: Keys) -> int:
        return _intern(self._sigs, self._sig_keys, keys)

    # nodes -----------------------------------------------------------------------------------------
    def node_index(self, label: Label, node_id: str) -> int | None:
        return self._ids.get(label, {}).get(node_id)

    def _upsert(self, label: Label, node_id: str, packed: Packed) -> tuple[int, bool]:
        """Upsert a node by id (MERGE semantics: later properties win) → (index, created)."""
        ids = self._ids.setdefault(label, {})
        idx = ids.get(node_id)
        if idx is None:
            idx = ids[node_id] = len(self._node_blob)
            self._label.append(self._code[label])
            self._node_sig.append(self._sig(packed[0]))
            self._node_blob.append(packed[1])
            return idx, True
        if packed[0] == ("id",):
            return idx, False  # nothing to set
        old_sig, old_blob = self._node_sig[idx], self._node_blob.get(idx)
        merged = unpack((self._sig_keys[old_sig], old_blob))
        merged.update(unpack(packed))
        keys, blob = pack(merged)
        sig = self._sig(keys)
        if sig != old_sig or blob != old_blob:  # most repeats (an institution in every batch) change nothing
            self._node_sig[idx] = sig
            self._node_blob.set(idx, blob)
        return idx, False

    def _set(self, label: Label, node_id: str, props: dict[str, PropValue]) -> int:
        return self._upsert(label, node_id, pack({**props, "id": node_id}))[0]

    def lookup(self, label: Label, ids: list[str]) -> set[str]:
        """Which of these ids exist (lab-cluster member resolution, as ingest.pipeline.run.existing_ids)."""
        have = self._ids.get(label, {})
        return {i for i in ids if i in have}

    # relationships ---------------------------------------------------------------------------------
    def _plain_rel(self, rel: Rel, src: int, dst: int) -> None:
        self._plain[rel].add(src << 32 | dst)

    def _rel(self, rel: Rel, src: int, dst: int, key: str, packed: Packed, doc: str, evidence: list[str]) -> None:
        table = self._rels.setdefault(rel, {})
        k: Any = (src << 32 | dst) if key == "" else (src, dst, key)
        rid = table.get(k)
        if rid is None:
            table[k] = len(self._rel_sig)
            self._rel_sig.append(self._sig(packed[0]))
            self._rel_blob.append(packed[1])
            return
        # SET r += props; r.docs = [x IN r.docs WHERE x <> doc] + [doc];
        # r.evidence = [x IN r.evidence WHERE NOT x IN ev] + ev   (cypher/templates/merge_rels.cypher)
        merged = unpack((self._sig_keys[self._rel_sig[rid]], self._rel_blob.get(rid)))
        new = unpack(packed)
        docs, ev = merged.get("docs", []), merged.get("evidence", [])
        for name in _REL_RESERVED:
            new.pop(name, None)
        merged.update(new)
        merged["docs"] = [x for x in docs if x != doc] + [doc]
        merged["evidence"] = [x for x in ev if x not in evidence] + evidence
        keys, blob = pack(merged)
        self._rel_sig[rid] = self._sig(keys)
        self._rel_blob.set(rid, blob)

    # documents -------------------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> str | None:
        """The sha256 this run already loaded for ``doc_id`` (None: not loaded)."""
        return self._docs.get(doc_id)

    def load(self, doc_id: str, sha256: str, props: dict[str, PropValue], batches: Iterable[BulkBatch]) -> LoadResult:
        """As app.store.loader.load_prepared on a store holding what this run loaded so far. A document
        loaded earlier in the run with other content cannot be replaced here: the caller loads it through
        the MERGE path after the bulk (``has_document``)."""
        if self.sent:
            raise StoreError("the bulk graph was already sent")
        if doc_id in self._docs:
            if self._docs[doc_id] == sha256:
                return LoadResult(doc_id, "unchanged")
            raise BulkError(f"document {doc_id} appears twice with different content")
        self._docs[doc_id] = sha256
        doc_node = document_id(doc_id)
        self._set(
            Label.DOCUMENT, doc_node, {**_clean({**props, "doc_id": doc_id, "sha256": sha256}), "load_state": "loading"}
        )
        total = LoadResult(doc_id, "loaded")
        seen: dict[str, set[str]] = {}
        for b in batches:
            with gc_paused():  # the parent holds the whole run: a gen-2 pass rescans all of it
                self._load_batch(b, doc_node, total, seen)
        # The document stays 'loading' in the bulk: `complete()` marks every document complete only
        # after the last GRAPH.BULK command and the schema succeeded, so a bulk that died part-way
        # leaves documents the next run purges and reloads, never complete-but-partial ones.
        return total

    def _evidence(self, eid: str, packed: Packed, doc_idx: int | None) -> int:
        idx, _ = self._upsert(Label.EVIDENCE, eid, packed)
        if doc_idx is not None:
            self._plain_rel(Rel.FROM_DOCUMENT, idx, doc_idx)
        return idx

    def _load_batch(self, b: BulkBatch, doc_node: str, total: LoadResult, seen: dict[str, set[str]]) -> None:
        # Enum .value, the document's index and the per-label tables are looked up once per batch, not per
        # row (≈ 1/4 of this loop's CPU was enum attribute access and repeated lookups).
        total.evidence += b.evidence
        doc_idx = self.node_index(Label.DOCUMENT, doc_node)  # created by load() before any batch
        for eid, packed in b.loose_evidence:
            # MATCH (d:Document {id}) — the document node exists (created by load()).
            self._evidence(eid, packed, doc_idx)
        evidenced = self._plain[Rel.EVIDENCED_BY]
        bare_ev = pack({"id": ""})[0]
        for label, rows in b.nodes:
            lv = label.value
            ids = seen.setdefault(lv, set())
            created_n = nodes_n = 0
            for node_id, packed, old_ev, new_ev in rows:
                idx, created = self._upsert(label, node_id, packed)
                if node_id not in ids:
                    ids.add(node_id)
                    nodes_n += 1
                created_n += created
                for eid, ev_packed in new_ev:
                    evidenced.add(idx << 32 | self._evidence(eid, ev_packed, doc_idx))
                for eid in old_ev:
                    # MERGE (e:Evidence {id}) creates a bare evidence node when none exists.
                    e_idx, _ = self._upsert(Label.EVIDENCE, eid, (bare_ev, _pack_id(eid)))
                    evidenced.add(idx << 32 | e_idx)
            total.created[lv] = total.created.get(lv, 0) + created_n
            if nodes_n:
                total.nodes[lv] = total.nodes.get(lv, 0) + nodes_n
        if b.fields:
            self._load_fields(b.fields)
        for rel, src_label, dst_label, rel_rows in b.rels:
            src_ids, dst_ids = self._ids.get(src_label, {}), self._ids.get(dst_label, {})
            if rel_rows:
                total.rels[rel.value] = total.rels.get(rel.value, 0) + len(rel_rows)
            for src, dst, key, packed, evidence in rel_rows:
                s, d = src_ids.get(src), dst_ids.get(dst)
                if s is None or d is None:  # MATCH found no endpoint: the MERGE path drops the row
                    total.dropped_rels += 1
                    continue
                self._rel(rel, s, d, key, packed, b.doc_id, evidence)

    def _load_fields(self, fields: list[tuple[str, Any, Any]]) -> None:
        ids = self._ids[Label.PLATFORM]
        region, tokens = self._f_region, self._f_tokens
        grow = len(self._node_blob) - len(region)
        if grow > 0:
            region.frombytes(bytes(4 * grow))
            tokens.frombytes(bytes(4 * grow))
        for node_id, rg, toks in fields:
            idx = ids[node_id]
            if rg is not None:
                region[idx] = _intern(self._f_values, self._f_list, rg)
            if toks is not None:
                tokens[idx] = _intern(self._f_values, self._f_list, tuple(toks))

    def derive_inputs(self) -> tuple[list[dict[str, Any]], Iterator[dict[str, Any]]]:
        """What app.services.chains.infer_links reads from a store (``chains_terms``, ``platforms_fields``),
        from this run's in-memory graph: so a first load classifies before GRAPH.BULK instead of paging
        every platform back out of the store afterwards."""
        chain_labels = (Label.INDUSTRIAL_CHAIN, Label.INDUSTRIAL_CLUSTER)
        chains: list[dict[str, Any]] = []
        id_of: dict[int, str] = {}
        for label in chain_labels:
            for cid, idx in self._ids.get(label, {}).items():
                props = unpack((self._sig_keys[self._node_sig[idx]], self._node_blob.get(idx)))
                chains.append(
                    {"id": cid, "label": label.value, "name": props.get("name"), "terms": props.get("terms"),
                     "region": props.get("region")}
                )  # fmt: skip
                id_of[idx] = cid
        chains.sort(key=lambda c: c["id"])
        # Declared: SERVES (none is inferred before the derive step) and the chain a served node is PART_OF.
        part_of: dict[int, list[int]] = {}
        for k in self._rels.get(Rel.PART_OF, {}):
            s, d = (k >> 32, k & 0xFFFFFFFF) if isinstance(k, int) else (k[0], k[1])
            if self._labels[self._label[d]] == Label.INDUSTRIAL_CHAIN:
                part_of.setdefault(s, []).append(d)
        declared: dict[int, set[str]] = {}
        for k in self._rels.get(Rel.SERVES, {}):
            s, d = (k >> 32, k & 0xFFFFFFFF) if isinstance(k, int) else (k[0], k[1])
            got = declared.setdefault(s, set())
            if d in id_of:
                got.add(id_of[d])
            got.update(id_of[x] for x in part_of.get(d, ()))

        def platforms() -> Iterator[dict[str, Any]]:
            region, tokens, values = self._f_region, self._f_tokens, self._f_list
            for pid, idx in self._ids.get(Label.PLATFORM, {}).items():
                t = tokens[idx] if idx < len(tokens) else 0
                if t:
                    rg = values[region[idx]]
                    yield {"id": pid, "region": rg, "field_tokens": values[t], "declared": declared.get(idx)}

        return chains, platforms()

    # sizes -----------------------------------------------------------------------------------------
    @property
    def node_count(self) -> int:
        return len(self._node_blob)

    @property
    def edge_count(self) -> int:
        return sum(len(t) for t in self._rels.values()) + sum(len(s) for s in self._plain.values())

    # sending ---------------------------------------------------------------------------------------
    def _node_order(self) -> tuple[list[int], array[int]]:
        """Nodes grouped by (label, signature) so each group is one token; internal ids follow that order."""
        order = sorted(range(len(self._node_blob)), key=lambda i: (self._label[i], self._node_sig[i]))
        internal = array("Q", bytes(8 * len(order)))
        for pos, i in enumerate(order):
            internal[i] = pos
        return order, internal

    def _node_tokens(self, order: list[int]) -> Iterator[tuple[int, bytes]]:
        """(entity count, token) per run of one label and signature, split at MAX_TOKEN."""
        i = 0
        while i < len(order):
            first = order[i]
            label, sig = self._labels[self._label[first]], self._node_sig[first]
            head = _header(label.value, self._sig_keys[sig])
            parts, size, n = [head], len(head), 0
            while i < len(order):
                j = order[i]
                if self._label[j] != self._label[first] or self._node_sig[j] != sig:
                    break
                blob = self._node_blob.get(j)
                if n and size + len(blob) > MAX_TOKEN:
                    break
                parts.append(blob)
                size += len(blob)
                n += 1
                i += 1
            yield n, b"".join(parts)

    def _edge_tokens(self, internal: array[int]) -> Iterator[tuple[int, bytes]]:
        edge = _EDGE.pack
        for rel in list(self._plain):
            pairs = self._plain.pop(rel)  # freed once sent
            head = _header(rel.value, ())
            parts, size, n = [head], len(head), 0
            for k in pairs:
                if size + 16 > MAX_TOKEN:
                    yield n, b"".join(parts)
                    parts, size, n = [head], len(head), 0
                parts.append(edge(internal[k >> 32], internal[k & 0xFFFFFFFF]))
                size += 16
                n += 1
            if n:
                yield n, b"".join(parts)
        for rel in list(self._rels):
            table = self._rels.pop(rel)  # freed once sent
            by_sig: dict[int, list[tuple[Any, int]]] = {}
            for k, rid in table.items():
                by_sig.setdefault(self._rel_sig[rid], []).append((k, rid))
            for sig, items in by_sig.items():
                head = _header(rel.value, self._sig_keys[sig])
                parts, size, n = [head], len(head), 0
                for k, rid in items:
                    blob = self._rel_blob.get(rid)
                    s, d = (k >> 32, k & 0xFFFFFFFF) if isinstance(k, int) else (k[0], k[1])
                    if n and size + 16 + len(blob) > MAX_TOKEN:
                        yield n, b"".join(parts)
                        parts, size, n = [head], len(head), 0
                    parts.append(edge(internal[s], internal[d]) + blob)
                    size += 16 + len(blob)
                    n += 1
                if n:
                    yield n, b"".join(parts)

    def document_ids(self) -> list[str]:
        """The Document node ids of the run (complete_documents stamps them once the graph is sent)."""
        return [document_id(d) for d in self._docs]

    def send(self, store: GraphStore, *, on_command: Callable[[int, int], None] | None = None) -> tuple[int, int]:
        """Create the graph with GRAPH.BULK (nodes first: edges refer to existing internal ids).
        Returns (nodes, edges) the server reported. The graph key must not exist.

        Two phases, so that the parent holds about one command while the server grows with the graph:
        every command is first written to a spool file (the in-memory run freed as its tokens are built),
        then the run is dropped and the commands are sent one by one, read back from the spool."""
        if self.sent:
            raise StoreError("the bulk graph was already sent")
        conn, key = _connection(store)
        if conn.exists(key):
            raise StoreError(f"GRAPH.BULK needs a new graph: {key} exists")
        self.sent = True  # from here on the in-memory graph is consumed as it is spooled
        order, internal = self._node_order()
        # What the tokens no longer need is freed before the spool grows.
        self._ids, self._f_region, self._f_tokens, self._f_values, self._f_list = {}, array("I"), array("I"), {}, []
        _trim()
        created = [0, 0]
        with _Spool() as spool:
            for n, tok in self._node_tokens(order):
                spool.add(tok, n, nodes=True)
            order.clear()
            self._node_blob.close()
            self._node_blob, self._label, self._node_sig = _Blobs(), array("B"), array("I")
            _trim()
            for n, tok in self._edge_tokens(internal):
                spool.add(tok, n, nodes=False)
            # Nothing of the run is needed any more (the documents stay: complete() stamps them).
            del internal
            self._rel_blob.close()
            self._rel_blob, self._rel_sig = _Blobs(), array("I")
            self._sigs, self._sig_keys = {}, []
            _trim()
            for i in range(len(spool)):
                with spool.command(i) as (nodes, edges, n_labels, tokens):
                    args: list[Any] = [nodes, edges, n_labels, len(tokens) - n_labels, *tokens]
                    if i == 0:
                        args.insert(0, "BEGIN")
                    try:
                        reply = _bulk(conn, key, args)
                    except Exception as exc:
                        raise StoreError(f"GRAPH.BULK failed: {exc}") from exc
                    del args
                text = reply.decode() if isinstance(reply, bytes) else str(reply)
                stats = text.split(", ")
                created[0] += int(stats[0].split(" ")[0])
                created[1] += int(stats[1].split(" ")[0])
                if on_command is not None:
                    on_command(nodes, edges)
        _wait_no_fork(conn)
        return created[0], created[1]


@dataclass
class _Command:
    """One GRAPH.BULK command in the spool: its tokens back to back from ``offset``."""

    offset: int
    nodes: bool  # a node command (else relationships)
    count: int = 0  # entities in its tokens
    sizes: list[int] = field(default_factory=list)  # token lengths, in order
    size: int = 0


class _Spool:
    """The GRAPH.BULK commands of a send, written to an unlinked temporary file before the first one is
    sent: building the tokens needs the whole run in memory, sending them needs the server to grow with
    the graph, and the two no longer overlap (the parent held ~1 GiB at 1M rows while the server loaded).
    Tokens go to the file as they are built; a command ends where the next token would pass MAX_COMMAND
    bytes (node and relationship tokens never share one). The index (per command: entity count and token
    lengths) is a few hundred integers in memory; a command is read back by mapping its part of the file.
    The file is unlinked as soon as it is created and gone once closed (and unmapped); a write that fails
    (disk full) raises StoreError naming it, before anything was sent."""

    def __init__(self) -> None:
        fd, self.path = tempfile.mkstemp(prefix="innokg-bulk-spool-")
        os.unlink(self.path)  # space is freed when the descriptor closes, whatever happens
        self._fd = fd
        self._end = 0
        self._commands: list[_Command] = []

    def __enter__(self) -> _Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def add(self, token: bytes, count: int, *, nodes: bool) -> None:
        """Append one token of ``count`` entities to the current command, or to a new one."""
        cmd = self._commands[-1] if self._commands else None
        if cmd is None or cmd.nodes != nodes or cmd.size + len(token) > MAX_COMMAND:
            cmd = _Command(self._end, nodes)
            self._commands.append(cmd)
        view = memoryview(token)
        try:
            while view:
                done = os.pwrite(self._fd, view, self._end)
                view = view[done:]
                self._end += done
        except OSError as exc:
            raise StoreError(f"GRAPH.BULK spool {self.path} (unlinked): write failed, nothing sent: {exc}") from exc
        cmd.sizes.append(len(token))
        cmd.size += len(token)
        cmd.count += count

    def __len__(self) -> int:
        return len(self._commands)

    @contextmanager
    def command(self, i: int) -> Iterator[tuple[int, int, int, list[memoryview]]]:
        """(nodes, edges, label tokens, tokens) of the i-th command. The tokens are views of the file
        mapped read-only (no copy: the socket sends from the page cache), unmapped when the block ends."""
        cmd = self._commands[i]
        start = cmd.offset - cmd.offset % mmap.ALLOCATIONGRANULARITY
        try:
            mapped = mmap.mmap(self._fd, cmd.offset + cmd.size - start, access=mmap.ACCESS_READ, offset=start)
        except (OSError, ValueError) as exc:
            raise StoreError(f"GRAPH.BULK spool {self.path} (unlinked): cannot map command {i}: {exc}") from exc
        whole = memoryview(mapped)
        tokens, at = [], cmd.offset - start
        for n in cmd.sizes:
            tokens.append(whole[at : at + n])
            at += n
        try:
            yield (cmd.count, 0, len(tokens), tokens) if cmd.nodes else (0, cmd.count, 0, tokens)
        finally:  # views first: a mapping with live views cannot be closed
            for view in tokens:
                view.release()
            whole.release()
            mapped.close()


def complete_documents(store: GraphStore, ids: list[str]) -> None:
    """After a successful send: these documents are completely loaded."""
    loaded_at = datetime.now(UTC).isoformat(timespec="seconds")
    store.write([Statement(template("documents_complete"), {"ids": ids, "loaded_at": loaded_at})])


def _bulk(conn: Any, key: str, args: list[Any]) -> Any:
    """One ``GRAPH.BULK key args…`` on a connection of the client's pool, packed here: redis-py's hiredis
    packer copies every argument into one bytes object (the parent held each command twice, 2 × 160 MB at
    1M rows); these pieces go to the socket as they are, tokens straight from the spool's mapping."""
    parts = [b"GRAPH.BULK", key.encode(), *(a if isinstance(a, memoryview) else str(a).encode() for a in args)]
    pieces: list[bytes | memoryview] = [b"*%d\r\n" % len(parts)]
    for part in parts:
        pieces += (b"$%d\r\n" % len(part), part, b"\r\n")
    pool = conn.connection_pool
    c = pool.get_connection()
    try:
        c.send_packed_command(pieces)
        return c.read_response()
    except BaseException:
        c.disconnect()  # a reply may be half read or a command half sent: a new connection next time
        raise
    finally:
        pool.release(c)


def _intern(index: dict[Any, int], values: list[Any], value: Any) -> int:
    """The code of ``value`` in an interning table (``values[code] == value``), added when new."""
    code = index.get(value)
    if code is None:
        code = index[value] = len(values)
        values.append(value)
    return code


def _trim() -> None:
    """Hand freed heap back to the system (glibc keeps it otherwise: the parent's RSS would stay at its
    peak while the server loads the graph)."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to do
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _wait_no_fork(conn: Any, timeout: float = 120.0) -> None:
    """Wait until the server runs no background fork (an RDB/AOF child or a module fork): the schema
    applied right after a 1M-row bulk failed once with "BUSY preparing to fork" (2026-11-21)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        info = conn.info("persistence")
        if not any(v for k, v in info.items() if k.endswith("_in_progress") and isinstance(v, int)):
            return
        time.sleep(0.2)


def _header(name: str, keys: Keys) -> bytes:
    return name.encode() + b"\0" + struct.pack("<I", len(keys)) + b"".join(k.encode() + b"\0" for k in keys)


def _connection(store: GraphStore) -> tuple[Any, str]:
    """The embedded store's redis connection and graph key (GRAPH.BULK is a server command, not Cypher)."""
    db = getattr(store, "_db", None)
    name = getattr(store, "_graph_name", None)
    if store.backend != "falkordb" or db is None or name is None:
        raise StoreError("GRAPH.BULK needs the embedded FalkorDB store")
    return db.connection, str(name)


def graph_exists(store: GraphStore) -> bool:
    """Whether the store's graph key exists (bulk loads only create new graphs). Neo4j: always True."""
    if store.backend != "falkordb":
        return True
    conn, key = _connection(store)
    return bool(conn.exists(key))

"""GRAPH.BULK value packing (FalkorDB 4.16, as read by its bulk loader).

A value is a type byte + payload: 0 null (property not set), 1 bool (1 byte), 2 double, 3 string
(UTF-8 + NUL), 4 int64, 5 array (int64 length + values). Little-endian on every supported machine.
An entity's properties are held as a signature (the sorted property names) and their packed values in
that order (``Packed``); packing runs in the worker processes, the parent only merges. The fold of a run
(app.store.fold.graph) holds its values in this encoding whichever engine the run goes to: FalkorDB's
tokens carry the blobs as they are, the Neo4j importer unpacks them into CSV.
"""

from __future__ import annotations

import struct
from typing import Any

from app.model.batch import Evidence
from app.store.rows import REL_RESERVED

_T_NULL, _T_BOOL, _T_DOUBLE, _T_STRING, _T_LONG, _T_ARRAY = 0, 1, 2, 3, 4, 5
_LONG = struct.Struct("<Bq")
_DOUBLE = struct.Struct("<Bd")
_I64 = struct.Struct("<q")
_F64 = struct.Struct("<d")
_TRUE, _FALSE = bytes((_T_BOOL, 1)), bytes((_T_BOOL, 0))

Keys = tuple[str, ...]
Packed = tuple[Keys, bytes]  # property names (a signature) + their packed values in that order


class BulkError(ValueError):
    """A value GRAPH.BULK cannot carry (a string with a NUL, a nested list, a map)."""


_STR_CACHE: dict[str, bytes] = {}  # packed short strings: levels, types, regions, hosts, doc ids repeat


def pack_str(v: str) -> bytes:
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


def pack_id(v: str) -> bytes:
    """A node id (ASCII, unique per row for evidence: not worth the short-string cache)."""
    if "\0" in v:
        raise BulkError(f"string with a NUL character: {v[:40]!r}")
    return b"\x03" + v.encode("utf-8") + b"\0"


_PLAIN_REL_KEYS: Keys = ("docs", "evidence", "key")


def _pack_value(v: Any, out: list[bytes]) -> None:
    if type(v) is str:
        out.append(pack_str(v))
    elif isinstance(v, str):
        out.append(pack_str(str(v)))
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
            append(p if p is not None else pack_str(x))
        elif isinstance(x, list | tuple | dict):
            raise BulkError("nested list property")
        else:
            _pack_value(x, out)


def array_header(n: int) -> bytes:
    """The type byte and length of a packed list of ``n`` values (its values follow)."""
    return _LONG.pack(_T_ARRAY, n)


def pack(props: dict[str, Any]) -> Packed:
    """Properties → (sorted names, packed values). None values are not properties (MERGE ``SET +=``
    callers drop them before)."""
    keys = tuple(sorted(props))
    return keys, pack_values(props, keys)


def pack_values(props: dict[str, Any], keys: Keys) -> bytes:
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
            append(p if p is not None else pack_str(v))
        elif tv is list:
            _pack_array(v, out)
        elif tv is int:  # row numbers, offsets, years, orders: inlined, not worth a call each
            append(_LONG.pack(_T_LONG, v))
        else:
            _pack_value(v, out)
    return b"".join(out)


_SORTED: dict[Keys, Keys] = {}  # property names in insertion order → sorted (rows of a batch share a few orders)


def sorted_keys(props: dict[str, Any]) -> Keys:
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


class Raw(bytes):
    """A value packed already (a batch's ``docs`` list, a row's evidence list): appended as it is. Only
    the packers make one: a property value of type bytes is still refused (``_pack_value``)."""


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


def plan_for(kind: str, order: Keys) -> _Plan | None:
    """The plan of a node row (``kind`` "node": ``id`` last, replacing a property of that name) or of a
    relationship row (``kind`` "rel": ``key``, ``docs``, ``evidence`` last; None when a property has one
    of those names: the slow path decides, as before)."""
    plan = _PLANS.get((kind, order))
    if plan is None:
        if kind == "node":
            plan = _Plan((*order, "id"), order.index("id") if "id" in order else None)
        elif not any(k in order for k in REL_RESERVED):
            plan = _Plan((*order, "key", "docs", "evidence"))
        if len(_PLANS) < 10_000:
            _PLANS[(kind, order)] = plan
    return plan


def pack_planned(vals: list[Any], plan: _Plan) -> Packed:
    """``pack`` of the values named ``plan.names`` without the None / [] ones (``app.store.rows.clean``),
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
            append(p if p is not None else pack_str(v))
        elif tv is Raw:
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
        elif v != []:  # a list subclass equal to [] is dropped by clean() too
            _pack_value(v, out)
        else:
            missing.append(j)
    return plan.sig(tuple(missing)), b"".join(out)


def pack_clean(props: dict[str, Any], node_id: str) -> Packed:
    """``pack({**clean(props), "id": node_id})`` in one pass (None and [] are not properties)."""
    plan = plan_for("node", tuple(props))
    assert plan is not None
    return pack_planned([*props.values(), node_id], plan)


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


_EV_KEYS: Keys = ("confidence", "doc_id", "end", "id", "quote", "row", "rule", "seq", "start")
_EV_SIGS = {
    (row, seq): tuple(k for k in _EV_KEYS if (row or k != "row") and (seq or k != "seq"))
    for row in (True, False)
    for seq in (True, False)
}  # (row set, seq set) → signature


def pack_evidence(ev: Evidence, eid: str) -> Packed:
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
        cache.get(doc_id) or pack_str(doc_id),
        _LONG.pack(_T_LONG, end),
        pack_id(eid),
        cache.get(quote) or pack_str(quote),
    ]
    if row is not None:
        parts.append(_LONG.pack(_T_LONG, row))
    parts.append(cache.get(rule) or pack_str(rule))
    if seq is not None:
        parts.append(cache.get(seq) or pack_str(seq))
    parts.append(_LONG.pack(_T_LONG, start))
    return _EV_SIGS[row is not None, seq is not None], b"".join(parts)

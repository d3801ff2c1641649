"""The run's GRAPH.BULK tokens: the engine-neutral fold (app.store.fold.graph.Fold) emitted as FalkorDB's
bulk-insert encoding, node tokens then edge tokens, freeing the fold as the tokens are built."""

from __future__ import annotations

import struct
from array import array
from collections.abc import Iterator
from typing import Any

from app.store.falkordb.spool import Spool
from app.store.fold.graph import Fold, trim
from app.store.fold.pack import Keys
from app.store.protocol import StoreError

MAX_TOKEN = 32 * 1024 * 1024  # bytes per token (Redis: 512 MB per bulk string)
_EDGE = struct.Struct("<QQ")


class BulkGraph(Fold):
    """The fold of a run, sent with GRAPH.BULK (app.store.falkordb.send)."""

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

    def spool(self, spool: Spool) -> None:
        """Write the run's GRAPH.BULK tokens to ``spool`` (nodes first: edges refer to internal ids in
        creation order), consuming the run: what the tokens no longer need is freed as they are built."""
        if self.sent:
            raise StoreError("the bulk graph was already sent")
        self.sent = True  # from here on the in-memory graph is consumed as it is spooled
        order, internal = self._node_order()
        # What the tokens no longer need is freed before the spool grows.
        self._ids, self._f_region, self._f_tokens, self._f_values, self._f_list = {}, array("I"), array("I"), {}, []
        trim()
        for n, tok in self._node_tokens(order):
            spool.add(tok, n, nodes=True)
        order.clear()
        self.release_nodes()
        trim()
        for n, tok in self._edge_tokens(internal):
            spool.add(tok, n, nodes=False)
        # Nothing of the run is needed any more (the documents stay: complete() stamps them).
        del internal
        self.release_rels()
        self._sigs, self._sig_keys = {}, []
        trim()


def _header(name: str, keys: Keys) -> bytes:
    return name.encode() + b"\0" + struct.pack("<I", len(keys)) + b"".join(k.encode() + b"\0" for k in keys)

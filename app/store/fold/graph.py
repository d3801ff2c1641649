"""The parent's side of a bulk run, engine-neutral: the end state of the whole run folded in memory (what the
MERGE path would leave), values packed in GRAPH.BULK's value encoding (app.store.fold.pack). Each engine's
bulk path reads it out: app.store.falkordb.tokens emits GRAPH.BULK tokens, app.store.neo4j.importer CSV files."""

from __future__ import annotations

import contextlib
import ctypes
import os
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from typing import Any

from app.model.batch import PropValue
from app.model.runtime import gc_paused
from app.model.schema import Label, Rel, document_id
from app.store.fold.batch import BulkBatch
from app.store.fold.pack import BulkError, Keys, Packed, pack, pack_id, unpack
from app.store.protocol import StoreError
from app.store.rows import LoadResult, document_props, merge_node_props, merge_rel_props


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


class Fold:
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
        keys, blob = pack(merge_node_props(unpack((self._sig_keys[old_sig], old_blob)), unpack(packed)))
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
        old = unpack((self._sig_keys[self._rel_sig[rid]], self._rel_blob.get(rid)))
        keys, blob = pack(merge_rel_props(old, unpack(packed), doc, evidence))
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
        self._set(Label.DOCUMENT, doc_node, {**document_props(props, doc_id, sha256), "load_state": "loading"})
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
                    e_idx, _ = self._upsert(Label.EVIDENCE, eid, (bare_ev, pack_id(eid)))
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

    # reading the run out (an engine's bulk path: app.store.neo4j.importer) ----------------------------------
    def export_nodes(self) -> Iterator[tuple[int, Label, dict[str, Any]]]:
        """Every node of the run as (index, label, properties), in index order (the run's end state)."""
        for i in range(len(self._node_blob)):
            props = unpack((self._sig_keys[self._node_sig[i]], self._node_blob.get(i)))
            yield i, self._labels[self._label[i]], props

    def export_rels(self) -> Iterator[tuple[Rel, int, int, dict[str, Any] | None]]:
        """Every relationship as (type, source index, target index, properties; None: it has none)."""
        for rel, pairs in self._plain.items():
            for k in pairs:
                yield rel, k >> 32, k & 0xFFFFFFFF, None
        for rel, table in self._rels.items():
            for k, rid in table.items():
                s, d = (k >> 32, k & 0xFFFFFFFF) if isinstance(k, int) else (k[0], k[1])
                yield rel, s, d, unpack((self._sig_keys[self._rel_sig[rid]], self._rel_blob.get(rid)))

    def consume(self) -> None:
        """Mark the run sent and free what it held (the documents stay: complete() stamps them)."""
        self.sent = True
        self._node_blob.close()
        self._rel_blob.close()
        self._ids, self._plain, self._rels = {}, {}, {}
        self._node_blob, self._label, self._node_sig = _Blobs(), array("B"), array("I")
        self._rel_blob, self._rel_sig = _Blobs(), array("I")
        self._f_region, self._f_tokens, self._f_values, self._f_list = array("I"), array("I"), {}, []
        trim()

    def release_nodes(self) -> None:
        """Free the nodes' blobs, labels and signatures (an emitter that has built the node tokens)."""
        self._node_blob.close()
        self._node_blob, self._label, self._node_sig = _Blobs(), array("B"), array("I")

    def release_rels(self) -> None:
        """Free the relationships' blobs and signatures (an emitter that has built the edge tokens)."""
        self._rel_blob.close()
        self._rel_blob, self._rel_sig = _Blobs(), array("I")

    def document_ids(self) -> list[str]:
        """The Document node ids of the run (complete_documents stamps them once the graph is sent)."""
        return [document_id(d) for d in self._docs]


def _intern(index: dict[Any, int], values: list[Any], value: Any) -> int:
    """The code of ``value`` in an interning table (``values[code] == value``), added when new."""
    code = index.get(value)
    if code is None:
        code = index[value] = len(values)
        values.append(value)
    return code


def trim() -> None:
    """Hand freed heap back to the system (glibc keeps it otherwise: the parent's RSS would stay at its
    peak while the server loads the graph)."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to do
        ctypes.CDLL("libc.so.6").malloc_trim(0)

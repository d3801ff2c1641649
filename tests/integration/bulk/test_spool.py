"""GRAPH.BULK through the spool (app.store.falkordb.spool.Spool): the commands reach the live embedded server
byte-identical to the in-memory split the send used before (same tokens, same command boundaries, same
order), the spool file is gone after a success and after a refused command, and a spool write error is a
StoreError before anything is sent. Then: what ingest.pipeline.bulk drops before the send comes back identical."""

from __future__ import annotations

import os
import resource
import signal
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import app.store.falkordb.send as bulk_send
import app.store.falkordb.spool as bulk_spool
import app.store.falkordb.tokens as bulk_graph
import app.store.fold.pack as bulk_pack
from app.store.falkordb.bulk import BulkGraph, FalkorBulk, bulk_rows, graph_exists
from app.store.falkordb.store import FalkorStore
from app.store.protocol import StoreError
from ingest.pipeline.files import classify
from ingest.pipeline.prepare import Job, Preparer, prepare_file
from ingest.resolve.seed import SEED_DOC_ID, seed_batch, seed_sha256
from ingest.synth import generate

Args = tuple[Any, ...]


@pytest.fixture
def fresh(embedded_path: Path) -> Iterator[FalkorStore]:
    """A graph key that does not exist yet (GRAPH.BULK creates it)."""
    st = FalkorStore(embedded_path, graph=f"spool_{uuid.uuid4().hex[:10]}")
    yield st
    st.drop()
    st.close()


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, dict[str, Any], list[Any]]]:
    """A small synth run prepared for the bulk path once: (doc id, sha256, props, bulk batches) per file."""
    root = tmp_path_factory.mktemp("spool_synth")
    generate(400, 3, root)
    out = []
    for path in sorted(p for p in root.rglob("*") if p.suffix in {".csv", ".xlsx"} and p.name != "labels.csv"):
        prep = prepare_file(Job(path, classify(path, "auto"), Preparer(10_000, pack=bulk_rows)))
        if prep.error is None and prep.deferred is None:
            out.append((prep.doc_id, prep.sha256, prep.props, prep.batches))
    assert len(out) > 5
    return out


def _loader(store: FalkorStore) -> FalkorBulk:
    return store.bulk_loader()


def _graph(synth: list[tuple[str, str, dict[str, Any], list[Any]]]) -> BulkGraph:
    g = BulkGraph()
    g.load(SEED_DOC_ID, seed_sha256(), {"kind": "seed", "title": "gazetteer + taxonomy"}, [bulk_rows(seed_batch())])
    for doc_id, sha, props, batches in synth:
        g.load(doc_id, sha, props, batches)
    return g


def _reference(g: BulkGraph) -> list[list[Any]]:
    """The argument lists the send issued before the spool (the in-memory split, verbatim), without the
    key: tokens from the same builders, a command cut where the next token would pass MAX_COMMAND."""
    order, internal = g._node_order()
    out: list[list[Any]] = []
    for stream, is_node in ((g._node_tokens(order), True), (g._edge_tokens(internal), False)):
        commands: list[tuple[int, list[bytes]]] = []
        tokens: list[bytes] = []
        size = count = 0
        for n, tok in stream:
            if tokens and size + len(tok) > bulk_spool.MAX_COMMAND:
                commands.append((count, tokens))
                tokens, size, count = [], 0, 0
            tokens.append(tok)
            size += len(tok)
            count += n
        if tokens:
            commands.append((count, tokens))
        for count, tokens in commands:
            nodes, edges, n_labels = (count, 0, len(tokens)) if is_node else (0, count, 0)
            out.append([nodes, edges, n_labels, len(tokens) - n_labels, *tokens])
    out[0].insert(0, "BEGIN")
    return out


def _spool_fds() -> list[str]:
    """Open descriptors of this process on a spool file (unlinked: the link reads '… (deleted)')."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if "innokg-bulk-spool-" in target:
            found.append(target)
    return found


class _Recording:
    """Every GRAPH.BULK argument list on its way to the live server (send.bulk_command, which packs and sends one
    command), with the spool descriptors open at that moment. ``begin_again``: the n-th command is sent
    with a second BEGIN, which the server refuses (the key exists by then) — a real failed command."""

    def __init__(self, begin_again: int | None = None) -> None:
        self.sent: list[list[Any]] = []
        self.spool_open: list[int] = []
        self.begin_again = begin_again
        self.real = bulk_send.bulk_command

    def __call__(self, conn: Any, key: str, args: list[Any]) -> Any:
        self.sent.append(["GRAPH.BULK", key, *(bytes(a) if isinstance(a, memoryview) else a for a in args)])
        self.spool_open.append(len(_spool_fds()))
        if len(self.sent) == self.begin_again:
            args = ["BEGIN", *args]
        return self.real(conn, key, args)


def _record(monkeypatch: pytest.MonkeyPatch, begin_again: int | None = None) -> _Recording:
    rec = _Recording(begin_again)
    monkeypatch.setattr(bulk_send, "bulk_command", rec)
    return rec


@pytest.mark.parametrize("limits", [None, (2_000, 20_000)], ids=["default", "many-tokens-and-commands"])
def test_the_spooled_commands_are_the_in_memory_ones_byte_for_byte(
    fresh: FalkorStore,
    synth: list[tuple[str, str, dict[str, Any], list[Any]]],
    monkeypatch: pytest.MonkeyPatch,
    limits: tuple[int, int] | None,
) -> None:
    if limits is not None:  # small tokens and commands: many of both, cut inside label groups and rel types
        monkeypatch.setattr(bulk_graph, "MAX_TOKEN", limits[0])
        monkeypatch.setattr(bulk_spool, "MAX_COMMAND", limits[1])
    expected = _reference(_graph(synth))
    assert len(expected) >= (20 if limits else 2)
    graph = _graph(synth)
    nodes, edges = graph.node_count, graph.edge_count
    rec = _record(monkeypatch)
    assert _loader(fresh).send(graph) == (nodes, edges)
    key = _loader(fresh).key
    assert rec.sent == [["GRAPH.BULK", key, *e] for e in expected]
    assert min(rec.spool_open) >= 1  # the spool was open while sending …
    assert _spool_fds() == []  # … and is gone now
    rows = fresh.read("MATCH (n) RETURN count(n) AS n")
    assert rows[0]["n"] == nodes


def test_the_spool_is_gone_after_a_refused_command(
    fresh: FalkorStore, synth: list[tuple[str, str, dict[str, Any], list[Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_spool, "MAX_COMMAND", 50_000)
    graph = _graph(synth)
    rec = _record(monkeypatch, begin_again=3)
    with pytest.raises(StoreError, match=r"GRAPH\.BULK failed: .*already exists"):
        _loader(fresh).send(graph)
    assert len(rec.sent) == 3 and rec.spool_open[-1] >= 1
    assert _spool_fds() == []
    assert graph.sent  # consumed: the run fails and the next one starts over


def test_a_spool_write_error_is_a_store_error_before_anything_is_sent(
    fresh: FalkorStore, synth: list[tuple[str, str, dict[str, Any], list[Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file-size limit makes the spool's writes fail as a full disk would (EFBIG instead of ENOSPC)."""
    graph = _graph(synth)
    rec = _record(monkeypatch)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    old = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of killing the process
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, hard))
    try:
        with pytest.raises(StoreError, match=r"spool /\S*innokg-bulk-spool-\S+ \(unlinked\): write failed"):
            _loader(fresh).send(graph)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old)
    assert rec.sent == []
    assert not graph_exists(fresh)
    assert _spool_fds() == []


def test_what_the_bulk_parent_drops_before_the_send_comes_back_the_same() -> None:
    """ingest.pipeline.bulk.release_build_caches empties jieba's dictionary and segment's word tables; their next
    users reload them and cut, cross and search exactly as before."""
    import jieba

    from app.text import segment
    from app.text.search_terms import search_terms
    from ingest.pipeline.bulk import release_build_caches

    texts = [
        "辽宁省先进材料与智能制造重点实验室",
        "大连理工大学精细化工国家重点实验室",
        "沈阳市工业互联网工程技术研究中心",
    ]
    runs = [f"{t}{i}号" for i in range(3) for t in texts]  # names no lru cache has seen
    before = (
        [jieba.lcut(t, HMM=False) for t in texts],
        [[segment.crosses(t, p) for p in range(1, len(t))] for t in texts],
        [search_terms(t) for t in runs],
    )
    bulk_pack.pack_str("省级")
    release_build_caches(bulk_pack.release_caches)
    assert not jieba.dt.initialized and not jieba.dt.FREQ and not segment._INNER and not bulk_pack._STR_CACHE
    runs = [f"{t}{i}号" for i in range(3, 6) for t in texts]
    after = (
        [jieba.lcut(t, HMM=False) for t in texts],
        [[segment.crosses(t, p) for p in range(1, len(t))] for t in texts],
        [search_terms(t) for t in runs],
    )
    assert jieba.dt.initialized and segment._INNER
    assert after[:2] == before[:2]
    # The same shape of name gets the same terms up to its number (computed from a reloaded dictionary).
    strip = [{x for x in terms if not any(c.isdigit() for c in x)} for terms in before[2] + after[2]]
    assert strip[: len(runs)] == strip[len(runs) :]

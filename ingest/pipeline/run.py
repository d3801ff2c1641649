"""Ingest orchestration: classify each file, run its pipeline, load it document by document.

A bad file is reported (file, offset/row, reason) and skipped; the other files still load; what the
store already holds is never half-replaced (see app.store.loader).

Bulk loads are pipelined: worker processes read, resolve, build and prepare (encode) files while this
process only sends statements to the engine (which runs in a process of its own). Files whose content the
store already holds are skipped before any work. Lab-cluster lists are built last, in this process, after
every other file was written: their members are resolved against the platforms now in the store.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import hashlib
import multiprocessing
import os
import pickle
import resource
import signal
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from app.model.batch import GraphBatch, PropValue
from app.model.errors import InputError
from app.model.runtime import gc_paused
from app.model.schema import Label, document_id
from app.store.falkordb.bulk import (
    BulkBatch,
    BulkGraph,
    bulk_rows,
    complete_documents,
    graph_exists,
    release_caches,
)
from app.store.loader import (
    DEFAULT_CHUNK,
    LoadResult,
    PreparedBatch,
    document_state,
    is_unchanged,
    load_document,
    load_prepared,
    prepare_batch,
    purge_document,
)
from app.store.protocol import GraphStore, StoreError, StoreUnavailable
from app.store.queries import template
from ingest.resolve.seed import SEED_DOC_ID, seed_batch, seed_sha256

if TYPE_CHECKING:
    from app.derive.chains import InferenceReport
    from ingest.inventory.read import InventoryRead

Kind = Literal["auto", "policy", "inventory"]
POLICY_SUFFIXES = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}
INVENTORY_SUFFIXES = {".csv", ".xlsx", ".xlsm", ".docx", ".html", ".htm", ".txt"}
SKIP_NAMES = {"README.md", "SOURCES.md", "labels.csv", "manifest.json"}
MIN_POOL_FILES = 4  # below this, worker start-up costs more than it saves
IN_FLIGHT_BYTES = 24 * 1024 * 1024  # input bytes of files prepared ahead of the one the parent waits for
BULK_FORK_ENV = "INNOKG_BULK_FORK"  # "0": a bulk run is folded in this process, not a forked child
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


@dataclass
class StageTimes:
    """Seconds per stage, summed over files (read/build: CPU seconds in whichever process ran them;
    write: wall seconds this process spent sending statements and waiting for the engine)."""

    read: float = 0.0
    build: float = 0.0  # resolve + GraphBatches + prepare (merge, clean, encode)
    write: float = 0.0
    wait: float = 0.0  # wall seconds this process waited for a worker's file
    send: float = 0.0  # bulk path: wall seconds of GRAPH.BULK + schema (also counted in write)
    derive: float = 0.0  # wall seconds of the derive step after the load (inferred chain links)
    # bulk path: CPU seconds of the process that folded and sent the run (this one or its child) and of
    # the pool workers it ran (the child's are not this process's RUSAGE_CHILDREN until it ends)
    fold_cpu: float = 0.0
    pool_cpu: float = 0.0

    def add(self, other: StageTimes) -> None:
        self.read += other.read
        self.build += other.build
        self.write += other.write
        self.wait += other.wait


def new_existing(nodes: dict[str, int], created: dict[str, int]) -> str:
    """``Label new/existing, …`` from nodes touched and nodes created per label."""
    return ", ".join(f"{k} {created.get(k, 0)}/{v - created.get(k, 0)}" for k, v in sorted(nodes.items()))


@dataclass
class FileOutcome:
    path: Path
    kind: str
    result: LoadResult | None = None
    error: InputError | None = None
    rows_read: int = 0
    rejects: list[dict[str, object]] = field(default_factory=list)
    times: StageTimes = field(default_factory=StageTimes)
    members_existing: int = 0  # lab-cluster members / leads found in the store
    members_new: int = 0  # lab-cluster members / leads created by this list

    @property
    def rows_loaded(self) -> int:
        return self.rows_read if self.error is None else 0

    def reject_counts(self) -> dict[str, int]:
        """Rejects by reason (dropped rows and ignored cells alike)."""
        return dict(Counter(str(r.get("reason", "?")).split(":")[0] for r in self.rejects))

    def summary(self) -> str:
        """The per-file summary line: rows read / loaded / rejected by reason, new vs existing entities."""
        if self.error is not None:
            return f"error     {self.kind:9} {self.path}  {self.error.reason}"
        r = self.result
        assert r is not None
        dropped = sum(1 for x in self.rejects if x.get("dropped", True))
        line = f"{r.status:9} {self.kind:9} {self.path}  rows read={self.rows_read} loaded={self.rows_read}"
        line += f" rejected={dropped}"
        if self.rejects:
            line += " (" + ", ".join(f"{k}: {v}" for k, v in sorted(self.reject_counts().items())) + ")"
        if r.status != "unchanged":
            new, old = sum(r.created.values()), sum(r.existing.values())
            line += f" entities new={new} existing={old}"
            line += f" [{new_existing(r.nodes, r.created)} new/existing]"
            line += f" rels={sum(r.rels.values())} evidence={r.evidence}"
        if self.members_existing or self.members_new:
            line += f" members existing={self.members_existing} new={self.members_new}"
        if r.dropped_rels:
            line += f" dropped_rels={r.dropped_rels}"
        return line


@dataclass
class IngestReport:
    files: list[FileOutcome] = field(default_factory=list)
    times: StageTimes = field(default_factory=StageTimes)
    derived: InferenceReport | None = None  # when the derive step ran

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.error is not None]


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the files under directories named (sorted, hidden and helper files skipped)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(
                f
                for f in sorted(p.rglob("*"))
                if f.is_file() and not f.name.startswith(".") and f.name not in SKIP_NAMES
            )
        else:
            out.append(p)
    return out


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def ensure_initialised(store: GraphStore) -> None:
    """Schema and the gazetteer/taxonomy frame: applied once, refreshed when they change."""
    store.apply_schema()
    state = document_state(store, SEED_DOC_ID)
    if not state or state.get("sha256") != seed_sha256() or state.get("load_state") != "complete":
        load_document(
            store, SEED_DOC_ID, seed_sha256(), {"kind": "seed", "title": "gazetteer + taxonomy"}, [seed_batch()]
        )


def classify(path: Path, kind: Kind) -> str:
    """policy | inventory | table? (a .docx/.html that is an inventory when it holds a name column)."""
    if kind != "auto":
        return kind
    suffix = path.suffix.lower()
    if suffix in {".csv", ".xlsx", ".xlsm"}:
        return "inventory"
    if suffix in {".docx", ".html", ".htm"}:
        return "table?"
    return "policy"


def _policy_batches(path: Path) -> tuple[str, str, dict[str, PropValue], Iterator[GraphBatch], int]:
    """doc_id, sha256 of the file's bytes (hashed once, by the reader), document props, batches, rows."""
    from ingest.policy.pipeline import extract_file
    from ingest.policy.to_graph import to_batch

    doc = extract_file(path)
    props: dict[str, PropValue] = {
        "kind": "policy",
        "path": str(path),
        "title": doc.title.text if doc.title else path.stem,
    }
    return doc.doc_id, doc.sha256, props, iter([to_batch(doc)]), 1


@dataclass
class _Prepared:
    """What a worker hands back for one file (picklable)."""

    path: Path
    kind: str
    doc_id: str = ""
    sha256: str = ""
    props: dict[str, PropValue] = field(default_factory=dict)
    batches: list[PreparedBatch] = field(default_factory=list)
    bulk: list[BulkBatch] = field(default_factory=list)  # instead of batches on the GRAPH.BULK path
    rows: int = 0
    rejects: list[dict[str, object]] = field(default_factory=list)
    error: tuple[str, int | None, str] | None = None
    deferred: InventoryRead | None = None  # a lab-cluster list, built after the other files
    times: StageTimes = field(default_factory=StageTimes)


_RESOLVER: Any = None  # one institution resolver per process: its cache is shared across files


def _resolver() -> Any:
    global _RESOLVER
    if _RESOLVER is None:
        from ingest.resolve.resolver import Resolver

        _RESOLVER = Resolver()
    return _RESOLVER


def _prepare_file(job: tuple[Path, str, int, str]) -> _Prepared:
    """Read, resolve, build and prepare one file (runs in a worker process in bulk loads).

    The cyclic GC stays off for the whole file, not only inside each stage: between stages a batch's
    ~10 containers per row are alive, and every collection the next stage's first allocations triggered
    scanned them (≈ 20 µs per row at 25k-row files, measured). What dies inside the file is freed by
    reference counting."""
    if _IN_WORKER:
        gc.collect(1)  # the previous file's cyclic garbage (young: nothing was collected since)
    with gc_paused():
        return _prepare_file_gc_paused(job)


_IN_WORKER = False


def _worker_init() -> None:
    """Pool workers keep the cyclic GC off, also while the pool pickles a file's result (a collection
    then scanned every surviving packed row: ≈ 12 µs per row). Each file starts with a collection of
    the young generations instead (``_prepare_file``), which is all a worker's garbage can be in."""
    global _IN_WORKER
    _IN_WORKER = True
    gc.disable()


def _prepare_file_gc_paused(job: tuple[Path, str, int, str]) -> _Prepared:
    path, kind, chunk, backend = job
    out = _Prepared(path, kind)
    try:
        if not path.exists():
            raise InputError(path, None, "no such file")
        read = None
        t = time.process_time()
        if kind in ("inventory", "table?"):
            from ingest.inventory.read import read_inventory

            try:
                read = read_inventory(path)
                out.kind = "inventory"
            except InputError:
                if kind == "inventory":
                    raise
                out.kind = "policy"  # a document or page without a platform table: a text
        out.times.read = time.process_time() - t
        t = time.process_time()
        if read is None:
            out.doc_id, out.sha256, out.props, batches, out.rows = _policy_batches(path)
            _fill(out, batches, chunk, backend)
        else:
            out.doc_id, out.sha256, out.rows = path.stem, read.sha256, len(read.rows)
            out.props = {"kind": "inventory", "path": str(path), "title": path.name}
            out.rejects = [r.model_dump() for r in read.rejects]
            if read.kind == "lab_cluster":
                out.deferred = read
            else:
                from ingest.inventory.to_graph import to_batches

                _fill(out, to_batches(read, resolver=_resolver()), chunk, backend)
        out.times.build = time.process_time() - t
    except InputError as exc:
        out.error = (str(exc.path), exc.offset, exc.reason)
    except (UnicodeError, ValueError, OSError) as exc:
        out.error = (str(path), None, f"{type(exc).__name__}: {exc}")
    return out


def _prepared_stream(jobs: list[tuple[Path, str, int, str]], workers: int, times: StageTimes) -> Iterator[_Prepared]:
    """Prepared files in job order. In flight: at least ``workers + 1`` files, more while their input is
    under IN_FLIGHT_BYTES (a prepared file is ~10× its input in memory) — with only ``workers + 1``, one
    large file in a run of small ones left a worker idle while the parent waited for it in order."""
    if workers <= 0 or len(jobs) < MIN_POOL_FILES:
        yield from (_prepare_file(j) for j in jobs)
        return
    sizes = [_size(j[0]) for j in jobs]
    ctx = multiprocessing.get_context("fork")  # workers inherit the imported modules and caches
    with ctx.Pool(workers, initializer=_worker_init) as pool:
        pending: list[tuple[Any, int]] = []
        nxt = flying = 0

        def fill() -> None:
            nonlocal nxt, flying
            while nxt < len(jobs) and (
                len(pending) < workers + 1 or (flying + sizes[nxt] <= IN_FLIGHT_BYTES and len(pending) < 8 * workers)
            ):
                pending.append((pool.apply_async(_prepare_file, (jobs[nxt],)), sizes[nxt]))
                flying += sizes[nxt]
                nxt += 1

        fill()
        while pending:
            t = time.perf_counter()
            job, size = pending.pop(0)
            result = job.get()
            flying -= size
            times.wait += time.perf_counter() - t
            fill()
            yield result


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def default_workers() -> int:
    return min(2, os.cpu_count() or 1)


def ingest_paths(
    store: GraphStore,
    paths: Iterable[Path],
    *,
    kind: Kind = "auto",
    chunk: int = DEFAULT_CHUNK,
    on_file: Callable[[FileOutcome], None] | None = None,
    workers: int | None = None,
    bulk: bool | Literal["auto"] = "auto",
    derive: bool = True,
) -> IngestReport:
    """Ingest files (and directories) into ``store``; ``workers`` processes prepare files while this one
    writes (None: up to 2; 0: everything in this process).

    ``bulk``: build the whole run in memory and create the graph with GRAPH.BULK (app.store.falkordb.bulk) —
    "auto" does so when the store is the embedded FalkorDB and its graph does not exist yet; True
    requires that; False always MERGEs. The resulting graph is the one the MERGE path would build.
    ``derive``: after a run that changed the graph, recompute the facts derived from the whole graph
    (inferred platform → chain links, app.services.chains.materialise_inferred)."""
    paths = expand(paths)
    use_bulk = _use_bulk(store, bulk, paths)
    report = IngestReport()
    workers = default_workers() if workers is None else workers
    if use_bulk:
        _ingest_bulk(store, paths, kind, chunk, on_file, workers, report, derive)
    else:
        _ingest_merge(store, paths, kind, chunk, on_file, workers, report)
    changed = any(f.result is not None and f.result.status != "unchanged" for f in report.files)
    if derive and report.derived is None and (changed or _derive_needed(store)):
        from app.derive.chains import materialise_inferred

        t = time.perf_counter()
        report.derived = materialise_inferred(store)
        report.times.derive = time.perf_counter() - t
    return report


def _derive_needed(store: GraphStore) -> bool:
    """Whether a run that changed no file must still derive: an earlier run was killed after its files
    were complete but before (or while) deriving (found by bench/fault_kill.py) — the derived document is
    then not complete, or older than a document that completed since. No derived document: the derive
    step is one query when the graph has no chains."""
    from app.derive.chains import DERIVED_DOC

    state = document_state(store, DERIVED_DOC)
    if state is None or state.get("load_state") != "complete":
        return True
    since = state.get("derived_at") or state.get("loaded_at")
    if not since:
        return True
    rows = store.read(template("documents_loaded_since"), {"id": document_id(DERIVED_DOC), "since": since})
    return bool(rows and int(rows[0]["n"]) > 0)


def _ingest_merge(
    store: GraphStore,
    paths: list[Path],
    kind: Kind,
    chunk: int,
    on_file: Callable[[FileOutcome], None] | None,
    workers: int,
    report: IngestReport,
) -> IngestReport:
    ensure_initialised(store)
    outcomes: dict[int, FileOutcome] = {}
    jobs: list[tuple[Path, str, int, str]] = []
    job_index: list[int] = []
    for i, path in enumerate(paths):
        k = classify(path, kind) if path.exists() else "?"
        # Unchanged content: skip before reading (the doc id of an inventory is its file stem).
        tabular = k == "inventory" and path.suffix.lower() in {".csv", ".xlsx", ".xlsm"}
        if tabular and is_unchanged(store, path.stem, sha256_file(path)):
            outcomes[i] = FileOutcome(path, "inventory", LoadResult(path.stem, "unchanged"))
            if on_file is not None:
                on_file(outcomes[i])
            continue
        jobs.append((path, k, chunk, store.backend))
        job_index.append(i)
    deferred: list[tuple[int, _Prepared]] = []

    def finish(i: int, outcome: FileOutcome) -> None:
        outcomes[i] = outcome
        report.times.add(outcome.times)
        if on_file is not None:  # as each file finishes (lab-cluster lists come last)
            on_file(outcome)

    for i, prep in zip(job_index, _prepared_stream(jobs, workers, report.times), strict=True):
        if prep.deferred is not None and prep.error is None:
            deferred.append((i, prep))
            continue
        finish(i, _write(store, prep))
    for i, prep in deferred:
        finish(i, _write_clusters(store, prep, chunk))
    report.files = [outcomes[i] for i in sorted(outcomes)]
    return report


def _outcome(prep: _Prepared) -> FileOutcome:
    o = FileOutcome(prep.path, prep.kind, rows_read=prep.rows, rejects=prep.rejects, times=prep.times)
    if prep.error is not None:
        o.error = InputError(*prep.error)
        o.rows_read = 0
    return o


def _write(store: GraphStore, prep: _Prepared) -> FileOutcome:
    o = _outcome(prep)
    if o.error is not None:
        return o
    t = time.perf_counter()
    _load_or_fail(store, o, prep, prep.batches)
    o.times.write = time.perf_counter() - t
    return o


def _load_or_fail(store: GraphStore, o: FileOutcome, prep: _Prepared, batches: list[PreparedBatch]) -> None:
    """Load one document; a statement the store refuses fails this file only, and what it had written
    is withdrawn at once (the document stays 'loading', so the next run retries it). An unreachable
    store fails the run: no other file could load either."""
    try:
        o.result = load_prepared(store, prep.doc_id, prep.sha256, prep.props, batches)
    except StoreUnavailable as exc:
        raise StoreUnavailable(f"{exc} (while loading {prep.path})") from exc
    except StoreError as exc:
        o.error = InputError(prep.path, None, f"the store refused this document: {exc}")
        with contextlib.suppress(StoreError):
            purge_document(store, prep.doc_id)


def existing_ids(store: GraphStore) -> Callable[[Label, list[str]], set[str]]:
    """Which of these node ids the store holds (lab-cluster member resolution)."""

    def lookup(label: Label, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        return {str(r["id"]) for r in store.read(template("nodes_existing", label=label), {"ids": ids})}

    return lookup


BULK = "bulk"  # the backend name jobs carry when workers pack rows for GRAPH.BULK


def _use_bulk(store: GraphStore, bulk: bool | Literal["auto"], files: list[Path]) -> bool:
    """Bulk only into a new embedded graph, and only when no two files share a stem (a document id):
    the MERGE path replaces the first by the second at its place in the run, which a bulk cannot."""
    if bulk is False:
        return False
    fresh = store.backend == "falkordb" and not graph_exists(store)
    if bulk is True and not fresh:
        raise ValueError("bulk load needs the embedded store and a graph that does not exist yet")
    stems = Counter(p.stem for p in files)
    twice = sorted(s for s, n in stems.items() if n > 1)
    if bulk is True and twice:
        raise ValueError(f"bulk load needs one file per document id; more than one file is named {twice[0]}.*")
    return fresh and not twice


def _fill(out: _Prepared, batches: Iterable[GraphBatch], chunk: int, backend: str) -> None:
    from app.text.search_terms import add_search_terms

    if backend == BULK:
        out.bulk = [bulk_rows(add_search_terms(b)) for b in batches]
    else:
        out.batches = [_prepare(b, chunk, backend) for b in batches]


def _ingest_bulk(
    store: GraphStore,
    paths: list[Path],
    kind: Kind,
    chunk: int,
    on_file: Callable[[FileOutcome], None] | None,
    workers: int,
    report: IngestReport,
    derive: bool,
) -> IngestReport:
    """The whole run into a BulkGraph, sent with GRAPH.BULK, then the schema. Nothing touches the store
    before the send (a read would create the graph key). A document met twice with other content is
    loaded through the MERGE path after the send (a clean replace, as on any later run). ``derive``: the
    inferred chain links are classified in memory and sent with the run (the derive step a MERGE run
    does afterwards over the store).

    A run large enough for the worker pool is folded and sent by a forked child (_fold_apart): the fold's
    millions of small objects leave Python's allocator with hundreds of arenas each pinned by a few
    survivors, which no malloc_trim returns (1M rows: 0.63 GiB resident after the send for 35 MB of live
    objects, while the server filled its indexes). The child's exit returns all of it; this process then
    applies the schema with only what it held before the run."""
    args = (store, paths, kind, chunk, workers, derive)
    folded = _in_child(_fold_and_send, args, on_file) if _fold_apart(workers, paths) else _fold_and_send(*args, on_file)
    report.times, report.derived = folded.times, folded.derived
    t = time.perf_counter()
    store.apply_schema()
    complete_documents(store, folded.doc_ids)
    if report.derived is not None and report.derived.links:
        from app.derive.chains import derived_stamp

        store.write([derived_stamp()])
    report.times.write += time.perf_counter() - t
    report.times.send += time.perf_counter() - t
    outcomes = folded.outcomes
    if folded.replays:  # the graph changes after the derive: ingest_paths derives again over the store
        report.derived = None
    for i, path, file_kind in folded.replays:  # same doc id twice with other content: MERGE replaces it
        again = _prepare_file((path, file_kind, chunk, store.backend))
        if again.deferred is not None and again.error is None:
            outcomes[i] = _write_clusters(store, again, chunk)
        else:
            outcomes[i] = _write(store, again)
        report.times.add(outcomes[i].times)
        if on_file is not None:
            on_file(outcomes[i])
    report.files = [outcomes[i] for i in sorted(outcomes)]
    return report


@dataclass
class _Folded:
    """What folding and sending a bulk run hands back (from a child process: picklable)."""

    outcomes: dict[int, FileOutcome]
    replays: list[tuple[int, Path, str]]  # (job index, path, kind): loaded through MERGE after the send
    doc_ids: list[str]  # documents sent, stamped complete once the schema is in place
    times: StageTimes
    derived: InferenceReport | None


def _fold_apart(workers: int, paths: list[Path]) -> bool:
    """Fold in a child when the pool runs (small runs: the fork would cost more than it returns), on a
    platform that forks, unless INNOKG_BULK_FORK=0 (profiling the fold in one process)."""
    wanted = os.environ.get(BULK_FORK_ENV, "1") != "0"
    return wanted and workers > 0 and len(paths) >= MIN_POOL_FILES and "fork" in multiprocessing.get_all_start_methods()


def _in_child(
    fn: Callable[..., _Folded], args: tuple[Any, ...], on_file: Callable[[FileOutcome], None] | None
) -> _Folded:
    """``fn(*args, on_file)`` in a forked child; its per-file outcomes reach ``on_file`` here as they come
    (progress, rejects file), its exception is raised here. The child leaves nothing behind: if this side
    stops (Ctrl-C, a callback raising) the child is terminated — a half-sent graph is what a killed run
    leaves, which the next run reloads (docs/reliability.md)."""
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=_child_main, args=(send, fn, args, on_file is not None, os.getpid()), name="innokg-bulk-fold"
    )
    proc.start()
    send.close()
    ended = False  # the child sent its result or its error and exits by itself
    try:
        while True:
            try:
                tag, value = recv.recv()
            except EOFError:
                proc.join()
                raise StoreError(f"the bulk load process ended without a result (exit code {proc.exitcode})") from None
            if tag == "file":
                if on_file is not None:
                    on_file(value)
            else:
                ended = True
                if tag == "done":
                    return cast(_Folded, value)
                raise value
    finally:
        recv.close()
        if not ended:  # stopped here: the child would carry on until its next message
            proc.terminate()
        proc.join()


def _child_main(conn: Any, fn: Callable[..., _Folded], args: tuple[Any, ...], relay: bool, parent: int) -> None:
    _die_with_parent(parent)

    def on_file(outcome: FileOutcome) -> None:
        conn.send(("file", outcome))

    try:
        conn.send(("done", fn(*args, on_file if relay else None)))
    except BaseException as exc:  # the parent raises it; one it could not rebuild becomes a StoreError
        exc.add_note("in the bulk load process:\n" + "".join(traceback.format_exception(exc)).rstrip())
        try:
            pickle.loads(pickle.dumps(exc))
            conn.send(("error", exc))
        except Exception:
            conn.send(("error", StoreError(f"{type(exc).__name__}: {exc}")))
    finally:
        conn.close()


def _die_with_parent(parent: int) -> None:
    """A fold whose caller was killed (SIGKILL, the OOM killer) must not go on writing the graph beside the
    next run: the kernel kills it with its parent (Linux PR_SET_PDEATHSIG; its pool workers end when their
    pipes close). A parent already gone before the call is checked by hand."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _fold_and_send(
    store: GraphStore,
    paths: list[Path],
    kind: Kind,
    chunk: int,
    workers: int,
    derive: bool,
    on_file: Callable[[FileOutcome], None] | None,
) -> _Folded:
    """Every file of the run folded into one BulkGraph (prepared by the worker pool), the derive step in
    memory, then the graph sent with GRAPH.BULK (the schema is the caller's)."""
    cpu0 = (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    times = StageTimes()
    derived: InferenceReport | None = None
    graph = BulkGraph()
    seed = bulk_rows(seed_batch())
    graph.load(SEED_DOC_ID, seed_sha256(), {"kind": "seed", "title": "gazetteer + taxonomy"}, [seed])
    jobs = [(p, classify(p, kind) if p.exists() else "?", chunk, BULK) for p in paths]
    outcomes: dict[int, FileOutcome] = {}
    deferred: list[tuple[int, _Prepared]] = []
    replays: list[tuple[int, Path, str]] = []

    def finish(i: int, outcome: FileOutcome) -> None:
        outcomes[i] = outcome
        times.add(outcome.times)
        if on_file is not None:
            on_file(outcome)

    def load(i: int, prep: _Prepared) -> None:
        o = _outcome(prep)
        if o.error is None:
            done = graph.has_document(prep.doc_id)
            if done is not None and done != prep.sha256:
                replays.append((i, prep.path, prep.kind))
                return
            t = time.perf_counter()
            o.result = graph.load(prep.doc_id, prep.sha256, prep.props, prep.bulk)
            o.times.write = time.perf_counter() - t
            prep.bulk = []  # folded into the graph (the last file's rows would live on until the send)
        finish(i, o)

    # The cyclic GC off while the parent folds the run: it holds millions of ids, keys and arrays, and every
    # collection the unpickled results triggered rescanned them (merge measured 12-16 µs/row with it off,
    # spikes to 55 µs/row with it on). Nothing here makes cycles.
    with gc_paused():
        for i, prep in enumerate(_prepared_stream(jobs, workers, times)):
            if prep.deferred is not None and prep.error is None:
                deferred.append((i, prep))
            else:
                load(i, prep)
        from ingest.inventory.to_graph import MemberStats, to_batches

        for i, prep in deferred:
            assert prep.deferred is not None
            t = time.process_time()
            stats = MemberStats()
            _fill(
                prep, to_batches(prep.deferred, resolver=_resolver(), lookup=graph.lookup, members=stats), chunk, BULK
            )
            prep.times.build += time.process_time() - t
            load(i, prep)
            outcomes[i].members_existing, outcomes[i].members_new = stats.existing, stats.new
        if derive:
            t = time.perf_counter()
            derived = _derive_in_memory(graph)
            times.derive = time.perf_counter() - t
    _release_build_caches()
    t = time.perf_counter()
    doc_ids = graph.document_ids()
    graph.send(store)  # frees the in-memory graph
    times.write += time.perf_counter() - t
    times.send = time.perf_counter() - t
    cpu1 = (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    times.fold_cpu, times.pool_cpu = (
        b.ru_utime + b.ru_stime - a.ru_utime - a.ru_stime for a, b in zip(cpu0, cpu1, strict=True)
    )
    return _Folded(outcomes, replays, doc_ids, times, derived)


def _release_build_caches() -> None:
    """Drop the folding process's tables that only served building rows, before the server grows with the
    graph (a child's exit frees them too, but only after the send).
    Measured at the start of the send (100k rows, RSS after malloc_trim): jieba's prefix dictionary ≈ 55 MB
    and segment's word-pair tables ≈ 20–25 MB (the lab-cluster lists and the derive step load them here);
    the resolver's and search_terms' caches and the other lru caches moved RSS by ≤ 3 MB (not dropped).
    Each is rebuilt on first use — a replayed document after the send only pays the ~1 s reload."""
    from app.text import segment

    release_caches()
    segment.release()


def _derive_in_memory(graph: BulkGraph) -> InferenceReport:
    """app.services.chains.materialise_inferred over the run's in-memory graph, before it is sent: the
    same links and pseudo-document the store path writes (tests/bulk compares the two graphs)."""
    from app.derive.chains import DEFAULT_MIN_SCORE, DERIVED_DOC, InferenceReport, derived_document, infer_links

    chains, platforms = graph.derive_inputs()
    batch, seen = infer_links(chains, platforms, DEFAULT_MIN_SCORE)
    sha, props, links = derived_document(batch, DEFAULT_MIN_SCORE)
    status = "none"
    if links:
        status = graph.load(DERIVED_DOC, sha, props, [bulk_rows(batch)]).status
    return InferenceReport(chains=len(chains), platforms=seen, links=links, status=status)


def _prepare(batch: GraphBatch, chunk: int, backend: str) -> PreparedBatch:
    """Every pipeline's batches pass here: search terms for /search, then the loader's preparation."""
    from app.text.search_terms import add_search_terms

    return prepare_batch(add_search_terms(batch), chunk=chunk, backend=backend)


def _write_clusters(store: GraphStore, prep: _Prepared, chunk: int) -> FileOutcome:
    from ingest.inventory.to_graph import MemberStats, to_batches

    o = _outcome(prep)
    assert prep.deferred is not None
    t = time.process_time()
    stats = MemberStats()
    batches = [
        _prepare(b, chunk, store.backend)
        for b in to_batches(prep.deferred, resolver=_resolver(), lookup=existing_ids(store), members=stats)
    ]
    o.members_existing, o.members_new = stats.existing, stats.new
    o.times.build += time.process_time() - t
    t = time.perf_counter()
    _load_or_fail(store, o, prep, batches)
    o.times.write = time.perf_counter() - t
    return o

"""Preparing files: read, resolve, build GraphBatches and prepare them for the write (worker processes).

A file is prepared into a ``Prepared`` (picklable): its document id, hash and properties, and its batches
as the run's ``Preparer`` made them — MERGE statements (app.store.loader.prepare_batch, parameters encoded
by the store's ``encode_params``) or rows packed for the store's bulk path. ``prepared_stream`` hands the
files back in job order while a pool of forked workers prepares the next ones.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.model.batch import GraphBatch, PropValue
from app.model.errors import InputError
from app.model.runtime import gc_paused
from app.store.loader import DEFAULT_CHUNK, prepare_batch
from app.store.protocol import ParamEncoder
from ingest.pipeline.files import file_size
from ingest.pipeline.report import FileOutcome, StageTimes

if TYPE_CHECKING:
    from ingest.inventory.read import InventoryRead
    from ingest.resolve.resolver import Resolver

MIN_POOL_FILES = 4  # below this, worker start-up costs more than it saves
IN_FLIGHT_BYTES = 24 * 1024 * 1024  # input bytes of files prepared ahead of the one the parent waits for


@dataclass(frozen=True)
class Preparer:
    """What a run does to every GraphBatch before the write (picklable: it travels with each job).

    Search terms for /search first; then ``pack`` (a store's bulk path, e.g. GRAPH.BULK rows) or the MERGE
    loader's statements with the store's ``encode_params``."""

    chunk: int = DEFAULT_CHUNK
    encode: ParamEncoder | None = None
    pack: Callable[[GraphBatch], Any] | None = None

    def __call__(self, batch: GraphBatch) -> Any:
        from app.text.search_terms import add_search_terms

        batch = add_search_terms(batch)
        if self.pack is not None:
            return self.pack(batch)
        return prepare_batch(batch, chunk=self.chunk, encode=self.encode)


@dataclass(frozen=True)
class Job:
    path: Path
    kind: str  # files.classify's answer ("?": the path does not exist)
    preparer: Preparer


@dataclass
class Prepared:
    """What a worker hands back for one file (picklable)."""

    path: Path
    kind: str
    doc_id: str = ""
    sha256: str = ""
    props: dict[str, PropValue] = field(default_factory=dict)
    batches: list[Any] = field(default_factory=list)  # as the job's Preparer made them
    rows: int = 0
    rejects: list[dict[str, object]] = field(default_factory=list)
    error: tuple[str, int | None, str] | None = None
    deferred: InventoryRead | None = None  # a lab-cluster list, built after the other files
    times: StageTimes = field(default_factory=StageTimes)

    @property
    def is_list(self) -> bool:
        """A lab-cluster list read without error: built once every other file was written."""
        return self.deferred is not None and self.error is None

    def outcome(self) -> FileOutcome:
        """The file's outcome so far (its times are this object's: later stages add to them)."""
        o = FileOutcome(self.path, self.kind, rows_read=self.rows, rejects=self.rejects, times=self.times)
        if self.error is not None:
            o.error = InputError(*self.error)
            o.rows_read = 0
        return o


_RESOLVER: Resolver | None = None  # one institution resolver per process: its cache is shared across files


def resolver() -> Resolver:
    global _RESOLVER
    if _RESOLVER is None:
        from ingest.resolve.resolver import Resolver

        _RESOLVER = Resolver()
    return _RESOLVER


_IN_WORKER = False


def _worker_init() -> None:
    """Pool workers keep the cyclic GC off, also while the pool pickles a file's result (a collection
    then scanned every surviving packed row: ≈ 12 µs per row). Each file starts with a collection of
    the young generations instead (``prepare_file``), which is all a worker's garbage can be in."""
    global _IN_WORKER
    _IN_WORKER = True
    gc.disable()


def prepare_file(job: Job) -> Prepared:
    """Read, resolve, build and prepare one file (runs in a worker process when the pool runs).

    The cyclic GC stays off for the whole file, not only inside each stage: between stages a batch's
    ~10 containers per row are alive, and every collection the next stage's first allocations triggered
    scanned them (≈ 20 µs per row at 25k-row files, measured). What dies inside the file is freed by
    reference counting."""
    if _IN_WORKER:
        gc.collect(1)  # the previous file's cyclic garbage (young: nothing was collected since)
    with gc_paused():
        return _prepare_file_gc_paused(job)


def _prepare_file_gc_paused(job: Job) -> Prepared:
    path, kind = job.path, job.kind
    out = Prepared(path, kind)
    try:
        if not path.exists():
            raise InputError(path, None, "no such file")
        t = time.process_time()
        read = _read_table(out, kind)
        out.times.read = time.process_time() - t
        t = time.process_time()
        if read is None:
            out.doc_id, out.sha256, out.props, batches, out.rows = _policy_batches(path)
            out.batches = [job.preparer(b) for b in batches]
        else:
            out.doc_id, out.sha256, out.rows = path.stem, read.sha256, len(read.rows)
            out.props = {"kind": "inventory", "path": str(path), "title": path.name}
            out.rejects = [r.model_dump() for r in read.rejects]
            if read.kind == "lab_cluster":
                out.deferred = read
            else:
                from ingest.inventory.to_graph import to_batches

                out.batches = [job.preparer(b) for b in to_batches(read, resolver=resolver())]
        out.times.build = time.process_time() - t
    except InputError as exc:
        out.error = (str(exc.path), exc.offset, exc.reason)
    except (UnicodeError, ValueError, OSError) as exc:
        out.error = (str(path), None, f"{type(exc).__name__}: {exc}")
    return out


def _read_table(out: Prepared, kind: str) -> InventoryRead | None:
    """The file read as an inventory (``out.kind`` set), or None when it is a text to extract."""
    if kind not in ("inventory", "table?"):
        return None
    from ingest.inventory.read import read_inventory

    try:
        read = read_inventory(out.path)
    except InputError:
        if kind == "inventory":
            raise
        out.kind = "policy"  # a document or page without a platform table: a text
        return None
    out.kind = "inventory"
    return read


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


def default_workers() -> int:
    return min(2, os.cpu_count() or 1)


def uses_pool(workers: int, files: int) -> bool:
    """Whether a run of ``files`` prepares them in a pool of ``workers`` processes."""
    return workers > 0 and files >= MIN_POOL_FILES


def prepared_stream(jobs: list[Job], workers: int, times: StageTimes) -> Iterator[Prepared]:
    """Prepared files in job order. In flight: at least ``workers + 1`` files, more while their input is
    under IN_FLIGHT_BYTES (a prepared file is ~10× its input in memory) — with only ``workers + 1``, one
    large file in a run of small ones left a worker idle while the parent waited for it in order."""
    if not uses_pool(workers, len(jobs)):
        yield from (prepare_file(j) for j in jobs)
        return
    sizes = [file_size(j.path) for j in jobs]
    ctx = multiprocessing.get_context("fork")  # workers inherit the imported modules and caches
    with ctx.Pool(workers, initializer=_worker_init) as pool:
        pending: list[tuple[Any, int]] = []
        nxt = flying = 0

        def fill() -> None:
            nonlocal nxt, flying
            while nxt < len(jobs) and (
                len(pending) < workers + 1 or (flying + sizes[nxt] <= IN_FLIGHT_BYTES and len(pending) < 8 * workers)
            ):
                pending.append((pool.apply_async(prepare_file, (jobs[nxt],)), sizes[nxt]))
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


def indexed(jobs: Iterable[tuple[int, Job]], workers: int, times: StageTimes) -> Iterator[tuple[int, Prepared]]:
    """``prepared_stream`` of jobs that carry their file's index in the run."""
    index, todo = [], []
    for i, job in jobs:
        index.append(i)
        todo.append(job)
    return zip(index, prepared_stream(todo, workers, times), strict=True)

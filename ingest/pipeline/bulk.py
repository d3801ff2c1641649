"""The bulk path: a first load into a graph that does not exist yet, through the store's ``BulkLoader``.

The whole run is folded into the loader's in-memory ``BulkRun`` (the end state the MERGE path would
leave), sent at once, then the schema is applied. Nothing touches the store before the send (a read
would create the graph key). A document met twice with other content is loaded through the MERGE path
after the send (a clean replace, as on any later run).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from app.model.batch import GraphBatch
from app.model.runtime import gc_paused
from app.model.schema import Label
from app.store.protocol import BulkLoader, BulkRun, GraphStore
from ingest.pipeline.child import in_child
from ingest.pipeline.files import Kind, file_kind
from ingest.pipeline.merge import MergeSink
from ingest.pipeline.prepare import Job, Prepared, Preparer, indexed, prepare_file, uses_pool
from ingest.pipeline.report import FileOutcome, IngestReport, StageTimes
from ingest.pipeline.sink import write_files
from ingest.resolve.seed import SEED_DOC_ID, seed_batch, seed_sha256

if TYPE_CHECKING:
    from app.derive.chains import InferenceReport

log = logging.getLogger(__name__)
BULK_FORK_ENV = "INNOKG_BULK_FORK"  # "0": a bulk run is folded in this process, not a forked child


def use_bulk(store: GraphStore, bulk: bool | Literal["auto"], files: list[Path]) -> BulkLoader | None:
    """The store's bulk loader when this run takes the bulk path: only into a new graph of a store that
    has one, and only when no two files share a stem (a document id): the MERGE path replaces the first
    by the second at its place in the run, which a bulk cannot."""
    if bulk is False:
        return None
    loader = store.bulk_loader()
    if bulk == "auto" and (loader is None or input_bytes(files) < loader.min_input_bytes):
        return None  # a small run: the store's bulk path would cost more than it saves (Neo4j restarts)
    reason = "this store has no bulk path" if loader is None else loader.refusal()
    fresh = reason is None
    if reason is not None and bulk == "auto":
        log.info("bulk path not taken, loading through MERGE: %s", reason)
    if bulk is True and not fresh:
        raise ValueError(f"bulk load refused: {reason}")
    stems = Counter(p.stem for p in files)
    twice = sorted(s for s, n in stems.items() if n > 1)
    if bulk is True and twice:
        raise ValueError(f"bulk load needs one file per document id; more than one file is named {twice[0]}.*")
    return loader if fresh and not twice else None


def input_bytes(files: list[Path]) -> int:
    """The run's input size on disk (what ``BulkLoader.min_input_bytes`` is compared with)."""
    total = 0
    for p in files:
        try:
            total += p.stat().st_size
        except OSError:
            continue  # reading it reports the error
    return total


class BulkSink:
    """Files folded into the in-memory run (a ``Sink``); a document the run holds with other content is
    left for the MERGE path after the send (``replays``)."""

    def __init__(self, run: BulkRun, preparer: Preparer) -> None:
        self.run = run
        self.preparer = preparer
        self.replays: list[tuple[int, Path, str]] = []  # (index in the run, path, kind)

    def lookup(self, label: Label, ids: list[str]) -> set[str]:
        return self.run.lookup(label, ids)

    def write(self, i: int, prep: Prepared) -> FileOutcome | None:
        o = prep.outcome()
        if o.error is None:
            done = self.run.has_document(prep.doc_id)
            if done is not None and done != prep.sha256:
                self.replays.append((i, prep.path, prep.kind))
                return None
            t = time.perf_counter()
            o.result = self.run.load(prep.doc_id, prep.sha256, prep.props, prep.batches)
            o.times.write = time.perf_counter() - t
            prep.batches = []  # folded into the run (the last file's rows would live on until the send)
        return o


def ingest_bulk(
    store: GraphStore,
    loader: BulkLoader,
    paths: list[Path],
    kind: Kind,
    chunk: int,
    on_file: Callable[[FileOutcome], None] | None,
    workers: int,
    report: IngestReport,
    derive: bool,
) -> IngestReport:
    """The whole run into the loader's BulkRun, sent, then the schema. ``derive``: the inferred chain links
    are classified in memory and sent with the run (the derive step a MERGE run does afterwards).

    A run large enough for the worker pool is folded and sent by a forked child (``fold_apart``): the
    fold's millions of small objects leave Python's allocator with hundreds of arenas each pinned by a few
    survivors, which no malloc_trim returns (1M rows: 0.63 GiB resident after the send for 35 MB of live
    objects, while the server filled its indexes). The child's exit returns all of it; this process then
    applies the schema with only what it held before the run."""
    args = (loader, paths, kind, chunk, workers, derive)
    folded = in_child(fold_and_send, args, on_file) if fold_apart(workers, paths) else fold_and_send(*args, on_file)
    report.times, report.derived = folded.times, folded.derived
    t = time.perf_counter()
    store.apply_schema()
    loader.complete(folded.doc_ids)
    if report.derived is not None and report.derived.links:
        from app.derive.chains import derived_stamp

        store.write([derived_stamp()])
    report.times.write += time.perf_counter() - t
    report.times.send += time.perf_counter() - t
    outcomes = folded.outcomes
    if folded.replays:  # the graph changes after the derive: ingest_paths derives again over the store
        report.derived = None

    def finish(i: int, outcome: FileOutcome) -> None:
        outcomes[i] = outcome
        report.times.add(outcome.times)
        if on_file is not None:
            on_file(outcome)

    sink = MergeSink(store, chunk)  # same doc id twice with other content: MERGE replaces it
    again = ((i, prepare_file(Job(path, k, sink.preparer))) for i, path, k in folded.replays)
    write_files(again, sink, finish)
    report.files = [outcomes[i] for i in sorted(outcomes)]
    return report


@dataclass
class Folded:
    """What folding and sending a bulk run hands back (from a child process: picklable)."""

    outcomes: dict[int, FileOutcome]
    replays: list[tuple[int, Path, str]]  # (job index, path, kind): loaded through MERGE after the send
    doc_ids: list[str]  # documents sent, stamped complete once the schema is in place
    times: StageTimes
    derived: InferenceReport | None


def fold_apart(workers: int, paths: list[Path]) -> bool:
    """Fold in a child when the pool runs (small runs: the fork would cost more than it returns), on a
    platform that forks, unless INNOKG_BULK_FORK=0 (profiling the fold in one process)."""
    wanted = os.environ.get(BULK_FORK_ENV, "1") != "0"
    return wanted and uses_pool(workers, len(paths)) and "fork" in multiprocessing.get_all_start_methods()


def fold_and_send(
    loader: BulkLoader,
    paths: list[Path],
    kind: Kind,
    chunk: int,
    workers: int,
    derive: bool,
    on_file: Callable[[FileOutcome], None] | None,
) -> Folded:
    """Every file of the run folded into one BulkRun (prepared by the worker pool), the derive step in
    memory, then the run sent (the schema is the caller's)."""
    cpu0 = (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    times = StageTimes()
    derived: InferenceReport | None = None
    run = loader.run()
    run.load(SEED_DOC_ID, seed_sha256(), {"kind": "seed", "title": "gazetteer + taxonomy"}, [loader.pack(seed_batch())])
    sink = BulkSink(run, Preparer(chunk, pack=loader.pack))
    outcomes: dict[int, FileOutcome] = {}

    def finish(i: int, outcome: FileOutcome) -> None:
        outcomes[i] = outcome
        times.add(outcome.times)
        if on_file is not None:
            on_file(outcome)

    # The cyclic GC off while the parent folds the run: it holds millions of ids, keys and arrays, and every
    # collection the unpickled results triggered rescanned them (merge measured 12-16 µs/row with it off,
    # spikes to 55 µs/row with it on). Nothing here makes cycles.
    with gc_paused():
        jobs = [(i, Job(p, file_kind(p, kind), sink.preparer)) for i, p in enumerate(paths)]
        write_files(indexed(jobs, workers, times), sink, finish)
        if derive:
            t = time.perf_counter()
            derived = derive_in_memory(run, loader.pack)
            times.derive = time.perf_counter() - t
    release_build_caches(loader.release_caches)
    t = time.perf_counter()
    doc_ids = run.document_ids()
    loader.send(run)  # frees the in-memory run
    times.write += time.perf_counter() - t
    times.send = time.perf_counter() - t
    cpu1 = (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    times.fold_cpu, times.pool_cpu = (
        b.ru_utime + b.ru_stime - a.ru_utime - a.ru_stime for a, b in zip(cpu0, cpu1, strict=True)
    )
    return Folded(outcomes, sink.replays, doc_ids, times, derived)


def release_build_caches(release_packing: Callable[[], None]) -> None:
    """Drop the folding process's tables that only served building rows, before the server grows with the
    graph (a child's exit frees them too, but only after the send): the store's packing caches and the
    text tables. Measured at the start of the send (100k rows, RSS after malloc_trim): jieba's prefix
    dictionary ≈ 55 MB and segment's word-pair tables ≈ 20–25 MB (the lab-cluster lists and the derive
    step load them here);
    the resolver's and search_terms' caches and the other lru caches moved RSS by ≤ 3 MB (not dropped).
    Each is rebuilt on first use — a replayed document after the send only pays the ~1 s reload."""
    from app.text import segment

    release_packing()
    segment.release()


def derive_in_memory(run: BulkRun, pack: Callable[[GraphBatch], Any]) -> InferenceReport:
    """app.services.chains.materialise_inferred over the run's in-memory graph, before it is sent: the
    same links and pseudo-document the store path writes (tests/bulk compares the two graphs)."""
    from app.derive.chains import DEFAULT_MIN_SCORE, DERIVED_DOC, InferenceReport, derived_document, infer_links

    chains, platforms = run.derive_inputs()
    batch, seen = infer_links(chains, platforms, DEFAULT_MIN_SCORE)
    sha, props, links = derived_document(batch, DEFAULT_MIN_SCORE)
    status = "none"
    if links:
        status = run.load(DERIVED_DOC, sha, props, [pack(batch)]).status
    return InferenceReport(chains=len(chains), platforms=seen, links=links, status=status)

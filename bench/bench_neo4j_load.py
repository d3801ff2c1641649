"""Neo4j load, end to end: a first load of N synth platforms through the neo4j-admin import path
(app.store.neo4j.importer), then an incremental MERGE load of M new platforms into that graph.

Starts the project's own local Neo4j in a fresh directory, ingests with ``bulk=True`` (fold, CSV files, server
stopped, importer, server started, schema, documents stamped complete), then ingests M platforms generated
with another seed (file names prefixed so that they are new documents) with ``bulk=False``. Reports rows/s,
the stage times the import path wrote (D/neo4j-import.json), the importer's own time on the same CSVs and
the ratio, and the peak resident memory of all processes together (this one, its children — the fold, the
workers, the importer's JVM — and the Neo4j server's JVM), sampled every 0.5 s. Prints markdown for
docs/benchmarks/load.md.

    .venv/bin/python bench/bench_neo4j_load.py --platforms 1000000 --out /tmp/innokg-synth-1m [--reuse]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from a checkout

from bench_load import _descendants, _rss_gib  # the same /proc readings as the FalkorDB bench
from synth_inputs import add_load_args, synth_inputs

from app.store.factory import open_store
from app.store.loader import counts_by_label
from app.store.neo4j import server
from app.store.neo4j.importer import IMPORT_LOG, TIMES_FILE
from app.store.queries import parse_query_file
from ingest.pipeline.files import SKIP_NAMES
from ingest.pipeline.run import ingest_paths


class _Sampler(threading.Thread):
    """Every 0.5 s: RSS of this process + its descendants + the Neo4j launcher of ``home`` (its pid file:
    the server is restarted by the import path, detached from the process that starts it)."""

    def __init__(self, home: Path) -> None:
        super().__init__(daemon=True)
        self.home = home
        self.peak = 0.0
        self.peak_parts = (0.0, 0.0, 0.0)
        self.loads: list[float] = []
        self.stop = threading.Event()

    def _server_pid(self) -> int | None:
        try:
            return int((self.home / "neo4j.pid").read_text().strip())
        except (OSError, ValueError):
            return None

    def run(self) -> None:
        n = 0
        while not self.stop.wait(0.5):
            me, srv = os.getpid(), self._server_pid()
            kids = set(_descendants(me)) - ({srv} if srv else set())
            parts = (_rss_gib(me), sum(_rss_gib(c) for c in kids), _rss_gib(srv) if srv else 0.0)
            if sum(parts) > self.peak:
                self.peak, self.peak_parts = sum(parts), parts
            n += 1
            if n % 10 == 0:
                self.loads.append(os.getloadavg()[0])


def _incremental_inputs(n: int, seed: int, base: Path) -> Path:
    """n platforms of another seed, every file renamed ``inc-…``: new documents, not replacements."""
    src, _ = synth_inputs(n, seed, Path(tempfile.mkdtemp(prefix="innokg-synth-inc-")), False)
    dst = base / "incremental"
    shutil.rmtree(dst, ignore_errors=True)
    for p in src.rglob("*"):
        if p.is_file() and p.name not in SKIP_NAMES:  # renamed, they would be read as inputs
            target = dst / p.relative_to(src).parent / f"inc-{p.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(p), target)
    shutil.rmtree(src, ignore_errors=True)
    return dst


def _rows(report: object) -> int:
    return sum(f.rows_read for f in report.files if f.error is None)  # type: ignore[attr-defined]


def main() -> None:
    ap = argparse.ArgumentParser()
    add_load_args(ap)
    ap.add_argument("--incremental", type=int, default=10_000, help="new platforms MERGEd afterwards (0: none)")
    ap.add_argument("--derive", action="store_true", help="run the derive step after the incremental load")
    ap.add_argument("--heap", default="1g", help="the Neo4j server's heap")
    ap.add_argument("--pagecache", default="512m")
    args = ap.parse_args()
    out, gen_s = synth_inputs(args.platforms, args.seed, args.out, args.reuse)
    inc = _incremental_inputs(args.incremental, args.seed + 1, Path(tempfile.mkdtemp())) if args.incremental else None

    home = Path(tempfile.mkdtemp(prefix="innokg-bench-neo4j-"))
    try:
        t = time.perf_counter()
        url = server.start(home, heap=args.heap, pagecache=args.pagecache, http_port=None, timeout_s=600)
        start_s = time.perf_counter() - t
        _bench(url, home, out, inc, args, gen_s, start_s)
    finally:
        if (home / TIMES_FILE).exists():  # also when the run failed after the import
            print(f"{TIMES_FILE}: {(home / TIMES_FILE).read_text()}", file=sys.stderr)
        server.stop(home)
        shutil.rmtree(home, ignore_errors=True)


def _bench(url: str, home: Path, out: Path, inc: Path | None, args: argparse.Namespace,
           gen_s: float | None, start_s: float) -> None:  # fmt: skip
    store = open_store(url)
    sampler = _Sampler(home)
    sampler.start()
    load0 = os.getloadavg()
    t = time.perf_counter()
    report = ingest_paths(store, [out], workers=args.workers, chunk=args.chunk, bulk=True)
    wall = time.perf_counter() - t
    peak_first, parts_first = sampler.peak, sampler.peak_parts
    times = json.loads((home / TIMES_FILE).read_text())
    log = (home / IMPORT_LOG).read_text(errors="replace")
    done = re.findall(r"IMPORT DONE in ([^.]+(?:\.\d+)?[^\n]*)", log)
    counts = counts_by_label(store)
    edges = int(store.read(parse_query_file(Path(__file__).with_name("count_rels.cypher")).text)[0]["n"])
    rows = _rows(report)
    tm = report.times
    print(f"## Neo4j first load through neo4j-admin import, {args.platforms:,} platforms (seed {args.seed})\n")
    print(f"- date {dt.datetime.now(dt.UTC).isoformat(timespec='minutes')}, {os.cpu_count()} cores, "
          f"Python {sys.version.split()[0]}, Neo4j {server.built_version()} (server heap {args.heap}, "
          f"page cache {args.pagecache})")  # fmt: skip
    loads = sampler.loads or [os.getloadavg()[0]]
    print(f"- load average: before {load0[0]:.2f}, during mean {sum(loads) / len(loads):.2f} (max {max(loads):.2f})")
    if gen_s is not None:
        print(f"- synth: {gen_s:.1f} s")
    print(f"- server start before the run (fresh directory): {start_s:.1f} s")
    print(f"- files: {len(report.files)} ({len(report.failed)} failed); rows loaded: {rows:,}")
    print(f"- nodes: {sum(counts.values()):,} ({', '.join(f'{k} {v:,}' for k, v in counts.items() if v)})")
    print(f"- relationships: {edges:,}; CSV written: {times['csv_bytes'] / 2**20:,.0f} MiB\n")
    print("| stage | seconds | rows/s |")
    print("|---|---:|---:|")
    print(f"| parse (CPU, workers) | {tm.read:.1f} | {rows / max(tm.read, 1e-9):,.0f} |")
    print(f"| resolve + build + prepare (CPU, workers) | {tm.build:.1f} | {rows / max(tm.build, 1e-9):,.0f} |")
    print(f"| merge into the in-memory graph (fold) | {tm.write - tm.send:.1f} | |")
    print(f"| derive step in memory | {tm.derive:.1f} | |")
    for key, what in (("csv_s", "CSV files written"),
                      ("stop_s", "server stopped (beside the CSV files since 2026-12-07)"),
                      ("stop_wait_s", "… of it after the CSV files were written"),
                      ("import_s", "neo4j-admin import (JVM wall)"), ("start_s", "server started again"),
                      ("fix_s", f"empty evidence lists set ({times.get('empty_evidence', 0):,} rels)"),
                      ("schema_s", "schema: constraints + indexes populated (beside the fix)")):  # fmt: skip
        if key in times:
            print(f"| {what} | {times[key]:.1f} | |")
    print(f"| send + schema + complete (wall, all of the above from CSV on, + indexes) | {tm.send:.1f} | |")
    print(f"| **end to end (wall)** | **{wall:.1f}** | **{rows / wall:,.0f}** |\n")
    imp = times.get("import_s", 0.0)
    own = done[-1] if done else "?"
    print(f"The importer's own time on the same CSVs: {imp:.1f} s wall (its log: IMPORT DONE in {own}); "
          f"end to end / importer = **{wall / max(imp, 1e-9):.1f}×**.\n")  # fmt: skip
    print(f"**Peak RSS of all processes at one instant** during the first load: {peak_first:.2f} GiB "
          f"(this process {parts_first[0]:.2f} + children: fold, workers, importer JVM {parts_first[1]:.2f} "
          f"+ Neo4j server {parts_first[2]:.2f}).\n")  # fmt: skip
    if inc is not None:
        t = time.perf_counter()
        # derive=False by default: the derive step re-reads every platform and replaces the derived document
        # whole, a cost of the graph's size, not of the new files (docs/benchmarks/load.md, "Incremental
        # MERGE on Neo4j"); --derive includes it
        more = ingest_paths(store, [inc], workers=args.workers, chunk=args.chunk, bulk=False, derive=args.derive)
        inc_wall = time.perf_counter() - t
        inc_rows = _rows(more)
        for f in more.failed:
            print(f"- failed: {f.path.name}: {f.error}")
        print(f"Incremental MERGE: {inc_rows:,} new platform rows ({len(more.files)} files, {len(more.failed)} "
              f"failed) into that graph in {inc_wall:.1f} s = **{inc_rows / inc_wall:,.0f} rows/s** end to end "
              f"(write {more.times.write:.1f} s, derive step {'on' if args.derive else 'off'}); peak of all "
              f"processes over both loads {sampler.peak:.2f} GiB.\n")  # fmt: skip
    sampler.stop.set()
    store.close()


if __name__ == "__main__":
    main()

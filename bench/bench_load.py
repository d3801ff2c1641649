"""End-to-end inventory load: synth N platforms, ingest the directory into a fresh embedded store
(parse + resolve + build + write), per-stage times, rows/s, peak RSS (this process, its workers, the
FalkorDB server), node/edge counts, load average. Prints a markdown section for docs/benchmarks/load.md.

    .venv/bin/python bench/bench_load.py --platforms 1000000 --out /tmp/innokg-synth-1m [--reuse]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from a checkout

from synth_inputs import add_load_args, synth_inputs

from app.store.falkordb.server import server_paths, stop_server
from app.store.falkordb.store import FalkorStore
from app.store.loader import counts_by_label
from app.store.queries import parse_query_file
from ingest.pipeline.run import ingest_paths


def _status_gib(pid: int, field: str, missing: float) -> float:
    """A memory line of /proc/<pid>/status (VmHWM: peak, VmRSS: now) in GiB; ``missing`` when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return missing


def _hwm_gib(pid: int) -> float:
    return _status_gib(pid, "VmHWM", float("nan"))


def _rss_gib(pid: int) -> float:
    return _status_gib(pid, "VmRSS", 0.0)


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _descendants(pid: int) -> list[int]:
    """Children, grandchildren …: a bulk run folds in a child that runs the worker pool."""
    out, todo = [], _children(pid)
    while todo:
        c = todo.pop()
        out.append(c)
        todo += _children(c)
    return out


class _LoadSampler(threading.Thread):
    """Load average every 5 s; every 0.5 s the resident memory of this process + its workers + the
    server together: the high-water marks of single processes do not say whether their peaks coincide."""

    def __init__(self, server_pid: int) -> None:
        super().__init__(daemon=True)
        self.samples: list[float] = []
        self.server_pid = server_pid
        self.peak_sum = 0.0
        self.peak_parts = (0.0, 0.0, 0.0)  # parent, workers, server at the peak
        self.stop = threading.Event()

    def run(self) -> None:
        n = 0
        while not self.stop.wait(0.5):
            me = os.getpid()
            parts = (_rss_gib(me), sum(_rss_gib(c) for c in _descendants(me)), _rss_gib(self.server_pid))
            if sum(parts) > self.peak_sum:
                self.peak_sum, self.peak_parts = sum(parts), parts
            n += 1
            if n % 10 == 0:
                self.samples.append(os.getloadavg()[0])


def main() -> None:
    ap = argparse.ArgumentParser()
    add_load_args(ap)
    ap.add_argument(
        "--mode", choices=["bulk", "merge", "both"], default="both", help="write path(s); both: bulk then MERGE"
    )
    ap.add_argument("--search", type=int, default=0, help="then time N searches for cuts of platform names")
    ap.add_argument("--search-out", type=Path, default=None, help="write each search's answer here (JSON)")
    args = ap.parse_args()
    out, gen_s = synth_inputs(args.platforms, args.seed, args.out, args.reuse)

    modes = ["bulk", "merge"] if args.mode == "both" else [args.mode]
    walls: dict[str, float] = {}
    for mode in modes:
        walls[mode] = _run(mode, out, args, gen_s)
    if len(walls) == 2:
        print(
            f"**Same run: bulk {walls['bulk']:.1f} s vs MERGE {walls['merge']:.1f} s end to end = "
            f"{walls['merge'] / walls['bulk']:.2f}× faster.**"
        )


def _run(mode: str, out: Path, args: argparse.Namespace, gen_s: float | None) -> float:
    """One ingest of the directory into a fresh store through one write path; prints its section."""
    store_dir = Path(tempfile.mkdtemp(prefix="innokg-bench-store-"))
    store = FalkorStore(store_dir, graph="bench")
    server_pid = int(server_paths(store_dir).pidfile.read_text().strip())
    load_before = os.getloadavg()
    sampler = _LoadSampler(server_pid)
    sampler.start()
    cpu0 = (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    t = time.perf_counter()
    report = ingest_paths(store, [out], workers=args.workers, chunk=args.chunk, bulk=mode == "bulk")
    wall = time.perf_counter() - t
    cpu1 = (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    parent_cpu, workers_cpu = (
        b.ru_utime + b.ru_stime - a.ru_utime - a.ru_stime for a, b in zip(cpu0, cpu1, strict=True)
    )
    sampler.stop.set()
    load_after = os.getloadavg()
    counts = counts_by_label(store)
    edges = int(store.read(parse_query_file(Path(__file__).with_name("count_rels.cypher")).text)[0]["n"])
    server_hwm = _hwm_gib(server_pid)
    server_end = (_rss_gib(server_pid), store._db.connection.info("memory")["used_memory"] / 2**30)
    searched = _search(store, args.search, args.seed, args.search_out) if args.search else None
    store.close()
    stop_server(store_dir)
    shutil.rmtree(store_dir, ignore_errors=True)

    rows = sum(f.rows_read for f in report.files if f.error is None)
    failed = len(report.failed)
    tm = report.times
    parent_at, workers_at, server_at = sampler.peak_parts
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 / 1024
    loads = sampler.samples or [load_after[0]]
    path = "GRAPH.BULK" if mode == "bulk" else "MERGE"
    print(f"## Inventory load end to end ({path}), {args.platforms:,} platforms (seed {args.seed})\n")
    print(f"- date {dt.date.today().isoformat()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(
        f"- load average: before {load_before[0]:.2f}, during mean {sum(loads) / len(loads):.2f} "
        f"(max {max(loads):.2f}), after {load_after[0]:.2f} — the machine is shared with other engineers"
    )
    if gen_s is not None:
        print(f"- synth: {gen_s:.1f} s")
    print(f"- files: {len(report.files)} ({failed} failed); rows loaded: {rows:,}; workers: {args.workers}")
    print(f"- nodes: {sum(counts.values()):,} ({', '.join(f'{k} {v:,}' for k, v in counts.items() if v)})")
    print(f"- relationships: {edges:,}\n")
    print("| stage | seconds | rows/s |")
    print("|---|---:|---:|")
    print(f"| parse (CPU, workers) | {tm.read:.1f} | {rows / max(tm.read, 1e-9):,.0f} |")
    print(f"| resolve + build + prepare (CPU, workers) | {tm.build:.1f} | {rows / max(tm.build, 1e-9):,.0f} |")
    if mode == "bulk":
        merge_s = tm.write - tm.send
        print(f"| merge into the in-memory graph (CPU, parent) | {merge_s:.1f} | {rows / max(merge_s, 1e-9):,.0f} |")
        print(f"| GRAPH.BULK send + schema (wall) | {tm.send:.1f} | {rows / max(tm.send, 1e-9):,.0f} |")
    else:
        print(f"| write (wall, parent → engine) | {tm.write:.1f} | {rows / max(tm.write, 1e-9):,.0f} |")
    print(f"| parent waiting for workers (wall) | {tm.wait:.1f} | |")
    print(f"| derive step: inferred chain links (wall) | {tm.derive:.1f} | |")
    if mode == "bulk":  # the run is folded in a child: its CPU and its pool's are measured there
        print(f"| CPU of the fold (merge, unpickling, spool, send) | {tm.fold_cpu:.1f} | |")
        print(f"| CPU of the worker processes (incl. pickling, GC) | {tm.pool_cpu:.1f} | |")
        print(f"| CPU of this process (schema, the rest) | {parent_cpu:.1f} | |")
    else:
        print(f"| CPU of this process (all threads: merge, unpickling, send) | {parent_cpu:.1f} | |")
        print(f"| CPU of the worker processes (incl. pickling, GC) | {workers_cpu:.1f} | |")
    print(f"| **end to end (wall)** | **{wall:.1f}** | **{rows / wall:,.0f}** |\n")
    print(
        f"Peak RSS (high-water marks so far in this bench process): this process {self_rss:.2f} GiB, "
        f"largest child process (the bulk fold or a worker) {child_rss:.2f} GiB, FalkorDB server {server_hwm:.2f} GiB. "
        f"**Peak of all processes together at one instant** (sampled every 0.5 s): {sampler.peak_sum:.2f} GiB "
        f"(this process {parent_at:.2f} + its children: fold, workers {workers_at:.2f} + server {server_at:.2f}). "
        f"Server after the load: RSS {server_end[0]:.2f} GiB, used_memory {server_end[1]:.2f} GiB.\n"
    )
    if searched:
        print(searched)
    return wall


# Queries made only of terms thousands of platform names share (bench_api.py's worst cases).
COMMON = ("生物医药", "集成电路", "新材料", "智能制造", "重点实验室", "技术创新中心", "新型研发机构", "省智能制造")


def _search(store: FalkorStore, n: int, seed: int, out: Path | None) -> str:
    """Time ``app.services.search.search`` for n 4–8 character cuts of platform names (drawn by id order,
    so any store with the same platforms gets the same queries) and the COMMON queries; answers to --search-out
    so two versions' answers can be compared."""
    import json
    import random

    from app.services.search import search

    names = [r["name"] for r in store.read(parse_query_file(Path(__file__).with_name("platform_names.cypher")).text)]
    rng = random.Random(seed)
    cuts = []
    for name in rng.sample(names, min(n, len(names))):
        k = rng.randrange(4, 9)
        start = rng.randrange(max(1, len(name) - k))
        cuts.append(name[start : start + k])
    answers, times = [], {"cut": [], "common": []}
    search(store, "预热")  # first query pays for connections and jieba
    for kind, queries in (("cut", cuts), ("common", list(COMMON) * 3)):
        for q in queries:
            t = time.perf_counter()
            page = search(store, q, limit=20)
            times[kind].append((time.perf_counter() - t) * 1000)
            answers.append({"q": q, "total": page.total, "exact": page.total_exact, "ids": [h.id for h in page.items]})
    if out is not None:
        out.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")

    def pct(v: list[float], p: float) -> float:
        s = sorted(v)
        return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]

    lines = ["| search (in process, ms) | queries | p50 | p90 | p99 | max |", "|---|---:|---:|---:|---:|---:|"]
    for kind, v in times.items():
        label = "4–8 character cuts of names" if kind == "cut" else "common terms only"
        lines.append(f"| {label} | {len(v)} | {pct(v, 50):.1f} | {pct(v, 90):.1f} | {pct(v, 99):.1f} | {max(v):.1f} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()

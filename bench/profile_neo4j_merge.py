"""Where an incremental MERGE load's time goes on Neo4j: every store call of a run, timed, and the plan of
every distinct write statement (PROFILE, in a transaction rolled back before the real one runs).

Runs ``ingest_paths(..., bulk=False)`` over DIR into the Neo4j at URL (a graph built beforehand, e.g. by
``bench/bench_neo4j_load.py`` or a bulk ``innokg ingest``) through a proxy store that records each ``read`` /
``write`` call: which statements (their ``// name:`` header), how many, how long. Prints per-file figures
(calls = round trips of one transaction each, ms per file) and a table per statement, then each profiled
plan's operators with rows and db hits, flagging label or type scans (a MERGE or MATCH with no index seek).

    .venv/bin/python bench/profile_neo4j_merge.py URL DIR [--derive] [--no-profile] [--workers W] [--alternate]

``--alternate``: files of each kind (the name after the region) take turns between one transaction per
statement (``tx_rows=0``: what the loader did before 2026-12-07, less the separate begin and complete
transactions) and the loader's default (one transaction per file), so both are measured under the same load on
this shared machine; prints the write time per file and per row of each.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from a checkout

import neo4j

from app.store import loader
from app.store.factory import open_store
from app.store.neo4j.server import parse_url
from app.store.protocol import GraphStore, Params, Row, Statement
from ingest.pipeline.run import ingest_paths

_NAME = re.compile(r"^//\s*name:\s*(\w+)", re.M)
SCANS = ("AllNodesScan", "NodeByLabelScan", "DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan",
         "DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan")  # fmt: skip


def _name(query: str) -> str:
    m = _NAME.search(query)
    label = re.search(r"MERGE \(n:(\w+) \{id|MERGE \(a\)-\[r:(\w+)", query)
    suffix = f"[{next(g for g in label.groups() if g)}]" if label else ""
    return (m.group(1) if m else query.strip().splitlines()[0][:40]) + suffix


class Recorder:
    """A GraphStore that times every call of the store it wraps."""

    def __init__(self, store: GraphStore, url: str, profile: bool) -> None:
        self.store = store
        self.calls: list[tuple[str, str, float, int]] = []  # (read|write, names, seconds, statements)
        self.profiled: dict[str, list[dict[str, Any]]] = {}
        bare, user, password = parse_url(url)
        self.driver = neo4j.GraphDatabase.driver(bare, auth=(user, password)) if profile else None
        self.database = getattr(store, "database", "neo4j")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def read(self, query: str, params: Params | None = None, *, timeout_ms: int | None = None) -> list[Row]:
        t = time.perf_counter()
        try:
            return self.store.read(query, params, timeout_ms=timeout_ms)
        finally:
            self.calls.append(("read", _name(query), time.perf_counter() - t, 1))

    def write(self, statements: Sequence[Statement]) -> list[list[Row]]:
        names = "+".join(_name(st.query) for st in statements)
        for st in statements:
            self._profile(st)
        t = time.perf_counter()
        try:
            return self.store.write(statements)
        finally:
            self.calls.append(("write", names, time.perf_counter() - t, len(statements)))

    def _profile(self, st: Statement) -> None:
        key = _name(st.query)
        if self.driver is None or key in self.profiled:
            return
        with self.driver.session(database=self.database) as s:
            tx = s.begin_transaction()
            try:
                summary = tx.run("PROFILE " + st.query, dict(st.params)).consume()
            finally:
                tx.rollback()
        ops: list[dict[str, Any]] = []

        def walk(plan: Any, depth: int) -> None:
            args = plan.get("args", {}) if isinstance(plan, dict) else {}
            ops.append({"op": plan.get("operatorType", "?"), "depth": depth, "rows": plan.get("rows", 0),
                        "hits": plan.get("dbHits", 0), "details": str(args.get("Details", ""))[:90]})  # fmt: skip
            for child in plan.get("children", []):
                walk(child, depth + 1)

        walk(summary.profile or {}, 0)
        self.profiled[key] = ops


def _rust() -> bool:
    """Whether the driver packs with neo4j-rust-ext (its Structure type comes from the extension)."""
    from neo4j._codec.packstream import _common

    return _common.Structure.__module__ == "builtins"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("dir", type=Path)
    ap.add_argument("--derive", action="store_true")
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--alternate", action="store_true", help="files alternate: per-statement / per-file transactions")
    args = ap.parse_args()
    store = open_store(args.url)
    rec = Recorder(store, args.url, not args.no_profile)
    modes: dict[str, str] = {}  # doc id → "per statement" | "per file"
    turns: dict[str, int] = {}
    if args.alternate:
        real = loader.write_prepared

        def alternating(store_: GraphStore, prepared: loader.PreparedBatch, *a: Any, **kw: Any) -> loader.LoadResult:
            if prepared.doc_id not in modes:  # alternate within each kind of list (the name after the region)
                kind = prepared.doc_id.split("_", 1)[-1]
                turns[kind] = turns.get(kind, -1) + 1
                modes[prepared.doc_id] = ("per statement", "per file")[turns[kind] % 2]
            mode = modes[prepared.doc_id]
            return real(store_, prepared, *a, **kw, **({"tx_rows": 0} if mode == "per statement" else {}))

        loader.write_prepared = alternating  # type: ignore[assignment]
    load0 = os.getloadavg()[0]
    t, cpu = time.perf_counter(), time.process_time()
    report = ingest_paths(rec, [args.dir], bulk=False, derive=args.derive, workers=args.workers)  # type: ignore[arg-type]
    wall, cpu = time.perf_counter() - t, time.process_time() - cpu
    files = [f for f in report.files if f.error is None]
    rows = sum(f.rows_read for f in files)
    n = max(len(files), 1)
    print(f"- load average before {load0:.2f}, after {os.getloadavg()[0]:.2f}; {len(report.files)} files "
          f"({len(report.failed)} failed), {rows:,} rows in {wall:.1f} s = **{rows / wall:,.0f} rows/s**, "
          f"{1000 * wall / n:.0f} ms per file; write {report.times.write:.1f} s "
          f"({1000 * report.times.write / n:.0f} ms per file), waiting for workers {report.times.wait:.1f} s, "
          f"derive {report.times.derive:.1f} s; workers' CPU: parse {report.times.read:.1f} s, "
          f"build {report.times.build:.1f} s")  # fmt: skip
    total = sum(c[2] for c in rec.calls)
    codec = "Rust" if _rust() else "pure Python"
    print(f"- this process's CPU (the writer: driver, packing, loop; workers not counted): {cpu:.1f} s = "
          f"{1000 * cpu / n:.1f} ms per file; neo4j {neo4j.__version__}, packstream codec: {codec}")  # fmt: skip
    print(f"- store calls: {len(rec.calls):,} ({len(rec.calls) / n:.1f} per file), "
          f"{sum(c[3] for c in rec.calls):,} statements, {total:.1f} s in calls\n")  # fmt: skip
    if args.alternate:
        for mode in ("per statement", "per file"):
            fs = [f for f in files if f.result is not None and modes.get(f.result.doc_id) == mode]
            w, r = sum(f.times.write for f in fs), sum(f.rows_read for f in fs)
            print(f"- one transaction {mode}: {len(fs)} files, {r:,} rows, write {1000 * w / max(len(fs), 1):.0f} ms "
                  f"per file, {1000 * w / max(r, 1):.2f} ms per row")  # fmt: skip
        print()
    agg: dict[tuple[str, str], list[float]] = defaultdict(list)
    for kind, names, secs, _ in rec.calls:
        agg[(kind, names)].append(secs)
    print("| call | statements | count | per file | total s | mean ms | max ms |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for (kind, names), secs in sorted(agg.items(), key=lambda kv: -sum(kv[1])):
        print(f"| {kind} | {names[:90]} | {len(secs)} | {len(secs) / n:.2f} | {sum(secs):.2f} | "
              f"{1000 * sum(secs) / len(secs):.1f} | {1000 * max(secs):.1f} |")  # fmt: skip
    for key, ops in rec.profiled.items():
        scans = [o["op"] for o in ops if any(o["op"].startswith(s) for s in SCANS)]
        flag = f" — **scan: {', '.join(scans)}**" if scans else ""
        print(f"\n#### PROFILE {key}{flag}\n")
        for o in ops:
            print(f"    {'  ' * o['depth']}{o['op']} rows={o['rows']} hits={o['hits']} {o['details']}")
    if rec.driver is not None:
        rec.driver.close()
    store.close()


if __name__ == "__main__":
    main()

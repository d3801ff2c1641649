"""Inventory speed: synth generation, then parse (read_inventory) and parse+resolve+build (to_batches)
on the generated files; prints a markdown section for docs/benchmarks/inventory.md.

    .venv/bin/python bench/bench_inventory.py --platforms 1000000 --out /tmp/innokg-synth

``--stages N`` instead measures CPU per row of each build stage as a pool worker runs it (one process,
cyclic GC off per file, one Resolver): read, to_graph (to_batches), search terms (add_search_terms),
packing (bulk_rows) and pickling the packed batches (what the pool sends the parent) over the N largest
platform lists of one format (``--format csv|xlsx``) of an existing run (``--out``); the first two files
warm the caches, the rest are measured. Run it from two checkouts, one after the other, to compare.

The end-to-end load into the store is measured by the lead's loader bench; this is the Python side.
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from a checkout

from synth_inputs import synth_inputs

from ingest.inventory.read import read_inventory
from ingest.inventory.to_graph import to_batches
from ingest.resolve.resolver import Resolver


def _rss_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def stages(out: Path, n_files: int, batch_rows: int, fmt: str = "csv") -> None:
    """CPU µs per row of each build stage, warm caches (files 3..N of the N largest platform lists)."""
    import gc
    import json
    import os
    import pickle

    from app.store.falkordb.bulk import bulk_rows
    from app.text.search_terms import add_search_terms

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    files = [f for f in manifest["files"] if f["kind"] == "platform" and f["path"].endswith(f".{fmt}")]
    files.sort(key=lambda f: (-f["rows"], f["path"]))
    clock = time.process_time
    resolver = Resolver()
    totals = [0.0] * 5
    measured = 0
    print(f"| file | rows | read | to_graph | search terms | packing | pickling | sum |  (CPU µs/row, {os.getpid()})")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for i, f in enumerate(files[:n_files]):
        gc.collect()
        gc.disable()  # as a pool worker builds a file (ingest.pipeline.run: GC off per file)
        t0 = clock()
        read = read_inventory(out / f["path"])
        t1 = clock()
        batches = list(to_batches(read, batch_rows, resolver))
        t2 = clock()
        for b in batches:
            add_search_terms(b)
        t3 = clock()
        packed = [bulk_rows(b) for b in batches]
        t4 = clock()
        pickle.dumps(packed)
        t5 = clock()
        del packed, batches
        gc.enable()
        n = len(read.rows)
        us = [(b - a) / n * 1e6 for a, b in ((t0, t1), (t1, t2), (t2, t3), (t3, t4), (t4, t5))]
        cells = " | ".join(f"{u:.1f}" for u in us)
        print(f"| {f['path']}{' (warm-up)' if i < 2 else ''} | {n:,} | {cells} | {sum(us):.1f} |")
        if i >= 2:
            for k in range(5):
                totals[k] += us[k] * n
            measured += n
    if measured:
        mean = [x / measured for x in totals]
        cells = " | ".join(f"{u:.1f}" for u in mean)
        print(f"| **mean, files 3–{n_files}** | {measured:,} | {cells} | {sum(mean):.1f} |")
    print(f"\nload average after: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}; peak RSS {_rss_gib():.2f} GiB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--platforms", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--reuse", action="store_true", help="skip generation if --out already holds a run")
    ap.add_argument("--batch-rows", type=int, default=20_000)
    ap.add_argument("--stages", type=int, default=0, help="per-stage CPU/row over the N largest files of --out")
    ap.add_argument("--format", choices=("csv", "xlsx"), default="csv", help="the lists --stages measures")
    args = ap.parse_args()
    if args.stages:
        if args.out is None:
            ap.error("--stages needs --out (an existing synth run)")
        stages(args.out, args.stages, args.batch_rows, args.format)
        return
    out, gen_s = synth_inputs(args.platforms, args.seed, args.out, args.reuse)

    files = sorted(p for p in out.iterdir() if p.suffix in (".csv", ".xlsx") and p.name != "labels.csv")
    by_fmt: dict[str, list[float]] = {}
    read_s = build_s = 0.0
    rows = facts = 0
    resolver = Resolver()
    for f in files:
        t = time.perf_counter()
        read = read_inventory(f)
        dt_read = time.perf_counter() - t
        t = time.perf_counter()
        for batch in to_batches(read, args.batch_rows, resolver):
            facts += sum(batch.counts().values())
        dt_build = time.perf_counter() - t
        read_s += dt_read
        build_s += dt_build
        rows += len(read.rows)
        key = f"{read.format}/{read.encoding or 'xlsx'}"
        acc = by_fmt.setdefault(key, [0.0, 0.0])
        acc[0] += len(read.rows)
        acc[1] += dt_read

    total = read_s + build_s
    print("## Inventories: generate, parse, resolve (Python side)\n")
    print(f"- machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"- synth `--platforms {args.platforms} --seed {args.seed}`: {len(files)} files")
    if gen_s is not None:
        print(f"- generation: {gen_s:.1f} s ({args.platforms / gen_s:,.0f} platforms/s, streamed per province)")
    print(f"- rows read: {rows:,}; facts built (nodes + rels + evidence rows): {facts:,}")
    print(f"- distinct institution surfaces resolved (cache size): {len(resolver):,}\n")
    print("| stage | seconds | rows/s |")
    print("|---|---:|---:|")
    print(f"| parse (read_inventory) | {read_s:.1f} | {rows / read_s:,.0f} |")
    print(f"| resolve + build GraphBatches (to_batches) | {build_s:.1f} | {rows / build_s:,.0f} |")
    print(f"| parse + resolve + build | {total:.1f} | {rows / total:,.0f} |")
    print("\n| format | rows | parse rows/s |")
    print("|---|---:|---:|")
    for key, (n, s) in sorted(by_fmt.items()):
        print(f"| {key} | {int(n):,} | {n / s:,.0f} |")
    print(f"\nPeak RSS of this process: {_rss_gib():.2f} GiB (one file's rows + one batch at a time).")


if __name__ == "__main__":
    main()

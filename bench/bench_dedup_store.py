"""Reading platforms for duplicate detection from the embedded FalkorDB store: the paged named query
dedup_platforms (id-keyed pages, no SKIP) and the index built from it, at a given size.

Platforms (the bench_dedup rows) are written with the lead's loader (write_batch; Platform nodes only,
no evidence, so the write figure is not the inventory load figure). Prints a markdown section.
Usage: .venv/bin/python bench/bench_dedup_store.py [100000 ...]
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from bench_dedup import synth_rows

from app.derive.dedup import source
from app.derive.dedup.engine import DedupIndex
from app.model.batch import GraphBatch
from app.model.schema import Label
from app.store.falkordb.server import stop_server
from app.store.falkordb.store import FalkorStore
from app.store.loader import write_batch


def run(n: int, folder: Path) -> dict[str, float]:
    store = FalkorStore(folder, graph=f"dedup_bench_{n}")
    try:
        store.apply_schema()
        rows = synth_rows(n)
        t0 = time.perf_counter()
        for s in range(0, n, 50_000):
            b = GraphBatch(doc_id=f"bench_{s}")
            for r in rows[s : s + 50_000]:
                b.add_node(Label.PLATFORM, r["id"], {k: v for k, v in r.items() if k != "id"})
            write_batch(store, b)
        t1 = time.perf_counter()
        got = sum(1 for _ in source.platform_rows(store))
        t2 = time.perf_counter()
        DedupIndex.build(source.platform_rows(store), source.policy_index(store))
        t3 = time.perf_counter()
        assert got == n, (got, n)
        return {"n": n, "write_s": t1 - t0, "read_s": t2 - t1, "read_build_s": t3 - t2}
    finally:
        store.drop()
        store.close()


def main(sizes: list[int]) -> None:
    print("## Duplicate detection: reading from the store (bench/bench_dedup_store.py)\n")
    print("| platforms | write (loader) s | read dedup_platforms s | rows/s | read + index build s | peak RSS GiB |")
    print("|---|---|---|---|---|---|")
    folder = Path(tempfile.mkdtemp(prefix="dedup-store-"))
    try:
        for n in sizes:
            r = run(n, folder)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
            print(
                f"| {n:,} | {r['write_s']:.1f} | {r['read_s']:.1f} | {n / r['read_s']:,.0f} | "
                f"{r['read_build_s']:.1f} | {rss:.2f} |",
                flush=True,
            )
    finally:
        stop_server(folder)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main([int(x) for x in sys.argv[1:]] or [100_000])

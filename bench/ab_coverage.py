"""Cold chain coverage in-process, summary vs inferring, interleaved (docs/benchmarks/api.md, session 9).

For every chain and industrial cluster of a store, what a first ``/chains/{id}/coverage`` request costs the
service below HTTP, both ways at the same moment (alternating which goes first): the fingerprint read and
the answer's JSON, built either from the chain's coverage summary (app.derive.coverage, what a cold request
now reads) or from the four inferring reads (what it read before). Checks that both answers are the same
bytes for every chain. Run ``app.derive.coverage.refresh_summaries`` first on a store loaded before it existed
(``--refresh``: and report its time, the derive step's added cost).

    .venv/bin/python bench/ab_coverage.py --store embedded:/tmp/store --graph bench_1000000 [--refresh]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.derive.coverage import SUMMARY_PER_GROUP, refresh_summaries
from app.services import chains
from app.store.factory import open_store


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p * (len(s) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--graph", default="innokg")
    ap.add_argument("--refresh", action="store_true", help="rewrite the summaries first and time it")
    ap.add_argument("--per-group", type=int, default=10)
    args = ap.parse_args()
    store = open_store(args.store, graph=args.graph)
    if args.refresh:
        load, t = os.getloadavg()[0], time.perf_counter()
        report = refresh_summaries(store, force=True)
        print(f"summaries: {report.chains} chains written in {time.perf_counter() - t:.1f} s (load {load:.1f})")
    ids = [str(r["id"]) for r in chains.run(store, "chains_terms")]
    lat: dict[str, list[float]] = {"inferred": [], "summary": []}
    same, loads = 0, [os.getloadavg()[0]]
    for i, cid in enumerate(ids):
        out: dict[str, bytes] = {}
        for way in ("inferred", "summary")[:: 1 if i % 2 == 0 else -1]:
            t = time.perf_counter()
            fp = chains.fingerprint(store)
            if way == "summary":
                answer, used = chains._summarised(
                    store, cid, fp, min_score=chains.DEFAULT_MIN_SCORE, per_group=SUMMARY_PER_GROUP
                )
                assert used, f"no current summary for {cid}: run with --refresh"
            else:
                answer = chains._coverage(store, cid, min_score=chains.DEFAULT_MIN_SCORE, per_group=SUMMARY_PER_GROUP)
            answer = chains._cut(answer, args.per_group)
            out[way] = b"" if answer is None else answer.model_dump_json().encode()
            lat[way].append((time.perf_counter() - t) * 1000)
        same += out["inferred"] == out["summary"]
    loads.append(os.getloadavg()[0])
    print(f"{len(ids)} chains; identical answers: {same}/{len(ids)}; load {min(loads):.1f}–{max(loads):.1f}")
    print("| cold coverage, in-process | p50 ms | p90 | p99 | max |")
    print("|---|---:|---:|---:|---:|")
    for way, v in lat.items():
        print(f"| {way} | {pct(v, 0.5):.1f} | {pct(v, 0.9):.1f} | {pct(v, 0.99):.1f} | {max(v):.1f} |")
    store.close()


if __name__ == "__main__":
    main()

"""Duplicate detection at 10k → 100k → 1M platforms: build, full detection, screening p99, memory.

Rows are synthesised in-process with the generator's vocabulary (ingest/synth/vocab.py) and the props
the graph holds (reading 1M rows through the inventory readers would measure the readers, not this);
2 % of rows are planted same-host copies so detection has work to do. Prints a markdown section.
Usage: .venv/bin/python bench/bench_dedup.py [--cohosts SHARE] [10000 100000 1000000]
  --cohosts SHARE: that share of rows lists a second host of its province in ``hosts`` (1.5's co-hosts;
    the real state key lab lists: 4 %); drawn from its own random stream, so the rest of the world is the
    same as without it.
"""

from __future__ import annotations

import os
import random
import resource
import sys
import time
from typing import Any

import numpy as np

from app.derive.dedup.engine import DedupIndex
from app.derive.dedup.model import Proposal
from app.derive.dedup.policy import build_policy_index
from app.text.gazetteer import regions
from ingest.synth import vocab

TYPES = list(vocab.TYPE_MIX)


def synth_rows(n: int, seed: int = 5, cohosts: float = 0.0) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    rng_co = random.Random(f"{seed}:cohosts")
    provinces = [r for r in regions() if r.level == "province"]
    cities = {
        p.code: [c for c in regions() if c.level == "city" and c.province_code == p.code] or [p] for p in provinces
    }
    domains = list(vocab.FIELDS)
    hosts_per_prov = max(50, n // 31 // 40)
    rows: list[dict[str, Any]] = []
    for i in range(n):
        prov = provinces[i % len(provinces)]
        if i > 10 and rng.random() < 0.02:  # a copy of an earlier platform of this province: same host/field
            src = rows[i - 31 * rng.randint(1, min(10, i // 31))] if i >= 31 else rows[-1]
            t = rng.choice(vocab.ADJACENT.get(src["type"], (src["type"],)))
            rows.append(
                {**src, "id": f"plat:{i}", "name": src["name"].replace(src["type"], t), "type": t, "source_row": i}
            )
            continue
        t = rng.choice(TYPES)
        phrases = vocab.FIELDS[rng.choice(domains)]
        fld = rng.choice(vocab.MODIFIERS_PRE) + rng.choice(phrases) + rng.choice(vocab.MODIFIERS_POST)
        city = rng.choice(cities[prov.code])
        rows.append(
            {
                "id": f"plat:{i}",
                "name": f"{prov.name}{fld}{t}",
                "field": fld,
                "type": t,
                "level": "省级",
                "region": prov.name,
                "city": city.name,
                "host": f"{prov.short}第{rng.randrange(hosts_per_prov)}大学",
                "co_builders": [],
                "status": "运行",
                "year": 2005 + rng.randrange(20),
                "source_file": f"{prov.name}_list",
                "source_row": i,
            }
        )
        if cohosts and rng_co.random() < cohosts:
            rows[-1]["hosts"] = [rows[-1]["host"], f"{prov.short}第{rng_co.randrange(hosts_per_prov)}大学"]
    return rows


def rss_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def run(n: int, cohosts: float = 0.0) -> dict[str, Any]:
    rows = synth_rows(n, cohosts=cohosts)
    pol = build_policy_index(
        [{"rel": "CONVERTED_TO", "from_type": "工程技术研究中心", "to_type": "工程研究中心", "ev_doc": "d"}], []
    )
    load0 = os.getloadavg()[0]
    c0, t0 = time.process_time(), time.perf_counter()
    idx = DedupIndex.build(rows, pol)
    t1 = time.perf_counter()
    sc = idx.detect()
    t2 = time.perf_counter()
    report = idx.report(scored=sc)
    c3, t3 = time.process_time(), time.perf_counter()
    rng = random.Random(1)
    lat = []
    idx.screen(Proposal(name=rows[0]["name"], host=rows[0]["host"], region=rows[0]["region"]))  # block index
    for _ in range(300):
        r = rows[rng.randrange(n)]
        p = Proposal(name=r["name"].replace("省", "省新型", 1), host=r["host"], region=r["city"])
        s = time.perf_counter()
        idx.screen(p)
        lat.append(time.perf_counter() - s)
    return {
        "n": n,
        "build_s": t1 - t0,
        "detect_s": t2 - t1,
        "report_s": t3 - t2,
        "cpu_s": c3 - c0,  # build + detect + report, CPU seconds of this process (the cores are shared)
        "load": (load0 + os.getloadavg()[0]) / 2,
        "schemes": ", ".join(f"{k} {v:,}" for k, v in sc.stats.items() if k not in ("candidates", "reported")),
        "candidates": sc.stats["candidates"],
        "pairs": len(report.pairs),
        "screen_p50_ms": float(np.percentile(lat, 50) * 1000),
        "screen_p99_ms": float(np.percentile(lat, 99) * 1000),
        "rss_gib": rss_gib(),
    }


def main(sizes: list[int], cohosts: float = 0.0) -> None:
    print("## Duplicate detection (bench/bench_dedup.py)\n")
    print(
        "| platforms | index build s | detection s | report s | candidate pairs | reported pairs "
        "| screen p50 ms | screen p99 ms | peak RSS GiB | CPU s (build+detect+report) | load average |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        r = run(n, cohosts)
        print(
            f"| {r['n']:,} | {r['build_s']:.1f} | {r['detect_s']:.1f} | {r['report_s']:.1f} | {r['candidates']:,} | "
            f"{r['pairs']:,} | {r['screen_p50_ms']:.2f} | {r['screen_p99_ms']:.2f} | {r['rss_gib']:.2f} | "
            f"{r['cpu_s']:.1f} | {r['load']:.1f} |",
            flush=True,
        )
        print(f"<!-- {r['n']:,}: candidates per scheme: {r['schemes']} -->", flush=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    share = 0.0
    if "--cohosts" in args:
        at = args.index("--cohosts")
        share = float(args[at + 1])
        del args[at : at + 2]
    main([int(x) for x in args] or [10_000, 100_000, 1_000_000], share)

"""Old and new code side by side over HTTP (docs/benchmarks/api.md, session 8).

Starts two uvicorn processes on the same store — one from another checkout (``--old``, e.g. ``git archive
COMMIT | tar -x -C DIR``), one from this one — and sends each request path once to each, alternating which
goes first: first requests (cache misses) of both at the same moment, so a loaded machine slows both alike
and the ratio is the figure (this machine's load average moved 2–3× within minutes). Prints a markdown table.

    .venv/bin/python bench/ab_api.py --old /tmp/old --store bolt://neo4j:pw@127.0.0.1:7687 --graph g --n 300
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.store.factory import open_store  # noqa: E402

COLD = "/chains/{id}/coverage, first request per chain (cold: no warm-up started)"


def paths(url: str, graph: str, n: int) -> dict[str, list[str]]:
    """n request paths per endpoint family, drawn from the store (every chain once for coverage)."""
    store = open_store(url, graph=graph)
    rng = random.Random(11)
    try:
        plats = store.read("MATCH (p:Platform) WITH p SKIP 20000 LIMIT 6000 RETURN p.id AS id, p.name AS name")
        insts = [r["id"] for r in store.read("MATCH (i:Institution) WITH i SKIP 3000 LIMIT 3000 RETURN i.id AS id")]
        clusters = [r["id"] for r in store.read("MATCH (c:LabCluster) RETURN c.id AS id")]
        chains = [
            r["id"] for r in store.read("MATCH (c) WHERE c:IndustrialChain OR c:IndustrialCluster RETURN c.id AS id")
        ]
    finally:
        store.close()

    def sub(name: str) -> str:
        k = rng.randrange(4, 9)
        s = rng.randrange(max(1, len(name) - k))
        return name[s : s + k]

    return {
        # First: no request has started either server's coverage warm-up, so the first request per chain is
        # cold — the new code answers it from the chain's coverage summary (app.derive.coverage), the old one
        # infers it, both while their warm-up runs in the background (docs/benchmarks/api.md, session 9).
        COLD: [f"/chains/{c}/coverage?per_group=10" for c in chains],
        "/clusters/{id}/members": [
            f"/clusters/{rng.choice(clusters)}/members?limit=50&skip={rng.randrange(0, 200)}" for _ in range(n)
        ],
        "/entities/{id}/clusters": [f"/entities/{i}/clusters" for i in rng.sample(insts, min(n, len(insts)))],
        "/entities/{id}": [f"/entities/{p['id']}" for p in rng.sample(plats, min(n, len(plats)))],
        "/search, name part": [f"/search?q={quote(sub(p['name']))}&limit=20" for p in rng.sample(plats, n)],
    }


def serve(tree: Path, url: str, graph: str, port: int, cache_entries: int | None = None) -> subprocess.Popen[bytes]:
    """A uvicorn of the API from the checkout `tree` on `port` (the answer cache's size when given)."""
    env = {**os.environ, "INNOKG_STORE": url, "INNOKG_GRAPH": graph, "PYTHONPATH": str(tree)}
    if cache_entries is not None:
        env["INNOKG_CACHE_ENTRIES"] = str(cache_entries)
    cmd = [sys.executable, "-m", "uvicorn", "app.api.main:create_app", "--factory", "--host", "127.0.0.1"]
    cmd += ["--port", str(port), "--log-level", "warning", "--no-access-log", "--loop", "uvloop", "--http", "httptools"]
    return subprocess.Popen(cmd, env=env, cwd=tree)


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p * (len(s) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--old", type=Path, required=True, help="a checkout of the old code")
    ap.add_argument("--store", required=True)
    ap.add_argument("--graph", default="innokg")
    ap.add_argument("--n", type=int, default=300, help="paths per family")
    ap.add_argument("--port", type=int, default=8791)
    args = ap.parse_args()
    families = paths(args.store, args.graph, args.n)
    trees = {"old": args.old.resolve(), "new": REPO}
    procs = {t: serve(tree, args.store, args.graph, args.port + i) for i, (t, tree) in enumerate(trees.items())}
    try:
        clients = {
            t: httpx.Client(base_url=f"http://127.0.0.1:{args.port + i}", timeout=60) for i, t in enumerate(trees)
        }
        for client in clients.values():
            for _ in range(300):
                try:
                    if client.get("/openapi.json", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            for family, urls in families.items():
                if family != COLD:  # that one is measured cold
                    client.get(urls[-1])  # not timed: plans, connections
        print("| endpoint (first request per path) | n | old p50 | p90 | p99 | new p50 | p90 | p99 |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        loads = []
        for family, urls in families.items():
            lat: dict[str, list[float]] = {t: [] for t in clients}
            for i, u in enumerate(urls[:-1]):
                for t in list(clients)[:: 1 if i % 2 == 0 else -1]:
                    t0 = time.perf_counter()
                    status = clients[t].get(u).status_code
                    lat[t].append((time.perf_counter() - t0) * 1000)
                    if status not in (200, 404):
                        raise SystemExit(f"{t} answered {status} to {u}")
            loads.append(os.getloadavg()[0])
            o, n = lat["old"], lat["new"]
            print(
                f"| {family} | {len(o)} | {pct(o, 0.5):.1f} | {pct(o, 0.9):.1f} | {pct(o, 0.99):.1f} "
                f"| {pct(n, 0.5):.1f} | {pct(n, 0.9):.1f} | {pct(n, 0.99):.1f} |",
                flush=True,
            )
        print(f"\nload average during: {min(loads):.1f}–{max(loads):.1f}")
    finally:
        for p in procs.values():
            p.terminate()
        for p in procs.values():
            p.wait(10)


if __name__ == "__main__":
    main()

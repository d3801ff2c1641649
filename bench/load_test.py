"""Loopback load test (issue 7): N concurrent clients mix search, cluster membership, duplicate screening
and Cypher reads against `uvicorn` on 127.0.0.1 while an ingest runs into another graph of the same
embedded server; then that ingest's graph is compared with an ingest of the same files with no load.

Bounded in count and time: --clients x --requests requests at most, and --max-seconds overall. Prints a
markdown section (errors, p50/p95/p99 per kind, the ingest comparison).

    .venv/bin/python bench/load_test.py --clients 200 --requests 20 --platforms 3000
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from app.derive.chains import materialise_inferred  # noqa: E402
from app.store.falkordb.server import stop_server  # noqa: E402
from app.store.falkordb.store import FalkorStore  # noqa: E402
from ingest.pipeline.run import ingest_paths  # noqa: E402
from ingest.synth.generator import generate  # noqa: E402
from tests.faults._graph import digest, documents_not_complete, duplicate_ids  # noqa: E402

QUERIES = ("材料", "集成电路", "重点实验室", "沈阳", "生物医药", "技术创新中心", "东北大学")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _client(
    http: httpx.AsyncClient,
    n: int,
    clusters: list[str],
    rng: random.Random,
    lat: dict[str, list[float]],
    errs: list[str],
) -> None:
    for _ in range(n):
        kind = rng.choice(("search", "members", "screen", "cypher"))
        t = time.perf_counter()
        try:
            if kind == "search":
                r = await http.get("/search", params={"q": rng.choice(QUERIES)})
            elif kind == "members" and clusters:
                r = await http.get(f"/clusters/{rng.choice(clusters)}/members")
            elif kind == "screen":
                r = await http.post("/duplicates/screen", json={"name": f"辽宁省{rng.choice(QUERIES)}重点实验室"})
            else:
                kind = "cypher"
                r = await http.post(
                    "/cypher", json={"query": "MATCH (p:Platform) RETURN p.name AS n, p.year AS y LIMIT 50"}
                )
            if r.status_code != 200:
                errs.append(f"{kind} {r.status_code} {r.text[:200]}")
        except httpx.HTTPError as exc:
            errs.append(f"{kind} {type(exc).__name__}: {exc}")
        lat[kind].append(time.perf_counter() - t)


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000 if xs else float("nan")


async def _load(
    base: str, clients: int, requests: int, clusters: list[str], deadline: float
) -> tuple[dict[str, list[float]], list[str], float]:
    lat: dict[str, list[float]] = defaultdict(list)
    errs: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=60.0, limits=limits) as http:
        t = time.perf_counter()
        tasks = [_client(http, requests, clusters, random.Random(i), lat, errs) for i in range(clients)]
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=max(1.0, deadline - time.monotonic()))
        return lat, errs, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--requests", type=int, default=20, help="requests per client")
    ap.add_argument("--platforms", type=int, default=3000, help="synthetic platforms served (and ingested under load)")
    ap.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    ap.add_argument("--max-seconds", type=float, default=900.0)
    args = ap.parse_args()
    deadline = time.monotonic() + args.max_seconds
    with tempfile.TemporaryDirectory(prefix="innokg_load_") as tmp:
        root = Path(tmp)
        store_path = root / "graph"
        served, ingested = root / "served", root / "ingested"
        generate(args.platforms, 7, served)
        generate(args.platforms, 8, ingested)
        srv = FalkorStore(store_path, graph="served")
        assert not ingest_paths(srv, [served], bulk=False).failed
        materialise_inferred(srv)
        clusters = [r["id"] for r in srv.read("MATCH (c:LabCluster) RETURN c.id AS id LIMIT 50")]
        unloaded = FalkorStore(store_path, graph="unloaded")
        assert not ingest_paths(unloaded, [ingested], bulk=False).failed
        reference = digest(unloaded)
        port = _free_port()
        env = {"INNOKG_STORE": f"embedded:{store_path}", "INNOKG_GRAPH": "served", "PATH": "/usr/bin:/bin"}
        api = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app.api.main:create_app", "--factory", "--host", "127.0.0.1",
             "--port", str(port), "--workers", str(args.workers), "--log-level", "warning"],
            cwd=REPO, env=env,
        )  # fmt: skip
        try:
            for _ in range(200):
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            ingest = subprocess.Popen(
                [sys.executable, "-m", "tests.faults._ingest_child", str(store_path), "loaded", str(ingested)],
                cwd=REPO, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            lat, errs, wall = asyncio.run(
                _load(f"http://127.0.0.1:{port}", args.clients, args.requests, clusters, deadline)
            )
            ingest_during = ingest.poll() is None
            ingest.wait(timeout=max(1.0, deadline - time.monotonic()))
        finally:
            api.terminate()
            api.wait(timeout=30)
        loaded = FalkorStore(store_path, graph="loaded")
        got = digest(loaded)
        same = got == reference and not duplicate_ids(loaded) and not documents_not_complete(loaded)
        total = sum(len(v) for v in lat.values())
        print(
            f"## Loopback load test ({args.clients} clients x {args.requests} requests, {args.platforms} platforms)\n"
        )
        print(f"- requests: {total} in {wall:.1f} s ({total / wall:.0f} req/s), errors: {len(errs)}")
        print(f"- ingest still running when the load ended: {ingest_during}; ingest exit code {ingest.returncode}")
        counts = f"nodes {got.total[0]} / {reference.total[0]}, rels {got.total[1]} / {reference.total[1]}"
        print(f"- graph ingested under load == graph ingested without load: {same} ({counts})\n")
        print("| kind | n | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|")
        for kind, xs in sorted(lat.items()):
            print(f"| {kind} | {len(xs)} | {_pct(xs, 0.5):.0f} | {_pct(xs, 0.95):.0f} | {_pct(xs, 0.99):.0f} |")
        allx = [x for xs in lat.values() for x in xs]
        print(f"| all | {len(allx)} | {_pct(allx, 0.5):.0f} | {_pct(allx, 0.95):.0f} | {_pct(allx, 0.99):.0f} |")
        for e in errs[:10]:
            print(f"\n    {e}")
        stop_server(store_path)


if __name__ == "__main__":
    main()

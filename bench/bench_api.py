"""API latency and throughput on the embedded store or Neo4j (--store URL) (docs/benchmarks/api.md).

Generates --platforms inventory rows with ingest.synth.generate, ingests them with
ingest.pipeline.run.ingest_paths (which computes search_text) into a fresh
graph, materialises the inferred chain links (app.services.chains.materialise_inferred), starts
`uvicorn app.api.main:create_app` in a subprocess on
loopback, then for each endpoint family (membership, entity, search, coverage):
  1. latency: one client, sequential requests over random ids/queries → p50/p95/p99;
  2. throughput: 50 concurrent clients (httpx async) → requests/s and p99 under load.
With --client wrk (Debian's `wrk`, one C thread, keep-alive) the timed phases are wrk runs of --seconds
over the same paths, at 1 and --clients connections, after one sequential httpx pass (mostly cache misses);
--loop/--http/--workers/--threads/--cache-entries choose the server's settings (docs/benchmarks/api.md).
Prints a markdown section. Usage:
  .venv/bin/python bench/bench_api.py --platforms 1000000 --requests 2000
  .venv/bin/python bench/bench_api.py --keep DIR --client wrk --loop uvloop --http httptools --cache-entries 20000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import ingest.pipeline.run as ingest_run  # noqa: E402
from app.store.factory import open_store, stop_local  # noqa: E402
from app.store.protocol import GraphStore  # noqa: E402
from ingest.synth.generator import generate  # noqa: E402


def load_synth(
    store: GraphStore,
    platforms: int,
    seed: int,
    work: Path,
    institutions: int | None = None,
    clusters: int | None = None,
) -> dict[str, float]:
    """Generator data → ingest (which derives the inferred chain links itself); seconds per stage."""
    t = time.perf_counter()
    generate(platforms, seed, work, institutions=institutions, clusters=clusters)
    gen_s = time.perf_counter() - t
    t = time.perf_counter()
    report = ingest_run.ingest_paths(store, [work])
    ingest_s = time.perf_counter() - t
    if report.failed:
        raise SystemExit("ingest failed: " + "; ".join(f.summary() for f in report.failed[:3]))
    links = report.derived.links if report.derived is not None else 0
    return {"generate": gen_s, "ingest incl. inferred links": ingest_s, "links": links}


def apply_search_index(store: GraphStore) -> None:
    """The schema (with its full-text search indexes) as `innokg init` applies it."""
    store.apply_schema()


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


# Queries made only of bigrams that thousands of platform names share (the worst case for one anchor);
# each matches hundreds to tens of thousands of platforms at 300k.
COMMON = (
    "生物医药", "集成电路", "新材料", "智能制造", "重点实验室", "技术创新中心", "工程研究中心",
    "新能源汽车", "企业技术中心", "新型研发机构", "检测", "海洋工程", "国家重点实验室", "省智能制造",
)  # fmt: skip


def chain_ids(store: GraphStore) -> list[str]:
    ids = [r["id"] for r in store.read("MATCH (c:IndustrialChain) RETURN c.id AS id")]
    return ids + [r["id"] for r in store.read("MATCH (c:IndustrialCluster) RETURN c.id AS id")]


def pick_targets(store: GraphStore, rng: random.Random, n: int) -> dict[str, list[str]]:
    """Request URLs per endpoint family, drawn from the loaded graph."""
    clusters = [r["id"] for r in store.read("MATCH (c:LabCluster) RETURN c.id AS id")]
    plats = store.read(
        "MATCH (p:Platform) WITH p SKIP $s LIMIT 5000 RETURN p.id AS id, p.name AS name", {"s": rng.randrange(1000)}
    )
    insts = [r["id"] for r in store.read("MATCH (i:Institution) RETURN i.id AS id LIMIT 5000")]
    chains = chain_ids(store)
    members = [
        r["id"] for r in store.read("MATCH (p:Platform)-[:MEMBER_OF]->(:LabCluster) RETURN p.id AS id LIMIT 5000")
    ]

    def sub(name: str) -> str:
        # an analyst types part of a name: 4–8 characters from somewhere inside it
        k = rng.randrange(4, 9)
        start = rng.randrange(max(1, len(name) - k))
        return name[start : start + k]

    out: dict[str, list[str]] = {
        "membership: /clusters/{id}/members": [f"/clusters/{rng.choice(clusters)}/members?limit=50" for _ in range(n)],
        "membership: /entities/{id}/clusters": [f"/entities/{rng.choice(members + insts)}/clusters" for _ in range(n)],
        "entity: /entities/{id}": [f"/entities/{rng.choice(plats)['id']}" for _ in range(n)],
        "search: /search?q=<name part>": [f"/search?q={sub(rng.choice(plats)['name'])}&limit=20" for _ in range(n)],
        "search: /search?q=<common terms only>": [f"/search?q={rng.choice(COMMON)}&limit=20" for _ in range(n)],
        "coverage: /chains/{id}/coverage": [f"/chains/{rng.choice(chains)}/coverage?per_group=10" for _ in range(n)],
        WARM: [f"/chains/{rng.choice(chains)}/coverage?per_group=10" for _ in range(n)],
    }
    return out


# Coverage again once every chain was asked for (the server's warm-up, app.services.chains.warm, done).
WARM = "coverage, warmed: /chains/{id}/coverage"


def warm_up(base: str, urls: list[str]) -> float:
    """Request every chain once (sequentially); seconds taken."""
    t = time.perf_counter()
    with httpx.Client(base_url=base, timeout=60) as client:
        for u in sorted(set(urls)):
            client.get(u)
    return time.perf_counter() - t


def start_server(url: str, graph: str, port: int, args: argparse.Namespace) -> subprocess.Popen[bytes]:
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)  # an overlay stays
    env = {**os.environ, "INNOKG_STORE": url, "INNOKG_GRAPH": graph, "PYTHONPATH": path}
    env |= {"INNOKG_CACHE_ENTRIES": str(args.cache_entries), "INNOKG_THREADS": str(args.threads)}
    cmd = [sys.executable, "-m", "uvicorn", "app.api.main:create_app", "--factory", "--host", "127.0.0.1"]
    cmd += ["--port", str(port), "--log-level", "warning", "--no-access-log", "--workers", str(args.workers)]
    cmd += ["--loop", args.loop, "--http", args.http]
    proc = subprocess.Popen(cmd, env=env, cwd=REPO)
    for _ in range(200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("API did not start")


def sequential(base: str, urls: list[str]) -> tuple[list[float], int]:
    lat: list[float] = []
    errors = 0
    with httpx.Client(base_url=base, timeout=30) as client:
        client.get(urls[0])  # warm
        for u in urls:
            t = time.perf_counter()
            r = client.get(u)
            lat.append((time.perf_counter() - t) * 1000)
            errors += r.status_code != 200
    return lat, errors


WRK_SCRIPT = """local paths = {%s}
local i = math.random(#paths) - 1
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def _ms(text: str) -> float:
    """wrk's latency text (830.00us, 12.34ms, 1.20s, 1.01m) in milliseconds."""
    for unit, scale in (("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60_000.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * scale
    return float(text)


def wrk(base: str, urls: list[str], clients: int, seconds: float) -> dict[str, float]:
    """Debian's wrk (C, one thread, keep-alive) cycling over the urls for `seconds`: req/s and latency
    percentiles. Bounded in time; loopback only."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(WRK_SCRIPT % ", ".join(f'"{quote(u, safe="/?=&:")}"' for u in urls))
    cmd = ["wrk", "-t1", f"-c{clients}", f"-d{round(seconds)}s", "--latency", "--timeout", "10s", "-s", fh.name, base]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 30, check=False)
    if done.returncode:
        raise RuntimeError(f"wrk failed: {done.stderr or done.stdout}")
    out = done.stdout
    os.unlink(fh.name)
    res: dict[str, float] = {"errors": 0.0}
    for line in out.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            res["rps"] = float(parts[1])
        elif len(parts) == 2 and parts[0] in ("50%", "75%", "90%", "99%"):
            res["p" + parts[0].rstrip("%")] = _ms(parts[1])
        elif line.strip().startswith("Non-2xx") or line.strip().startswith("Socket errors"):
            res["errors"] += sum(int(x.strip(",")) for x in parts if x.strip(",").isdigit())
    return res


async def concurrent(base: str, urls: list[str], clients: int) -> tuple[list[float], float, int]:
    lat: list[float] = []
    errors = 0
    queue = list(urls)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while queue:
            u = queue.pop()
            t = time.perf_counter()
            r = await client.get(u)
            lat.append((time.perf_counter() - t) * 1000)
            errors += r.status_code != 200

    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        wall = time.perf_counter() - t0
    return lat, len(urls) / wall, errors


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--platforms", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=1000, help="per endpoint, per phase")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    ap.add_argument("--institutions", type=int, default=None, help="generator: about this many hosts")
    ap.add_argument("--clusters", type=int, default=None, help="generator: this many lab clusters")
    ap.add_argument("--keep", type=Path, default=None, help="reuse/keep the store at this path")
    ap.add_argument("--store", default="", help="a store URL (bolt://user:pw@host:port for Neo4j) instead of --keep")
    ap.add_argument("--loop", default="asyncio", help="uvicorn --loop: asyncio | uvloop")
    ap.add_argument("--http", default="h11", help="uvicorn --http: h11 | httptools")
    ap.add_argument("--threads", type=int, default=40, help="INNOKG_THREADS: sync-route thread pool size")
    ap.add_argument("--cache-entries", type=int, default=0, help="INNOKG_CACHE_ENTRIES (0 = no answer cache)")
    ap.add_argument("--client", choices=("httpx", "wrk"), default="httpx", help="load generator of the timed phases")
    ap.add_argument("--seconds", type=float, default=8.0, help="wrk: seconds per phase")
    ap.add_argument("--only", default="", help="only endpoints whose name contains one of these (comma-separated)")
    args = ap.parse_args()
    rng = random.Random(1)
    path = args.keep or Path(tempfile.mkdtemp(prefix="innokg-bench-"))
    graph = f"bench_{args.platforms}"
    url = args.store or f"embedded:{path}"
    store = open_store(url, graph=graph)
    engine = f"{store.backend} ({store.health().server_version})"
    loaded = store.read("MATCH (p:Platform) RETURN count(p) AS n")[0]["n"]
    t0 = time.perf_counter()
    stages: dict[str, float] = {}
    if loaded == 0:
        stages = load_synth(store, args.platforms, 7, path / "synth", args.institutions, args.clusters)
    load_s = time.perf_counter() - t0
    counts = {
        lb: store.read(f"MATCH (n:{lb}) RETURN count(n) AS n")[0]["n"]  # bench-only: label census
        for lb in ("Platform", "Institution", "LabCluster", "Evidence")
    }
    targets = pick_targets(store, rng, args.requests)
    proc = start_server(url, graph, args.port, args)
    base = f"http://127.0.0.1:{args.port}"
    results: list[dict[str, Any]] = []
    try:
        for name, urls in targets.items():
            if name == WARM:
                every = [f"/chains/{c}/coverage?per_group=10" for c in chain_ids(store)]
                print(f"warm-up: every chain once, {warm_up(base, every):.0f} s", file=sys.stderr)
            if args.only and not any(part in name for part in args.only.split(",")):
                continue
            results.append(measure(base, name, urls, args))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        store.close()
        if args.keep is None and not args.store:
            stop_local(url)
            shutil.rmtree(path, ignore_errors=True)
    print(
        f"### API latency — {counts['Platform']:,} platforms, {counts['Institution']:,} institutions, "
        f"{counts['LabCluster']:,} lab clusters, {counts['Evidence']:,} evidence nodes\n"
    )
    print(
        f"Load (ingest.synth.generate → ingest_paths → materialise_inferred): {load_s:.0f} s "
        f"({', '.join(f'{k} {v:.0f}' for k, v in stages.items())}){' (reused store)' if loaded else ''}. "
        f"{args.requests} requests per endpoint and phase; "
        f"uvicorn ({args.workers} worker process(es)) and the load generator share the 2 cores.\n"
    )
    print(f"Store: {engine}.\n")
    print(
        f"Server: uvicorn --workers {args.workers} --loop {args.loop} --http {args.http}, "
        f"threads {args.threads}, cache entries {args.cache_entries}; timed phases by {args.client}.\n"
    )
    if args.client == "wrk":
        print(
            f"| endpoint | first pass p50 ms | p99 | wrk 1 client req/s | p50 | p99 | wrk {args.clients} clients req/s "
            f"| p50 | p99 ms | errors |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in results:
            one, many = r["one"], r["many"]
            print(
                f"| {r['endpoint']} | {r['p50']:.1f} | {r['p99']:.1f} | {one['rps']:.0f} | {one['p50']:.1f} | "
                f"{one['p99']:.1f} | {many['rps']:.0f} | {many['p50']:.1f} | {many['p99']:.0f} | {r['errors']:.0f} |"
            )
        return
    print(
        f"| endpoint | p50 ms (1 client) | p95 ms | p99 ms | req/s at {args.clients} clients "
        f"| p99 ms at {args.clients} | errors |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['endpoint']} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | {r['rps']:.0f} | "
            f"{r['p99_conc']:.0f} | {r['errors']} |"
        )


def measure(base: str, name: str, urls: list[str], args: argparse.Namespace) -> dict[str, Any]:
    """One endpoint family: a sequential first pass (httpx), then the timed phases (httpx or wrk)."""
    lat, err = sequential(base, urls)
    out: dict[str, Any] = {"endpoint": name, "p50": statistics.median(lat), "p95": pct(lat, 95), "p99": pct(lat, 99)}
    if args.client == "wrk":
        one = wrk(base, urls, 1, args.seconds)
        many = wrk(base, urls, args.clients, args.seconds)
        return out | {"one": one, "many": many, "errors": err + one["errors"] + many["errors"]}
    clat, rps, cerr = asyncio.run(concurrent(base, urls, args.clients))
    return out | {"rps": rps, "p99_conc": pct(clat, 99), "errors": err + cerr}


if __name__ == "__main__":
    main()

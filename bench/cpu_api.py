"""The API's own CPU time per request, per endpoint family, old and new code side by side
(docs/benchmarks/api.md, session 13).

Wall-clock latency on this shared machine moves 2–3× with the other jobs; CPU time per request much less. This
starts one uvicorn process per code tree (``--old DIR`` = another checkout, e.g. ``git archive C | tar -x -C
DIR``; this checkout is "new") on the same store, sends every request path to each in turn (alternating which
goes first), and reads each server's CPU time (utime + stime of ``/proc/PID/stat``, all its threads) before and
after each phase; the engine's (the embedded FalkorDB server's, or ``--engine-pid``) CPU too — shared by
both servers, so its figure is per request pair / 2. Phases per family: **miss** = the first request per path
(the answer caches empty), **hit** = the same paths again. The statement count per request is the engine's
``GRAPH.RO_QUERY`` calls (INFO commandstats) over the phase, halved. Prints a markdown table.

    .venv/bin/python bench/cpu_api.py --store embedded:/tmp/s --graph g --old /tmp/old --n 400
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from ab_api import serve  # noqa: E402

from app.store.factory import open_store  # noqa: E402
from app.store.protocol import GraphStore  # noqa: E402

TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")
COMMON = ("生物医药", "集成电路", "新材料", "智能制造", "重点实验室", "技术创新中心", "工程研究中心", "检测")


def cpu_ms(pid: int) -> float:
    """CPU time (user + system, every thread, live or ended) of a process so far, in ms."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * TICK_MS


def families(store: GraphStore, n: int, seed: int) -> dict[str, list[str]]:
    """n request paths per endpoint family, drawn from the store (distinct where the graph allows)."""
    rng = random.Random(seed)
    plats = store.read("MATCH (p:Platform) WITH p SKIP 20000 LIMIT 6000 RETURN p.id AS id, p.name AS name")
    insts = [r["id"] for r in store.read("MATCH (i:Institution) WITH i SKIP 3000 LIMIT 3000 RETURN i.id AS id")]
    members = [r["id"] for r in store.read("MATCH (p:Platform)-[:MEMBER_OF]->(:LabCluster) RETURN p.id AS id")]
    clusters = [r["id"] for r in store.read("MATCH (c:LabCluster) RETURN c.id AS id")]
    chains = [r["id"] for r in store.read("MATCH (c) WHERE c:IndustrialChain OR c:IndustrialCluster RETURN c.id AS id")]

    def sub(name: str) -> str:
        k = rng.randrange(4, 9)
        s = rng.randrange(max(1, len(name) - k))
        return name[s : s + k]

    answers = [(c, k) for c in chains for k in range(1, 21)]
    pages = sorted({(c, s) for c in clusters for s in range(0, 400, 25)})
    return {
        "membership: /clusters/{id}/members": [
            f"/clusters/{c}/members?limit=50&skip={s}" for c, s in rng.sample(pages, min(n, len(pages)))
        ],
        "membership: /entities/{id}/clusters": [
            f"/entities/{i}/clusters" for i in rng.sample(insts + members, min(n, len(insts) + len(members)))
        ],
        "entity: /entities/{id}": [f"/entities/{p['id']}" for p in rng.sample(plats, min(n, len(plats)))],
        "search: name part": [f"/search?q={quote(sub(p['name']))}&limit=20" for p in rng.sample(plats, n)],
        "search: common terms": [f"/search?q={quote(rng.choice(COMMON))}&limit=20&skip={i % 3}" for i in range(n)],
        # (chain, per_group) pairs: each is an answer of its own (a summary read when not cached), so that the
        # phase has more requests than there are chains.
        "coverage: /chains/{id}/coverage": [
            f"/chains/{c}/coverage?per_group={k}" for c, k in rng.sample(answers, min(n, len(answers)))
        ],
    }


def engine_pid(url: str) -> int | None:
    if not url.startswith("embedded:"):
        return None
    pidfile = Path(url.removeprefix("embedded:")) / "run" / "falkordb.pid"
    return int(pidfile.read_text().strip()) if pidfile.exists() else None


def statements(store: GraphStore) -> int:
    """GRAPH.RO_QUERY calls the embedded server answered so far (0 when not embedded)."""
    db = getattr(store, "_db", None)
    if db is None:
        return 0
    stats = db.connection.info("commandstats")
    return sum(int(v.get("calls", 0)) for k, v in stats.items() if k.lower() == "cmdstat_graph.ro_query")


def wait_up(client: httpx.Client) -> None:
    for _ in range(300):
        try:
            if client.get("/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("a server did not start")


def phase(
    clients: dict[str, httpx.Client], pids: dict[str, int], urls: list[str], engine: int | None, store: GraphStore
) -> dict[str, float]:
    """Every url once to every server, alternating which goes first: CPU ms per request per server."""
    before = {t: cpu_ms(p) for t, p in pids.items()}
    eng0 = cpu_ms(engine) if engine else 0.0
    st0 = statements(store)
    for i, u in enumerate(urls):
        for t in list(clients)[:: 1 if i % 2 == 0 else -1]:
            status = clients[t].get(u).status_code
            if status not in (200, 404):
                raise SystemExit(f"{t} answered {status} to {u}")
    out = {t: (cpu_ms(p) - before[t]) / len(urls) for t, p in pids.items()}
    out["engine"] = ((cpu_ms(engine) - eng0) / len(urls) / len(clients)) if engine else float("nan")
    out["statements"] = (statements(store) - st0 - 1) / len(urls) / len(clients)  # -1: this INFO's own read
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--old", type=Path, default=None, help="a checkout of the old code (omit: this one only)")
    ap.add_argument("--store", required=True)
    ap.add_argument("--graph", default="innokg")
    ap.add_argument("--n", type=int, default=400, help="paths per family")
    ap.add_argument("--port", type=int, default=8811)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--cache-entries", type=int, default=20000)
    ap.add_argument("--engine-pid", type=int, default=None, help="the engine's pid (Neo4j: its JVM)")
    ap.add_argument("--only", default="", help="only families whose name contains one of these (comma-separated)")
    args = ap.parse_args()
    store = open_store(args.store, graph=args.graph)
    fams = families(store, args.n, args.seed)
    trees = {"old": args.old.resolve(), "new": REPO} if args.old else {"new": REPO}
    ports = {t: args.port + i for i, t in enumerate(trees)}
    procs = {t: serve(tree, args.store, args.graph, ports[t], args.cache_entries) for t, tree in trees.items()}
    clients = {t: httpx.Client(base_url=f"http://127.0.0.1:{ports[t]}", timeout=60) for t in trees}
    engine = args.engine_pid or engine_pid(args.store)
    try:
        for client in clients.values():
            wait_up(client)
        for urls in fams.values():  # not timed: the store connection, first plans, imports on first use
            for client in clients.values():
                client.get(urls[-1])
        cols = " | ".join(f"{t} miss | {t} hit" for t in trees)
        print(f"| family (CPU ms per request) | n | {cols} | engine miss | hit | statements miss | hit |")
        print("|---|---:|" + "---:|" * (2 * len(trees) + 4))
        loads = []
        for name, urls in fams.items():
            if args.only and not any(part in name for part in args.only.split(",")):
                continue
            urls = urls[:-1]
            miss = phase(clients, {t: p.pid for t, p in procs.items()}, urls, engine, store)
            hit = phase(clients, {t: p.pid for t, p in procs.items()}, urls, engine, store)
            loads.append(os.getloadavg()[0])
            cells = " | ".join(f"{miss[t]:.2f} | {hit[t]:.2f}" for t in trees)
            print(
                f"| {name} | {len(urls)} | {cells} | {miss['engine']:.2f} | {hit['engine']:.2f} "
                f"| {miss['statements']:.2f} | {hit['statements']:.2f} |",
                flush=True,
            )
        print(f"\nload average during: {min(loads):.1f}–{max(loads):.1f}")
    finally:
        for c in clients.values():
            c.close()
        for p in procs.values():
            p.terminate()
        for p in procs.values():
            p.wait(10)
        store.close()


if __name__ == "__main__":
    main()

"""Bounded soak (issue 18): N clients for S seconds against a real API server on 127.0.0.1, mixing searches,
cluster membership, duplicates and hostile queries (deep nesting, huge range(), NUL, slow cross products).

Well-formed requests must never fail (no 5xx, no transport error; a 429 with Retry-After is the heavy-path
gate refusing, counted apart); hostile ones must be answered 4xx/504 within 6 s by the server (its
``Server-Timing: app;dur=`` header, so that the 200 client threads' own scheduling on a loaded machine
does not count; the client-side times are reported too); membership latency is reported (p50/p99).
Loopback only; every loop is bounded in time.

    .venv/bin/python bench/fault_soak.py --clients 200 --seconds 60
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

HOSTILE = (
    "RETURN " + "(" * 25 + "1" + ")" * 25,
    "RETURN " + "[" * 40 + "1" + "]" * 40,
    "RETURN " + "NOT " * 60 + "true",
    "UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 RETURN x",
    "MATCH (n) RETURN n\x00 DETACH DELETE n",
    "UNWIND range(1, 1000000) AS a UNWIND range(1, 1000000) AS b RETURN count(b)",
)
SEARCHES = ("实验室", "大学", "材料", "沈阳", "工程研究中心", "集成电路")
HOSTILE_BOUND_S = 6.0


@dataclass
class Soak:
    seconds: float
    clients: int
    latencies: dict[str, list[float]] = field(default_factory=dict)
    codes: dict[str, dict[int, int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # well-formed requests that failed
    slow_hostile: list[float] = field(default_factory=list)  # server-side seconds over the bound
    hostile_server_s: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, status: int, took: float, server_s: float | None = None) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(took)
            by = self.codes.setdefault(kind, {})
            by[status] = by.get(status, 0) + 1
            if kind == "hostile":
                served = took if server_s is None else server_s
                self.hostile_server_s.append(served)
                if served > HOSTILE_BOUND_S:
                    self.slow_hostile.append(served)
                if not (400 <= status < 500 or status == 504):
                    self.errors.append(f"hostile answered {status}")
            elif status >= 500 or status == 0:
                self.errors.append(f"{kind} answered {status}")

    def p(self, kind: str, q: float) -> float:
        xs = sorted(self.latencies.get(kind, [0.0]))
        return xs[min(len(xs) - 1, int(q * len(xs)))]

    def report(self) -> str:
        lines = [
            f"soak: {self.clients} clients, {self.seconds:.0f} s",
            "",
            "| kind | requests | codes | p50 ms | p99 ms |",
        ]
        lines.append("|---|---|---|---|---|")
        for kind in sorted(self.latencies):
            codes = ", ".join(f"{c}: {n}" for c, n in sorted(self.codes[kind].items()))
            lines.append(
                f"| {kind} | {len(self.latencies[kind])} | {codes} | {self.p(kind, 0.5) * 1000:.0f} | "
                f"{self.p(kind, 0.99) * 1000:.0f} |"
            )
        lines.append(f"\nerrors on well-formed requests: {len(self.errors)} {self.errors[:5]}")
        slowest = max(self.hostile_server_s, default=0.0)
        lines.append(
            f"hostile answers over {HOSTILE_BOUND_S:.0f} s (server time): {len(self.slow_hostile)}; "
            f"slowest {slowest:.2f} s server, {max(self.latencies.get('hostile', [0.0])):.2f} s at the client"
        )
        return "\n".join(lines)


def _client(base: str, soak: Soak, ids: dict[str, list[str]], deadline: float, seed: int, think_s: float) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=60.0) as http:
        while time.monotonic() < deadline:
            roll = rng.random()
            if roll < 0.35:
                kind, req = "search", ("GET", "/search", {"params": {"q": rng.choice(SEARCHES)}})
            elif roll < 0.7 and ids["clusters"]:
                kind, req = "membership", ("GET", f"/clusters/{rng.choice(ids['clusters'])}/members", {})
            elif roll < 0.85:
                kind, req = "duplicates", ("GET", "/duplicates", {"params": {"limit": "20"}})
            else:
                kind, req = "hostile", ("POST", "/cypher", {"json": {"query": rng.choice(HOSTILE)}})
            t = time.perf_counter()
            server_s = None
            try:
                r = http.request(req[0], req[1], **req[2])  # type: ignore[arg-type]
                status = r.status_code
                server_s = server_seconds(r.headers.get("server-timing", ""))
            except httpx.HTTPError as exc:
                status = 0
                soak.errors.append(f"{kind}: {type(exc).__name__}")
            soak.record(kind, status, time.perf_counter() - t, server_s)
            time.sleep(rng.uniform(0.5, 1.5) * think_s)


def server_seconds(header: str) -> float | None:
    """The ``app`` duration of a Server-Timing header in seconds (None when absent or unreadable)."""
    for part in header.split(","):
        name, _, rest = part.strip().partition(";")
        if name == "app" and rest.startswith("dur="):
            try:
                return float(rest[4:]) / 1000
            except ValueError:
                return None
    return None


def run_soak(base: str, clients: int, seconds: float, think_s: float = 0.5) -> Soak:
    with httpx.Client(base_url=base, timeout=30.0) as http:
        page = http.get("/clusters", params={"limit": 50}).json()
    items = page.get("items", []) if isinstance(page, dict) else []
    ids = {"clusters": [str(c["id"]) for c in items if isinstance(c, dict) and "id" in c]}
    soak = Soak(seconds, clients)
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_client, args=(base, soak, ids, deadline, i, think_s), daemon=True)
        for i in range(clients)
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=seconds + 120)
    return soak


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def api_server(store: Path, graph: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """uvicorn on 127.0.0.1 (a free port) over ``store``; yields its base URL, stops it after."""
    port = free_port()
    full = {
        **os.environ,
        "INNOKG_STORE": f"embedded:{store}",
        "INNOKG_GRAPH": graph,
        "PYTHONPATH": str(REPO),
        **(env or {}),
    }
    cmd = [sys.executable, "-m", "uvicorn", "app.api.main:create_app", "--factory", "--host", "127.0.0.1"]
    proc = subprocess.Popen(
        [*cmd, "--port", str(port), "--log-level", "warning"], env=full, cwd=REPO, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(base + "/health", timeout=5).status_code == 200:
                    break
            if proc.poll() is not None:
                raise RuntimeError(f"the API server exited ({proc.returncode})")
            time.sleep(0.2)
        else:
            raise RuntimeError("the API server did not answer within 60 s")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--platforms", type=int, default=400)
    ap.add_argument("--think", type=float, default=0.5, help="mean seconds each client waits between requests")
    args = ap.parse_args()

    from app.store.falkordb.server import stop_server
    from app.store.falkordb.store import FalkorStore
    from tests.fixtures.graph import load_sample

    work = Path(tempfile.mkdtemp(prefix="innokg-soak-"))
    store = work / "store"
    try:
        st = FalkorStore(store, graph="soak")
        load_sample(st, platforms=args.platforms, seed=5)
        st.close()
        with api_server(store, "soak") as base:
            soak = run_soak(base, args.clients, args.seconds, args.think)
        print(f"# fault_soak {time.strftime('%Y-%m-%d %H:%M')} load {os.getloadavg()[0]:.1f}")
        print(soak.report())
        ok = not soak.errors and not soak.slow_hostile
    finally:
        stop_server(store)
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

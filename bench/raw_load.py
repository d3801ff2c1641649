"""A small keep-alive HTTP/1.1 load generator: N connections, raw asyncio streams on uvloop, in one process
(docs/benchmarks/api.md, session 13). The httpx client of bench_api.py's timed phases spends more CPU per
request than the server does (it tops out near 130 requests/s at 50 clients on this machine) and `wrk` is not
installed any more; this one parses only the status line and Content-Length.

    .venv/bin/python bench/raw_load.py --port 8765 --clients 50 --seconds 8 /search?q=... /entities/...
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import time

import uvloop


async def client(host: str, port: int, paths: itertools.cycle[str], until: float, lat: list[float]) -> int:
    """Requests one after another on one connection until ``until``; the number of non-200 answers."""
    reader, writer = await asyncio.open_connection(host, port)
    errors = 0
    try:
        while time.perf_counter() < until:
            path = next(paths)
            t = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            lat.append((time.perf_counter() - t) * 1000)
            errors += not head.startswith(b"HTTP/1.1 200")
    finally:
        writer.close()
    return errors


async def run(host: str, port: int, paths: list[str], clients: int, seconds: float) -> tuple[list[float], int, float]:
    cycle = itertools.cycle(paths)
    lat: list[float] = []
    t0 = time.perf_counter()
    errors = await asyncio.gather(*(client(host, port, cycle, t0 + seconds, lat) for _ in range(clients)))
    return lat, sum(errors), time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+", help="request paths (URL-encoded), cycled over")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=8.0)
    args = ap.parse_args()
    lat, errors, wall = uvloop.run(run(args.host, args.port, args.paths, args.clients, args.seconds))
    s = sorted(lat)
    p99 = s[min(len(s) - 1, round(0.99 * (len(s) - 1)))]
    print(f"{len(s) / wall:.0f} req/s, p50 {statistics.median(s):.1f} ms, p99 {p99:.1f} ms, errors {errors}")


if __name__ == "__main__":
    main()

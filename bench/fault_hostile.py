"""Every hostile request of issue 18, one after the other, against a real API server on 127.0.0.1, while a
second client asks for cluster membership without pause: per request its answer, status and seconds
(goal < 6 s, 4xx/504), the membership p50/p99 meanwhile (goal p99 < 100 ms), and the peak resident memory
of the API process and of the embedded engine (caps in docs/operations/reliability.md).

    .venv/bin/python bench/fault_hostile.py
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.fault_soak import api_server  # noqa: E402

KEY = "bench-key-" + uuid.uuid4().hex
CYPHER = {
    "depth 25 ()": "RETURN " + "(" * 25 + "1" + ")" * 25,
    "depth 100 ()": "RETURN " + "(" * 100 + "1" + ")" * 100,
    "depth 25 []": "RETURN " + "[" * 25 + "1" + "]" * 25,
    "depth 25 {}": "RETURN " + "{a:" * 25 + "1" + "}" * 25,
    "NOT x 40": "RETURN " + "NOT " * 40 + "true",
    "range 1e9": "UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 RETURN x",
    "NUL": "MATCH (n) RETURN n\x00 DETACH DELETE n",
    "cross product (timeout)": "UNWIND range(1, 1000000) AS a UNWIND range(1, 1000000) AS b RETURN count(b)",
    "1M rows (cap)": "UNWIND range(1, 1000000) AS x RETURN x, toString(x) AS s",
}


def rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def uploads() -> dict[str, tuple[str, bytes]]:
    def zipped(members: dict[str, str]) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, text in members.items():
                zf.writestr(name, text)
        return buf.getvalue()

    sheet = '<worksheet><dimension ref="A1:XFD1048576"/><sheetData/></worksheet>'
    return {
        "40 KB blank lines .txt": ("通知.txt", b"\n" * 40_000),
        "1 MB blank lines .txt": ("通知2.txt", b"\n" * 1_000_000),
        "XLSX declaring A1:XFD1048576": ("名单.xlsx", zipped({"xl/worksheets/sheet1.xml": sheet})),
        "DOCX expanding to 300 MB": ("政策.docx", zipped({"word/document.xml": "<w:p/>" * 50_000_000})),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--platforms", type=int, default=400)
    args = ap.parse_args()
    from app.store.falkordb.server import server_pid, stop_server
    from app.store.falkordb.store import FalkorStore
    from tests.fixtures.graph import load_sample

    work = Path(tempfile.mkdtemp(prefix="innokg-hostile-"))
    store = work / "store"
    try:
        st = FalkorStore(store, graph="h")
        load_sample(st, platforms=args.platforms, seed=5)
        st.close()
        engine_pid = server_pid(store) or 0
        env = {"INNOKG_API_KEY": KEY, "INNOKG_DATA_DIR": str(work / "data")}
        with api_server(store, "h", env) as base:
            api_pid = _pid_on_port(base)
            clusters = httpx.get(base + "/clusters", params={"limit": 20}).json()["items"]
            cid = clusters[0]["id"]
            lat: list[float] = []
            peaks = {"api": 0.0, "engine": 0.0}
            stop = threading.Event()

            def member() -> None:
                with httpx.Client(base_url=base, timeout=30) as http:
                    while not stop.is_set():
                        t = time.perf_counter()
                        http.get(f"/clusters/{cid}/members")
                        lat.append(time.perf_counter() - t)
                        peaks["api"] = max(peaks["api"], rss_mb(api_pid))
                        peaks["engine"] = max(peaks["engine"], rss_mb(engine_pid))
                        time.sleep(0.02)

            th = threading.Thread(target=member, daemon=True)
            th.start()
            time.sleep(1.0)
            base_lat = len(lat)
            rows = []
            with httpx.Client(base_url=base, timeout=120) as http:
                for name, query in CYPHER.items():
                    t = time.perf_counter()
                    r = http.post("/cypher", json={"query": query})
                    rows.append((name, r.status_code, time.perf_counter() - t, r.json().get("limit", "")))
                for name, (fname, content) in uploads().items():
                    t = time.perf_counter()
                    r = http.post("/ingest", files=[("files", (fname, content))], headers={"X-API-Key": KEY})
                    f = r.json()["files"][0] if r.status_code == 200 else {}
                    reason = (f.get("error") or {}).get("reason", "")[:60]
                    rows.append((name, r.status_code, time.perf_counter() - t, f"{f.get('status')} {reason}"))
            stop.set()
            th.join(timeout=30)
        during = sorted(lat[base_lat:]) or [0.0]
        print(f"# fault_hostile {time.strftime('%Y-%m-%d %H:%M')} load {os.getloadavg()[0]:.1f}, {os.cpu_count()} CPUs")
        print("\n| request | status | seconds | limit / outcome |\n|---|---|---|---|")
        for name, status, took, limit in rows:
            print(f"| {name} | {status} | {took:.2f} | {limit} |")
        p50 = during[len(during) // 2] * 1000
        p99 = during[min(len(during) - 1, int(0.99 * len(during)))] * 1000
        print(f"\nmembership meanwhile: {len(during)} requests, p50 {p50:.0f} ms, p99 {p99:.0f} ms")
        print(f"peak RSS: API {peaks['api']:.0f} MB, engine {peaks['engine']:.0f} MB")
    finally:
        stop_server(store)
        shutil.rmtree(work, ignore_errors=True)


def _pid_on_port(base: str) -> int:
    """The uvicorn process listening on the base URL's port (from /proc/net/tcp and /proc/*/fd)."""
    port = int(base.rsplit(":", 1)[1])
    inode = ""
    with open("/proc/net/tcp") as f:
        for line in f.readlines()[1:]:
            parts = line.split()
            if int(parts[1].split(":")[1], 16) == port and parts[3] == "0A":
                inode = parts[9]
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                if os.readlink(f"/proc/{pid}/fd/{fd}") == f"socket:[{inode}]":
                    return int(pid)
        except OSError:
            continue
    return 0


if __name__ == "__main__":
    main()

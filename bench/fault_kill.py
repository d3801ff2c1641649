"""Random-point SIGKILL loop (issue 7): a large load through the `innokg ingest` CLI is killed at seeded
random moments, re-run, killed again…, then allowed to finish; the result is compared with an uninterrupted
run of the same files into another store (counts per label / type, a hash over every property, no
duplicate ids, no document left 'loading').

Modes (each into a fresh embedded store of its own under --work):

- ``bulk``: the GRAPH.BULK first-load path. Each round kills during the build (nothing sent yet), then once
  during the send (after the last file was built: the graph key exists, part of it sent), then the re-runs
  go through the MERGE path over the partial bulk graph and are killed at random too.
- ``merge``: ``--no-bulk``, killed at random points of the run (files, derive step).
- ``server``: the embedded redis-server is SIGKILLed instead (mid-send of a bulk, then mid-MERGE); the next
  run starts it again from its append-only file.

    .venv/bin/python bench/fault_kill.py --platforms 100000 --modes bulk,merge,server --rounds 2

Prints a markdown report (every kill: mode, run, stage, delay; the final comparison).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from app.store.falkordb.bulk import graph_exists  # noqa: E402
from app.store.falkordb.server import ensure_server, server_pid, stop_server  # noqa: E402
from app.store.falkordb.store import FalkorStore  # noqa: E402
from app.store.named import run as run_named  # noqa: E402
from bench.synth_inputs import synth_inputs  # noqa: E402
from ingest.pipeline.run import expand  # noqa: E402
from tests.faults._graph import Check, Digest, check  # noqa: E402

STATUS = ("loaded", "replaced", "unchanged")
REOPEN_AFTER_KILL_S = 30.0


@dataclass
class Timing:
    built: float  # seconds until the last per-file line (bulk: the build is over, the send starts)
    total: float


@dataclass
class Kill:
    mode: str
    run: int
    target: str  # what the kill aimed at
    delay: float
    stage: str  # what the store / output showed afterwards
    rc: int | None = None
    message: str = ""
    reopen_s: float | None = None  # server kills: seconds until the store answered again (issue 18: < 30)


@dataclass
class Outcome:
    mode: str
    kills: list[Kill] = field(default_factory=list)
    runs: int = 0
    final: Check | None = None
    same: bool = False
    seconds: float = 0.0
    reopen_after_stop_s: float | None = None  # `innokg stop`, then open (issue 18: < 10 s at 30k platforms)


class Ingest:
    """One `innokg ingest` child in a session of its own (its worker processes die with it)."""

    def __init__(self, store: Path, inputs: list[Path], extra: list[str], log: Path) -> None:
        self.out = log.with_suffix(".out")
        self.err = log.with_suffix(".err")
        env = {**os.environ, "INNOKG_STORE": f"embedded:{store}"}
        with self.out.open("w") as fo, self.err.open("w") as fe:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "app.cli.main",
                    "ingest",
                    *map(str, inputs),
                    "--rejects",
                    str(log.with_suffix(".rej")),
                    *extra,
                ],
                cwd=REPO,
                env=env,
                stdout=fo,
                stderr=fe,
                start_new_session=True,
            )
        self.t0 = time.perf_counter()

    def files_done(self) -> int:
        try:
            text = self.out.read_text(errors="replace")
        except OSError:
            return 0
        return sum(1 for line in text.splitlines() if line.startswith(STATUS))

    def elapsed(self) -> float:
        return time.perf_counter() - self.t0

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=60)

    def wait(self, timeout: float = 3600) -> int:
        return self.proc.wait(timeout=timeout)

    def last_error(self) -> str:
        lines = [x for x in self.err.read_text(errors="replace").splitlines() if x.strip()]
        stopped = [x for x in lines if x.startswith("ingest stopped") or "Error" in x]
        return (stopped or lines or [""])[-1][:300]


def timed_run(store: Path, inputs: list[Path], extra: list[str], log: Path, n_files: int) -> Timing:
    job = Ingest(store, inputs, extra, log)
    built = 0.0
    while job.proc.poll() is None:
        if not built and job.files_done() >= n_files:
            built = job.elapsed()
        time.sleep(0.05)
    if job.proc.returncode != 0:
        raise SystemExit(f"uninterrupted run failed ({job.proc.returncode}): {job.last_error()}")
    total = job.elapsed()
    return Timing(built or total, total)


def probe(store: Path) -> str:
    """What a kill left in the store (the server is up)."""
    st = FalkorStore(store)
    try:
        if not graph_exists(st):
            return "no graph"
        row = run_named(st, "store_fingerprint")[0]
        return f"graph: {row['documents']} documents, states {sorted(row['states'])}"
    finally:
        st.close()


def _wait_graph_key(job: Ingest, store: Path) -> None:
    """Until the first GRAPH.BULK command created the graph key (the send has begun)."""
    import redis

    client = redis.Redis(unix_socket_path=str(store / "run" / "falkordb.sock"), socket_timeout=5)
    try:
        while job.proc.poll() is None:
            with contextlib.suppress(redis.RedisError):
                if client.exists("innokg"):
                    return
            time.sleep(0.01)
    finally:
        client.close()


def kill_at(
    job: Ingest, delay: float, after_files: int | None, server: Path | None, send_of: Path | None = None
) -> tuple[bool, float]:
    """Wait (after ``after_files`` per-file lines when given, or until the bulk send into ``send_of`` began)
    ``delay`` seconds, then SIGKILL the ingest (or the server of ``server``). False when the run finished
    first."""
    if after_files is not None:
        while job.proc.poll() is None and job.files_done() < after_files:
            time.sleep(0.02)
    if send_of is not None:
        _wait_graph_key(job, send_of)
    start = time.perf_counter()
    while job.proc.poll() is None and time.perf_counter() - start < delay:
        time.sleep(0.02)
    if job.proc.poll() is not None:
        return False, job.elapsed()
    at = job.elapsed()
    if server is None:
        job.kill()
    else:
        pid = server_pid(server)
        if pid is None:
            job.kill()
            return False, at
        os.kill(pid, signal.SIGKILL)
        try:
            job.wait(timeout=120)
        except subprocess.TimeoutExpired:
            job.kill()
            raise SystemExit("the ingest hung after the server died") from None
    return True, at


def run_mode(
    mode: str,
    args: argparse.Namespace,
    inputs: list[Path],
    n_files: int,
    ref: dict[str, Timing],
    rng: random.Random,
    work: Path,
) -> Outcome:
    """Kill points are drawn on the run's progress (per-file lines printed), not on the clock alone, so every
    kill lands inside the run whatever the machine's load: a build kill after a random number of built
    files, a send kill a random time after the last file was built, a MERGE kill after a random share of
    the files still to load (or, one time in four, after the last file: the derive step)."""
    store = work / f"store-{mode}"
    stop_server(store)
    shutil.rmtree(store, ignore_errors=True)
    out = Outcome(mode)
    t_start = time.perf_counter()
    logs = work / f"logs-{mode}"
    logs.mkdir(exist_ok=True)
    n = 0
    progress = 0  # files reported by earlier runs of this store (they are skipped as unchanged)

    def attempt(
        extra: list[str], target: str, delay: float, after: int | None, server: bool, in_send: bool = False
    ) -> bool:
        nonlocal n, progress
        n += 1
        out.runs += 1
        if not server:  # not the ingest's child: killing the ingest leaves it up; else the run starts it
            ensure_server(store)
        job = Ingest(store, inputs, extra, logs / f"run{n:02}")
        killed, at = kill_at(job, delay, after, store if server else None, store if in_send else None)
        if not killed:
            print(f"  run {n}: finished before the kill ({target})", flush=True)
            return False
        done = job.files_done()
        stage = f"{done}/{n_files} files printed"
        if not server:
            stage += f"; {probe(store)}"
        k = Kill(mode, n, target, round(at, 1), stage, job.proc.returncode, job.last_error() if server else "")
        if server:  # the store must open fast from what the kill left (no replay of the whole MERGE log)
            k.reopen_s = round(timed_open(store), 1)
        out.kills.append(k)
        print(f"  run {n}: killed ({target}) at {at:.1f}s: {stage} {k.message}", flush=True)
        return True

    def merge_kill(server: bool) -> None:
        nonlocal progress
        if rng.random() < 0.25:
            attempt(["--no-bulk"], "MERGE: derive step", rng.uniform(0.0, 3.0), n_files, server)
        else:
            after = progress + max(1, int(rng.uniform(0.05, 0.95) * (n_files - progress)))
            attempt(["--no-bulk"], f"MERGE: after {after} files", rng.uniform(0.0, 0.5), min(after, n_files), server)
        progress = max(progress, min(n_files - 1, after_files_seen()))

    def after_files_seen() -> int:
        last = logs / f"run{n:02}.out"
        text = last.read_text(errors="replace") if last.exists() else ""
        return sum(1 for line in text.splitlines() if line.startswith(STATUS))

    bulk = ref["bulk"]
    send = max(bulk.total - bulk.built, 1.0)
    for _ in range(args.rounds):
        progress = 0
        if mode in ("bulk", "server", "send", "server-send"):
            stop_server(store)
            shutil.rmtree(store, ignore_errors=True)
        if mode in ("send", "server-send"):  # a kill inside GRAPH.BULK: 0-1.5 s after the graph key appeared
            attempt([], "bulk send (key created)", rng.uniform(0.0, 1.5), None, mode == "server-send", True)
        if mode == "bulk":
            for _ in range(args.build_kills):
                after = rng.randint(1, n_files - 1)
                attempt([], f"bulk build: after {after} files", rng.uniform(0.0, 0.5), after, False)
            attempt([], "bulk send", rng.uniform(0.0, 0.9) * send, n_files, False)
        elif mode == "server":
            attempt([], "server: bulk send", rng.uniform(0.0, 0.9) * send, n_files, True)
        for _ in range(args.merge_kills if mode in ("bulk", "merge", "server") else 0):
            merge_kill(mode == "server")
        if mode == "merge":
            continue
        # Let this round's last run finish, then compare (bulk / server rounds start again from empty).
        n += 1
        out.final = finish(store, inputs, logs / f"run{n:02}")
        out.runs += 1
        out.same = compare(out, args.reference)
        if not out.same:
            break
    if mode == "merge":
        n += 1
        out.final = finish(store, inputs, logs / f"run{n:02}")
        out.runs += 1
        out.same = compare(out, args.reference)
    stop_server(store)
    out.reopen_after_stop_s = round(timed_open(store), 1)
    stop_server(store)
    out.seconds = time.perf_counter() - t_start
    return out


def timed_open(store: Path) -> float:
    """Seconds until the store's server answers (started from its files when it is down)."""
    t = time.perf_counter()
    ensure_server(store)
    return time.perf_counter() - t


def finish(store: Path, inputs: list[Path], log: Path) -> Check:
    job = Ingest(store, inputs, ["--no-bulk"] if _exists(store) else [], log)
    rc = job.wait()
    if rc != 0:
        raise SystemExit(f"final run failed ({rc}): {job.last_error()}")
    st = FalkorStore(store)
    try:
        return check(st)
    finally:
        st.close()


def _exists(store: Path) -> bool:
    st = FalkorStore(store)
    try:
        return graph_exists(st)
    finally:
        st.close()


def compare(out: Outcome, reference: Check) -> bool:
    got = out.final
    assert got is not None
    same = (
        got.digest.nodes == reference.digest.nodes
        and got.digest.rels == reference.digest.rels
        and got.digest.sha256 == reference.digest.sha256
        and not got.duplicate_ids
        and not got.not_complete
    )
    if not same:
        print(f"  DIFFERS: nodes {got.digest.nodes} vs {reference.digest.nodes}", flush=True)
        print(f"           rels {got.digest.rels} vs {reference.digest.rels}", flush=True)
        print(f"           dup {got.duplicate_ids[:5]} loading {got.not_complete[:5]}", flush=True)
    return same


def _save_ref(path: Path, timing: Timing, c: Check) -> None:
    d = c.digest
    data = {"timing": [timing.built, timing.total], "nodes": d.nodes, "rels": d.rels, "sha256": d.sha256}
    path.write_text(json.dumps({**data, "dup": c.duplicate_ids, "loading": c.not_complete}, ensure_ascii=False))


def _load_ref(path: Path) -> tuple[Timing, Check]:
    r = json.loads(path.read_text())
    return Timing(*r["timing"]), Check(Digest(r["nodes"], r["rels"], r["sha256"]), r["dup"], r["loading"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--platforms", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=5, help="generator seed")
    ap.add_argument("--kill-seed", type=int, default=1, help="seed of the kill moments")
    ap.add_argument("--modes", default="bulk,merge,server")
    ap.add_argument("--rounds", type=int, default=2, help="bulk/server: rounds from an empty store")
    ap.add_argument("--build-kills", type=int, default=3, help="bulk: kills during the build per round")
    ap.add_argument("--merge-kills", type=int, default=3, help="kills during MERGE runs per round")
    ap.add_argument("--policies", type=Path, default=REPO / "data" / "corpus", help="policy texts loaded too (chains)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/h3-fk"))
    ap.add_argument("--reuse-refs", action="store_true", help="reuse the uninterrupted runs' results in --work")
    ap.add_argument("--synth", type=Path, default=None, help="reuse generated inventories here")
    args = ap.parse_args()
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    synth, _ = synth_inputs(args.platforms, args.seed, args.synth or work / f"synth-{args.platforms}", True)
    inputs = [args.policies, synth]
    n_files = len(expand(inputs))
    rng = random.Random(args.kill_seed)
    load = os.getloadavg()
    print(f"# fault_kill: {args.platforms} platforms, {n_files} files, load {load[0]:.2f}", flush=True)

    ref: dict[str, Timing] = {}
    checks: dict[str, Check] = {}
    for path, extra in (("bulk", []), ("merge", ["--no-bulk"])):
        store = work / f"ref-{path}"
        saved = work / f"ref-{path}.json"
        if args.reuse_refs and saved.exists():
            ref[path], checks[path] = _load_ref(saved)
            print(f"reference {path}: reused {saved}", flush=True)
            continue
        stop_server(store)
        shutil.rmtree(store, ignore_errors=True)
        ensure_server(store)
        ref[path] = timed_run(store, inputs, extra, work / f"ref-{path}", n_files)
        st = FalkorStore(store)
        checks[path] = check(st)
        st.close()
        stop_server(store)
        _save_ref(saved, ref[path], checks[path])
        shutil.rmtree(store, ignore_errors=True)
        print(
            f"reference {path}: built {ref[path].built:.1f}s total {ref[path].total:.1f}s {checks[path].digest.total}",
            flush=True,
        )
    paths_equal = checks["bulk"].digest == checks["merge"].digest
    print(f"bulk reference == merge reference: {paths_equal}", flush=True)
    args.reference = checks["merge"]

    outcomes = []
    for mode in args.modes.split(","):
        print(f"## {mode}", flush=True)
        outcomes.append(run_mode(mode, args, inputs, n_files, ref, rng, work))

    print(
        "\n| mode | run | aimed at | killed at s | stage seen | exit / message | reopen s |"
        "\n|---|---|---|---|---|---|---|"
    )
    for o in outcomes:
        for k in o.kills:
            reopen = "" if k.reopen_s is None else k.reopen_s
            print(f"| {k.mode} | {k.run} | {k.target} | {k.delay} | {k.stage} | {k.rc} {k.message} | {reopen} |")
    print(
        "\n| mode | kills | runs | final nodes / rels | equal to uninterrupted | dup ids | not complete | minutes "
        "| reopen after stop s |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for o in outcomes:
        f = o.final
        assert f is not None
        print(
            f"| {o.mode} | {len(o.kills)} | {o.runs} | {f.digest.total[0]} / {f.digest.total[1]} | {o.same} | "
            f"{len(f.duplicate_ids)} | {len(f.not_complete)} | {o.seconds / 60:.1f} | {o.reopen_after_stop_s} |"
        )
    print(
        f"\nreference: {checks['merge'].digest.total}, sha256 {checks['merge'].digest.sha256[:16]}; "
        f"bulk reference equal: {paths_equal}"
    )
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    slow = [k for o in outcomes for k in o.kills if k.reopen_s is not None and k.reopen_s > REOPEN_AFTER_KILL_S]
    print(
        f"reopen after a server kill: max {max((k.reopen_s or 0.0 for o in outcomes for k in o.kills), default=0.0)} s"
    )
    sys.exit(0 if all(o.same for o in outcomes) and paths_equal and not slow else 1)


if __name__ == "__main__":
    main()

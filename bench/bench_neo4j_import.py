"""The importer alone: ``neo4j-admin database import full`` over CSV files the import path kept
(``INNOKG_NEO4J_IMPORT_KEEP=DIR`` during a bench_neo4j_load.py run), once per option set, the sets
interleaved round by round so that the machine's load falls on all of them alike.

Per run: the JVM's wall, its CPU (user + system of the child), the importer's own time (``IMPORT DONE in``)
and its stages (node import, relationship import, linking, post-processing), the load average. Each run
writes into a scratch ``NEO4J_HOME`` that is deleted afterwards. Prints markdown for docs/benchmarks/load.md.

    .venv/bin/python bench/bench_neo4j_import.py --csv DIR --rounds 2 --variant base --variant hpio
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from a checkout

from app.store.neo4j import importer

# option sets: extra JVM flags and importer flags on top of what importer.import_command() passes
VARIANTS: dict[str, tuple[list[str], list[str]]] = {
    "base": ([], []),
    "new": ([], []),  # importer.JVM_FLAGS, see command()
    "threads1": ([], ["--threads=1"]),
    "hpio": ([], ["--high-parallel-io=on"]),
    "mem256": ([], ["--max-off-heap-memory=256m"]),
    "heap512": (["-Xmx512m"], []),
    "serialgc": (["-XX:+UseSerialGC"], []),
    "parallelgc": (["-XX:+UseParallelGC"], []),
    "tiered1": (["-XX:TieredStopAtLevel=1"], []),
    "nobad": ([], ["--bad-tolerance=0"]),
    "cds": (["-XX:SharedArchiveFile={cds}"], []),
    "pgc+cds": (["-XX:+UseParallelGC", "-XX:SharedArchiveFile={cds}"], []),
    "pgc+c1+cds": (["-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile={cds}"], []),
    "pgc+c1": (["-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1"], []),
    "c1+cds": (["-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile={cds}"], []),
}
_STAGES = ("nodes", "relationships", "linking", "counts")


OLD_JVM = ["-Xmx1g", "-XX:+UseG1GC"]  # the importer's JVM flags before session 12


def command(base: list[str], variant: str, cds: Path, csv_bytes: int) -> list[str]:
    """``base`` (the import path's command line with the JVM flags before session 12) with the variant's
    flags: JVM flags before ``-cp``, importer flags replacing one of the same name; ``new`` is the JVM part
    of ``importer.import_command`` as it is now."""
    if variant == "new":
        cp = base.index("-cp")
        return [base[0], *importer.JVM_FLAGS, *importer.jit_flags(csv_bytes), *base[cp:]]
    jvm, imp = VARIANTS[variant]
    jvm = [f.replace("{cds}", str(cds)) for f in jvm]
    names = {f.split("=", 1)[0] for f in imp + jvm if f.startswith("--")}
    out = [a for a in base if a.split("=", 1)[0] not in names]
    if any(f.startswith("-Xmx") for f in jvm):
        out = [a for a in out if not a.startswith("-Xmx")]
    if any(f.endswith("GC") for f in jvm):
        out = [a for a in out if not a.endswith("GC")]
    cp = out.index("-cp")
    return out[:cp] + jvm + out[cp:] + imp


def _seconds(text: str) -> float:
    """``1m 2s 345ms`` -> 62.345."""
    unit = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}
    return sum(float(n) * unit[u] for n, u in re.findall(r"(\d+)(ms|h|m|s)\b", text))


def parse_log(log: str) -> dict[str, float]:
    """The importer's own time and its stages' times from its output."""
    got: dict[str, float] = {}
    done = re.findall(r"IMPORT DONE in ([^.\n]+)", log)
    if done:
        got["own"] = _seconds(done[-1])
    # its steps: "<step>, started <time>" ... "Done in <duration>"; Nodes, Relationships, then the linking
    # steps (degrees, relationship chains, groups), then the counts and token index builds
    for step, took in re.findall(r"^(\S[^\n]*?), started [^\n]*\n(?:[^\n]*\n)*?Done in ([^\n]+)", log, re.M):
        stage = {"Nodes": "nodes", "Relationships": "relationships"}.get(step)
        stage = stage or ("counts" if "counts" in step else "linking")
        got[stage] = got.get(stage, 0.0) + _seconds(took)
    return got


def run_once(base: list[str], variant: str, cds: Path, csv_bytes: int) -> dict[str, float]:
    home = Path(tempfile.mkdtemp(prefix="innokg-import-bench-"))
    try:
        conf = home / "conf"
        conf.mkdir()
        (conf / "neo4j.conf").write_text("# importer bench: defaults only\n")
        env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(conf)}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        load = os.getloadavg()[0]
        t = time.perf_counter()
        proc = subprocess.run(
            command(base, variant, cds, csv_bytes), env=env, capture_output=True, text=True, check=False
        )
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            raise SystemExit(f"{variant}: exit {proc.returncode}: {proc.stdout[-2000:]}{proc.stderr[-2000:]}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return {"wall": wall, "cpu": cpu, "load": load, **parse_log(proc.stdout + proc.stderr)}
    finally:
        shutil.rmtree(home, ignore_errors=True)


def build_cds(base: list[str], cds: Path) -> None:
    """A class-data-sharing archive of the classes one import loads (JDK 13+: written at exit)."""
    if cds.exists():
        return
    cp = base.index("-cp")
    cmd = [*base[:cp], f"-XX:ArchiveClassesAtExit={cds}", *base[cp:]]
    home = Path(tempfile.mkdtemp(prefix="innokg-import-cds-"))
    try:
        (home / "conf").mkdir()
        (home / "conf" / "neo4j.conf").write_text("\n")
        env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
        subprocess.run(cmd, env=env, capture_output=True, check=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def scale_csv(src: Path, dst: Path, k: int) -> None:
    """``k`` copies of the kept graph side by side (node ids shifted by the node count per copy, both ends
    of every relationship with them): the importer's work at k times the size without a k times larger
    synth run. The ``id`` properties repeat; the importer does not check them (no constraint in an import)."""
    kept = json.loads((src / "import-args.json").read_text())
    files = [Path(a.split("=", 2)[2]) for a in kept["args"] if a.startswith(("--nodes=", "--relationships="))]
    n = 1 + max(int(line.split(b",", 1)[0]) for f in files if f.name.startswith("nodes-") for line in
                f.read_bytes().splitlines()[1:])  # fmt: skip
    dst.mkdir(parents=True, exist_ok=True)
    for f in files:
        lines = f.read_bytes().splitlines(keepends=True)
        ends = 1 if f.name.startswith("nodes-") else 2
        with (dst / f.name).open("wb") as out:
            out.write(lines[0])
            for c in range(k):
                off = c * n
                for line in lines[1:]:
                    parts = line.rstrip(b"\n").split(b",", ends)
                    out.write(b",".join([*(b"%d" % (int(x) + off) for x in parts[:ends]), *parts[ends:]]) + b"\n")
    args = [a.replace(str(src), str(dst)) for a in kept["args"]]
    (dst / "import-args.json").write_text(json.dumps({"bytes": kept["bytes"] * k, "args": args}, indent=1) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", type=Path, required=True, help="a folder kept by INNOKG_NEO4J_IMPORT_KEEP")
    ap.add_argument("--variant", action="append", choices=sorted(VARIANTS), help="repeatable; default: all")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--verbose", action="store_true", help="the importer's --verbose: its steps' times too")
    ap.add_argument("--cds", type=Path, default=Path(tempfile.gettempdir()) / "innokg-import.jsa")
    ap.add_argument("--scale", type=int, default=0, help="first write this many copies of --csv side by side")
    args = ap.parse_args()
    if args.scale:
        scaled = args.csv.with_name(f"{args.csv.name}-x{args.scale}")
        scale_csv(args.csv, scaled, args.scale)
        args.csv = scaled
    kept = json.loads((args.csv / "import-args.json").read_text())
    written = importer.Written()
    written.bytes = int(kept["bytes"])
    base = importer.import_command("neo4j", written, args.csv)
    cp = base.index("-cp")
    base = [base[0], *OLD_JVM, *base[cp:]]
    base = [a for a in base if not a.startswith(("--multiline-fields", "--report-file"))] + kept["args"]
    base.append(f"--report-file={Path(tempfile.gettempdir()) / 'innokg-import-bench.report'}")
    if args.verbose:
        base.append("--verbose")
    variants = args.variant or sorted(VARIANTS)
    if any("cds" in v for v in variants):
        build_cds(base, args.cds)
    results: dict[str, list[dict[str, float]]] = {v: [] for v in variants}
    for r in range(args.rounds):
        for v in variants:
            got = run_once(base, v, args.cds, written.bytes)
            results[v].append(got)
            print(f"round {r + 1} {v}: {json.dumps({k: round(x, 2) for k, x in got.items()})}", file=sys.stderr)
    print(f"CSV: {written.bytes / 2**20:,.0f} MiB; {args.rounds} rounds, variants interleaved\n")
    print("| variant | load | JVM wall s | CPU s | own s | nodes / rels / linking / counts s |")
    print("|---|---:|---:|---:|---:|---|")
    for v, runs in results.items():
        for x in runs:
            stages = " / ".join(f"{x.get(s, float('nan')):.1f}" for s in _STAGES)
            print(f"| {v} | {x['load']:.1f} | {x['wall']:.1f} | {x['cpu']:.1f} | {x.get('own', float('nan')):.1f} "
                  f"| {stages} |")  # fmt: skip


if __name__ == "__main__":
    main()

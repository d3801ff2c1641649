"""Two texts of the search statement on one store, interleaved (docs/benchmarks/api.md, session 12).

Runs the store's ``search_entities`` statement and another text of it (``--old FILE``, e.g. the file at an
earlier commit: ``git show COMMIT:cypher/queries/search_entities.neo4j.cypher > /tmp/old.cypher``) on the
same queries, alternating which goes first, with the parameters app.services.search sends (cap 500, first
page of 20). Queries: name parts (4–8 characters cut from platform names, as bench/bench_api.py cuts them)
and bench_api's common terms. Prints p50/p90/p99 per kind and text, and how many answers (total and page)
are identical; with ``--engine-pid`` (the Neo4j JVM) also the engine's CPU per statement, summed over the
calls of each text (the clock ticks at 100 Hz: a call's own figure is coarse, their sum over 300 is not).

    .venv/bin/python bench/ab_search.py --store bolt://neo4j:pw@127.0.0.1:7687 --old /tmp/old.cypher --n 300
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_api import COMMON, pct  # noqa: E402
from cpu_api import cpu_ms  # noqa: E402

from app.services.search import CANDIDATE_CAP, query_terms  # noqa: E402
from app.store.factory import open_store  # noqa: E402
from app.store.queries import query  # noqa: E402
from app.text.search_terms import norm_text  # noqa: E402


def name_parts(store: object, rng: random.Random, n: int) -> list[str]:
    rows = store.read(  # type: ignore[attr-defined]
        "MATCH (p:Platform) WITH p SKIP $s LIMIT 5000 RETURN p.name AS name", {"s": rng.randrange(1000)}
    )
    out = []
    for _ in range(n):
        name = rng.choice(rows)["name"]
        k = rng.randrange(4, 9)
        start = rng.randrange(max(1, len(name) - k))
        out.append(name[start : start + k])
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--old", type=Path, required=True, help="the other statement's text")
    ap.add_argument("--n", type=int, default=300, help="queries per kind")
    ap.add_argument("--engine-pid", type=int, default=None, help="the engine's pid: its CPU per statement")
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args()
    store = open_store(args.store, graph="bench")
    new_text = query("search_entities", store.backend).text
    old_text = args.old.read_text(encoding="utf-8")
    rng = random.Random(args.seed)
    kinds = {"name part": name_parts(store, rng, args.n), "common terms": [rng.choice(COMMON) for _ in range(args.n)]}
    print("| queries | statement | p50 ms | p90 | p99 | max | engine CPU ms | identical answers |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for kind, qs in kinds.items():
        times: dict[str, list[float]] = {"old": [], "new": []}
        cpu = {"old": 0.0, "new": 0.0}
        same = 0
        for i, q in enumerate(qs):
            qt = query_terms(q)
            if qt is None:
                continue
            params = {"terms": qt.terms, "q": norm_text(q).strip(), "kinds": None, "cap": CANDIDATE_CAP}
            params |= {"skip": 0, "limit": 20}
            order = [("old", old_text), ("new", new_text)]
            answers = {}
            for tag, text in order if i % 2 else order[::-1]:
                c = cpu_ms(args.engine_pid) if args.engine_pid else 0.0
                t = time.perf_counter()
                answers[tag] = store.read(text, params)
                times[tag].append((time.perf_counter() - t) * 1000)
                cpu[tag] += cpu_ms(args.engine_pid) - c if args.engine_pid else 0.0
            same += answers["old"] == answers["new"]
        for tag, ts in times.items():
            engine = f"{cpu[tag] / len(ts):.2f}" if args.engine_pid else "–"
            print(
                f"| {kind} | {tag} | {pct(ts, 50):.1f} | {pct(ts, 90):.1f} | {pct(ts, 99):.1f} | {max(ts):.1f} "
                f"| {engine} | {same}/{len(ts)} |"
            )
    store.close()


if __name__ == "__main__":
    main()

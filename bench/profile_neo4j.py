"""The serving statements on Neo4j: PROFILE (db hits and rows per operator) and the JVM's CPU per statement,
old text against new, on the same ids (docs/benchmarks/api.md, session 13, "Neo4j statements").

For each lookup statement the API runs on a miss (entity_get, entity_clusters_of, cluster_members) and the
name search, this draws ids from the store, PROFILEs one typical call and prints its operators with their db
hits and rows; with ``--old DIR`` (a checkout of the old code: its cypher/ is read) it then runs both texts on
the same ``--n`` parameter sets, alternating which goes first, reads the Neo4j JVM's CPU time (``--engine-pid``)
around each text's calls, and checks that every answer is identical.

    .venv/bin/python bench/profile_neo4j.py --store bolt://neo4j:pw@127.0.0.1:7687 --engine-pid 123 \
        --old /tmp/old --n 300
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import neo4j

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from cpu_api import cpu_ms  # noqa: E402

from app.services.search import CANDIDATE_CAP, query_terms  # noqa: E402
from app.store.factory import open_store  # noqa: E402
from app.store.queries import parse_query_file, query, template  # noqa: E402
from app.text.search_terms import norm_text  # noqa: E402

Params = dict[str, Any]


def samples(store: Any, n: int, seed: int) -> dict[str, list[Params]]:
    """n parameter sets per statement, as the API sends them on a miss."""
    rng = random.Random(seed)
    ids = {r["label"]: r["ids"] for r in store.read(template("bench_sample_ids"), {"n": 4000})}
    plats, insts, clusters = ids.get("Platform", []), ids.get("Institution", []), ids.get("LabCluster", [])
    members = ids.get("member", [])
    names = ids.get("name", [])

    def part(name: str) -> str:
        k = rng.randrange(4, 9)
        s = rng.randrange(max(1, len(name) - k))
        return name[s : s + k]

    def search(q: str) -> Params:
        qt = query_terms(q)
        return {
            "terms": qt.terms if qt else [],
            "q": norm_text(q).strip(),
            "kinds": None,
            "cap": CANDIDATE_CAP,
            "skip": 0,
            "limit": 20,
        }

    pages = [(c, s) for c in clusters for s in range(0, 400, 25)]
    return {
        "entity_get": [{"id": i, "limit": 501, "evidence_limit": 100} for i in rng.sample(plats, min(n, len(plats)))],
        "entity_clusters_of": [{"id": i} for i in rng.sample(insts + members, min(n, len(insts) + len(members)))],
        "cluster_members": [
            {"id": c, "role": None, "kind": None, "skip": s, "limit": 50}
            for c, s in rng.sample(pages, min(n, len(pages)))
        ],
        "search_entities": [search(part(rng.choice(names))) for _ in range(n)],
    }


def profile(driver: neo4j.Driver, text: str, params: Params) -> tuple[int, int, list[tuple[str, int, int, str]]]:
    """(db hits, rows, [(operator, db hits, rows, details)]) of one PROFILEd run."""
    with driver.session(default_access_mode=neo4j.READ_ACCESS) as s:
        summary = s.run("PROFILE " + text, params).consume()
    ops: list[tuple[str, int, int, str]] = []

    def walk(p: Any, depth: int) -> None:
        args = p.get("args", {}) if isinstance(p, dict) else {}
        details = str(args.get("Details", ""))[:90]
        ops.append(("  " * depth + p["operatorType"].split("@")[0], p.get("dbHits", 0), p.get("rows", 0), details))
        for child in p.get("children", []):
            walk(child, depth + 1)

    walk(summary.profile, 0)
    return sum(o[1] for o in ops), ops[0][2], ops


def run_all(driver: neo4j.Driver, text: str, sets: list[Params]) -> list[list[dict[str, Any]]]:
    out = []
    with driver.session(default_access_mode=neo4j.READ_ACCESS) as s:
        for p in sets:
            out.append([r.data() for r in s.run(text, p)])
    return out


def ab(
    driver: neo4j.Driver, texts: dict[str, str], sets: list[Params], pid: int | None
) -> tuple[dict[str, float], int]:
    """JVM CPU ms per statement per text (alternating order in rounds of 50) and the identical answers."""
    cpu = dict.fromkeys(texts, 0.0)
    answers: dict[str, list[list[dict[str, Any]]]] = {t: [] for t in texts}
    order = list(texts)
    for i in range(0, len(sets), 50):
        for t in order if (i // 50) % 2 == 0 else order[::-1]:
            before = cpu_ms(pid) if pid else 0.0
            answers[t] += run_all(driver, texts[t], sets[i : i + 50])
            cpu[t] += (cpu_ms(pid) - before) if pid else 0.0
    runs = list(answers.values())
    same = sum(1 for i, a in enumerate(runs[0]) if all(r[i] == a for r in runs[1:]))
    return {t: c / len(sets) for t, c in cpu.items()}, same


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--engine-pid", type=int, default=None)
    ap.add_argument("--old", type=Path, default=None, help="a checkout of the old code (its cypher/queries)")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    store = open_store(args.store, graph="bench")
    driver: neo4j.Driver = store._driver  # type: ignore[attr-defined]
    sets = samples(store, args.n, args.seed)
    only: Callable[[str], bool] = lambda name: not args.only or any(o in name for o in args.only.split(","))  # noqa: E731
    for name, params in sets.items():
        if not only(name):
            continue
        texts = {"new": query(name, "neo4j").text}
        if args.old:
            old = args.old / "cypher" / "queries"
            f = old / f"{name}.neo4j.cypher"
            texts = {"old": parse_query_file(f if f.exists() else old / f"{name}.cypher").text, **texts}
        for t, text in texts.items():
            run_all(driver, text, params[:20])  # plans compiled, pages in the cache
            hits, rows, ops = profile(driver, text, params[0])
            print(f"\n### {name} ({t}): {hits} db hits, {rows} rows\n")
            print("| operator | db hits | rows | details |\n|---|---:|---:|---|")
            for op, h, r, d in ops:
                print(f"| {op} | {h} | {r} | {d.replace('|', '¦')} |")
        if args.engine_pid:
            cpu, same = ab(driver, texts, params, args.engine_pid)
            cells = ", ".join(f"{t} {c:.2f}" for t, c in cpu.items())
            print(f"\n**{name}**: JVM CPU ms per statement {cells}; identical answers {same}/{len(params)}")
    store.close()


if __name__ == "__main__":
    main()

"""Search hit quality, Neo4j against the embedded FalkorDB (issue #19): 50 queries cut from the platform and
institution names of data/sample, asked through app.services.search on both engines loaded with
data/corpus + data/sample. Reports, per engine: queries with a hit, the query's source name in the top 10
(recall@10), mean reciprocal rank of the source name, and how many answers are identical across engines.

    PYTHONPATH=. python bench/search_parity.py EMBEDDED_DIR NEO4J_URL [--load]
"""

from __future__ import annotations

import csv
import random
import sys
import time
from pathlib import Path

from app.services.search import search
from app.store.factory import open_store
from app.store.protocol import GraphStore, Statement
from app.store.queries import template
from ingest.pipeline.run import ingest_paths

REPO = Path(__file__).resolve().parents[1]
N = 50


def queries(seed: int = 19) -> list[tuple[str, str]]:
    """(query, the name it was cut from): whole names, prefixes and inner substrings of 2–6 characters."""
    names: set[str] = set()
    for path in sorted((REPO / "data" / "sample").glob("*.csv")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("gb18030")  # some lists of the sample are GBK, as real ones are
        for row in csv.DictReader(text.splitlines()):
            for col in ("名称", "建设单位", "依托单位"):
                if (row.get(col) or "").strip():
                    names.add(row[col].strip())
    rnd = random.Random(seed)
    pool = sorted(n for n in names if len(n) >= 4)
    out = []
    for name in rnd.sample(pool, N):
        cut = rnd.choice(("whole", "prefix", "inner"))
        if cut == "whole":
            q = name
        elif cut == "prefix":
            q = name[: rnd.randint(2, min(6, len(name)))]
        else:
            n = rnd.randint(2, min(6, len(name)))
            i = rnd.randint(0, len(name) - n)
            q = name[i : i + n]
        out.append((q, name))
    return out


def score(store: GraphStore, qs: list[tuple[str, str]]) -> tuple[list[list[str]], dict[str, float]]:
    answers, hit, r10, rr, ms = [], 0, 0, 0.0, 0.0
    for q, name in qs:
        t = time.perf_counter()
        page = search(store, q, limit=10)
        ms += (time.perf_counter() - t) * 1000
        names = [h.name for h in page.items]
        answers.append([f"{h.kind}:{h.id}" for h in page.items])
        hit += bool(names)
        if name in names:
            r10 += 1
            rr += 1 / (names.index(name) + 1)
    n = len(qs)
    return answers, {"hit": hit / n, "recall@10": r10 / n, "mrr": rr / n, "ms_per_query": ms / n}


def main(embedded: str, neo4j_url: str, load: bool) -> None:
    stores = [open_store(f"embedded:{embedded}", graph="search_parity"), open_store(neo4j_url)]
    if load:
        for st in stores:
            st.write([Statement(template("clear_graph"))])
            ingest_paths(st, [REPO / "data" / "corpus", REPO / "data" / "sample"], workers=0, bulk=False)
    qs = queries()
    results = [score(st, qs) for st in stores]
    same = sum(a == b for a, b in zip(results[0][0], results[1][0], strict=True))
    for st, (_, m) in zip(stores, results, strict=True):
        print(st.backend, " ".join(f"{k}={v:.3f}" for k, v in m.items()))
    print(f"identical top-10 answers: {same}/{len(qs)}")
    for (q, name), a, b in zip(qs, results[0][0], results[1][0], strict=True):
        if a != b:
            print("differs:", q, name, a[:3], b[:3])
    for st in stores:
        st.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--load" in sys.argv)

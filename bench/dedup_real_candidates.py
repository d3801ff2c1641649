"""Candidate pairs for hand labelling from the real lists (docs/reference/duplicates.md, "Evaluation on real lists").

Blocking only, no labels: pairs of rows that share a host (co-hosts split on 、 and /, 中科院 read as
中国科学院) or a rare character bigram of the name core (type suffix and 国家 / 省部共建 prefix removed;
bigrams held by at most ``--max-df`` rows), with the bigram Jaccard. Pairs already in
data/eval/dedup_real_pairs.csv are marked. A person reads both rows and labels the pair; the script's
columns are a reading aid, never a label.
With ``--fresh``, only pairs of rows that appear in no labelled pair (dev / test / holdout files): how
the holdout set (data/eval/dedup_holdout_pairs.csv) was drawn, so that no row of it was seen in tuning.
Usage: .venv/bin/python bench/dedup_real_candidates.py [--max-df 25] [--min-jaccard 0.0] [--fresh] > candidates.tsv
"""

from __future__ import annotations

import argparse
import csv
import itertools
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_dedup_real import HOLDOUT_PAIRS, REAL_PAIRS, lists_dir

_SUFFIX = re.compile(
    r"(国家农业科技园区|现代农业科技园区|农业科技园区|现代农业种业园|国家野外科学观测研究站|教育部野外科学观测研究站"
    r"|观测实验站|国家重点实验室|种质资源(?:圃|库|中期库|试管苗库|复份库))"
)
_PREFIX = re.compile(r"^(国家农业科学|国家|省部共建)")


def core(name: str) -> str:
    return _PREFIX.sub("", _SUFFIX.sub("", name))


def bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)}


def read_rows(folder: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8") as fh:
            for n, r in enumerate(csv.DictReader(fh), 1):
                rows.append({**r, "_file": path.name, "_row": str(n)})
    return rows


def candidates(rows: list[dict[str, str]], max_df: int) -> dict[tuple[int, int], set[str]]:
    grams = [bigrams(core(r["name"])) for r in rows]
    df = Counter(g for gs in grams for g in gs)
    blocks: dict[str, list[int]] = defaultdict(list)
    for k, r in enumerate(rows):
        for h in re.split("[、/]", r["host"]):
            if h.strip():
                blocks["host:" + h.strip().replace("中科院", "中国科学院")].append(k)
        for g in grams[k]:
            if df[g] <= max_df:
                blocks["bigram:" + g].append(k)
    pairs: dict[tuple[int, int], set[str]] = defaultdict(set)
    for key, ks in blocks.items():
        for a, b in itertools.combinations(ks, 2):
            pairs[(a, b)].add(key.split(":")[0])
    return pairs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-df", type=int, default=25)
    ap.add_argument("--min-jaccard", type=float, default=0.0)
    ap.add_argument("--fresh", action="store_true", help="only rows in no labelled pair")
    args = ap.parse_args()
    rows = read_rows(lists_dir())
    done: set[frozenset[tuple[str, str]]] = set()
    for path in (REAL_PAIRS, HOLDOUT_PAIRS):
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                done |= {frozenset({(r["file_a"], r["row_a"]), (r["file_b"], r["row_b"])}) for r in csv.DictReader(fh)}
    seen = {row for key in done for row in key}
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(
        ["file_a", "row_a", "name_a", "host_a", "file_b", "row_b", "name_b", "host_b", "blocks", "jaccard", "labelled"]
    )
    for (a, b), why in sorted(candidates(rows, args.max_df).items()):
        ra, rb = rows[a], rows[b]
        ga, gb = bigrams(core(ra["name"])), bigrams(core(rb["name"]))
        jac = len(ga & gb) / max(1, len(ga | gb))
        if jac < args.min_jaccard:
            continue
        key = frozenset({(ra["_file"], ra["_row"]), (rb["_file"], rb["_row"])})
        if args.fresh and key & seen:
            continue
        out.writerow(
            [
                ra["_file"],
                ra["_row"],
                ra["name"],
                ra["host"],
                rb["_file"],
                rb["_row"],
                rb["name"],
                rb["host"],
                "+".join(sorted(why)),
                f"{jac:.2f}",
                "yes" if key in done else "",
            ]
        )


if __name__ == "__main__":
    main()

"""Candidate pairs for hand labelling from the real lists (docs/reference/duplicates.md, "Evaluation on real lists").

Blocking only, no labels: pairs of rows that share a host (co-hosts split on 、 and /, 中科院 read as
中国科学院) or a rare character bigram of the name core (type suffix and 国家 / 省部共建 prefix removed;
bigrams held by at most ``--max-df`` rows), with the bigram Jaccard. Pairs already in
data/eval/dedup_real_pairs.csv are marked. A person reads both rows and labels the pair; the script's
columns are a reading aid, never a label.
With ``--fresh``, only pairs of rows that appear in no labelled pair (dev / test / holdout files): how
the holdout set (data/eval/dedup_holdout_pairs.csv) was drawn, so that no row of it was seen in tuning.
With ``--draw N``: the weighted draw of data/eval/dedup_fresh_pairs.csv (issue 16), pairs in none of the
labelled files, each with its stratum and its split assigned before labelling (``split_of``):
``cross`` (one host, co-host or city, two list families: overlap candidates), ``park`` (a park beside a
platform of its place), ``family`` (one host or city,
one family: their hard negatives), ``close`` (shared rare bigrams, Jaccard ≥ 0.3: one character apart),
``province`` (random same-province pairs). Half of each stratum is the highest Jaccard, half random (seed).
Usage: .venv/bin/python bench/dedup_real_candidates.py [--max-df 25] [--min-jaccard 0.0] [--fresh] > candidates.tsv
       .venv/bin/python bench/dedup_real_candidates.py --draw 320 --related 200 --census > draw.tsv
(the draw of data/eval/dedup_fresh_pairs.csv; seed 16)
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_dedup_real import FRESH_PAIRS, HOLDOUT_PAIRS, REAL_PAIRS, lists_dir

from app.text.gazetteer import find_regions, university_by_name

# list family per file: the type families the overlap crosses
FAMILY = {
    "moe_field_stations_2019.csv": "station",
    "national_agri_observation_stations_moa_2018_2019.csv": "station",
    "national_field_stations_most_2019_adjusted.csv": "station",
    "national_field_stations_most_2021_new.csv": "station",
    "national_state_key_labs_2019.csv": "lab",
    "national_enterprise_state_key_labs_2016.csv": "lab",
    "national_province_ministry_state_key_labs_2020.csv": "lab",
    "national_germplasm_banks_moa_2022_2024.csv": "bank",
    "national_agri_sci_parks_batches_1_9.csv": "park",
    "national_agri_sci_parks_acceptance_evaluation_2017_2022.csv": "park",
}
_COHOST = re.compile(r"[（(](?:与)?([^（）()]+?)(?:共建|联合共建|合建)[）)]")
STRATA = ("cross", "park", "family", "close", "province", "related", "host")
# characters too common in subjects to rank relatedness by (a ranking aid, never a label)
_GENERIC = set("国家重点实验室野外科学观测研究站农业种质资源库圃中期生态系统环境技术工程与及和新型先进综合利用开发控制")

_SUFFIX = re.compile(
    r"(国家农业科技园区|现代农业科技园区|农业科技园区|现代农业种业园|国家野外科学观测研究站|教育部野外科学观测研究站"
    r"|观测实验站|国家重点实验室|种质资源(?:圃|库|中期库|试管苗库|复份库))"
)
_PREFIX = re.compile(r"^(国家农业科学|国家|省部共建)")


def core(name: str) -> str:
    return _PREFIX.sub("", _SUFFIX.sub("", name))


def subject(name: str) -> str:
    """The name core without place words (the ranking key of the draw: fields, not sites)."""
    text = core(name)
    for start, end, _ in sorted(find_regions(text), reverse=True):
        text = text[:start] + text[end:]
    return text.replace("生态系统", "").replace("教育部", "")


def bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)}


def read_rows(folder: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8") as fh:
            for n, r in enumerate(csv.DictReader(fh), 1):
                rows.append({**r, "_file": path.name, "_row": str(n)})
    return rows


def hosts(row: dict[str, str]) -> set[str]:
    """The host and co-hosts: the host cell split on 、 and /, co_builders, and a bracketed （与X共建） in the name."""
    cells = [row["host"], row.get("co_builders", "")]
    cells += [m.group(1) for m in _COHOST.finditer(row["name"])]
    return {h.strip().replace("中科院", "中国科学院") for c in cells for h in re.split("[、/]", c) if h.strip()}


def city(row: dict[str, str]) -> str:
    """The prefecture-level city a row names (name, then the host's university city, then the host)."""
    for text in (row["name"], row["host"]):
        for _, _, reg in find_regions(text):
            if reg.level == "city":
                return reg.short
        uni = university_by_name(text)
        if uni is not None and uni.city:
            return uni.city.removesuffix("市")
    return ""


def province(row: dict[str, str]) -> str:
    for text in (row["region"], row["name"], row.get("host_province", "")):
        for _, _, reg in find_regions(text):
            return reg.province.short
    return ""


def candidates(rows: list[dict[str, str]], max_df: int) -> dict[tuple[int, int], set[str]]:
    grams = [bigrams(core(r["name"])) for r in rows]
    df = Counter(g for gs in grams for g in gs)
    blocks: dict[str, list[int]] = defaultdict(list)
    for k, r in enumerate(rows):
        for h in hosts(r):
            blocks["host:" + h].append(k)
        for g in grams[k]:
            if df[g] <= max_df:
                blocks["bigram:" + g].append(k)
    pairs: dict[tuple[int, int], set[str]] = defaultdict(set)
    for key, ks in blocks.items():
        for a, b in itertools.combinations(ks, 2):
            pairs[(a, b)].add(key.split(":")[0])
    return pairs


def split_of(a: tuple[str, str], b: tuple[str, str], dev_rows: set[tuple[str, str]]) -> str:
    """The fresh set's split rule: a pair with a row in a dev pair of dedup_real_pairs.csv is ``dev2``;
    of the others, half (the sha1 of the sorted pair key is even) are ``holdout2``, half ``dev2``."""
    if a in dev_rows or b in dev_rows:
        return "dev2"
    key = "|".join(sorted(f"{f}:{r}" for f, r in (a, b)))
    return "holdout2" if int(hashlib.sha1(key.encode()).hexdigest(), 16) % 2 == 0 else "dev2"


def _stratum(ra: dict[str, str], rb: dict[str, str], why: set[str], jac: float) -> str | None:
    if why & {"host", "city"}:
        return "cross" if FAMILY[ra["_file"]] != FAMILY[rb["_file"]] else "family"
    if "bigram" in why and jac >= 0.3:
        return "close"
    return None


def _pools(
    rows: list[dict[str, str]], done: set[frozenset[tuple[str, str]]], rng: random.Random
) -> dict[str, list[tuple[float, int, int]]]:
    """Candidate pairs per stratum with a ranking key (never a label)."""
    pairs = candidates(rows, 25)
    for r in rows:  # same city, any family (a city block the host block misses)
        r["_city"], r["_prov"] = city(r), province(r)
    by_city: dict[str, list[int]] = defaultdict(list)
    for k, r in enumerate(rows):
        if r["_city"]:
            by_city[r["_city"]].append(k)
    for ks in by_city.values():
        for a, b in itertools.combinations(ks, 2):
            pairs[(a, b)].add("city")
    pools: dict[str, list[tuple[float, int, int]]] = defaultdict(list)
    for (a, b), why in pairs.items():
        ra, rb = rows[a], rows[b]
        if frozenset({(ra["_file"], ra["_row"]), (rb["_file"], rb["_row"])}) in done:
            continue
        parks = (FAMILY[ra["_file"]] == "park") + (FAMILY[rb["_file"]] == "park")
        if parks == 2 and "bigram" not in why:
            continue  # two parks of one city: labelled at length in the older sets
        ga, gb = bigrams(core(ra["name"])), bigrams(core(rb["name"]))
        jac = len(ga & gb) / max(1, len(ga | gb))
        st = _stratum(ra, rb, why, jac)
        if st and parks == 1 and st != "close":
            pools["park"].append((rng.random(), a, b))  # a park beside a station of its place: a few
        elif st:
            sa, sb = bigrams(subject(ra["name"])), bigrams(subject(rb["name"]))
            rank = jac if st == "close" else len(sa & sb) / max(1, len(sa | sb))
            pools[st].append((rank, a, b))
        if not parks and "host" in why and FAMILY[ra["_file"]] != FAMILY[rb["_file"]]:
            pools["host"].append((0.0, a, b))  # the census: every pair of two families at one host
        if not parks and why & {"host", "city"}:
            ca, cb = set(subject(ra["name"])) - _GENERIC, set(subject(rb["name"])) - _GENERIC
            pools["related"].append((len(ca & cb) / max(1, len(ca | cb)), a, b))
    return pools


def _take(
    pool: list[tuple[float, int, int]], quota: int, taken: set[tuple[int, int]], rng: random.Random
) -> list[tuple[int, int]]:
    """Half the quota by the highest ranking key, half at random from the rest; pairs not taken yet."""
    ranked = [(a, b) for _, a, b in sorted(pool, reverse=True) if (a, b) not in taken]
    top, rest = ranked[: quota // 2], ranked[quota // 2 :]
    picked = top + rng.sample(rest, min(len(rest), quota - len(top)))
    taken.update(picked)
    return picked


def draw(
    rows: list[dict[str, str]],
    done: set[frozenset[tuple[str, str]]],
    n: int,
    seed: int,
    related: int = 0,
    census: bool = False,
) -> list[list[str]]:
    """The weighted draw: cross 38 % (ranked by the subject bigrams, place words removed), park 4 % (a park
    beside a platform of its place), family 25 %, close 20 %, province the rest (about 40 at n = 300); then
    ``related`` pairs at one host or city, no park, ranked by the characters their subjects share beyond
    generic ones (drawn after the rest, in rounds of 100 with their own seeds, so earlier pairs stay as drawn);
    with ``census``, last, every remaining pair of two families (no park) at one host: the overlap
    definition's own block, read whole rather than sampled."""
    rng = random.Random(seed)
    pools = _pools(rows, done, rng)
    quota = {"cross": int(0.38 * n), "park": int(0.04 * n), "family": int(0.25 * n), "close": int(0.2 * n)}
    quota["province"] = n - sum(quota.values())
    taken: set[tuple[int, int]] = set()
    out: list[list[str]] = []
    for st in STRATA[:4]:
        out += [[st, *_ends(rows, a, b)] for a, b in _take(pools[st], quota[st], taken, rng)]
    by_prov: dict[str, list[int]] = defaultdict(list)
    for k, r in enumerate(rows):
        if r["_prov"]:
            by_prov[r["_prov"]].append(k)
    provs = sorted(by_prov)
    while sum(1 for o in out if o[0] == "province") < quota["province"]:
        a, b = sorted(rng.sample(by_prov[rng.choice(provs)], 2))
        key = frozenset({(rows[a]["_file"], rows[a]["_row"]), (rows[b]["_file"], rows[b]["_row"])})
        if (a, b) in taken or key in done:
            continue
        taken.add((a, b))
        out.append(["province", *_ends(rows, a, b)])
    for k in range(0, related, 100):  # rounds of 100, each its own seed: a later round leaves earlier ones as drawn
        rng_k = random.Random(seed + 1 + k // 100)
        picked = _take(pools["related"], min(100, related - k), taken, rng_k)
        out += [["related", *_ends(rows, a, b)] for a, b in picked]
    if census:  # then every remaining pair of two families (station / bank / lab) at one host or co-host
        out += [["host", *_ends(rows, a, b)] for _, a, b in sorted(pools["host"]) if (a, b) not in taken]
    return out


def _ends(rows: list[dict[str, str]], a: int, b: int) -> list[str]:
    return [rows[a]["_file"], rows[a]["_row"], rows[b]["_file"], rows[b]["_row"]]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-df", type=int, default=25)
    ap.add_argument("--min-jaccard", type=float, default=0.0)
    ap.add_argument("--fresh", action="store_true", help="only rows in no labelled pair")
    ap.add_argument("--draw", type=int, default=0, help="the weighted draw of the fresh set (issue 16)")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--related", type=int, default=0, help="with --draw: pairs of the second round")
    ap.add_argument("--census", action="store_true", help="with --draw: every other two-family pair at one host")
    args = ap.parse_args()
    rows = read_rows(lists_dir())
    done: set[frozenset[tuple[str, str]]] = set()
    dev_rows: set[tuple[str, str]] = set()
    # the draw excludes the two older files only (so that it reproduces the fresh file); listings exclude all
    for path in (REAL_PAIRS, HOLDOUT_PAIRS) if args.draw else (REAL_PAIRS, HOLDOUT_PAIRS, FRESH_PAIRS):
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                for r in csv.DictReader(fh):
                    done.add(frozenset({(r["file_a"], r["row_a"]), (r["file_b"], r["row_b"])}))
                    if path == REAL_PAIRS and r["split"] == "dev":
                        dev_rows |= {(r["file_a"], r["row_a"]), (r["file_b"], r["row_b"])}
    seen = {row for key in done for row in key}
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    if args.draw:
        out.writerow(["stratum", "file_a", "row_a", "file_b", "row_b", "split"])
        for st, fa, na, fb, nb in draw(rows, done, args.draw, args.seed, args.related, args.census):
            out.writerow([st, fa, na, fb, nb, split_of((fa, na), (fb, nb), dev_rows)])
        return
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

"""Train and measure the candidate filter of ingest/policy/extract/model_filter.py (issue #21, design (a)).

Usage (from the repo root, INNOKG_SHARED=/work/shared for the real texts):

  .venv/bin/python bench/train_model_filter.py --rotations            # leave-one-split-out table, nothing written
  .venv/bin/python bench/train_model_filter.py --write industries     # train on every tuning gold, write the model
  .venv/bin/python bench/train_model_filter.py --write industries --C 1.0   # the same with C fixed (round x-inds8)
  .venv/bin/python bench/train_model_filter.py --rotations --kind platform_types --kind targets --kind named_platforms

Kinds: industries and entities (a distinct surface), named_platforms (a distinct surface of a platform / institution
/ university entity), platform_types (a (canonical type, level class) pair), targets (a (count, type, year) triple):
one unit per document as ingest/policy/eval.py counts it. Only industries ships a model (the others did not beat
the grammar on the rotations, docs/reference/extract.md "Round x-filter2"); a written file is used by the pipeline
at once.

Training data: the grammar's own candidates (extracted with the model switched off) on the tuning golds only —
seeds, constructed, dev, dev2a/b, dev3a/b, dev4a/b, dev5 (a tuning split from session 12), dev6 (from session 13),
dev7 (from session 14); never test, holdout or dev8. A candidate surface is positive
when the gold of its document lists it (the scorer's normalisation). The model is an L2-regularised logistic
regression fitted with scipy's L-BFGS (deterministic: same data, same weights). Its regularisation C and its
threshold are chosen inside the training data: out-of-fold probabilities over the dev2–dev7 files among the
training files (each left out in turn, the model fitted on all the other training files), the pair with the best
pooled F1 wins (the heavily tuned seeds / constructed / dev splits are trained on but not used to choose, since
the grammar's precision there says little about unseen text).

--rotations: for each of dev2, dev3, dev4, dev5, dev6, dev7 held out as a whole split, the same procedure on the others,
then the project's scorer (ingest/policy/eval.py) on the held-out split, grammar alone vs grammar + filter, per kind.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy import optimize, sparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["INNOKG_EXTRACT_MODEL"] = "0"  # the grammar's own candidates: never train on the filter's output

from app.text.normalise import normalise
from ingest.policy.eval import PLATFORMISH, REPO_ROOT, KindScore, _gold_sets, evaluate, gold_paths, norm, type_hit
from ingest.policy.eval import micro as micro_score
from ingest.policy.extract.model_filter import MODEL_DIR, kind_units, unit_key
from ingest.policy.models import ExtractedDocument
from ingest.policy.pipeline import extract_paths

TUNING = (
    "seeds",
    "constructed",
    "real_dev",
    "real_dev2a",
    "real_dev2b",
    "real_dev3a",
    "real_dev3b",
    "real_dev4a",
    "real_dev4b",
    "real_dev5",
    "real_dev6",
    "real_dev7",
)
SELECT = TUNING[3:]  # the dev2–dev7 files: the splits that choose C and the threshold out of fold
ROTATIONS = {
    "dev2": ("real_dev2a", "real_dev2b"),
    "dev3": ("real_dev3a", "real_dev3b"),
    "dev4": ("real_dev4a", "real_dev4b"),
    "dev5": ("real_dev5",),
    "dev6": ("real_dev6",),
    "dev7": ("real_dev7",),
}
C_GRID = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.02 * i, 2) for i in range(40))
KINDS = ("industries", "entities", "platform_types", "named_platforms", "targets")
SEED_WEIGHT = 3.0
REPORTED = ("entities", "named_platforms", "industries", "platform_types", "targets")

Unit = tuple[list[str], int, str, str]  # features, label, doc id, surface key


def load_docs(cache: Path | None) -> dict[str, list[ExtractedDocument]]:
    if cache is not None and cache.is_file():
        with cache.open("rb") as fh:
            return dict(pickle.load(fh))
    out: dict[str, list[ExtractedDocument]] = {}
    for name in TUNING:
        docs, errors = extract_paths(gold_paths(REPO_ROOT / f"data/gold/{name}_gold.json"))
        if errors:
            raise SystemExit(f"{name}: {errors}")
        out[name] = docs
    if cache is not None:
        with cache.open("wb") as fh:
            pickle.dump(out, fh)
    return out


def gold_surfaces(g: dict[str, Any]) -> dict[str, set[str]]:
    """The gold's units per filtered kind, normalised and keyed as ingest/policy/eval.py scores them."""
    sets = _gold_sets(g)
    return {
        "industries": sets["industries"],
        "entities": sets["entities"],
        "named_platforms": sets["named_platforms"],
        "platform_types": {f"{t}|{lv}" for t, lv in sets["platform_types"]},
        "targets": {f"{c}|{t}|{y}" for c, t, y in sets["targets"]},
    }


def label(kind: str, key: str, first: Any, gold: set[str]) -> int:
    """1 when the unit scores as a true positive: a surface / triple in the gold; a (type, level) pair that a gold
    pair matches (a gold or predicted level class None matches any level)."""
    if kind == "platform_types":
        return int(type_hit(_pair(key), {_pair(g) for g in gold}))
    if kind == "targets":
        return int(key in gold)
    return int(norm(first.text) in gold)


def _pair(key: str) -> tuple[str, str | None]:
    t, lv = key.split("|", 1)
    return t, None if lv == "None" else lv


def kind_items(d: ExtractedDocument, kind: str) -> list[Any]:
    if kind == "named_platforms":
        return [e for e in d.entities if e.kind in PLATFORMISH]
    return list(getattr(d, kind))


class Data:
    """The candidates of every tuning document as units, and the gold totals the F1 needs."""

    def __init__(self, docs: dict[str, list[ExtractedDocument]]) -> None:
        self.docs = docs
        self.gold = {n: json.loads((REPO_ROOT / f"data/gold/{n}_gold.json").read_text("utf-8")) for n in TUNING}
        self._units: dict[tuple[str, str], list[Unit]] = {}
        self._totals: dict[tuple[str, str], int] = {}

    def units(self, name: str, kind: str) -> list[Unit]:
        if (name, kind) not in self._units:
            golds = {g["doc_id"]: gold_surfaces(g) for g in self.gold[name]["documents"]}
            out: list[Unit] = []
            total = 0
            for d in self.docs[name]:
                gs = golds[d.doc_id][kind]
                total += len(gs)
                text = normalise(d.raw_text)
                spans = [x.span for x in (*d.entities, *d.industries, *d.agencies)]
                title = d.title.text if d.title else ""
                for key, feats, its in kind_units(kind, text, kind_items(d, kind), spans, title):
                    out.append((feats, label(kind, key, its[0], gs), d.doc_id, key))
            self._units[(name, kind)] = out
            self._totals[(name, kind)] = total
        return self._units[(name, kind)]

    def total(self, name: str, kind: str) -> int:
        self.units(name, kind)
        return self._totals[(name, kind)]


class Logistic:
    """L2-regularised logistic regression (sklearn's objective: C · sum of log losses + ½‖w‖², intercept free)."""

    def __init__(self, units: Sequence[Unit], c: float, weights: Sequence[float] | None = None) -> None:
        self.vocab = {f: i for i, f in enumerate(sorted({f for u in units for f in u[0]}))}
        x = self.matrix([u[0] for u in units])
        y = np.array([1.0 if u[1] else -1.0 for u in units])
        sw = np.ones(len(units)) if weights is None else np.asarray(weights, dtype=float)
        n = len(self.vocab)

        def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
            w, b = theta[:n], theta[n]
            z = x @ w + b
            m = -y * z
            val = c * float((sw * np.logaddexp(0.0, m)).sum()) + 0.5 * float(w @ w)
            g = -y * sw * (c / (1.0 + np.exp(-m)))
            return val, np.concatenate([x.T @ g + w, [g.sum()]])

        res = optimize.minimize(loss, np.zeros(n + 1), jac=True, method="L-BFGS-B", options={"maxiter": 5000})
        self.w, self.b = res.x[:n], float(res.x[n])

    def matrix(self, rows: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        ind, ptr = [], [0]
        for feats in rows:
            ind += sorted({self.vocab[f] for f in feats if f in self.vocab})
            ptr.append(len(ind))
        data = np.ones(len(ind))
        return sparse.csr_matrix(
            (data, np.array(ind, dtype=np.int64), np.array(ptr)), shape=(len(rows), len(self.vocab))
        )

    def proba(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        return 1.0 / (1.0 + np.exp(-(self.matrix(rows) @ self.w + self.b)))

    def weights(self) -> dict[str, float]:
        return {f: round(float(self.w[i]), 6) for f, i in self.vocab.items() if abs(self.w[i]) >= 1e-6}


def train_model(data: Data, files: Sequence[str], kind: str, c: float) -> Logistic:
    """Fitted on `files`; the seeds' and constructed texts' units weigh SEED_WEIGHT each (the conventions the
    adoption rule must not break)."""
    units = [u for g in files for u in data.units(g, kind)]
    weights = [SEED_WEIGHT if g in ("seeds", "constructed") else 1.0 for g in files for _ in data.units(g, kind)]
    return Logistic(units, c, weights)


def _f1(tp: int, fp: int, fn: int) -> float:
    return KindScore(kind="", tp=tp, fp=fp, fn=fn).f1


def select(data: Data, train: Sequence[str], kind: str) -> tuple[float, float, float]:
    """(C, threshold, out-of-fold F1) chosen on the dev2–dev4 files among `train`."""
    folds = [f for f in train if f in SELECT]
    best = (C_GRID[0], 0.0, -1.0)
    for c in C_GRID:
        probs: list[float] = []
        labels: list[int] = []
        total = 0
        for f in folds:
            model = train_model(data, [g for g in train if g != f], kind, c)
            test = data.units(f, kind)
            probs += list(model.proba([u[0] for u in test]))
            labels += [u[1] for u in test]
            total += data.total(f, kind)
        p, lab = np.array(probs), np.array(labels)
        for t in THRESHOLDS:
            keep = p >= t
            tp = int((keep & (lab == 1)).sum())
            fp = int((keep & (lab == 0)).sum())
            score = _f1(tp, fp, total - tp)
            if score > best[2] + 1e-9:
                best = (c, t, score)
    return best


def fit(data: Data, train: Sequence[str], kind: str) -> tuple[Logistic, float, float, float]:
    c, t, oof = select(data, train, kind)
    return train_model(data, train, kind, c), c, t, oof


def pooled(reports: list[Any]) -> dict[str, KindScore]:
    out: dict[str, KindScore] = {}
    for r in reports:
        for k, s in r.scores.items():
            acc = out.setdefault(k, KindScore(kind=k))
            acc.tp, acc.fp, acc.fn = acc.tp + s.tp, acc.fp + s.fp, acc.fn + s.fn
    return out


def micro(scores: dict[str, KindScore]) -> float:
    return micro_score(scores).f1


def rotations(data: Data, kinds: Sequence[str]) -> None:
    print("| held out | kind | C | threshold | P grammar → +filter | R | F1 |")
    print("|---|---|---:|---:|---|---|---|")
    for rot, held in ROTATIONS.items():
        train = [f for f in TUNING if f not in held]
        drop: set[tuple[str, str, str]] = set()
        chosen = {}
        for kind in kinds:
            model, c, t, _ = fit(data, train, kind)
            chosen[kind] = (c, t)
            for f in held:
                test = data.units(f, kind)
                for u, p in zip(test, model.proba([u[0] for u in test]), strict=True):
                    if p < t:
                        drop.add((u[2], kind, u[3]))
        base, new = [], []
        for f in held:
            gold = REPO_ROOT / f"data/gold/{f}_gold.json"
            base.append(evaluate(gold, data.docs[f]))
            new.append(evaluate(gold, [_filtered(d, drop) for d in data.docs[f]]))
        b, n = pooled(base), pooled(new)
        for k in REPORTED:
            c, t = chosen.get(k, (0, 0))
            print(
                f"| {rot} | {k} | {c} | {t} | {b[k].precision:.3f} → {n[k].precision:.3f} | "
                f"{b[k].recall:.3f} → {n[k].recall:.3f} | {b[k].f1:.3f} → **{n[k].f1:.3f}** |"
            )
        print(f"| {rot} | micro (all kinds) | | | | | {micro(b):.3f} → **{micro(n):.3f}** |", flush=True)


def _filtered(d: ExtractedDocument, drop: set[tuple[str, str, str]]) -> ExtractedDocument:
    out = d.model_copy()
    for kind in ("industries", "entities", "platform_types", "targets"):
        setattr(out, kind, [x for x in getattr(d, kind) if (d.doc_id, kind, unit_key(kind, x)) not in drop])
    out.entities = [
        e
        for e in out.entities
        if e.kind not in PLATFORMISH or (d.doc_id, "named_platforms", unit_key("named_platforms", e)) not in drop
    ]
    return out


def write(data: Data, kind: str) -> Path:
    model, c, t, oof = fit(data, list(TUNING), kind)
    units = [u for g in TUNING for u in data.units(g, kind)]
    payload = {
        "kind": kind,
        "model": "logistic regression (L2), features of ingest/policy/extract/model_filter.py",
        "trained_on": list(TUNING),
        "n_units": len(units),
        "n_positive": sum(u[1] for u in units),
        "C": c,
        "seed_weight": SEED_WEIGHT,
        "threshold": t,
        "oof_f1_dev2_dev4": round(oof, 4),
        "date": dt.date.today().isoformat(),
        "command": f"bench/train_model_filter.py --write {kind}" + (f" --C {C_GRID[0]}" if len(C_GRID) == 1 else ""),
        "intercept": round(model.b, 6),
        "weights": dict(sorted(model.weights().items())),
    }
    path = MODEL_DIR / f"{kind}_filter.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{path}: C {c}, threshold {t}, out-of-fold F1 {oof:.3f}, {len(model.weights())} weights")
    return path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rotations", action="store_true", help="leave-one-split-out table (nothing written)")
    ap.add_argument("--kind", action="append", choices=KINDS, help="kinds to filter in --rotations (default both)")
    ap.add_argument("--write", choices=KINDS, help="train on every tuning gold and write the kind's model")
    ap.add_argument("--cache", type=Path, help="pickle of the extracted tuning documents (reused when present)")
    ap.add_argument("--seed-weight", type=float, help="weight of a seeds / constructed unit (default 3)")
    ap.add_argument("--C", type=float, dest="c", help="fix the regularisation C (the threshold is still chosen)")
    args = ap.parse_args()
    global SEED_WEIGHT, C_GRID
    SEED_WEIGHT = args.seed_weight or SEED_WEIGHT
    C_GRID = (args.c,) if args.c else C_GRID
    data = Data(load_docs(args.cache))
    if args.rotations:
        rotations(data, args.kind or list(KINDS))
    if args.write:
        write(data, args.write)


if __name__ == "__main__":
    main()

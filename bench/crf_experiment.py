"""Issue #21, design (b): a character CRF (BIO) beside the grammar, measured leave-one-split-out. Not wired in.

Usage (python-crfsuite from the dev extras; INNOKG_SHARED=/work/shared for the real texts):

  .venv/bin/python bench/crf_experiment.py [--cache docs.pkl] [--min-conf 0.5 0.7 0.8 0.9 0.95]

Per rotation (dev2, dev3 or dev4 held out as a whole split) a CRF is trained on every other tuning gold (seeds,
constructed, dev and the two other dev splits; never test, holdout or dev5): one sequence per sentence, labels
B/I-ENT (named entities) and B/I-IND (industries) on every occurrence of a gold surface (longest first, no overlap),
features per character — the character and its neighbours (±2), the two bigrams, the jieba token holding it with
its dictionary POS and the character's place in it, and the grammar's own tags (entity / industry / agency, B or I)
on it and its neighbours. The tagger's spans whose least label marginal reaches --min-conf and whose surface the
grammar did not emit are added to the grammar's output (union, aimed at recall), and the project's scorer compares
grammar alone with grammar + CRF on the held-out split, per kind.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pycrfsuite
from train_model_filter import REPO_ROOT, ROTATIONS, SELECT, TUNING, Data, load_docs, micro, pooled

from ingest.policy.eval import evaluate, norm
from ingest.policy.extract.lexical import lcut, pos_table
from ingest.policy.models import Entity, ExtractedDocument, Industry

SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
Span = tuple[str, int, int, float]  # label, start, end, confidence


def _pos(tok: str) -> str:
    if re.fullmatch(r"[\d.%]+", tok):
        return "NUM"
    if re.fullmatch(r"\W+", tok):
        return "P"
    return pos_table().get(tok, "x")


def gold_labels(text: str, g: dict[str, Any]) -> list[str]:
    """BIO over every occurrence of each gold entity / industry surface, longest first, no overlap."""
    labels = ["O"] * len(text)
    cands = [(e["surface"], "ENT") for e in g.get("named_entities") or [] if e.get("surface")]
    cands += [(i["surface"], "IND") for i in g.get("industries") or [] if i.get("surface")]
    for surf, tag in sorted(cands, key=lambda c: -len(c[0])):
        i = text.find(surf)
        while i >= 0:
            if all(x == "O" for x in labels[i : i + len(surf)]):
                labels[i : i + len(surf)] = [f"B-{tag}"] + [f"I-{tag}"] * (len(surf) - 1)
            i = text.find(surf, i + len(surf))
    return labels


def grammar_tags(d: ExtractedDocument) -> list[str]:
    tags = ["O"] * len(d.raw_text)
    for items, t in ((d.entities, "E"), (d.industries, "I"), (d.agencies, "A")):
        for it in items:
            s, e = it.span
            tags[s:e] = [t + "B"] + [t + "I"] * (e - s - 1)
    return tags


def _token_cells(sent: str) -> list[tuple[str, str, str]]:
    toks = lcut(sent) if len(sent) < 400 else tuple(sent)
    cells = []
    for t in toks:
        p = _pos(t)
        for k in range(len(t)):
            cells.append((t, p, "S" if len(t) == 1 else "B" if k == 0 else "E" if k == len(t) - 1 else "M"))
    return cells


def sentence_features(text: str, a: int, b: int, gt: Sequence[str]) -> list[list[str]]:
    sent = text[a:b]
    cells = _token_cells(sent)

    def ch(i: int) -> str:
        return sent[i] if 0 <= i < len(sent) else ("^" if i < 0 else "$")

    def g(i: int) -> str:
        return gt[a + i] if 0 <= i < len(sent) else "-"

    out = []
    for i in range(len(sent)):
        tok, p, place = cells[i]
        out.append(
            [
                f"c={ch(i)}",
                f"c-1={ch(i - 1)}",
                f"c+1={ch(i + 1)}",
                f"c-2={ch(i - 2)}",
                f"c+2={ch(i + 2)}",
                f"b-1={ch(i - 1)}{ch(i)}",
                f"b+1={ch(i)}{ch(i + 1)}",
                f"tok={tok}",
                f"pos={p}",
                f"place={place}",
                f"posplace={p}{place}",
                f"g={g(i)}",
                f"g-1={g(i - 1)}",
                f"g+1={g(i + 1)}",
            ]
        )
    return out


def sentences(d: ExtractedDocument) -> Iterator[tuple[int, int, list[list[str]]]]:
    gt = grammar_tags(d)
    for m in SENTENCE.finditer(d.raw_text):
        a, b = m.span()
        if b - a >= 2:
            yield a, b, sentence_features(d.raw_text, a, b, gt)


def train(data: Data, files: Sequence[str], path: Path) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for f in files:
        golds = {g["doc_id"]: g for g in data.gold[f]["documents"]}
        for d in data.docs[f]:
            labels = gold_labels(d.raw_text, golds[d.doc_id])
            for a, b, x in sentences(d):
                trainer.append(x, labels[a:b])
    trainer.set_params({"c1": 0.1, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True})
    trainer.train(str(path))


def tag(tagger: pycrfsuite.Tagger, d: ExtractedDocument) -> list[Span]:
    spans: list[Span] = []
    for a, _, x in sentences(d):
        y = tagger.tag(x)
        i = 0
        while i < len(y):
            if not y[i].startswith("B-"):
                i += 1
                continue
            t, j = y[i][2:], i + 1
            while j < len(y) and y[j] == f"I-{t}":
                j += 1
            spans.append((t, a + i, a + j, min(tagger.marginal(y[k], k) for k in range(i, j))))
            i = j
    return spans


def union(d: ExtractedDocument, spans: Sequence[Span], min_conf: float) -> ExtractedDocument:
    out = d.model_copy()
    ents, inds = list(d.entities), list(d.industries)
    have = {"ENT": {norm(e.text) for e in ents}, "IND": {norm(i.text) for i in inds}}
    for t, s, e, conf in spans:
        surf = d.raw_text[s:e]
        if conf < min_conf or len(surf) < 2 or norm(surf) in have[t]:
            continue
        have[t].add(norm(surf))
        if t == "ENT":
            ents.append(Entity(span=(s, e), text=surf, rule="crf", kind="company", name=surf, known=False))
        else:
            inds.append(Industry(span=(s, e), text=surf, rule="crf", kind="industry_field", name=surf))
    out.entities, out.industries = ents, inds
    return out


def _train_tag(data: Data, train_files: Sequence[str], test_files: Sequence[str], tmp: str) -> dict[str, list[Span]]:
    path = Path(tmp) / "model.crfsuite"
    train(data, train_files, path)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    out = {d.doc_id: tag(tagger, d) for f in test_files for d in data.docs[f]}
    tagger.close()
    return out


def select_conf(data: Data, train_files: Sequence[str], kind: str, grid: Sequence[float], tmp: str) -> float:
    """The least confidence with the best pooled out-of-fold F1 of `kind` over the dev2–dev4 files in training."""
    folds = [f for f in train_files if f in SELECT]
    tagged: dict[str, list[Span]] = {}
    for f in folds:
        tagged |= _train_tag(data, [g for g in train_files if g != f], [f], tmp)
    best = (grid[0], -1.0)
    for mc in grid:
        reports = [
            evaluate(REPO_ROOT / f"data/gold/{f}_gold.json", [union(d, tagged[d.doc_id], mc) for d in data.docs[f]])
            for f in folds
        ]
        score = pooled(reports)[kind].f1
        print(f"  inner {kind} min conf {mc}: out-of-fold F1 {score:.3f}", flush=True)
        if score > best[1] + 1e-9:
            best = (mc, score)
    return best[0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", type=Path, help="pickle of the extracted tuning documents (reused when present)")
    ap.add_argument("--min-conf", type=float, nargs="+", default=[0.5, 0.7, 0.8, 0.9, 0.95])
    ap.add_argument("--select", choices=("entities", "industries"), help="choose min conf inside the training data")
    args = ap.parse_args()
    data = Data(load_docs(args.cache))
    if args.select:
        nested(data, args.select, args.min_conf)
        return
    tagged: dict[str, dict[str, list[Span]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for rot, held in ROTATIONS.items():
            path = Path(tmp) / f"{rot}.crfsuite"
            train(data, [f for f in TUNING if f not in held], path)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            tagged[rot] = {d.doc_id: tag(tagger, d) for f in held for d in data.docs[f]}
            tagger.close()
    print("| held out | min conf | kind | P grammar → +CRF | R | F1 | micro F1 |")
    print("|---|---:|---|---|---|---|---|")
    for rot, held in ROTATIONS.items():
        for mc in args.min_conf:
            base, new = [], []
            for f in held:
                gold = REPO_ROOT / f"data/gold/{f}_gold.json"
                base.append(evaluate(gold, data.docs[f]))
                new.append(evaluate(gold, [union(d, tagged[rot][d.doc_id], mc) for d in data.docs[f]]))
            b, n = pooled(base), pooled(new)
            for k in ("entities", "industries"):
                print(
                    f"| {rot} | {mc} | {k} | {b[k].precision:.3f} → {n[k].precision:.3f} | "
                    f"{b[k].recall:.3f} → {n[k].recall:.3f} | {b[k].f1:.3f} → **{n[k].f1:.3f}** | "
                    f"{micro(b):.3f} → {micro(n):.3f} |"
                )


def nested(data: Data, kind: str, grid: Sequence[float]) -> None:
    """Per rotation: min conf chosen out-of-fold inside the training splits, then one score on the held-out split."""
    print(f"| held out | chosen min conf | {kind}: P grammar → +CRF | R | F1 | micro F1 |")
    print("|---|---:|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for rot, held in ROTATIONS.items():
            train_files = [f for f in TUNING if f not in held]
            mc = select_conf(data, train_files, kind, grid, tmp)
            tagged = _train_tag(data, train_files, held, tmp)
            base, new = [], []
            for f in held:
                gold = REPO_ROOT / f"data/gold/{f}_gold.json"
                base.append(evaluate(gold, data.docs[f]))
                new.append(evaluate(gold, [union(d, tagged[d.doc_id], mc) for d in data.docs[f]]))
            b, n = pooled(base)[kind], pooled(new)[kind]
            print(
                f"| {rot} | {mc} | {b.precision:.3f} → {n.precision:.3f} | {b.recall:.3f} → {n.recall:.3f} | "
                f"{b.f1:.3f} → **{n.f1:.3f}** | {micro(pooled(base)):.3f} → {micro(pooled(new)):.3f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()

"""Duplicate detection on REAL national lists: hand-labelled pairs, per class precision / recall / F1 and
the hard-negative flag rate, per split (dev / test), as markdown and JSON.

Pairs: data/eval/dedup_real_pairs.csv (file under corpus/real/lists, 1-based data-row number, label, note,
split), labelled by hand (docs/reference/duplicates.md, "Evaluation on real lists"). The lists are read at run time
from ``<repo>/../shared/corpus/real/lists`` (``$INNOKG_SHARED/corpus/real/lists`` when INNOKG_SHARED is
set) with the inventory pipeline, so records have exactly the props the graph holds. The real corpus
has no transition_overlap pair; data/eval/dedup_synth_pairs.csv holds generator pairs for it (and
generator overlaps / hard negatives), scored in a separate section on the generator's world with its
nationwide conversion policy, as bench/eval_dedup.py does.

Two predictions per pair: ``detect`` (the pair is reported by DedupIndex.detect; two rows the loader
merged into one node count as same_entity) and ``screen`` (either platform's duplicates_of lists the
other). A pair predicted as no kind is ``none``.
Usage: .venv/bin/python bench/eval_dedup_real.py [--all-rows] [--no-synth] [--json-only] [--holdout] [--fresh-pairs]
  --all-rows: index every row of the ten lists (default: only the labelled rows).
  --only SPLIT: report one split of the real pairs (dev while tuning: test and holdout stay unprinted).
  --errors: with ``--only dev`` (or ``--only dev2``) only, list that split's pairs the detector gets wrong
    (label, prediction, both rows' name / host / region / level) — the tuning printout; refused for any
    other split.
  --holdout: also score data/eval/dedup_holdout_pairs.csv (split ``holdout``: rows in no pair of the
    dev / test file, labelled before dedup 1.3 was tuned). Score it once, at the end of a round: it is
    the clean measure only as long as nobody tunes on it.
  --fresh-pairs: also score data/eval/dedup_fresh_pairs.csv (splits ``dev2`` and ``holdout2``, issue 16:
    drawn toward overlap, labelled before any detector saw them). ``--only dev2 --errors`` lists its dev2
    errors as ``--only dev --errors`` does; holdout2 is refused for --errors (score it, never read it).
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.derive.dedup.calibrate import inventory_files, platform_rows
from app.derive.dedup.engine import DedupIndex
from app.derive.dedup.features import KIND_CODES
from app.derive.dedup.policy import PolicyIndex, build_policy_index
from ingest.synth import generate, vocab

REPO = Path(__file__).resolve().parents[1]
REAL_PAIRS = REPO / "data" / "eval" / "dedup_real_pairs.csv"
HOLDOUT_PAIRS = REPO / "data" / "eval" / "dedup_holdout_pairs.csv"
FRESH_PAIRS = REPO / "data" / "eval" / "dedup_fresh_pairs.csv"
SYNTH_PAIRS = REPO / "data" / "eval" / "dedup_synth_pairs.csv"
CLASSES = ("same_entity", "overlap", "transition_overlap")
ERROR_SPLITS = ("dev", "dev2")  # the splits whose errors may be printed (tuning); never test / holdout*
LABELS = (*CLASSES, "none")
_KIND_OF_CODE = {v: k for k, v in KIND_CODES.items()}


@dataclass(frozen=True)
class LabelledPair:
    file_a: str
    row_a: int  # the reader's row number (header = row 1)
    file_b: str
    row_b: int
    label: str
    split: str


def lists_dir() -> Path:
    env = os.environ.get("INNOKG_SHARED")
    shared = Path(env) if env else REPO.parent / "shared"
    return shared / "corpus" / "real" / "lists"


def read_pairs(path: Path, *, data_rows: bool) -> list[LabelledPair]:
    """``data_rows``: rows in the file count data rows from 1 (real lists); else reader rows (synth)."""
    off = 1 if data_rows else 0
    with path.open(encoding="utf-8") as fh:
        out = [
            LabelledPair(
                Path(r["file_a"]).stem,
                int(r["row_a"]) + off,
                Path(r["file_b"]).stem,
                int(r["row_b"]) + off,
                r["label"],
                r["split"],
            )
            for r in csv.DictReader(fh)
        ]
    bad = sorted({p.label for p in out} - set(LABELS))
    if bad:
        raise SystemExit(f"{path}: unknown labels {bad}")
    return out


def synth_settings(path: Path) -> tuple[int, int]:
    """(seed, platforms) of the generator world the synth pairs come from (one world per file)."""
    with path.open(encoding="utf-8") as fh:
        worlds = {(int(r["seed"]), int(r["platforms"])) for r in csv.DictReader(fh)}
    if len(worlds) != 1:
        raise SystemExit(f"{path}: expected one (seed, platforms), found {sorted(worlds)}")
    return worlds.pop()


def build(
    paths: Sequence[Path], pairs: Sequence[LabelledPair], policy: PolicyIndex, *, all_rows: bool
) -> tuple[DedupIndex, dict[tuple[str, int], str]]:
    rows, where = platform_rows(paths)
    if not all_rows:
        keep = {where[k] for p in pairs for k in ((p.file_a, p.row_a), (p.file_b, p.row_b)) if k in where}
        rows = [r for r in rows if r["id"] in keep]
    return DedupIndex.build(rows, policy), where


def predictions(
    index: DedupIndex, where: dict[tuple[str, int], str], pairs: Sequence[LabelledPair]
) -> tuple[list[str], list[str], int, set[int]]:
    """Per pair: the kind detect reports, the kind screening reports ('none' if neither); how many
    pairs have a row the reader did not yield; which pairs the loader merged into one node."""
    sc = index.detect()
    ids = index.recs.ids
    reported = {
        frozenset((ids[a], ids[b])): _KIND_OF_CODE[k]
        for a, b, k in zip(sc.i.tolist(), sc.j.tolist(), sc.kind.tolist(), strict=True)
    }
    screened: dict[str, dict[str, str]] = {}

    def screen(pid: str) -> dict[str, str]:
        if pid not in screened:
            found = index.duplicates_of(pid, limit=10_000) or []
            screened[pid] = {c.platform.id: c.kind for c in found}
        return screened[pid]

    det: list[str] = []
    scr: list[str] = []
    missing = 0
    merged: set[int] = set()
    for p in pairs:
        ia, ib = where.get((p.file_a, p.row_a)), where.get((p.file_b, p.row_b))
        if ia is None or ib is None:
            missing += 1
            det.append("none")
            scr.append("none")
        elif ia == ib:  # one node after load: resolved as the same platform
            merged.add(len(det))
            det.append("same_entity")
            scr.append("same_entity")
        else:
            det.append(reported.get(frozenset((ia, ib)), "none"))
            scr.append(screen(ia).get(ib) or screen(ib).get(ia) or "none")
    return det, scr, missing, merged


def metrics(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    """Per class P / R / F1 over the labelled pairs, the hard-negative flag rate, and the confusion."""
    out: dict[str, Any] = {"pairs": len(gold), "classes": {}}
    for k in CLASSES:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == k and p == k)
        n_pred = sum(1 for p in pred if p == k)
        n_gold = sum(1 for g in gold if g == k)
        prec = tp / n_pred if n_pred else None
        rec = tp / n_gold if n_gold else None
        f1 = 2 * prec * rec / (prec + rec) if prec and rec else (0.0 if n_gold and n_pred else None)
        out["classes"][k] = {
            "labelled": n_gold,
            "predicted": n_pred,
            "tp": tp,
            "precision": _r(prec),
            "recall": _r(rec),
            "f1": _r(f1),
        }
    negs = [p for g, p in zip(gold, pred, strict=True) if g == "none"]
    flagged = sum(1 for p in negs if p != "none")
    out["hard_negatives"] = len(negs)
    out["hard_negative_flagged"] = flagged
    out["hard_negative_flag_rate"] = _r(flagged / len(negs) if negs else None)
    out["confusion"] = {f"{g}->{p}": n for (g, p), n in sorted(Counter(zip(gold, pred, strict=True)).items())}
    return out


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _f(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def evaluate(
    pairs: Sequence[LabelledPair],
    det: Sequence[str],
    scr: Sequence[str],
    merged: set[int],
    only: str | None = None,
) -> dict[str, Any]:
    """Per split: detect and screen metrics; ``detect_unmerged`` leaves out the pairs the loader already
    merged into one node (what the detector itself has to find). ``only``: report that split alone
    (tuning on dev without printing test)."""
    out: dict[str, Any] = {}
    splits = (only,) if only else (*sorted({p.split for p in pairs}), "all")
    for split in splits:
        idx = [n for n, p in enumerate(pairs) if split in ("all", p.split)]
        rest = [n for n in idx if n not in merged]
        out[split] = {
            "detect": metrics([pairs[n].label for n in idx], [det[n] for n in idx]),
            "screen": metrics([pairs[n].label for n in idx], [scr[n] for n in idx]),
            "detect_unmerged": metrics([pairs[n].label for n in rest], [det[n] for n in rest]),
        }
    return out


def markdown(title: str, ev: dict[str, Any]) -> Iterable[str]:
    yield f"### {title}\n"
    yield "| split | mode | class | labelled | predicted | TP | precision | recall | F1 |"
    yield "|---|---|---|---|---|---|---|---|---|"
    for split, modes in ev.items():
        for mode, m in modes.items():
            for k, c in m["classes"].items():
                if c["labelled"] or c["predicted"]:
                    yield (
                        f"| {split} | {mode} | {k} | {c['labelled']} | {c['predicted']} | {c['tp']} | "
                        f"{_f(c['precision'])} | {_f(c['recall'])} | {_f(c['f1'])} |"
                    )
    yield ""
    yield "| split | mode | hard negatives (label none) | flagged | flag rate |"
    yield "|---|---|---|---|---|"
    for split, modes in ev.items():
        for mode, m in modes.items():
            yield (
                f"| {split} | {mode} | {m['hard_negatives']} | {m['hard_negative_flagged']} | "
                f"{_f(m['hard_negative_flag_rate'])} |"
            )
    yield ""


def run_real(
    all_rows: bool, *, holdout: bool = False, only: str | None = None, errors: bool = False, fresh: bool = False
) -> dict[str, Any]:
    folder = lists_dir()
    if not folder.is_dir():
        raise SystemExit(
            f"real lists not found at {folder}: set INNOKG_SHARED to the shared folder "
            "(the one holding corpus/real/lists)"
        )
    pairs = read_pairs(REAL_PAIRS, data_rows=True)
    if errors and only not in ERROR_SPLITS:
        raise SystemExit("--errors lists tuning pairs only: use it with --only dev or --only dev2")
    if holdout:
        pairs += read_pairs(HOLDOUT_PAIRS, data_rows=True)
    if fresh:
        pairs += read_pairs(FRESH_PAIRS, data_rows=True)
    if only and only not in {p.split for p in pairs}:
        raise SystemExit(f"--only {only}: no pair has that split (dev2 / holdout2 need --fresh-pairs)")
    files = sorted({p.file_a for p in pairs} | {p.file_b for p in pairs})
    paths = sorted(folder.glob("*.csv")) if all_rows else [folder / f"{f}.csv" for f in files]
    index, where = build(paths, pairs, PolicyIndex(), all_rows=all_rows)
    det, scr, missing, merged = predictions(index, where, pairs)
    ev = evaluate(pairs, det, scr, merged, only)
    out: dict[str, Any] = {"set": "real", "platforms_indexed": len(index.recs), "unmapped_pairs": missing, "eval": ev}
    if errors and only:
        out["errors"] = list(_errors(index, where, pairs, det, only, scr))
    return out


def _errors(
    index: DedupIndex,
    where: dict[tuple[str, int], str],
    pairs: Sequence[LabelledPair],
    det: Sequence[str],
    split: str,
    scr: Sequence[str] = (),
) -> Iterable[str]:
    """One line per wrongly predicted pair of ``split`` (the rows as the index holds them); ``screen:``
    lines where screening's prediction differs from detection's on such a pair."""
    recs = index.recs
    pos = {pid: k for k, pid in enumerate(recs.ids)}

    def show(pid: str | None) -> str:
        k = pos.get(pid or "")
        if k is None:
            return "?"
        return f"{recs.names[k]} [{recs.types[k]}; host {recs.hosts[k]}; {recs.regions[k]}; {recs.levels[k]}]"

    for p, d in zip(pairs, det, strict=True):
        if p.split == split and p.label != d:
            ia, ib = where.get((p.file_a, p.row_a)), where.get((p.file_b, p.row_b))
            yield f"{p.label} -> {d}: {show(ia)} || {show(ib)}"
    for p, d, s in zip(pairs, det, scr, strict=False):
        if p.split == split and s != d:
            ia, ib = where.get((p.file_a, p.row_a)), where.get((p.file_b, p.row_b))
            yield f"screen: {p.label} -> detect {d}, screen {s}: {show(ia)} || {show(ib)}"
    # reported pairs of two rows that only the split's pairs use, but no pair labels (a precision probe)
    mine = {where.get(k) for p in pairs if p.split == split for k in ((p.file_a, p.row_a), (p.file_b, p.row_b))}
    other = {where.get(k) for p in pairs if p.split != split for k in ((p.file_a, p.row_a), (p.file_b, p.row_b))}
    labelled = {frozenset((where.get((p.file_a, p.row_a)), where.get((p.file_b, p.row_b)))) for p in pairs}
    sc = index.detect()
    for a, b, k in zip(sc.i.tolist(), sc.j.tolist(), sc.kind.tolist(), strict=True):
        ia, ib = recs.ids[a], recs.ids[b]
        if {ia, ib} <= mine - other and frozenset((ia, ib)) not in labelled:
            yield f"unlabelled -> {_KIND_OF_CODE[k]}: {show(ia)} || {show(ib)}"


def run_synth(all_rows: bool) -> dict[str, Any]:
    seed, n = synth_settings(SYNTH_PAIRS)
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"dedup-eval-real-synth-{seed}-{n}"
    if not (folder / "labels.csv").exists():
        generate(n, seed=seed, out=folder)
    pairs = read_pairs(SYNTH_PAIRS, data_rows=False)
    policy = build_policy_index(
        [
            {"rel": "CONVERTED_TO", "from_type": a, "to_type": b, "ev_doc": "synth-policy"}
            for a, b in vocab.SUCCESSOR.items()
        ],
        [],
    )
    index, where = build(inventory_files(folder), pairs, policy, all_rows=all_rows)
    det, scr, missing, merged = predictions(index, where, pairs)
    ev = evaluate(pairs, det, scr, merged)
    return {
        "set": "synth",
        "seed": seed,
        "platforms": n,
        "platforms_indexed": len(index.recs),
        "unmapped_pairs": missing,
        "eval": ev,
    }


def _title(r: dict[str, Any], all_rows: bool) -> str:
    name = "Real lists" if r["set"] == "real" else f"Generator pairs (seed {r['seed']}, generate({r['platforms']}))"
    scope = "all rows of the lists" if all_rows else "labelled rows only"
    return f"{name}: {r['platforms_indexed']:,} platforms indexed ({scope}), {r['unmapped_pairs']} unmapped pairs"


def main(argv: Sequence[str]) -> None:
    all_rows = "--all-rows" in argv
    only = argv[argv.index("--only") + 1] if "--only" in argv else None
    results = [
        run_real(
            all_rows, holdout="--holdout" in argv, only=only, errors="--errors" in argv, fresh="--fresh-pairs" in argv
        )
    ]
    if "--no-synth" not in argv:
        results.append(run_synth(all_rows))
    if "--json-only" not in argv:
        for r in results:
            print("\n".join(markdown(_title(r, all_rows), r["eval"])))
            print("\n".join(r.get("errors", [])))
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])

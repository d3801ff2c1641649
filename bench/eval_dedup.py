"""Duplicate detection quality on generator data (planted, labelled pairs): precision / recall / F1 per
kind and the hard-negative false-positive rate. Prints a markdown section and the JSON evaluation.

The generator's world has one nationwide conversion policy (its SUCCESSOR table); the detector gets it
as transition rows, the shape dedup_transitions returns from an ingested policy (it never reads the
generator's table itself in the product). Calibrate on one seed, evaluate on another.
Usage: .venv/bin/python bench/eval_dedup.py SEED PLATFORMS [DIR]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from app.derive.dedup.calibrate import evaluate, inventory_files, platform_rows, read_labels
from app.derive.dedup.engine import DedupIndex
from app.derive.dedup.policy import build_policy_index
from ingest.synth import generate, vocab


def main(seed: int, n: int, folder: Path) -> None:
    if not (folder / "labels.csv").exists():
        generate(n, seed=seed, out=folder)
    t0 = time.perf_counter()
    rows, where = platform_rows(inventory_files(folder))
    t1 = time.perf_counter()
    policy = build_policy_index(
        [
            {"rel": "CONVERTED_TO", "from_type": a, "to_type": b, "ev_doc": "synth-policy"}
            for a, b in vocab.SUCCESSOR.items()
        ],
        [],
    )
    index = DedupIndex.build(rows, policy)
    t2 = time.perf_counter()
    sc = index.detect()
    t3 = time.perf_counter()
    ev = evaluate(index, where, read_labels(folder / "labels.csv"), sc)
    print(f"## Duplicate detection quality, seed {seed}, {len(rows):,} platforms\n")
    print(f"read {t1 - t0:.1f} s, index {t2 - t1:.1f} s, detect {t3 - t2:.1f} s; stats {sc.stats}\n")
    print("| kind | labelled | resolved at load | found | other kind | reported | precision | recall | F1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for k in ev.kinds:
        print(
            f"| {k.kind} | {k.labelled:,} | {k.collapsed_at_load:,} | {k.found:,} | {k.found_other_kind:,} | "
            f"{k.reported:,} | {k.precision:.3f} | {k.recall:.3f} | {k.f1:.3f} |"
        )
    print(
        f"\nhard negatives: {ev.hard_negative_fp} false positives of {ev.hard_negatives:,} "
        f"({ev.hard_negative_fp_rate:.2%}); inconsistent labels {ev.inconsistent_labels}; weak_overlap pairs "
        f"{ev.weak_overlaps:,} (reported: {ev.weak_reported:,}; excluded from precision and recall)\n"
    )
    print(json.dumps(ev.model_dump(), ensure_ascii=False))


if __name__ == "__main__":
    args = sys.argv[1:]
    seed, n = int(args[0]), int(args[1])
    main(seed, n, Path(args[2]) if len(args) > 2 else Path(f"/tmp/dedup-eval-{seed}-{n}"))

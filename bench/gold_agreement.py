"""Agreement between two hand-labelled gold files, scored with the project's own scorer (issue #21).

The first file is the reference and the second is read as if it were a prediction: each document's label
sets are the ones `ingest.policy.eval._gold_sets` builds (the units `eval.py` scores), and they are
compared kind by kind with the same matching rules (sets of normalised surfaces; platform types with the
level wildcard; transitions by kind and overlapping spans). Precision is then "how much of the second
labeller's set the first one also has" and recall the reverse; F1 does not depend on which file comes
first except through the level wildcard of platform types. Only documents present in both files count.

    PYTHONPATH=$PWD INNOKG_SHARED=/work/shared .venv/bin/python bench/gold_agreement.py \\
        data/gold/real_dev5_gold.json data/gold/agreement/real_dev5_second_gold.json [--diff]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest.policy.eval import (  # noqa: E402
    KINDS,
    EvalReport,
    KindScore,
    _gold_sets,
    _score_sets,
    _score_spans,
    _score_types,
    norm,
)


def _unify_numbers(ref: dict[str, Any], ref_sets: dict[str, Any], other_sets: dict[str, Any]) -> None:
    """As `evaluate` does: a variant of the reference's document number is that number, not a second one."""
    variants = {norm(v) for v in ref.get("doc_number_variants") or []}
    if not (variants and ref.get("doc_number")):
        return
    main = norm(ref["doc_number"])
    ref_sets["doc_numbers"] -= variants - {main}
    other_sets["doc_numbers"] = {main if n in variants else n for n in other_sets["doc_numbers"]}


def _score_doc(scores: dict[str, KindScore], ref: dict[str, Any], other: dict[str, Any]) -> None:
    rs, os_ = _gold_sets(ref), _gold_sets(other)
    _unify_numbers(ref, rs, os_)
    has_cluster = bool(ref.get("lab_cluster") or other.get("lab_cluster"))
    for k in KINDS:
        if k in ("cluster_roles", "cluster_relations") and not has_cluster:
            continue  # neither labeller saw a lab cluster: nothing to agree on
        if k == "platform_types":
            _score_types(scores[k], rs[k], os_[k], ref["doc_id"])
        elif k in ("transitions", "cluster_relations"):
            _score_spans(scores[k], rs[k], os_[k], ref["doc_id"])
        else:
            _score_sets(scores[k], rs[k], os_[k], ref["doc_id"])


def agreement(ref_path: Path, other_path: Path) -> EvalReport:
    """Per-kind TP / FP / FN of the second gold file against the first, over the documents both label."""
    ref = json.loads(Path(ref_path).read_text(encoding="utf-8"))
    other = {d["doc_id"]: d for d in json.loads(Path(other_path).read_text(encoding="utf-8"))["documents"]}
    scores = {k: KindScore(kind=k) for k in KINDS}
    n = 0
    for doc in ref["documents"]:
        if doc["doc_id"] in other:
            _score_doc(scores, doc, other[doc["doc_id"]])
            n += 1
    return EvalReport(gold=f"{ref_path} (reference) vs {other_path}", n_docs=n, scores=scores)


def diff_markdown(report: EvalReport) -> str:
    """Every disagreement, per kind: only in the reference (FN) and only in the second file (FP)."""
    lines: list[str] = []
    for k in KINDS:
        s = report.scores[k]
        if not (s.false_negatives or s.false_positives):
            continue
        lines.append(f"## {k}")
        lines += [f"- only in reference: {x}" for x in s.false_negatives]
        lines += [f"- only in second: {x}" for x in s.false_positives]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("reference", type=Path, help="the first gold file (read as gold)")
    ap.add_argument("second", type=Path, help="the second gold file (read as prediction)")
    ap.add_argument("--diff", action="store_true", help="also list every disagreement")
    args = ap.parse_args(argv)
    report = agreement(args.reference, args.second)
    print(report.to_markdown())
    if args.diff:
        print(diff_markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

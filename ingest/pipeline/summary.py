"""The end-of-run summary `innokg ingest` prints: totals over every file of a run.

Per-file lines come from ``FileOutcome.summary``; an analyst loading 171 files also wants the totals in one
place — rows read / loaded / rejected by reason, entities new vs already stored per kind, files failed.
"""

from __future__ import annotations

from collections import Counter

from app.derive.chains import InferenceReport
from app.store.loader import LoadResult
from ingest.pipeline.run import IngestReport, new_existing


def run_summary(report: IngestReport) -> list[str]:
    """Lines of the run's totals (deterministic order, so they can be compared and tested)."""
    total = LoadResult(doc_id="", status="")
    status: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    rows_read = rows_loaded = dropped = members_new = members_existing = 0
    for f in report.files:
        if f.error is not None or f.result is None:
            status["failed"] += 1
            continue
        status[f.result.status] += 1
        rows_read += f.rows_read
        rows_loaded += f.rows_loaded
        dropped += sum(1 for r in f.rejects if r.get("dropped", True))
        reasons.update(f.reject_counts())
        members_new += f.members_new
        members_existing += f.members_existing
        if f.result.status != "unchanged":
            total.add(f.result)
    files = ", ".join(f"{k} {v}" for k, v in sorted(status.items()))
    lines = [f"files: {len(report.files)} ({files})" if report.files else "files: 0"]
    line = f"rows: read {rows_read}, loaded {rows_loaded}, rejected {dropped}"
    if reasons:
        line += " (" + ", ".join(f"{k}: {v}" for k, v in sorted(reasons.items())) + ")"
    lines.append(line)
    # Documents are counted by the files line (a document node exists before its rows, so it reads "existing").
    nodes = {k: v for k, v in total.nodes.items() if k != "Document"}
    if nodes:
        created = {k: total.created.get(k, 0) for k in nodes}
        new, old = sum(created.values()), sum(nodes.values()) - sum(created.values())
        lines.append(f"entities: new {new}, existing {old} [{new_existing(nodes, created)} new/existing]")
        lines.append(f"relationships: {sum(total.rels.values())}, evidence: {total.evidence}")
    if members_new or members_existing:
        lines.append(f"lab-cluster members: existing {members_existing}, new {members_new}")
    if isinstance(report.derived, InferenceReport):
        lines.append(f"derived: {report.derived.links} inferred chain link(s) ({report.derived.status})")
    return lines

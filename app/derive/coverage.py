"""Chain coverage, derived: what a first ``/chains/{id}/coverage`` request reads instead of inferring it.

Coverage of a chain is four reads (the node, declared platforms, inferred platforms, lab clusters); at 1M
platforms the inferred one walks thousands of links (docs/benchmarks/api.md, session 9). The derive step
(``refresh_summaries``, after ``materialise_inferred`` and after a bulk first load) runs those same reads once
per chain at the default ``min_score`` and ``SUMMARY_PER_GROUP`` samples per group, and keeps their rows as
one ``CoverageSummary {id, basis, rows}`` node per chain: ``rows`` the reads' rows as JSON, ``basis`` the store
fingerprint (``store_fingerprint``: document count, last load time, load states) read *before* them.

A summary is used only while its basis is the store's fingerprint now: any load, replace or purge of a
document changes the fingerprint, so a summary is never served over data it was not computed from — the
service then infers as before (app.services.chains) until the next derive step rewrites the summaries.
Writing summaries touches no Document, so it does not change the fingerprint it records.

``CoverageSummary`` is bookkeeping, not a fact: no entity lookup, search or export reads it
(export_nodes leaves it out), and it carries no evidence.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from app.store.named import run
from app.store.protocol import GraphStore, Statement
from app.store.queries import template

SUMMARY_PER_GROUP = 20  # samples kept per group: answers for a per_group up to this are cut from the summary
DEFAULT_MIN_SCORE = 0.3  # the classifier's floor (app.derive.chains takes it from here: it calls the writer)
WRITE_BATCH = 50  # summaries per write statement
CHAIN_LABELS = ("IndustrialChain", "IndustrialCluster")


def basis(fp: tuple[object, ...]) -> str:
    """A fingerprint as the string a summary stores (and is compared with)."""
    return json.dumps(list(fp), ensure_ascii=False, default=str)


def store_fingerprint(store: GraphStore) -> tuple[object, ...]:
    """The store's fingerprint (the same key as app.services.chains.fingerprint and app.services.cache)."""
    row = run(store, "store_fingerprint")[0]
    return (row["documents"], row["last_loaded"], tuple(sorted(row["states"] or [])))


def coverage_rows(store: GraphStore, chain_id: str, min_score: float, per_group: int) -> dict[str, Any] | None:
    """The rows a coverage answer is built from (None: no chain or industrial cluster of that id): the node's
    label and properties (name, terms), and the rows of chain_coverage_declared, chain_coverage_inferred and
    chain_clusters. app.services.chains builds the answer from these, whether read now or from a summary."""
    node = run(store, "entity_node", id=chain_id)
    if not node or node[0]["label"] not in CHAIN_LABELS:
        return None
    props = node[0]["props"]
    return {
        "label": node[0]["label"],
        "name": props.get("name"),
        "terms": props.get("terms"),
        "declared": run(store, "chain_coverage_declared", id=chain_id, per_group=per_group),
        "inferred": run(store, "chain_coverage_inferred", id=chain_id, min_score=min_score, per_group=per_group),
        "lab_clusters": run(store, "chain_clusters", id=chain_id),
    }


def summary_rows(store: GraphStore, chain_id: str, fp: tuple[object, ...]) -> dict[str, Any] | None:
    """The summary's rows of a chain when its basis is ``fp`` (the fingerprint just read); None when there is
    no summary, or it was computed from other data (the caller infers)."""
    rows = store.read(template("coverage_summary_get"), {"id": chain_id})
    if not rows or rows[0]["basis"] != basis(fp):
        return None
    out: dict[str, Any] = json.loads(rows[0]["rows"])
    return out


class SummaryReport(BaseModel):
    chains: int  # summaries written (0 when they were current)
    status: str  # written | current  (no timing: reports of two equal runs compare equal)


def refresh_summaries(store: GraphStore, *, force: bool = False) -> SummaryReport:
    """Rewrite every chain's coverage summary unless they were computed from the store as it is now (their
    basis is the fingerprint; ``force``: rewrite anyway — materialise_inferred, which runs after every load
    that changed the graph, forces it). Summaries of chains that no longer exist are deleted."""
    fp = store_fingerprint(store)
    now = basis(fp)
    if not force:
        seen = store.read(template("coverage_summary_bases"))
        if seen and all(r["basis"] == now for r in seen):
            return SummaryReport(chains=0, status="current")
    items: list[dict[str, Any]] = []
    for row in run(store, "chains_terms"):
        rows = coverage_rows(store, str(row["id"]), DEFAULT_MIN_SCORE, SUMMARY_PER_GROUP)
        if rows is not None:
            items.append({"id": str(row["id"]), "rows": json.dumps(rows, ensure_ascii=False)})
    stmts = [Statement(template("coverage_summary_clear"), {"keep": [i["id"] for i in items]})]
    for i in range(0, len(items), WRITE_BATCH):
        stmts.append(Statement(template("coverage_summary_write"), {"basis": now, "items": items[i : i + WRITE_BATCH]}))
    store.write(stmts)
    return SummaryReport(chains=len(items), status="written")

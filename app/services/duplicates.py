"""Duplicate-construction detection as a service: what `innokg duplicates` and the API call.

The index (records, vectors, policy rules) is built from the store and cached per store until the
store's fingerprint (platform count, document count, last load time) changes, so screening one
proposal does not re-read a million platforms.
"""

from __future__ import annotations

import csv
import html
import io
import json
import threading
from datetime import date
from typing import Any, Literal

from app.derive.dedup import METHOD_VERSION
from app.derive.dedup.engine import DedupIndex
from app.derive.dedup.model import (
    KINDS,
    Candidate,
    DuplicateReport,
    PendingTransition,
    PlatformRef,
    Proposal,
    Source,
)
from app.derive.dedup.source import fingerprint, load_index, pending_rows, policy_index
from app.services.export import csv_safe
from app.services.scope import check_choice, resolve_region
from app.store.protocol import GraphStore
from app.text.cells import norm_name
from app.text.names import parse_name
from app.text.taxonomy import NATIONAL, PROVINCIAL

Format = Literal["json", "csv", "html"]
_lock = threading.Lock()
_cache: dict[tuple[str, str], tuple[tuple[Any, ...], DedupIndex]] = {}


def _key(store: GraphStore) -> tuple[str, str]:
    return (store.url, store.graph)


def index_for(store: GraphStore) -> DedupIndex:
    """The cached index of the whole graph, rebuilt when the store changed."""
    fp = fingerprint(store)
    with _lock:
        hit = _cache.get(_key(store))
        if hit is not None and hit[0] == fp:
            return hit[1]
    idx = load_index(store)
    with _lock:
        _cache[_key(store)] = (fp, idx)
    return idx


def detect(
    store: GraphStore,
    *,
    region: str | None = None,
    type_: str | None = None,
    kind: str | None = None,
    min_score: float | None = None,
) -> DuplicateReport:
    """All duplicate pairs, filtered (a pair matches a region / type when either platform does). The region
    is a province or a city in any common spelling (辽宁 / 沈阳市); a city keeps pairs with a platform there."""
    kind = check_choice("kind", kind, KINDS)
    if min_score is not None and not 0.0 <= min_score <= 1.0:
        raise ValueError(f"min_score must be within [0, 1], got {min_score}")
    scope = resolve_region(region)
    return index_for(store).report(
        region=scope.province if scope else None,
        city=scope.city if scope else None,
        type_=type_,
        kind=kind,
        min_score=min_score,
    )


def screen(store: GraphStore, proposal: Proposal, *, limit: int = 20) -> list[Candidate]:
    """Existing platforms a proposed one would duplicate, best first, each with its explanation. What the
    proposal leaves out but its name says (辽宁省…重点实验室: the region, the type) is read from the name, so a
    proposal given by name alone is screened like a list row of that name."""
    return index_for(store).screen(_complete(proposal), limit=limit)


def _complete(proposal: Proposal) -> Proposal:
    parts = parse_name(norm_name(proposal.name))
    region = proposal.region or (parts.region.name if parts.region is not None else None)
    return proposal.model_copy(update={"region": region, "type": proposal.type or parts.type})


def duplicates_of(store: GraphStore, platform_id: str, *, limit: int = 50) -> list[Candidate] | None:
    """Candidates for one platform of the graph; None when no platform has this id."""
    return index_for(store).duplicates_of(platform_id, limit=limit)


def _rule_governs(rule_region: str | None, level: str | None) -> bool:
    """A province's 方案 converts that province's own 省级 platforms — not the national ones it hosts, nor its
    cities' 市级 ones; a nationwide rule governs the national ones. Unknown level: governed by either."""
    if level is None:
        return True
    return level == (NATIONAL if rule_region is None else PROVINCIAL)


def pending_transitions(
    store: GraphStore, *, region: str | None = None, as_of: int | None = None
) -> list[PendingTransition]:
    """Legacy-type platforms their region's own policies say must be merged or converted, still active
    after the policy's deadline (the rule's ``deadline``, else its year; a rule with neither is due)."""
    as_of = as_of or date.today().year
    pol = policy_index(store)
    scope = resolve_region(region)
    out: list[PendingTransition] = []
    legacy = sorted(pol.legacy_types())
    if not legacy:
        return out
    for row in pending_rows(store, legacy, scope.province if scope else None):
        if scope is not None and not scope.holds(row.get("region"), row.get("city")):
            continue
        for rule in pol.rules_for(row["type"], row.get("region")):
            if not rule.to_type or rule.to_type == rule.from_type or not _rule_governs(rule.region, row.get("level")):
                continue
            due = rule.deadline or rule.year
            if due is not None and as_of <= due:
                continue
            out.append(
                PendingTransition(
                    platform=PlatformRef(
                        id=row["id"],
                        name=row["name"],
                        type=row["type"],
                        host=row.get("host"),
                        region=row.get("region"),
                        source=Source(
                            file=row.get("source_file"),
                            row=row.get("source_row"),
                            seq=None if row.get("seq") is None else str(row["seq"]),
                        ),
                    ),
                    status=row.get("status"),
                    from_type=rule.from_type,
                    to_type=rule.to_type,
                    rule=rule.rel,
                    deadline=due,
                    policy_basis=rule.basis(),
                )
            )
            break
    return out


_CSV_COLUMNS = (
    "method_version",
    "group",
    "kind",
    "score",
    "a_id",
    "a_name",
    "a_type",
    "a_host",
    "a_region",
    "a_file",
    "a_row",
    "a_seq",
    "b_id",
    "b_name",
    "b_type",
    "b_host",
    "b_region",
    "b_file",
    "b_row",
    "b_seq",
    "reasons",
    "policy_doc",
    "policy_quote",
    "policy_span",
)


def render(report: DuplicateReport, fmt: Format) -> str:
    """The report as json (the issue-5 contract), csv (one row per pair) or html (a review page)."""
    if fmt == "json":
        return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2)
    group_of = {pid: n for n, g in enumerate(report.groups, start=1) for pid in g}
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(_CSV_COLUMNS)
        for p in report.pairs:
            pb = p.policy_basis
            reasons = "; ".join(f"{r.feature}={r.value}:{r.contribution:+.2f}" for r in p.reasons)
            w.writerow(
                [
                    # names, hosts, files and quotes come from inventories: no cell may run as a formula
                    v if isinstance(v, int | float) else csv_safe(str(v))
                    for v in (
                        report.method_version,
                        group_of.get(p.a.id, ""),
                        p.kind,
                        p.score,
                        *(_ref_cells(p.a)),
                        *(_ref_cells(p.b)),
                        reasons,
                        pb.doc_id if pb else "",
                        pb.quote if pb else "",
                        f"{pb.span[0]}-{pb.span[1]}" if pb and pb.span else "",
                    )
                ]
            )
        return buf.getvalue()
    if fmt == "html":
        return _html(report, group_of)
    raise ValueError(f"unknown format {fmt!r}: use json, csv or html")


def _ref_cells(r: PlatformRef) -> list[Any]:
    return [
        r.id,
        r.name,
        r.type or "",
        r.host or "",
        r.region or "",
        r.source.file or "",
        r.source.row or "",
        r.source.seq or "",
    ]


def _cell(r: PlatformRef) -> str:
    e = html.escape
    return f"{e(r.name)}<br><small>{e(r.host or '')} · {e(r.source.file or '')}:{r.source.row or ''}</small>"


def _html(report: DuplicateReport, group_of: dict[str, int]) -> str:
    e = html.escape
    rows: list[str] = []
    for p in report.pairs:
        steps = "".join(f"<li>{e(r.feature)} = {e(str(r.value))}: <b>{r.contribution:+.2f}</b></li>" for r in p.reasons)
        pb = p.policy_basis
        basis = (
            f"<blockquote>{e(pb.quote)}</blockquote><small>{e(pb.doc_id)} {list(pb.span) if pb.span else ''}</small>"
            if pb
            else "<i>no policy clause found</i>"
        )
        rows.append(
            "<tr>"
            f"<td>{group_of.get(p.a.id, '')}</td><td>{e(p.kind)}</td><td>{p.score:.3f}</td>"
            f"<td>{_cell(p.a)}</td><td>{_cell(p.b)}</td>"
            f"<td><ol>{steps}</ol></td><td>{basis}</td></tr>"
        )
    return (
        "<!doctype html><html lang='zh'><meta charset='utf-8'><title>重复建设 duplicates</title>"
        "<style>body{font-family:sans-serif}td{vertical-align:top;border-top:1px solid #ccc;padding:4px}</style>"
        f"<h1>Duplicate construction</h1><p>method {e(report.method_version)} · {len(report.pairs)} pairs · "
        f"{len(report.groups)} groups</p><table><tr><th>group</th><th>kind</th><th>score</th><th>a</th><th>b</th>"
        f"<th>reasons (log-odds waterfall)</th><th>policy basis</th></tr>{''.join(rows)}</table></html>"
    )


__all__ = ["METHOD_VERSION", "detect", "duplicates_of", "pending_transitions", "render", "screen"]

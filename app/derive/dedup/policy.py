"""Policy grounding from the graph: type transitions (MERGED_INTO / CONVERTED_TO … between PlatformType
nodes, with their evidence) and the clause of a region's own policy that forbids duplication.

Nothing here lists which type succeeds which: the rules are whatever the ingested policies state, so
a province whose 方案 has no 工程技术研究中心 → 技术创新中心 paragraph gets no transition_overlap pairs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.derive.dedup.model import PolicyBasis, TransitionRule
from app.text.gazetteer import province_of, region_by_name
from app.text.normalise import normalise

# Relationship types that make a legacy type's platforms due for conversion or merger.
CONVERSION_RELS = frozenset({"MERGED_INTO", "CONVERTED_TO"})
# Clause markers, strongest first: the 撤、并、转 paragraph beats a general 避免重复建设.
CLAUSE_MARKERS = ("撤、并、转", "撤并转", "重复建设", "交叉重复", "低水平重复", "优化整合", "整合重组")
_CLAUSE_END = re.compile(r"[。；;！？!?\n]")


def province_name(region: str | None) -> str | None:
    """Any region spelling (辽宁 / 辽宁省 / 沈阳市) → its province's full name; None if unknown."""
    if not region:
        return None
    r = region_by_name(region.strip())
    return province_of(r).name if r is not None else None


def find_clause(raw: str) -> tuple[int, int, str] | None:
    """The first clause holding the strongest marker: [start, end) in ``raw`` and the quote."""
    text = normalise(raw)  # simplified, same length: offsets address raw
    for marker in CLAUSE_MARKERS:
        at = text.find(marker)
        if at < 0:
            continue
        start = at
        while start > 0 and not _CLAUSE_END.match(text[start - 1]):
            start -= 1
        m = _CLAUSE_END.search(text, at)
        end = m.start() if m else len(text)
        while start < end and text[start].isspace():
            start += 1
        return start, end, raw[start:end]
    return None


@dataclass
class PolicyIndex:
    rules: list[TransitionRule] = field(default_factory=list)
    clauses: dict[str | None, PolicyBasis] = field(default_factory=dict)  # province (None: national)
    _pairs: dict[tuple[str, str], list[TransitionRule]] = field(default_factory=dict)
    _by_type: dict[str, list[TransitionRule]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for r in self.rules:
            if r.to_type and r.to_type != r.from_type and r.rel in CONVERSION_RELS:
                self._pairs.setdefault((r.from_type, r.to_type), []).append(r)
            self._by_type.setdefault(r.from_type, []).append(r)

    @property
    def transition_types(self) -> frozenset[str]:
        return frozenset(t for pair in self._pairs for t in pair)

    def legacy_types(self) -> frozenset[str]:
        return frozenset(a for a, _ in self._pairs)

    @staticmethod
    def _applies(rule: TransitionRule, region: str | None) -> bool:
        return rule.region is None or rule.region == region

    def transition(self, ta: str | None, tb: str | None, region: str | None) -> tuple[TransitionRule, bool] | None:
        """The rule making (ta, tb) legacy → successor in this province, and whether ``ta`` is the legacy
        side. A rule of the province itself beats a nationwide one."""
        if not ta or not tb or ta == tb:
            return None
        for (frm, to), legacy_first in (((ta, tb), True), ((tb, ta), False)):
            rules = [r for r in self._pairs.get((frm, to), ()) if self._applies(r, region)]
            if rules:
                rules.sort(key=lambda r: (r.region is None, r.doc_id or ""))
                return rules[0], legacy_first
        return None

    def rules_for(self, type_: str | None, region: str | None) -> list[TransitionRule]:
        return [r for r in self._by_type.get(type_ or "", ()) if self._applies(r, region) and r.rel in CONVERSION_RELS]

    def basis(
        self, kind: str, ta: str | None, tb: str | None, region: str | None, rule: TransitionRule | None = None
    ) -> PolicyBasis | None:
        """Why the pair is a problem: the transition's own evidence; else a merge/convert rule of the
        province that covers either type (its 撤、并、转 paragraph); else the province's, then the
        nation's, clause against duplication; else None."""
        if rule is not None and (b := rule.basis()) is not None:
            return b
        if kind != "same_entity":
            for t in (ta, tb):
                for r in sorted(self.rules_for(t, region), key=lambda r: r.region is None):
                    if (b := r.basis()) is not None:
                        return b
        return self.clauses.get(region) or self.clauses.get(None)

    def grounded(
        self, kind: str, ta: str | None, tb: str | None, region: str | None, rule: TransitionRule | None = None
    ) -> tuple[PolicyBasis | None, str | None]:
        """(basis, None) when a clause applies, else (None, why none applies)."""
        found = self.basis(kind, ta, tb, region, rule)
        if found is not None:
            return found, None
        return None, self.no_basis_reason(ta, tb, region)

    def no_basis_reason(self, ta: str | None, tb: str | None, region: str | None) -> str:
        types = " / ".join(t for t in dict.fromkeys((ta, tb)) if t) or "unknown type"
        if not self.clauses and not self.rules:
            return f"no policy ingested: no clause against duplication and no merge/convert rule (types {types})"
        where = region or "unknown region"
        return (
            f"no clause for {where}: no policy of that province nor a nationwide one holds a clause against "
            f"duplication, and no merge/convert rule covers {types} there"
        )


def _int(v: Any) -> int | None:
    try:
        return int(v) if v is not None and v != "" else None
    except (TypeError, ValueError):
        return None


def build_policy_index(
    transition_rows: Iterable[Mapping[str, Any]], text_rows: Iterable[Mapping[str, Any]]
) -> PolicyIndex:
    """From the rows of dedup_transitions (one per transition × evidence) and dedup_policy_texts."""
    seen: dict[tuple[Any, ...], TransitionRule] = {}
    for row in transition_rows:
        if not row.get("from_type"):
            continue
        start, end = _int(row.get("ev_start")), _int(row.get("ev_end"))
        span = (start, end) if start is not None and end is not None and start >= 0 and end > start else None
        rule = TransitionRule(
            rel=str(row.get("rel")),
            from_type=str(row["from_type"]),
            to_type=row.get("to_type"),
            region=province_name(row.get("region")),
            year=_int(row.get("year")),
            deadline=_int(row.get("deadline")),
            doc_id=row.get("ev_doc") or row.get("doc_id"),
            quote=row.get("ev_quote") or row.get("quote"),
            span=span,
        )
        key = (rule.rel, rule.from_type, rule.to_type, rule.region, rule.doc_id)
        old = seen.get(key)
        if old is None or (old.span is None and rule.span is not None):
            seen[key] = rule
    clauses: dict[str | None, PolicyBasis] = {}
    for row in text_rows:
        raw = row.get("raw_text")
        if not raw or not row.get("doc_id"):
            continue
        found = find_clause(str(raw))
        if found is None:
            continue
        region = province_name(row.get("region"))
        if region in clauses:
            continue
        clauses[region] = PolicyBasis(doc_id=str(row["doc_id"]), quote=found[2], span=(found[0], found[1]))
    return PolicyIndex(rules=list(seen.values()), clauses=clauses)

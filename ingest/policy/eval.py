"""Score extracted documents against a gold file of the seeds_gold.json shape.

Units (per document, micro-averaged over documents):
- text kinds (doc_numbers, titles, dates, agencies, issuing_agencies, cited_documents, named_platforms,
  entities, industries, cluster_roles): the set of distinct normalised surfaces (simplified script,
  whitespace and dash variants removed). Gold lists each surface once with the span of one
  occurrence, so a predicted surface matches when the normalised texts are equal.
- platform_types: the set of (canonical type, level class) pairs; gold levels that are null or
  mixed (国家级和省级, 各类) match any level.
- transitions: same kind and overlapping spans (gold quote span vs predicted sentence span);
  gold promote_recommend counts as promote; kinds outside merge/convert/stop_new/revoke/restructure/
  promote are not scored.
- targets: the set of (count, canonical type, year); gold rows marked duplicate_of are dropped.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from app.text.normalise import to_simplified
from ingest.policy import lexicon as lx
from ingest.policy.models import ExtractedDocument

KINDS = (
    "doc_numbers",
    "titles",
    "dates",
    "agencies",
    "issuing_agencies",
    "cited_documents",
    "platform_types",
    "transitions",
    "targets",
    "named_platforms",
    "entities",
    "industries",
    "cluster_roles",
    "cluster_relations",
)
_SCORED_TRANSITIONS = {"merge", "convert", "stop_new", "revoke", "restructure", "promote"}
PLATFORMISH = frozenset({"platform", "institution", "university"})  # entity kinds scored as named platforms


class KindScore(BaseModel):
    kind: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[str] = []
    false_negatives: list[str] = []

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class EvalReport(BaseModel):
    gold: str
    n_docs: int
    scores: dict[str, KindScore]

    def f1(self, kind: str) -> float:
        return self.scores[kind].f1

    def to_markdown(self) -> str:
        lines = [
            f"Gold: `{self.gold}` ({self.n_docs} documents)",
            "",
            "| kind | gold | predicted | TP | precision | recall | F1 |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for k in KINDS:
            s = self.scores[k]
            if s.tp + s.fn + s.fp == 0:
                continue
            lines.append(
                f"| {k} | {s.tp + s.fn} | {s.tp + s.fp} | {s.tp} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |"
            )
        m = micro(self.scores)
        lines += ["", f"Micro over kinds: P {m.precision:.3f}, R {m.recall:.3f}, F1 {m.f1:.3f}"]
        return "\n".join(lines) + "\n"


def micro(scores: dict[str, KindScore]) -> KindScore:
    """The counts of every kind pooled into one score (micro over kinds)."""
    return KindScore(
        kind="micro",
        tp=sum(s.tp for s in scores.values()),
        fp=sum(s.fp for s in scores.values()),
        fn=sum(s.fn for s in scores.values()),
    )


def type_hit(x: tuple[str, str | None], pool: set[Any]) -> bool:
    """A (type, level class) pair matches a pair of the same type whose level is equal or unknown on either side."""
    return any(x[0] == y[0] and (x[1] is None or y[1] is None or x[1] == y[1]) for y in pool)


def norm(text: str | None) -> str:
    return re.sub(r"[\s\u3000—–\-~]", "", to_simplified(text or ""))


def canon_type(name: str | None) -> str:
    t = norm(re.sub(r"\(.*?\)|（.*?）", "", name or ""))
    e = lx.types().get(t)
    return e.type if e else t


def level_class(level: str | None) -> str | None:
    if not level or level in {"国家级和省级", "各类"}:
        return None
    if level.startswith("国家"):
        return "国家级"
    if level.startswith("市") or level.startswith("县"):
        return "市级"
    return "省级"


def _gold_sets(g: dict[str, Any]) -> dict[str, Any]:
    def surf(it: dict[str, Any], key: str = "surface") -> str:
        return norm(it.get(key + "_s") or it.get(key))

    out: dict[str, Any] = {}
    nums = [g.get("doc_number"), *(g.get("doc_number_variants") or [])]
    out["doc_numbers"] = {norm(n) for n in nums if n}
    out["titles"] = {norm(g["title"])} if g.get("title") else set()
    out["dates"] = {surf(d) for d in g.get("dates") or []}
    issuing = {surf(a) for a in g.get("issuing_agencies") or []}
    out["issuing_agencies"] = issuing
    out["agencies"] = issuing | {surf(a) for a in g.get("agencies_mentioned") or []}
    out["cited_documents"] = {norm(c.get("title_s") or c["title"]) for c in g.get("cited_documents") or []}
    out["platform_types"] = {
        (canon_type(p.get("type")), level_class(p.get("level")))
        for p in (g.get("taxonomy") or []) + (g.get("platform_types_mentioned") or [])
    }
    out["transitions"] = [
        ("promote" if t["kind"] == "promote_recommend" else t["kind"], tuple(t["quote_span"]))
        for t in g.get("transitions") or []
        if ("promote" if t["kind"] == "promote_recommend" else t["kind"]) in _SCORED_TRANSITIONS
    ]
    out["targets"] = {
        (int(t["count"]), canon_type(t.get("type")), t.get("year"))
        for t in g.get("targets") or []
        if t.get("duplicate_of") is None
    }
    ents = g.get("named_entities") or []
    out["named_platforms"] = {surf(e) for e in ents if e.get("kind") in PLATFORMISH and e.get("surface")}
    out["entities"] = {surf(e) for e in ents if e.get("surface")}
    out["industries"] = {surf(i) for i in g.get("industries") or []}
    lc = g.get("lab_cluster") or {}
    out["cluster_roles"] = {norm(r["role"]) for r in lc.get("roles") or []}
    out["cluster_relations"] = [(r["relation"], tuple(r["quote_span"])) for r in lc.get("relations") or []]
    return out


def _pred_sets(d: ExtractedDocument) -> dict[str, Any]:
    out: dict[str, Any] = {}
    out["doc_numbers"] = {norm(n.text) for n in d.doc_numbers}
    out["titles"] = {norm(d.title.text)} if d.title else set()
    out["dates"] = {norm(x.text) for x in d.dates}
    out["agencies"] = {norm(a.text) for a in d.agencies}
    out["issuing_agencies"] = {norm(a.text) for a in d.agencies if a.role == "issuer"}
    out["cited_documents"] = {norm(c.title) for c in d.cited_documents}
    out["platform_types"] = {(canon_type(p.type), level_class(p.level)) for p in d.platform_types}
    out["transitions"] = [(t.kind, t.span) for t in d.transitions]
    out["targets"] = {(t.count, canon_type(t.type), t.year) for t in d.targets}
    out["named_platforms"] = {norm(e.text) for e in d.entities if e.kind in PLATFORMISH}
    out["entities"] = {norm(e.text) for e in d.entities}
    out["industries"] = {norm(i.text) for i in d.industries}
    out["cluster_roles"] = {norm(r.role) for r in d.cluster_roles}
    out["cluster_relations"] = [(r.relation, r.span) for r in d.cluster_relations]
    return out


def _score_sets(s: KindScore, gold: set[Any], pred: set[Any], doc_id: str) -> None:
    s.tp += len(gold & pred)
    s.fp += len(pred - gold)
    s.fn += len(gold - pred)
    s.false_positives += [f"{doc_id}: {x}" for x in sorted(map(str, pred - gold))]
    s.false_negatives += [f"{doc_id}: {x}" for x in sorted(map(str, gold - pred))]


def _score_types(s: KindScore, gold: set[Any], pred: set[Any], doc_id: str) -> None:
    tp_g = {g for g in gold if type_hit(g, pred)}
    fp = {p for p in pred if not type_hit(p, gold)}
    s.tp += len(tp_g)
    s.fn += len(gold) - len(tp_g)
    s.fp += len(fp)
    s.false_positives += [f"{doc_id}: {x}" for x in sorted(map(str, fp))]
    s.false_negatives += [f"{doc_id}: {x}" for x in sorted(map(str, gold - tp_g))]


def _score_spans(s: KindScore, gold: list[Any], pred: list[Any], doc_id: str) -> None:
    def ov(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    g_hit = [g for g in gold if any(p[0] == g[0] and ov(p[1], g[1]) for p in pred)]
    p_ok = [p for p in pred if any(p[0] == g[0] and ov(p[1], g[1]) for g in gold)]
    s.tp += len(g_hit)
    s.fn += len(gold) - len(g_hit)
    s.fp += len(pred) - len(p_ok)
    s.false_positives += [f"{doc_id}: {p}" for p in pred if p not in p_ok]
    s.false_negatives += [f"{doc_id}: {g}" for g in gold if g not in g_hit]


def evaluate(gold_path: Path, docs: list[ExtractedDocument]) -> EvalReport:
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    by_id = {d.doc_id: d for d in docs}
    scores = {k: KindScore(kind=k) for k in KINDS}
    n = 0
    for g in gold["documents"]:
        d = by_id.get(g["doc_id"])
        if d is None:
            continue
        n += 1
        gs, ps = _gold_sets(g), _pred_sets(d)
        # a variant of the document's number (a garbled copy) is that number, not a second one
        variants = {norm(v) for v in g.get("doc_number_variants") or []}
        if variants and g.get("doc_number"):
            main = norm(g["doc_number"])
            gs["doc_numbers"] -= variants - {main}
            ps["doc_numbers"] = {main if p in variants else p for p in ps["doc_numbers"]}
        for k in KINDS:
            if k == "platform_types":
                _score_types(scores[k], gs[k], ps[k], d.doc_id)
            elif k == "transitions" or (k == "cluster_relations" and g.get("lab_cluster")):
                _score_spans(scores[k], gs[k], ps[k], d.doc_id)
            elif k in ("cluster_roles", "cluster_relations") and not gs[k] and not g.get("lab_cluster"):
                continue
            else:
                _score_sets(scores[k], gs[k], ps[k], d.doc_id)
    return EvalReport(gold=str(gold_path), n_docs=n, scores=scores)


REPO_ROOT = Path(__file__).resolve().parents[2]
SPLITS: dict[str, tuple[str, ...]] = {
    "seeds": ("data/gold/seeds_gold.json",),
    "constructed": ("data/gold/constructed_gold.json",),
    "dev": ("data/gold/real_dev_gold.json",),
    "test": ("data/gold/real_test_gold.json",),
    "holdout": ("data/gold/real_holdout_gold.json",),
    # Labelled in session 8 and scored once on the code of that day before anyone tuned on it; a dev split since.
    "dev2": ("data/gold/real_dev2a_gold.json", "data/gold/real_dev2b_gold.json"),
    # Labelled in session 9 while others tuned without reading these texts; scored once on that session's merge.
    "dev3": ("data/gold/real_dev3a_gold.json", "data/gold/real_dev3b_gold.json"),
    # Labelled in session 10 while others tuned without reading these texts; scored blind on the session's base
    # and once after its merge; a dev split since session 11.
    "dev4": ("data/gold/real_dev4a_gold.json", "data/gold/real_dev4b_gold.json"),
    # Labelled in session 11 while that session's tuners were barred from these texts; scored blind on that
    # session's base and once after its merge; a dev split since session 12.
    "dev5": ("data/gold/real_dev5_gold.json",),
    # Labelled in session 12 while that session's tuners were barred from these texts; scored blind on that
    # session's base and once after its merge; a dev split since session 13.
    "dev6": ("data/gold/real_dev6_gold.json",),
    # Labelled in session 13 while that session's tuners were barred from these texts; scored blind on that
    # session's base and once after its merge; a dev split since session 14.
    "dev7": ("data/gold/real_dev7_gold.json",),
    # Labelled in session 14 while that session's tuners were barred from these texts; scored blind.
    "dev8": ("data/gold/real_dev8_gold.json",),
}
_ALL = ("seeds", "dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "test", "holdout")
SPLITS["all"] = tuple(g for name in _ALL for g in SPLITS[name])


def split_golds(split: str) -> list[Path]:
    """The gold files of a split (seeds | constructed | dev | dev2 | dev3 | dev4 | dev5 | dev6 | dev7 | dev8 |
    test | holdout | all).

    Only those present in the checkout are returned.
    """
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: one of {', '.join(SPLITS)}")
    return [REPO_ROOT / g for g in SPLITS[split] if (REPO_ROOT / g).is_file()]


def source_root(gold: dict[str, Any], gold_path: Path) -> Path | None:
    """Where a gold file's `file` entries live: its `source_root`, relative to the repo root (or, for a
    git worktree, to a folder further up that has it); `../shared/…` goes to $INNOKG_SHARED/… when set."""
    root = gold.get("source_root")
    if not root:
        return None
    shared = os.environ.get("INNOKG_SHARED")
    parts = Path(root).parts
    if shared and parts[:2] == ("..", "shared"):
        return Path(shared).joinpath(*parts[2:])
    for base in (REPO_ROOT, *REPO_ROOT.parents):
        cand = (base / root).resolve()
        if cand.is_dir():
            return cand
    return (REPO_ROOT / root).resolve()


def gold_paths(gold_path: Path) -> list[Path]:
    """The documents a gold file describes: its `file` entries (under its `source_root`, else relative to
    the gold file's folder or its parent, as in data/gold/ → data/corpus/…), else `<doc_id>.txt` beside
    those folders."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    src = source_root(gold, Path(gold_path))
    roots = [src] if src is not None else [gold_path.parent, gold_path.parent.parent]
    out: list[Path] = []
    for g in gold["documents"]:
        candidates = [root / g["file"] for root in roots] if g.get("file") else []
        candidates += [p for root in roots if root.is_dir() for p in sorted(root.rglob(f"{g['doc_id']}.*"))]
        found = next((c for c in candidates if c.is_file()), None)
        if found is None:
            where = f" under {src} (set INNOKG_SHARED)" if src is not None else ""
            raise FileNotFoundError(f"{gold_path}: cannot find the document {g['doc_id']}{where}")
        out.append(found)
    return out

"""A statistical filter over the grammar's own candidates (issue #21, design (a)).

The grammar proposes industries; a logistic model over features of each proposed surface (its rule and kind,
head and suffix characters, length, the jieba token and dictionary POS on either side, whether it stands in a
list, inside or around another emitted span, how often the document repeats it) says how likely a reader would
label it, and surfaces below the model's threshold are dropped. The weights ship as a small JSON file in the
package (ingest/resources/models/, trained by bench/train_model_filter.py on the tuning golds only); nothing is
downloaded, the scoring is a sum of weights (deterministic, no third-party code at run time).

The same design serves platform types, targets and named platforms (units and features in model_units.py);
a kind is filtered only where a model file ships (industries only, as of session 11: the others did not beat the
grammar on the leave-one-split-out rotations, docs/reference/extract.md).

Switch: INNOKG_EXTRACT_MODEL=0 (or off / false / no) turns every model off; the grammar's output is then
returned unchanged. A kind without a model file is never filtered.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

import ahocorasick

from ingest.policy import lexicon as lx
from ingest.policy.eval import PLATFORMISH
from ingest.policy.extract.lexical import lcut, pos_table
from ingest.policy.extract.model_units import FEATURES, KEYS
from ingest.policy.models import ExtractedDocument, Item

MODEL_DIR = Path(str(resources.files("ingest"))) / "resources" / "models"
SWITCH = "INNOKG_EXTRACT_MODEL"
_OFF = {"0", "off", "false", "no"}
_KEY = re.compile(r"[\s\u3000—–\-~]")
_NUM = re.compile(r"[\d.%]+")
_PUNCT = re.compile(r"\W+")

T = TypeVar("T", bound=Item)


@dataclass(frozen=True)
class FilterModel:
    """A logistic model: weight per feature name, intercept, and the probability under which a surface goes."""

    kind: str
    intercept: float
    threshold: float
    weights: dict[str, float]

    def logit(self, feats: Sequence[str]) -> float:
        return self.intercept + math.fsum(self.weights.get(f, 0.0) for f in feats)

    def keeps(self, feats: Sequence[str]) -> bool:
        """p >= threshold, compared on the logit scale (no exp)."""
        t = min(max(self.threshold, 1e-9), 1 - 1e-9)
        return self.logit(feats) >= math.log(t / (1 - t))


def enabled() -> bool:
    return os.environ.get(SWITCH, "1").strip().lower() not in _OFF


@cache
def load_model(kind: str) -> FilterModel | None:
    """The shipped model of a kind (`<kind>_filter.json`), read once; None when there is none."""
    path = MODEL_DIR / f"{kind}_filter.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return FilterModel(
        kind=data["kind"],
        intercept=float(data["intercept"]),
        threshold=float(data["threshold"]),
        weights={str(k): float(v) for k, v in data["weights"].items()},
    )


def surface_key(text: str) -> str:
    """Surfaces the scorer counts as one (whitespace and dash variants removed; the text is already simplified)."""
    return _KEY.sub("", text)


def _pos(tok: str) -> str:
    if _NUM.fullmatch(tok):
        return "NUM"
    if _PUNCT.fullmatch(tok):
        return "PUNCT"
    return pos_table().get(tok, "x")


def _bucket(n: int, cuts: tuple[int, ...]) -> str:
    return next((str(c) for c in cuts if n <= c), "big")


def _context(text: str, s: int, e: int) -> list[str]:
    """The token, its POS and the character on either side of the span, and whether it stands in a list."""
    left = lcut(text[max(0, s - 8) : s]) if s > 0 else ()
    right = lcut(text[e : e + 8]) if e < len(text) else ()
    lt = left[-1] if left else "<S>"
    rt = right[0] if right else "<E>"
    lc, rc = text[s - 1 : s], text[e : e + 1]
    return [
        f"lt={lt}",
        f"rt={rt}",
        f"lpos={_pos(lt)}",
        f"rpos={_pos(rt)}",
        f"lc={lc}",
        f"rc={rc}",
        f"listed={lc == '、' or rc == '、'}",
    ]


_CLAUSE_END = re.compile(r"[，。；;：:！？\n]")


def _closer(text: str, e: int) -> list[str]:
    """The noun that closes the list a surface stands in (…等产业, …等行业, …等领域, …等新增长点): readers label the
    members of a list of sectors, not those of a list of trades an emission or reform rule names."""
    end = _CLAUSE_END.search(text, e, e + 40)
    k = text.find("等", e, end.start() if end else e + 40)
    if k < 0:
        return ["closer=none"]
    toks = lcut(text[k + 1 : k + 7])
    return [f"closer={toks[0] if toks else '<E>'}"]


def _known(surf: str) -> str:
    """Whether the industry lexicon names the surface, ends it (海洋|生物医药) or neither."""
    words = lx.industries()
    if surf in words:
        return "exact"
    return "suffix" if any(surf[i:] in words for i in range(1, len(surf) - 1)) else "none"


def _shape(surf: str) -> list[str]:
    """Head, suffix, length and jieba tokens of the surface itself."""
    toks = lcut(surf) or (surf,)
    return [
        f"len={_bucket(len(surf), (2, 3, 4, 5, 6, 8, 10, 13, 17))}",
        f"suf1={surf[-1:]}",
        f"suf2={surf[-2:]}",
        f"suf3={surf[-3:]}",
        f"pre1={surf[:1]}",
        f"pre2={surf[:2]}",
        f"ntok={_bucket(len(toks), (1, 2, 3, 4, 6, 9, 14))}",
        f"tok_first={toks[0]}",
        f"tok_last={toks[-1]}",
        f"pos_first={_pos(toks[0])}",
        f"pos_last={_pos(toks[-1])}",
        f"known={_known(surf)}",
        f"quoted={'“' in surf}",
        f"digit={any(ch.isdigit() for ch in surf)}",
    ]


class Spans:
    """Every span the grammar emitted, sorted, to ask in log time whether a span lies inside a longer one or
    around a shorter one (a linear scan per candidate would be quadratic on a long text)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = sorted(set(spans))
        self.starts = [a for a, _ in self.spans]
        self.maxend = list(itertools.accumulate((b for _, b in self.spans), max))

    def inside(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, s)
        if i and self.maxend[i - 1] >= e:
            return True
        j = bisect.bisect_right(self.starts, s)
        return any(b > e for _, b in self.spans[i:j])

    def contains(self, s: int, e: int) -> bool:
        i, k = bisect.bisect_left(self.starts, s), bisect.bisect_left(self.starts, e)
        return any(b <= e and (a, b) != (s, e) for a, b in self.spans[i:k])


def _occurrences(text: str, surfaces: Sequence[str]) -> dict[str, int]:
    """How often each surface occurs in the text (overlaps counted), in one Aho-Corasick pass."""
    auto = ahocorasick.Automaton()
    for surf in surfaces:
        if surf:
            auto.add_word(surf, surf)
    counts = dict.fromkeys(surfaces, 0)
    if len(auto):
        auto.make_automaton()
        for _, surf in auto.iter(text):
            counts[surf] += 1
    return counts


def surface_features(text: str, items: Sequence[Item], spans: Spans, report: bool, occurrences: int) -> list[str]:
    """Features of one proposed surface: its first item in full, the rules of the others, and document counts."""
    first = items[0]
    s, e = first.span
    surf = text[s:e]
    kind = str(getattr(first, "kind", ""))
    feats = [f"rule={first.rule}", f"kind={kind}", f"rule_kind={first.rule}|{kind}"]
    feats += _shape(surf) + _context(text, s, e) + _closer(text, e)
    feats += [f"inside={spans.inside(s, e)}", f"contains={spans.contains(s, e)}"]
    feats += [f"occ={_bucket(occurrences, (1, 2, 3, 4, 6, 9, 14))}", f"report={report}"]
    feats += sorted({f"anyrule={it.rule}" for it in items[1:]})
    feats.append(f"nitems={min(len(items), 4)}")
    return feats


def surface_units(
    text: str, items: Sequence[T], spans: Sequence[tuple[int, int]], title: str
) -> list[tuple[str, list[str], list[T]]]:
    """(surface key, features, items) per distinct surface of a list, in first-occurrence order."""
    groups: dict[str, list[T]] = {}
    for it in items:
        groups.setdefault(surface_key(it.text), []).append(it)
    report = "工作报告" in title
    index = Spans(spans)
    firsts = {key: text[its[0].span[0] : its[0].span[1]] for key, its in groups.items()}
    occ = _occurrences(text, sorted(set(firsts.values())))
    return [(key, surface_features(text, its, index, report, occ[firsts[key]]), its) for key, its in groups.items()]


def kind_units(
    kind: str, text: str, items: Sequence[T], spans: Sequence[tuple[int, int]], title: str
) -> list[tuple[str, list[str], list[T]]]:
    """(unit key, features, items) per unit of a kind as the scorer counts it: a surface for industries and named
    platforms, a (type, level class) pair for platform types, a (count, type, year) triple for targets."""
    key_of = KEYS.get(kind)
    if key_of is None:
        return surface_units(text, items, spans, title)
    groups: dict[str, list[T]] = {}
    for it in items:
        groups.setdefault(key_of(it), []).append(it)
    report = "工作报告" in title
    index = Spans(spans)
    feats = FEATURES[kind]
    return [(key, feats(text, its, index.inside(*its[0].span), report), its) for key, its in groups.items()]


def unit_key(kind: str, item: Item) -> str:
    key_of = KEYS.get(kind)
    return key_of(item) if key_of else surface_key(item.text)


def apply_filter(kind: str, text: str, items: list[T], spans: Sequence[tuple[int, int]], title: str) -> list[T]:
    """The items whose unit the kind's model keeps (all of them when the switch is off or no model ships).

    `text` is the normalised text (same offsets as the items' spans); `spans` are every span the grammar emitted
    for the document (entities, industries, agencies) — a surface inside a longer emitted name weighs otherwise.
    Kind `named_platforms` takes the document's entities and scores only those of a platform-like kind."""
    model = load_model(kind) if enabled() and items else None
    if model is None:
        return items
    pool = [it for it in items if getattr(it, "kind", "") in PLATFORMISH] if kind == "named_platforms" else items
    drop = {key for key, feats, _ in kind_units(kind, text, pool, spans, title) if not model.keeps(feats)}
    if not drop:
        return items
    scored = {id(it) for it in pool}
    return [it for it in items if id(it) not in scored or unit_key(kind, it) not in drop]


FILTERED = ("industries", "platform_types", "targets", "named_platforms")


def filter_document(doc: ExtractedDocument, text: str) -> None:
    """Every kind's model over the grammar's output of one document, in place (a kind without a shipped model, or
    every kind with the switch off, is left as the grammar gave it). Every unit is scored against the spans the
    grammar emitted before any filtering, as in training."""
    if not enabled():
        return
    spans = [x.span for x in (*doc.entities, *doc.industries, *doc.agencies)]
    title = doc.title.text if doc.title else ""
    doc.industries = apply_filter("industries", text, doc.industries, spans, title)
    doc.platform_types = apply_filter("platform_types", text, doc.platform_types, spans, title)
    doc.targets = apply_filter("targets", text, doc.targets, spans, title)
    doc.entities = apply_filter("named_platforms", text, doc.entities, spans, title)

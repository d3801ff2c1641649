"""The domain dictionary (ingest/resources/dict/*.tsv) as Aho-Corasick automata and a jieba tokenizer.

Matching does not depend on segmentation: automata find every dictionary surface; jieba (with the
same vocabulary added) is used only on short windows where a name's left boundary must be found.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import ahocorasick
import jieba

from app.text import gazetteer, taxonomy

DICT_DIR = Path(str(resources.files("ingest"))) / "resources" / "dict"


@dataclass(frozen=True)
class TypeEntry:
    surface: str
    type: str
    category: str | None
    flags: frozenset[str]


@dataclass(frozen=True)
class AgencyEntry:
    surface: str
    canonical: str
    national: bool
    territory: bool = False  # a body that is a territory too (the 兵团): the place of the parks named after it


def _rows(name: str) -> list[list[str]]:
    out = []
    for line in (DICT_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.split("\t"))
    return out


# Flags taxonomy.py cannot express; a types.tsv row carrying one keeps its own mapping.
_SURFACE_FLAGS = frozenset({"regional", "umbrella", "singleton", "entity", "nameonly"})


def _taxonomy_flags(spec: taxonomy.PlatformTypeSpec) -> frozenset[str]:
    return frozenset({"legacy"} if spec.legacy else set()) | frozenset({"zone"} if spec.family == "zone" else set())


@cache
def types() -> dict[str, TypeEntry]:
    """surface → entry. Canonical types, categories, legacy flags and aliases come from
    ``app.text.taxonomy.TYPES`` (the same source as the graph's seeded PlatformType nodes); types.tsv adds
    only what the taxonomy lacks: further canonical types of the genre, surface variants, and
    surface-level flags (regional / umbrella / singleton / entity / nameonly)."""
    specs = taxonomy.by_name()
    table: dict[str, TypeEntry] = {}
    for spec in taxonomy.TYPES:
        for surface in (spec.name, *spec.aliases):
            table.setdefault(surface, TypeEntry(surface, spec.name, spec.category, _taxonomy_flags(spec)))
    for surface, canon, cat, flags in _rows("types.tsv"):
        fl = frozenset() if flags.strip() == "-" else frozenset(f.strip() for f in flags.split(","))
        known = specs.get(canon)
        if known is not None:  # a taxonomy type: its category and legacy flag win
            flags_ = _taxonomy_flags(known) | (fl & _SURFACE_FLAGS)
            table[surface] = TypeEntry(surface, known.name, known.category, flags_)
        elif surface in table and not fl & _SURFACE_FLAGS:
            continue  # the taxonomy already maps this surface
        else:
            table[surface] = TypeEntry(surface, canon, None if cat == "-" else cat, fl)
    return table


@cache
def canonical_types() -> dict[str, TypeEntry]:
    """canonical name → its entry: every taxonomy type, then the genre's extra canonical types."""
    out: dict[str, TypeEntry] = {
        spec.name: TypeEntry(spec.name, spec.name, spec.category, _taxonomy_flags(spec)) for spec in taxonomy.TYPES
    }
    for e in types().values():
        out.setdefault(e.type, e)
    return out


@cache
def prefixes() -> list[tuple[str, str, str | None]]:
    rows = [(s, lv, None if cb == "-" else cb) for s, lv, cb in _rows("prefixes.tsv")]
    return sorted(rows, key=lambda r: -len(r[0]))


@cache
def agencies() -> dict[str, AgencyEntry]:
    # a fourth column, where present, names the public list the entry comes from
    return {
        r[0]: AgencyEntry(r[0], r[1], r[2] in ("national", "territory"), r[2] == "territory")
        for r in _rows("agencies.tsv")
    }


@cache
def industries() -> dict[str, str]:
    return {s: k for s, k in _rows("industries.tsv")}


@cache
def roles() -> dict[str, str]:
    return {s: r for s, r in _rows("roles.tsv")}


@cache
def named() -> dict[str, tuple[str, str | None]]:
    return {s: (k, None if t == "-" else t) for s, k, t in _rows("named.tsv")}


# id(automaton) → (the automaton, a character every one of its words holds, its longest word's length): matches
# then lie around that character (学 of every university), and longest_matches scans only the text there.
_ANCHORS: dict[int, tuple[ahocorasick.Automaton, str, int]] = {}


def _automaton(words: dict[str, object]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for w, v in words.items():
        auto.add_word(w, (w, v))
    auto.make_automaton()
    common = set.intersection(*(set(w) for w in words)) if words else set()
    if common:
        _ANCHORS[id(auto)] = (auto, min(common), max(map(len, words)))  # the reference keeps the id unique
    return auto


def _anchor_windows(text: str, anchor: str, longest: int) -> list[tuple[int, int]]:
    """Disjoint spans of text holding every substring of at most `longest` characters that contains `anchor`."""
    out: list[tuple[int, int]] = []
    q = text.find(anchor)
    while q >= 0:
        s, e = max(0, q - longest + 1), min(len(text), q + longest)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
        q = text.find(anchor, q + 1)
    return out


@cache
def type_automaton() -> ahocorasick.Automaton:
    return _automaton(dict(types()))


@cache
def agency_automaton() -> ahocorasick.Automaton:
    return _automaton(dict(agencies()))


@cache
def industry_automaton() -> ahocorasick.Automaton:
    return _automaton(dict(industries()))


@cache
def role_automaton() -> ahocorasick.Automaton:
    return _automaton(dict(roles()))


@cache
def named_automaton() -> ahocorasick.Automaton:
    return _automaton(dict(named()))


@cache
def university_automaton() -> ahocorasick.Automaton:
    return _automaton({u.name: u for u in gazetteer.universities() if len(u.name) >= 4})


def longest_matches(auto: ahocorasick.Automaton, text: str) -> list[tuple[int, int, str, object]]:
    """Leftmost-longest, non-overlapping matches: [(start, end, surface, value)]."""
    hits = []
    anchored = _ANCHORS.get(id(auto))
    if anchored is not None and anchored[0] is auto:
        for ws, we in _anchor_windows(text, anchored[1], anchored[2]):
            for end_incl, (word, value) in auto.iter(text[ws:we]):
                hits.append((ws + end_incl - len(word) + 1, ws + end_incl + 1, word, value))
    else:
        for end_incl, (word, value) in auto.iter(text):
            hits.append((end_incl - len(word) + 1, end_incl + 1, word, value))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[tuple[int, int, str, object]] = []
    last = -1
    for h in hits:
        if h[0] >= last:
            out.append(h)
            last = h[1]
    return out


@cache
def tokenizer() -> jieba.Tokenizer:
    """A jieba tokenizer of its own (the global one stays untouched) with the domain vocabulary."""
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    words = [*types(), *agencies(), *industries(), *roles(), *named()]
    for r in gazetteer.regions():
        words += [r.name, r.short]
    for w in words:
        if len(w) >= 2:
            tok.add_word(w, freq=2000)
    return tok


@cache
def firms() -> dict[str, str]:
    """Large firms by their short names (firms.tsv: SASAC's central enterprises, NFRA's large and
    joint-stock banks, CEC's 2023 top-500 brands, the foreign firms of Fortune's 2023 Global 500 by their Chinese
    names): surface → canonical name."""
    return {s: c for s, c, _src in _rows("firms.tsv")}


_BRAND_LISTS = frozenset({"CEC500", "FG500"})  # firms.tsv sources whose rows are brands


@cache
def brand_firms() -> frozenset[str]:
    """The firms.tsv surfaces taken from the top-500 lists (CEC500; FG500, foreign firms by their Chinese names):
    private, local and foreign brands, not central SOEs. They are read after the grammar's firm rules."""
    return frozenset(s for s, _c, src in _rows("firms.tsv") if src in _BRAND_LISTS)


@cache
def firm_automaton() -> ahocorasick.Automaton:
    return _automaton(dict(firms()))

"""The small tables in ``resources/`` (one public source per line): read once, cached.

``place_aliases.tsv``, ``host_aliases.tsv``, ``synonyms.tsv``: ``canonical<TAB>variants<TAB>source``
(variants comma-separated); ``broader.tsv`` (1.3) and ``broader_host.tsv`` (1.4, one host only):
``broader<TAB>narrower terms<TAB>source``;
``distinguishing.txt``: characters, ``#`` lines are comments. ``disciplines.tsv`` (1.7, GB/T 13745-2009:
``code<TAB>name<TAB>parent<TAB>words<TAB>source``) is read by ``disciplines.py``; ``observes.tsv`` (1.8:
``object<TAB>spellings<TAB>disciplines<TAB>source``) by ``observes.py``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent / "resources"


def _rows(name: str) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for line in (RESOURCES / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3 or not parts[2].strip():
            raise ValueError(f"{name}: every line needs canonical, variants and a source: {line!r}")
        out.append((parts[0].strip(), [v.strip() for v in parts[1].split(",") if v.strip()]))
    return out


def _replacer(name: str) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    table: dict[str, str] = {}
    for canonical, variants in _rows(name):
        for v in (canonical, *variants):  # the canonical form maps to itself (锡林 inside 锡林郭勒)
            table[v] = canonical
    if not table:
        return None, table
    alternation = "|".join(re.escape(v) for v in sorted(table, key=len, reverse=True))
    return re.compile(alternation), table


@lru_cache(maxsize=1)
def place_aliases() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    return _replacer("place_aliases.tsv")


@lru_cache(maxsize=1)
def synonyms() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    return _replacer("synonyms.tsv")


@lru_cache(maxsize=1)
def host_aliases() -> dict[str, str]:
    return {v: canonical for canonical, variants in _rows("host_aliases.tsv") for v in variants}


@lru_cache(maxsize=2)
def broader_terms(city: bool = False) -> dict[str, frozenset[str]]:
    """Term → the broader terms it falls under (itself included when it is a broader term):
    ``broader_terms()["野生棉"] == {"棉花"}``, ``"粮食作物"`` → {粮食作物, 农作物}. ``city``: the lines
    that may relate platforms of two hosts of one city (``broader.tsv`` only); else also the lines for
    platforms of one host (1.4: ``broader_host.tsv``)."""
    out: dict[str, set[str]] = {}
    rows = _rows("broader.tsv") + ([] if city else _rows("broader_host.tsv"))
    for broad, narrower in rows:
        out.setdefault(broad, set()).add(broad)
        for term in narrower:
            out.setdefault(term, set()).add(broad)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=2)
def broader_pattern(city: bool = False) -> re.Pattern[str]:
    """Every term of the thesaurus (``broader_terms(city)``), longest first (one regex pass finds them
    in a subject)."""
    return re.compile("|".join(re.escape(t) for t in sorted(broader_terms(city), key=len, reverse=True)))


@lru_cache(maxsize=1)
def distinguishing_chars() -> frozenset[str]:
    text = (RESOURCES / "distinguishing.txt").read_text(encoding="utf-8")
    return frozenset("".join(line.strip() for line in text.splitlines() if not line.startswith("#")))


def replace_all(text: str, table: tuple[re.Pattern[str] | None, dict[str, str]]) -> str:
    pattern, mapping = table
    if pattern is None or not text:
        return text
    return pattern.sub(lambda m: mapping[m.group(0)], text)

"""The units and features of the candidate filter for kinds other than industries (issue #21, design (a)).

A unit is what the scorer (ingest/policy/eval.py) counts once per document: a (canonical type, level class) pair
for platform types, a (count, canonical type, year) triple for targets, a distinct surface for named platforms.
Each unit's features describe its first mention in full (rule, the type's head characters, level word, the token
and POS on either side, a count or building verb before it, inside a named span, list position) and the rules and
number of its other mentions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from ingest.policy import lexicon as lx
from ingest.policy.eval import canon_type, level_class
from ingest.policy.extract.lexical import lcut

_COUNT_BEFORE = re.compile(r"(?:\d|[一二三四五六七八九十百千万两]+(?:个|家|批|类|所|座|项))|一批|各类|若干")


def _bucket(n: int, cuts: tuple[int, ...]) -> str:
    return next((str(c) for c in cuts if n <= c), "big")


def type_key(item: Any) -> str:
    return f"{canon_type(item.type)}|{level_class(item.level)}"


def target_key(item: Any) -> str:
    return f"{item.count}|{canon_type(item.type)}|{item.year}"


def _type_shape(name: str) -> list[str]:
    """The canonical type's head characters, category and whether the lexicon knows it."""
    t = canon_type(name)
    entry = lx.types().get(t)
    return [
        f"tsuf1={t[-1:]}",
        f"tsuf2={t[-2:]}",
        f"tsuf3={t[-3:]}",
        f"tpre2={t[:2]}",
        f"tlen={_bucket(len(t), (2, 3, 4, 5, 6, 8, 10, 13))}",
        f"cat={entry.category if entry else 'unmapped'}",
    ]


def _left(text: str, s: int) -> list[str]:
    """The two tokens before a mention (a governing verb sits there), and whether a count or 一批 precedes it."""
    window = text[max(0, s - 12) : s]
    toks = lcut(window) if window else ()
    l1 = toks[-1] if toks else "<S>"
    l2 = toks[-2] if len(toks) > 1 else "<S>"
    head = window[-8:]
    return [f"l1={l1}", f"l2={l2}", f"l12={l2}|{l1}", f"count_before={bool(_COUNT_BEFORE.search(head))}"]


def _sentence(text: str, s: int) -> list[str]:
    """Where the mention stands: list position, sentence start, a heading line."""
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", s)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    before = text[max(line_start, s - 40) : s]
    stop = max(before.rfind(c) for c in "。；;！？")
    clause = before[stop + 1 :]
    return [
        f"heading={len(line) <= 30 and not line.rstrip().endswith('。')}",
        f"clause_pos={_bucket(len(clause), (0, 2, 5, 10, 20))}",
        f"list_before={'、' in clause}",
        f"list_after={text[s : s + 40].split('。')[0].count('、') > 0}",
    ]


def type_features(text: str, items: Sequence[Any], inside: bool, report: bool) -> list[str]:
    first = items[0]
    s, e = first.span
    level = first.level or "none"
    feats = [
        f"rule={first.rule}",
        f"level={level}",
        f"lclass={level_class(first.level)}",
        f"core={first.core}",
        f"rule_level={first.rule}|{level_class(first.level)}",
        f"inside={inside}",
        f"report={report}",
        f"n={min(len(items), 5)}",
        f"rc={text[e : e + 1]}",
        f"rt={(lcut(text[e : e + 6]) or ('<E>',))[0] if e < len(text) else '<E>'}",
    ]
    feats += _type_shape(first.type) + _left(text, s) + _sentence(text, s)
    feats += sorted({f"anyrule={it.rule}" for it in items[1:]})
    feats += sorted({f"anylevel={it.level or 'none'}" for it in items[1:]})
    return feats


def target_features(text: str, items: Sequence[Any], inside: bool, report: bool) -> list[str]:
    first = items[0]
    s, _ = first.span
    feats = [
        f"rule={first.rule}",
        f"tkind={first.kind}",
        f"bound={first.bound}",
        f"year_rule={first.year_rule or 'none'}",
        f"year_none={first.year is None}",
        f"lclass={level_class(first.level)}",
        f"region={first.region is not None}",
        f"count={_bucket(first.count, (1, 2, 3, 5, 10, 20, 50, 100, 500, 1000, 5000))}",
        f"inside={inside}",
        f"report={report}",
        f"n={min(len(items), 4)}",
        f"kind_rule={first.kind}|{first.year_rule or 'none'}",
    ]
    feats += _type_shape(first.type) + _left(text, s) + _sentence(text, s)
    feats += sorted({f"anykind={it.kind}" for it in items[1:]})
    return feats


KEYS: dict[str, Callable[[Any], str]] = {"platform_types": type_key, "targets": target_key}
FEATURES: dict[str, Callable[[str, Sequence[Any], bool, bool], list[str]]] = {
    "platform_types": type_features,
    "targets": target_features,
}

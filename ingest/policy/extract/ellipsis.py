"""Kinds that share a head with the next list item (head ellipsis): 培育瞪羚、独角兽企业 names 瞪羚企业 and
独角兽企业; 布局概念验证和中试示范平台 names 概念验证平台 and 中试示范平台. Chinese drops the repeated head of
coordinated nouns; the first item is a kind only where its words plus the head make one the grammar knows
(a lexicon type, or a specific head such as 验证平台 / 孵化器), never for any word before a 、."""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.policy import lexicon as lx
from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import CJK, STOP_TOKENS, lcut, pos_table
from ingest.policy.extract.open_types import UNMAPPED, ends_in_specific_head, map_kind
from ingest.policy.extract.regions import REGIONS
from ingest.policy.extract.typehits import TypeHit

# the shared head of a kind: its last noun of place or organisation
_SHARED_HEAD = re.compile(r"(?:企业|平台|中心|基地|园区|工厂|车间|实验室|孵化器|加速器)$")
_LEVEL = re.compile(r"^(?:国家|全国|省|市|县|区)级?$|级$")
# words that govern the list rather than modify its first item (培育|瞪羚、独角兽企业)
_GOVERNING = re.compile(
    r"^(?:建设|培育|认定|布局|创建|打造|搭建|建立|设立|组建|共建|新建|引进|争创|支持|发展|推动|加快|强化|加强)$"
)
_BAD = re.compile(rf"[^{CJK}]|[一二三四五六七八九十百千万两几各等和与及批]")


def _item_starts(text: str, k: int) -> list[int]:
    """Token boundaries where the list item ending at k may start, nearest first: up to four tokens back,
    not past a stop word, a region or level word, a numeral or a governing verb."""
    starts: list[int] = []
    pos = k
    for tok in reversed(lcut(text[max(0, k - 10) : k])):
        if len(starts) == 4 or tok in STOP_TOKENS or tok in REGIONS or _LEVEL.search(tok) or _BAD.search(tok):
            break
        if _GOVERNING.match(tok):
            break
        pos -= len(tok)
        starts.append(pos)
    return starts


def _known(kind: str) -> bool:
    """A lexicon type, or a specific head with a modifier that does not start with a verb."""
    entry = lx.types().get(kind)
    if entry is not None:
        return not entry.flags & {"umbrella", "nameonly"}
    toks = lcut(kind)
    return ends_in_specific_head(kind) and bool(toks) and pos_table().get(toks[0], "n")[0] != "v"


def ellipsis_hits(
    doc: Doc, kinds: list[TypeHit], candidates: list[TypeHit], built: Callable[[int, int], bool]
) -> list[TypeHit]:
    """Kinds coordinated right before a kind whose head they share (…、X|head, …X和|Y head). Before an
    enterprise designation (flag `entity`) or a broad-head candidate no context test accepted, only where
    a building verb or a count governs the pair (`built`); the candidate is then a kind too."""
    text = doc.text
    out: list[TypeHit] = []
    for h, accepted in [(h, True) for h in kinds] + [(h, False) for h in candidates]:
        if h.start < 2 or h.start >= doc.body_end or h.entry.flags & {"umbrella", "nameonly"}:
            continue
        k = h.start - 1
        if text[k] not in "、和及与":
            continue
        head = _SHARED_HEAD.search(text, h.start, h.end)
        if head is None or head.end() != h.end or head.start() == h.start:
            continue
        items = _chain(text, k, head.group(0))
        if not items:
            continue
        if (not accepted or "entity" in h.entry.flags) and not built(items[-1][0], k):
            continue  # the verb or count governs the first item of the list (培育|雏鹰、瞪羚、独角兽企业)
        for s, e in items:
            kind = text[s:e] + head.group(0)
            typ, category = map_kind(kind)
            flags = frozenset({"open", "ellipsis"})
            entry = lx.TypeEntry(kind, typ, None if category == UNMAPPED else category, flags)
            out.append(TypeHit(s, s, e, entry, h.level, None, None))
        if not accepted:
            out.append(h)
    return out


def _chain(text: str, k: int, head: str) -> list[tuple[int, int]]:
    """The items (start, end) of a 、-list ending at k whose words plus the shared head make known kinds,
    nearest first: 雏鹰、瞪羚、|独角兽企业 → 瞪羚, 雏鹰. A list goes back over 、 only, and stops at the first
    item that makes no known kind."""
    items: list[tuple[int, int]] = []
    while len(items) < 6:
        found = [a for a in reversed(_item_starts(text, k)) if k - a >= 2 and _known(text[a:k] + head)]
        if not found:
            break
        items.append((found[0], k))  # the longest item that makes a known kind
        if found[0] < 2 or text[found[0] - 1] != "、":
            break
        k = found[0] - 1
    return items

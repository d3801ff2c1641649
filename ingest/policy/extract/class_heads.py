"""Class words of bodies as platform kinds (issue #21, round x-types13): 研究院 and 联合体.

Alone, the class word names any institute or consortium, or closes one's name after words the kind's phrase did
not take (建成市成果推广|研究院, 共建实验室、研究院等方式, 由其组成的|联合体), as 研发机构 / 研究机构 do
(`broad_types._COUNTED_ONLY`): no kind, unless a count makes it one (产业研究院55家). No tuning gold types either
word bare. With words of its own before it, a 研究院 that is counted or built (建设2个前沿材料研究院, 打造一批…,
建强30家高校…研究院) is a kind of institute the text names, which the golds type by the phrase (data/gold/
CONVENTIONS.md §7: "else the surface's own head"; the counted designations).
"""

from __future__ import annotations

import re

from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import lcut, pos_table
from ingest.policy.extract.open_types import mod_vocab, open_kind
from ingest.policy.extract.regions import region_before

BARE_CLASS = frozenset({"研究院", "联合体"})
_COUNT_AFTER = re.compile(r"\d+(?:\.\d+)?万?[家个所]")
_COUNT_BEFORE = re.compile(r"(?:\d+|[一二两三四五六七八九十百]+)\s*(?:余|多)?[家个所]$|一批$")
# a building verb right before the phrase (推动建设|…研究院, 组建|…): the text sets up one of the kind
_BUILT = re.compile(r"(?:建设|组建|新建|筹建|打造|布局|培育|建成|建强|设立|成立|创建|共建)(?:一批)?$")


def counted(text: str, s: int, e: int) -> bool:
    """A count right before [s, e) or right after it."""
    return bool(_COUNT_AFTER.match(text, e) or _COUNT_BEFORE.search(text, max(0, s - 8), s))


def bare_class(text: str, typ: str, s: int, e: int) -> bool:
    """The mention [s, e) is a bare class word (研究院, 联合体) that no count makes a kind."""
    return typ in BARE_CLASS and text[s:e] == typ and not counted(text, s, e)


def institute_phrase(doc: Doc, s: int, e: int) -> tuple[int, str, str | None] | None:
    """(start, kind, level) of the phrase a bare 研究院 at [s, e) closes, where the phrase is counted or built;
    None otherwise. A region glued before the words (某省|高等研究院) makes it one institute's name, no kind."""
    text = doc.text
    if text[s:e] != "研究院":
        return None
    found = open_kind(doc, s, e)
    if found is None or found[0] >= s:
        return None
    start, kind, level = found
    first = lcut(text[start:s])[0]
    if region_before(text, start) is not None or (first not in mod_vocab() and pos_table().get(first) == "v"):
        return None  # 某省|…研究院: one unit; 新增|研究院: the verb governs the bare word
    if not (counted(text, start, e) or _BUILT.search(text, max(0, start - 6), start)):
        return None
    return start, kind, level

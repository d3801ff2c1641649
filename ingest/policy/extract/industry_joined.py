"""Two fields joined by 及 before one industry head name one industry (issue #21, round x-inds8).

The genre coordinates a raw material or a product with its processing or its derived goods under one head:
食品及农产品加工产业, 铝及铝加工产业链, 肉牛肉羊及奶产业, 乳酸菌及其发酵制品产业链, 新能源及新能源装备制造业. The field
readers stop at the conjunction, so the whole went unread and the second half was read alone (制品产业链) or not
at all. The real golds keep such pairs whole (data/gold/README-real-dev7.md: "Pairs joined by 和 / 及 are kept
whole, as the dev4a, dev5 and dev6 golds keep them"). Read here: nouns before 及 (其), nouns or a verb of
production after it (GB/T 4754 names its classes by the object and the verb: 农副食品加工业), then the head. The
first noun starts after a boundary or a verb that governs the pair (实施|食品及…, 稳定|肉牛肉羊及…); 及其 with
nothing between it and the head (高新技术及其产业) joins a technology to its industry, which no gold labels.
"""

from __future__ import annotations

import re

from ingest.policy.extract.industry_grammar import Cand as _Cand
from ingest.policy.extract.lexical import CJK, GENERIC, is_hard_stop, is_stop, lcut, pos_table
from ingest.policy.extract.patterns import scan
from ingest.policy.extract.regions import REGIONS

# 及 (其) + up to eight characters + a head; not …产业化 (a process), …产业园 / 基地 / 集群 / 生态圈 (places and
# ecosystems of an industry) nor …产业发展基金 (a fund)
_JOINED = re.compile(rf"及(其)?([{CJK}]{{1,8}}?)(产业链|产业|制造业|加工业)(?![化园基集区体生联协政规]|发展基金)")
# verbs of production after the second noun (农产品|加工, 装备|制造): the object-verb order of GB/T 4754 names
_PRODUCTION = frozenset({"制造", "加工", "制药", "开发", "开采", "冶炼", "养殖", "种植", "生产", "发酵"})


def _content(tok: str) -> bool:
    """A noun of a field: CJK, no stop word, place, scope or generic modifier."""
    return (
        re.fullmatch(f"[{CJK}]+", tok) is not None
        and not is_stop(tok)
        and tok not in REGIONS
        and not GENERIC.match(tok)
        and pos_table().get(tok, "n")[0] in "nj"
    )


def _first_start(text: str, j: int) -> int:
    """Start of the nouns right before 及 at `j` (up to six characters), or -1 where they run on past that
    (the first noun is cut) or none stands there."""
    toks = lcut(text[max(0, j - 10) : j])
    start = j
    for t in reversed(toks):
        if not _content(t):
            break
        if j - start + len(t) > 6:
            return -1
        start -= len(t)
    if start == j:
        return -1
    before = text[start - 1 : start] if start > 0 else "。"
    if before and re.fullmatch(f"[{CJK}]", before) and not _governed(text, start):
        return -1  # a noun we could not read runs on before it
    return start


def _governed(text: str, start: int) -> bool:
    """The token before the first noun is a verb, a predicate adjective or a function word (实施|食品, 稳定|肉牛),
    not a noun."""
    toks = lcut(text[max(0, start - 6) : start])
    if not toks:
        return True
    last = toks[-1]
    tag = pos_table().get(last, "x")[0]
    return is_hard_stop(last) or is_stop(last) or tag in "vdpcu" or (tag == "a" and len(last) >= 2)  # 稳定|肉牛…


def _second_ok(second: str) -> bool:
    """Nouns, with verbs of production among them (农产品加工, 新能源装备制造, 发酵制品), or one noun character."""
    if len(second) == 1:  # 奶, 茶 (tagged zg, ng): one noun character as the whole second field
        return pos_table().get(second, "n")[0] not in "vdpcurmq"
    toks = lcut(second)
    return any(_content(t) for t in toks) and all(_content(t) or t in _PRODUCTION for t in toks)


def joined_fields(text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in scan(_JOINED, text):
        if not m.group(2) or not _second_ok(m.group(2)):
            continue
        s = _first_start(text, m.start())
        if s < 0:
            continue
        kind = "chain" if m.group(3) == "产业链" else "industry_field"
        out.append((s, m.end(), kind, "industry.joined_field", 0.7))
    return out

"""One surface that names two kinds: a bracketed alternative inside a kind's name (工程（技术）中心 = 工程中心 or
工程技术中心; 工程研究（技术）中心 = 工程研究中心 or 工程技术中心) and level words coordinated before one head
(国家和省实验室 = 国家实验室 + 省实验室; 国家级和省级重点实验室 = 重点实验室 at both levels) and quoted
designations stacked before one head (“雏鹰”“瞪羚”企业 = 雏鹰企业 + 瞪羚企业).

Chinese drops the part two readings share: the bracket holds a word that is either added to the name or
replaces the word before it, and coordinated level words share the head after them. The test README writes
the rule down ("when one surface names two types, it gets two rows: 工程研究(技术）中心 → 工程研究中心 +
工程技术研究中心"). A reading counts only where it is a kind the type lexicon knows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.policy import lexicon as lx
from ingest.policy.extract.doc import Doc

_CJK = "\u4e00-\u9fff"
# X（Y）Z where Z ends in a kind head: the bracket is inside one name, not an aside after it (开发区（高新区）)
_BRACKET = re.compile(
    rf"([{_CJK}]{{2,6}})[（(]([{_CJK}]{{1,4}})[）)]([{_CJK}]{{0,4}}?(?:中心|实验室|基地|平台|园区?|站))"
)
_OPEN = re.compile(r"[（(]")
# level words coordinated right before a kind's own level (国家和|省实验室, 国家级和|市级医药…中心)
_LEVELS_BEFORE = re.compile(r"(?:国家级?|全国)(?:和|、|及|与|以及)(?:(?:省|市|自治区)级?)?$")


@dataclass(frozen=True)
class SharedKind:
    start: int
    end: int
    type: str
    level: str | None


def _readings(x: str, y: str, z: str) -> list[str]:
    """The names X（Y）Z may stand for: without the bracket, with it, and with it replacing X's last word."""
    out = [x + z, x + y + z]
    if len(x) >= 4:
        out += [x[:-2] + y + z, x[:-2] + y + x[-2:] + z]
    return out


def bracket_kinds(doc: Doc) -> list[SharedKind]:
    """Kinds a bracketed alternative names: the readings of the shortest X of which the lexicon knows two
    distinct types (one known reading is the plain name, which the type lexicon reads already)."""
    types = lx.types()
    out: list[SharedKind] = []
    for b in _OPEN.finditer(doc.text, 0, doc.body_end):  # brackets are rare: look only around them
        m = _BRACKET.search(doc.text, max(0, b.start() - 6), min(doc.body_end, b.start() + 16))
        if m is None or m.end(1) != b.start():
            continue
        x, y, z = m.groups()
        for i in range(len(x) - 1, -1, -1):  # the words of the name end at the bracket: shortest X first
            found: dict[str, str] = {}
            for r in _readings(x[i:], y, z):
                e = types.get(r)
                if e is not None and not e.flags & {"umbrella", "nameonly"}:
                    found.setdefault(e.type, r)
            if len(found) >= 2:
                out += [SharedKind(m.start(1) + i, m.end(), t, None) for t in found]
                break
    return out


def level_twins(doc: Doc, start: int, typ: str, level: str | None) -> list[tuple[str, str]]:
    """(type, level) of the other levels a kind's coordinated level words name: 国家和|省实验室 → 国家实验室
    国家级; 国家级和省级|重点实验室 (one prefix) → 重点实验室 省级 too. A type named by its level (省实验室) has
    a national counterpart of its own (国家实验室) where the lexicon knows one; any other keeps its type."""
    text = doc.text
    if level == "国家级" and text.startswith(("国家级和省级", "国家和省级", "国家、省级"), start):
        return [(typ, "省级")]
    if level not in {"省级", "市级"} or _LEVELS_BEFORE.search(text, max(0, start - 8), start) is None:
        return []
    if typ.startswith("省"):
        e = lx.types().get("国家" + typ[1:])
        return [(e.type, "国家级")] if e is not None else []
    return [(typ, "国家级")]


# a quoted designation right before another that carries the head (“雏鹰”|“瞪羚”企业)
_QUOTED_BEFORE = re.compile(r"“([\u4e00-\u9fff]{2,6})”$")


_QUOTED_KIND = re.compile(r"“[\u4e00-\u9fff]{2,6}”([\u4e00-\u9fff]{2,4})")


def quoted_twins(doc: Doc, start: int, surface: str) -> list[tuple[int, str]]:
    """(start, kind) of quoted designations stacked before a quoted kind whose head they share: “雏鹰”“瞪羚”企业
    names 雏鹰企业 and 瞪羚企业 (Chinese drops the shared head of coordinated quoted names)."""
    m = _QUOTED_KIND.fullmatch(surface)
    if m is None:
        return []
    out: list[tuple[int, str]] = []
    pos = start
    while len(out) < 4:
        q = _QUOTED_BEFORE.search(doc.text, max(0, pos - 10), pos)
        if q is None:
            break
        out.append((q.start(), q.group(1) + m.group(1)))
        pos = q.start()
    return out

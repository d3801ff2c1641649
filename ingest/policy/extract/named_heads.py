"""The type head of a named platform or zone as a type mention (test / holdout and dev2–dev4 READMEs: "the type
head of a named platform or zone is also a type mention": 现代农业省实验室 → 省实验室 省级, 中国（甘肃）自由贸易试验区
→ 自由贸易试验区 国家级, 国家级建筑技术创新中心寒地研发中心 → 技术创新中心 国家级).

Two conditions state where the seeds and constructed golds do not count a head, as grammar:

- The name is a member of a list of names (沈阳材料科学国家研究中心、国家机器人技术创新中心等重大创新平台; 依托武汉光电
  国家研究中心、华中科技大学等单位; 浦东新区、中国（上海）自由贸易试验区及临港新片区): the members are cited as
  examples of a class or as places, and the class after 等, if any, is their kind (`platform_types._class_of_kinds`).
  A name alone — the object of a verb (申建, 建设, 落户) — is the designation itself.
- The level is marked by the kind's own words or by a level word before the name: 省实验室, a province's 实验室
  (`regional`), a kind the State Council approves (`national`), 国家研究中心, or 国家级 / 省级 right before the name.
  A head with no level (碳纤维产业技术研究院, 国家轨道客车系统集成工程技术研究中心 — 国家 there names the sponsor of one
  centre, not a kind the text addresses) or a level only from a region word (宁夏研究院 of 数字宁夏研究院: where, not
  which rank) is the tail of a proper name.
"""

from __future__ import annotations

import re

from ingest.policy.extract.typehits import TypeHit

_QUOTES = '“”"「」『』‘’《》'
_COORD = ("、", "和", "及", "与", "以及")
_LEVEL_WORD = re.compile(r"(国家级|省级|自治区级|市级)$")
# a list the name opens, closed by 等 before any clause break (X、华中科技大学等单位); not 高等 / 平等 / 等级
_DENG_LATER = re.compile(r"[^，。；：！？,;:!?\n]{0,30}?(?<![高平同对均])等(?!级)")
# the head of a place or platform ending the item before a coordinator (…综合示范区和中国（北京）自由贸易试验区)
_PLACE_HEAD = ("区", "园", "城", "港", "中心", "实验室", "基地", "平台")


def _prev_end(text: str, a: int) -> int | None:
    """Where the item before a coordinator ending at a ends (skipping quotes), else None."""
    i = a
    while i > 0 and text[i - 1] in _QUOTES:
        i -= 1
    for c in _COORD:
        if text.endswith(c, 0, i):
            j = i - len(c)
            while j > 0 and text[j - 1] in _QUOTES:
                j -= 1
            return j
    return None


def _next_start(text: str, b: int) -> int | None:
    """Where the item after a coordinator at b starts (skipping quotes), else None."""
    i = b
    while i < len(text) and text[i] in _QUOTES:
        i += 1
    for c in _COORD:
        if text.startswith(c, i):
            j = i + len(c)
            while j < len(text) and text[j] in _QUOTES:
                j += 1
            return j
    return None


def in_name_list(text: str, span: tuple[int, int], starts: set[int], ends: set[int]) -> bool:
    """The named span is one member of a list of names, or closes one with 等 (X等平台)."""
    a, b = span
    k = b
    while k < len(text) and text[k] in _QUOTES:
        k += 1
    if text.startswith("等", k):
        return True
    pe, ns = _prev_end(text, a), _next_start(text, b)
    if pe is not None and (pe in ends or text.endswith(_PLACE_HEAD, 0, pe)):
        return True
    return ns is not None and (ns in starts or _DENG_LATER.match(text, ns) is not None)


def head_level(text: str, h: TypeHit, span: tuple[int, int]) -> str | None:
    """The level of a named span's type head when the kind's words or a level word before the name mark it;
    None when nothing but a region (or nothing) does."""
    flags = h.entry.flags
    if h.level is not None and (h.region is None or "regional" in flags or "national" in flags):
        return h.level
    m = _LEVEL_WORD.search(text, max(0, span[0] - 4), span[0])
    if m is not None:
        return "国家级" if m.group(1) == "国家级" else ("市级" if m.group(1) == "市级" else "省级")
    return None

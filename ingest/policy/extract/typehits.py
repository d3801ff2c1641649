"""Platform-type hits: dictionary matches of a type with their region / level / co-built prefixes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.text import gazetteer, taxonomy
from ingest.policy import lexicon as lx
from ingest.policy.extract.lexical import CJK
from ingest.policy.extract.regions import region_before


@dataclass
class TypeHit:
    start: int  # incl. prefixes
    core_start: int
    end: int
    entry: lx.TypeEntry
    level: str | None
    cobuilt: str | None
    region: gazetteer.Region | None

    @property
    def type(self) -> str:
        if self.cobuilt and self.entry.type in {"重点实验室", "国家重点实验室", "国家实验室", "临床医学研究中心"}:
            base = self.entry.type
            if self.cobuilt == "省部共建" and self.level == "国家级" and base == "重点实验室":
                return "省部共建国家重点实验室"
            return self.cobuilt + base
        return self.entry.type


def _prefix_ends() -> frozenset[str] | None:
    """The last characters of the level / co-built prefixes (None if one is empty)."""
    rows = lx.prefixes()
    return frozenset(p[-1] for p, _, _ in rows) if all(p for p, _, _ in rows) else None


def _prefixes_before(text: str, start: int, ends: frozenset[str] | None) -> list[tuple[str, str, str | None]]:
    """The prefixes to try before start: none where the character before it ends none of them (at start 0 all:
    startswith with a negative start reads the end of the text)."""
    if ends is not None and start > 0 and text[start - 1] not in ends:
        return []
    return lx.prefixes()


def find_types(text: str) -> list[TypeHit]:
    hits: list[TypeHit] = []
    ends = _prefix_ends()
    for s, e, _surface, entry in lx.longest_matches(lx.type_automaton(), text):
        assert isinstance(entry, lx.TypeEntry)
        start, level, cobuilt, region = s, None, None, None
        if "regional" in entry.flags:
            rb = region_before(text, s)
            if rb is None or gazetteer.province_of(rb[1]) != rb[1]:
                continue
            start, region, level = rb[0], rb[1], "省级"
        for _ in range(3):
            rb = region_before(text, start)
            if rb is not None:
                start, region = rb
                level = level or ("省级" if rb[1].level == "province" else "市级")
                continue
            for p, lv, cb in _prefixes_before(text, start, ends):
                if text.startswith(p, start - len(p)):
                    if len(p) == 1 and start >= 2 and text[start - 2] in "全本我该各外跨分每":
                        continue
                    if (
                        p in {"市", "自治区"}
                        and start - len(p) >= 1
                        and re.match(f"[{CJK}]", text[start - len(p) - 1])
                        and text[start - len(p) - 1] not in "和及与、建设的对在"
                    ):
                        continue
                    start -= len(p)
                    if cb:
                        cobuilt = cb
                    level = level or lv
                    break
            else:
                break
        end = e + 2 if text[e : e + 2] == "试点" else e
        if entry.type.endswith("实验室") and text[e : e + 2] == "基地":
            # a laboratory's base is a kind of its own (国家实验室基地, 全国重点实验室基地)
            entry = lx.TypeEntry(entry.surface + "基地", entry.type + "基地", entry.category, entry.flags)
            end = e + 2
        if "national" in entry.flags:
            level = "国家级"  # 中国（河南）自由贸易试验区: a province names it, the State Council approves it
        if level is None and (entry.surface.startswith(("国家", "全国")) or "国家" in entry.surface[2:]):
            level = "国家级"
        spec = taxonomy.canonical_type(entry.type)
        if level is None and spec is not None and spec.default_level and entry.surface == spec.name:
            level = spec.default_level  # 省部共建国家重点实验室 is national by name
        hits.append(TypeHit(start, s, end, entry, level, cobuilt, region))
    return hits

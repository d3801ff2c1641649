"""The document context every rule reads: normalised text, sentences, type hits."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from app.text import gazetteer
from ingest.policy.extract.typehits import TypeHit, find_types
from ingest.policy.models import DocNumber

# A "sentence" is capped at 2,000 characters: a text without sentence ends (issue 7, bench/heavy_inputs.py)
# made every per-mention look at its sentence scan the whole text (1 MB: 50 s). Real sentences are shorter.
_SENT = re.compile(r"[^。;!?\n]{1,2000}")


_HEADING = re.compile(
    r"(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章节部分]|\([一二三四五六七八九十]+\)|到\s*20\d{2}\s*年"
    r"|(?:19|20)\d{2}\s*年(?!\s*\d{1,2}\s*月)(?=[^,。;:!?]{0,12}$))"  # a short line 2024年工作回顾 heads a section too
)
# paragraphs that open a work report's review of the past year / its plan for this year
_REVIEW = re.compile(
    r"^(?:[一二三四五六七八九十]+、\s*)?(?:各位代表[!,:]?)?(?:回顾)?过去(?:的)?一年"
)  # 一、过去一年工作回顾
_THIS_YEAR = re.compile(r"^今年[是,]")
# a paragraph opening 2024年是… (a work report's review) or 2025年是… (its plan) states that year
_YEAR_IS = re.compile(r"^((?:19|20)\d{2})\s*年是")
_PERIOD_YEAR = {"十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}


def _stated_year(line: str) -> int | None:
    m = re.search(r"((?:19|20)\d{2})\s*[-—–~至]\s*((?:19|20)\d{2})\s*年", line)
    if m:
        return int(m.group(2))
    m = re.search(r"((?:19|20)\d{2})\s*年", line)
    if m:
        return int(m.group(1))
    for k, v in _PERIOD_YEAR.items():
        if k in line:
            return v
    return None


@dataclass
class Doc:
    text: str  # normalised (simplified, NFKC 1:1)
    raw: str
    body_end: int
    region: gazetteer.Region | None = None
    year: int | None = None
    own_numbers: list[DocNumber] = field(default_factory=list)
    memo: dict[str, object] = field(default_factory=dict)  # results computed once by later stages

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in _SENT.finditer(self.text)]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._sentence_starts, pos) - 1  # sentences are sorted and disjoint
        if i >= 0:
            s, e = self.sentences[i]
            if s <= pos < e:
                return s, e
        return pos, pos

    def q(self, s: int, e: int) -> str:
        return self.raw[s:e]

    @cached_property
    def year_headings(self) -> list[tuple[int, int]]:
        """(offset, year) of the title line and headings that state a year for what follows them: a plan
        period in the title (2021-2023年 → 2023), 一、2024年工作回顾, 到2025年, 十四五 (→ 2025)."""
        out: list[tuple[int, int]] = []
        pos = 0
        first = True
        for line in self.text[: self.body_end].split("\n"):
            start, pos = pos, pos + len(line) + 1
            stripped = line.strip()
            if not stripped:
                continue
            heading = len(stripped) <= 40 and _HEADING.match(stripped) is not None
            year = _stated_year(stripped) if (first and len(stripped) <= 200) or heading else None
            if year is not None:
                out.append((start, year))
            elif (first and len(stripped) <= 200) or (heading and not _REVIEW.match(stripped)):
                pass
            elif self.year is not None and _REVIEW.match(stripped):
                out.append((start, self.year - 1))  # a work report's review of the past year
            elif self.year is not None and _THIS_YEAR.match(stripped):
                out.append((start, self.year))
            elif (m := _YEAR_IS.match(stripped)) is not None:
                out.append((start, int(m.group(1))))
            first = False
        return out

    @cached_property
    def _heading_starts(self) -> list[int]:
        return [s for s, _ in self.year_headings]

    def heading_year(self, pos: int) -> int | None:
        """The year the nearest year-stating heading (or the title) before pos gives."""
        i = bisect.bisect_right(self._heading_starts, pos) - 1
        return self.year_headings[i][1] if i >= 0 else None

    @cached_property
    def type_hits(self) -> list[TypeHit]:
        return find_types(self.text)

    @cached_property
    def _by_start(self) -> list[TypeHit]:
        return sorted(self.type_hits, key=lambda h: h.start)

    @cached_property
    def _hit_starts(self) -> list[int]:
        return [h.start for h in self._by_start]

    def hits_between(self, s: int, e: int) -> list[TypeHit]:
        """Type hits lying inside [s, e) (hits are sorted by start; no copy of the list's tail per call)."""
        lo, hi = bisect.bisect_left(self._hit_starts, s), bisect.bisect_left(self._hit_starts, e)
        return [self._by_start[i] for i in range(lo, hi) if self._by_start[i].end <= e]

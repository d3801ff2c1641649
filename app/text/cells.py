"""Cell-level parsing shared by the readers and the graph stage: names, lists, years, levels."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache, lru_cache

from app.text.normalise import to_simplified

# Several hosts / co-builders in one cell: 、 ， , ; ； / newline (docs/reference/inventory.md).
# Separators only; the blanks around them are stripped per part. `\s*[…]+\s*` was quadratic on a long run
# of blanks without a separator (every start position scanned the whole run).
_LIST_SEP = re.compile(r"[、，,;；/／\n]+")
_SPACES = re.compile(r"\s+")
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff）)])\s+(?=[\u3400-\u9fff（(])")
_YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)")
_ANY_SPACE = re.compile(r"\s")
_HAS_WORD = re.compile(r"[\u3400-\u9fffA-Za-z]")


def split_list(cell: str) -> list[str]:
    """依托单位 cells with several institutions → one item each, brackets kept intact."""
    if not cell:
        return []
    parts = [p.strip() for p in _LIST_SEP.split(cell)]
    if any("(" in p or "（" in p for p in parts):
        parts = _rejoin_brackets(parts)
    return [p for p in (tidy(x) for x in parts) if p]


def _rejoin_brackets(parts: list[str]) -> list[str]:
    """A separator inside brackets (大连理工大学（盘锦、大连）) does not split."""
    out: list[str] = []
    depth = 0
    for part in parts:
        if depth > 0 and out:
            out[-1] = out[-1] + "、" + part
        else:
            out.append(part)
        depth += part.count("(") + part.count("（") - part.count(")") - part.count("）")
        depth = max(depth, 0)
    return out


def tidy(text: str) -> str:
    """Published surface, tidied: outer whitespace gone, spaces between CJK characters dropped."""
    text = text.strip()
    if not text or not _ANY_SPACE.search(text):
        return text
    text = _CJK_SPACE.sub("", text)
    return _SPACES.sub(" ", text)


@cache
def _traditional_chars() -> frozenset[str]:
    """Characters zhconv would change when simplifying (its single-character table)."""
    from zhconv import zhconv as zc

    # Single-character entries only: phrase entries also list simplified characters in context
    # (they would make every name look traditional), and to_simplified converts per character anyway
    # whenever a phrase would change the length.
    return frozenset(k for k, v in zc.getdict("zh-cn").items() if len(k) == 1 and k != v)


def simplified(text: str) -> str:
    """to_simplified, skipped when no character of the text has a simplified form (most rows): the
    conversion scans its phrase table and costs ~15 µs a name."""
    trad = _traditional_chars()
    if trad and trad.isdisjoint(text):
        return text
    return to_simplified(text)


def norm_name(text: str) -> str:
    """The matching form of a name: simplified, NFKC (full-width → ASCII brackets/digits), no spaces."""
    text = simplified(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text.replace(" ", "").replace("\u3000", "")


def looks_like_name(text: str) -> bool:
    return bool(_HAS_WORD.search(text)) and len(text) <= 120


@lru_cache(maxsize=4096)
def parse_year(cell: str) -> int | None:
    """2019 / 2019年 / 2019-05-12 / 2019.5 / 2019年5月 / an Excel serial date → the year."""
    m = _YEAR.search(cell)
    if m:
        return int(m.group(1))
    digits = cell.strip()
    if digits.isdigit() and 15000 <= int(digits) <= 60000:  # Excel serial day number
        return (dt.date(1899, 12, 30) + dt.timedelta(days=int(digits))).year
    return None


NATIONAL, PROVINCIAL, MUNICIPAL = "国家级", "省级", "市级"


@lru_cache(maxsize=1024)
def parse_level(cell: str) -> str | None:
    c = to_simplified(cell)
    if "国家" in c or "全国" in c:
        return NATIONAL
    if "省" in c or "自治区" in c or "直辖市" in c:
        return PROVINCIAL
    if "市" in c or "地区" in c or "州" in c:
        return MUNICIPAL
    return None


_STATUS = (
    ("不合格", "不合格"),
    ("撤销", "撤销"),
    ("摘牌", "撤销"),
    ("整改", "整改"),
    ("优秀", "优秀"),
    ("良好", "良好"),
    ("合格", "合格"),
    ("整合", "整合"),
    ("转建", "转建"),
    ("在建", "在建"),
    ("建设", "在建"),
    ("培育", "在建"),
    ("验收", "验收"),
    ("运行", "运行"),
    ("正常", "运行"),
)


@lru_cache(maxsize=4096)
def parse_status(cell: str) -> str:
    """Canonical status word when one is recognisable, else the simplified cell as published."""
    c = to_simplified(cell.strip())
    for word, canon in _STATUS:
        if word in c:
            return canon
    return c

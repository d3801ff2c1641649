"""Counts written in Chinese numerals or mixed with digits (三百五十家, 两千个, 1.2万家, 十余个, 百家).

jionlp was measured and not adopted (docs/reference/extract.md): it has no general numeral parser. This one
reads the forms counts take in policy texts; anything else gives None.
"""

from __future__ import annotations

import re

_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNIT = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
_MIXED = re.compile(r"^(\d+(?:\.\d+)?)\s*([十百千万亿]*)$")


def _below_wan(s: str) -> int | None:
    """Value of a numeral below 万 (三百五十 → 350, 十二 → 12, 二〇二三 → None: digit strings are years)."""
    total, digit = 0, None
    for ch in s:
        if ch in "零〇" and total and digit is None:
            continue  # 一百零五: 零 only marks the empty tens
        if ch in _DIGIT:
            if digit is not None:
                return None  # two digits in a row: 二〇 is a year or a code, not a count
            digit = _DIGIT[ch]
        elif ch in _UNIT:
            total += (1 if digit is None else digit) * _UNIT[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def parse_count(s: str) -> float | None:
    """The value of a count's numeral.

    >>> parse_count("三百五十")
    350.0
    >>> parse_count("两千")
    2000.0
    >>> parse_count("1.2万")
    12000.0
    >>> parse_count("十")
    10.0
    >>> parse_count("百")
    100.0
    >>> parse_count("一百零五")
    105.0
    >>> parse_count("三万五千")
    35000.0
    >>> parse_count("2.49万")
    24900.0
    >>> parse_count("30")
    30.0
    >>> parse_count("二〇二三") is None
    True
    >>> parse_count("几") is None
    True
    """
    s = s.strip()
    if not s:
        return None
    m = _MIXED.match(s)
    if m:
        value = float(m.group(1))
        for ch in m.group(2):
            value *= {"十": 10, "百": 100, "千": 1000, "万": 10000, "亿": 100000000}[ch]
        return round(value, 6)
    total = 0
    for big, scale in (("亿", 100000000), ("万", 10000)):
        if big in s:
            head, s = s.split(big, 1)
            v = _below_wan(head) if head else 1
            if v is None:
                return None
            total += v * scale
    if s:
        rest = _below_wan(s)
        if rest is None:
            return None
        total += rest
    return float(total)

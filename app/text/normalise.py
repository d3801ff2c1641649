"""Text normalisation that keeps code-point offsets: every span found in the normalised text
addresses the same characters of the raw decoded text."""

from __future__ import annotations

import re
import unicodedata
from functools import cache


@cache
def t2s_table() -> dict[int, str]:
    """Traditional → simplified for every character zhconv maps to exactly one character.

    Per character, never by phrase: zhconv's phrase table may map a phrase to one of another length,
    and offsets must carry over unchanged (one str.translate pass is also ~10× faster than zhconv)."""
    import zhconv.zhconv as zc

    zc.loaddict()
    return {ord(k): v for k, v in zc.zhcdicts["zh2Hans"].items() if len(k) == 1 and len(v) == 1 and k != v}


@cache
def nfkc_table() -> dict[int, str]:
    """NFKC per BMP character where it yields exactly one character (full-width digits, letters and
    punctuation → ASCII); characters whose NFKC form is longer (e.g. ㈠) stay as they are."""
    table: dict[int, str] = {}
    for cp in range(0x80, 0x10000):
        n = unicodedata.normalize("NFKC", chr(cp))
        if len(n) == 1 and n != chr(cp):
            table[cp] = n
    return table


@cache
def _normalise_table() -> dict[int, str]:
    t2s = t2s_table()
    nfkc = nfkc_table()
    table = dict(nfkc)
    for cp, simp in t2s.items():
        table[cp] = nfkc.get(ord(simp), simp)
    return table


def to_simplified(text: str) -> str:
    """Traditional → simplified, character by character, so the length never changes."""
    return text.translate(t2s_table())


def nfkc_same_length(text: str) -> str:
    """Length-preserving NFKC (see nfkc_table)."""
    return text.translate(nfkc_table())


def is_traditional(text: str, sample: int = 4000) -> bool:
    """True when a noticeable share (> 3 %) of the CJK characters change under t→s conversion."""
    chunk = text[:sample]
    conv = to_simplified(chunk)
    cjk = sum(1 for c in chunk if "\u4e00" <= c <= "\u9fff")
    changed = sum(1 for a, b in zip(chunk, conv, strict=True) if a != b)
    return cjk > 0 and changed / cjk > 0.03


# `^[^\S\n]*`, not `^\s*`: \s also eats newlines, so every line start of a run of blank lines re-scanned the
# rest of the run (1 MB of newlines: minutes). footer_start moves the start back over the blank lines.
_FOOTER = re.compile(
    r"^[^\S\n]*(?:主办单位|版权所有|Copyright|copyright|友情链接|技术支持|网站标识码|关闭窗口|附件下载|"
    r"[^\n]{0,20}ICP备|公安备案|地址[:：]|联系电话|学校地址)",
    re.MULTILINE,
)


def _blank_run_start(text: str, line_start: int) -> int:
    """The first line start of the blank lines (whitespace only) right before `line_start`."""
    j = line_start
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j == 0 or j == line_start:
        return j
    return text.index("\n", j) + 1


def footer_start(text: str, min_fraction: float = 0.6) -> int:
    """Offset where site footer boilerplate begins (len(text) when none): the first footer marker
    line in the last part of the text (with the blank lines before it)."""
    floor = int(len(text) * min_fraction)
    for m in _FOOTER.finditer(text):
        start = _blank_run_start(text, m.start())
        if start >= floor:
            return start
    return len(text)


def normalise(raw: str) -> str:
    """Simplified script + length-preserving NFKC in one pass; offsets into the result address `raw`."""
    out = raw.translate(_normalise_table())
    assert len(out) == len(raw), "normalisation must keep offsets"
    return out

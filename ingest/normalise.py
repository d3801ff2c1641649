"""Text normalisation that keeps code-point offsets: every span found in the normalised text
addresses the same characters of the raw decoded text."""

from __future__ import annotations

import re
import unicodedata

import zhconv


def to_simplified(text: str) -> str:
    """Traditional → simplified, character by character so the length never changes.

    zhconv's phrase table may map a multi-character phrase to one of another length; converting
    per character (its single-character table) keeps offsets aligned by construction.
    """
    if not text:
        return text
    parts: list[str] = []
    # Line by line: a whole-text length check could hide a +1 and a -1 that cancel out.
    for line in text.splitlines(keepends=True):
        conv = zhconv.convert(line, "zh-cn")
        if len(conv) != len(line):
            conv = "".join(_char_s(ch) for ch in line)
        parts.append(conv)
    return "".join(parts)


def _char_s(ch: str) -> str:
    c = zhconv.convert(ch, "zh-cn")
    return c if len(c) == 1 else ch


def nfkc_same_length(text: str) -> str:
    """NFKC per character where it yields exactly one character (full-width digits, letters and
    punctuation → ASCII); characters whose NFKC form is longer (e.g. ㈠) stay as they are."""
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
            continue
        n = unicodedata.normalize("NFKC", ch)
        out.append(n if len(n) == 1 else ch)
    return "".join(out)


def is_traditional(text: str, sample: int = 4000) -> bool:
    """True when a noticeable share of the CJK characters change under t→s conversion."""
    chunk = text[:sample]
    conv = zhconv.convert(chunk, "zh-cn")
    if len(conv) != len(chunk):
        conv = "".join(_char_s(c) for c in chunk)
    cjk = sum(1 for c in chunk if "\u4e00" <= c <= "\u9fff")
    changed = sum(1 for a, b in zip(chunk, conv, strict=True) if a != b)
    return cjk > 0 and changed / cjk > 0.03


_FOOTER = re.compile(
    r"^\s*(?:主办单位|版权所有|Copyright|copyright|友情链接|技术支持|网站标识码|关闭窗口|附件下载|"
    r"[^\n]{0,20}ICP备|公安备案|地址[:：]|联系电话|学校地址)",
    re.MULTILINE,
)


def footer_start(text: str, min_fraction: float = 0.6) -> int:
    """Offset where site footer boilerplate begins (len(text) when none): the first footer marker
    line in the last part of the text."""
    floor = int(len(text) * min_fraction)
    for m in _FOOTER.finditer(text):
        if m.start() >= floor:
            return m.start()
    return len(text)


def normalise(raw: str) -> str:
    """Simplified script + length-preserving NFKC; offsets into the result address `raw`."""
    out = nfkc_same_length(to_simplified(raw))
    assert len(out) == len(raw), "normalisation must keep offsets"
    return out

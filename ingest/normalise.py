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

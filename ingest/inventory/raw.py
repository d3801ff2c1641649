"""The raw shapes every reader returns: tables of (source row number, cell texts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class RawTable:
    sheet: str  # sheet / table name ("" for a single-table source)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


@dataclass
class RawSource:
    format: str  # csv | xlsx | docx | html | text
    encoding: str | None
    tables: list[RawTable]
    text: str | None = None  # decoded text, for sources that may be numbered lists
    # source lines that could not be read as rows: (row number, reason, the line as far as it decodes)
    bad_rows: list[tuple[int, str, str]] = field(default_factory=list)


def cell_text(value: object) -> str:
    """A cell as text: years stay years (2019.0 → 2019), dates become ISO, whitespace is tidied
    (newlines kept: they separate several hosts in one cell)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if "\u3000" in text or "\xa0" in text or "\r" in text:
        text = text.replace("\u3000", " ").replace("\xa0", " ").replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()

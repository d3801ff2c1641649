"""Raw table readers: every supported file becomes a list of tables of (row number, cells).

Row numbers are the source's own 1-based numbers (CSV record line, XLSX sheet row, DOCX/HTML table row,
text line) so that a reject or an Evidence row points at what a person sees when opening the file.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from app.model.errors import InputError
from ingest.inventory.raw import RawSource, RawTable, cell_text
from ingest.inventory.xlsx_fast import read_xlsx_fast as _read_xlsx_fast

__all__ = ["RawSource", "RawTable", "cell_text", "read_source"]

TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".docx", ".html", ".htm", ".txt", ".md")


def decode_bytes(data: bytes, path: Path) -> tuple[str, str]:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK/GB2312).

    A NUL character is refused here: FalkorDB reads query text as a C string, so a NUL in any cell
    made the store reject the whole file mid-load (found by tests/hardening)."""
    text, encoding = _decode_any(data, path)
    if "\x00" in text:
        raise InputError(path, text.index("\x00"), "NUL character in the text (a binary or corrupt file)")
    return text, encoding


def _decode_any(data: bytes, path: Path) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", path), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(path, None, "cannot detect the text encoding (tried UTF-8, GB18030, detection)")
    return str(best), best.encoding


def _decode(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, exc.start, f"invalid {encoding} byte sequence") from exc


MAX_RECORD_LINES = 50  # physical lines one CSV record may span (cells with line breaks are short)


def read_csv(path: Path, data: bytes | None = None) -> RawSource:
    """Rows of a CSV / TSV. A line that cannot be a row is reported in ``bad_rows`` and the other rows
    read: an unclosed quote (its cell would swallow the next rows), bytes of another encoding in a UTF-8
    file."""
    raw = path.read_bytes() if data is None else data
    text, encoding, bad = _decode_rows(raw, path)
    first = text[: text.find("\n")] if "\n" in text else text
    delimiter = max((",", "\t", ";", "|"), key=first.count) if first else ","
    table = RawTable("")
    lines: list[str] | None = None  # split only when a bad line makes reading start again
    source: Iterable[str] = io.StringIO(text, newline="")
    pos = 0  # lines consumed before the current reader
    while True:
        end = _csv_rows(source, pos, delimiter, path, table.rows)
        if end is None:
            return RawSource("csv", encoding, [table], None, sorted(bad))
        if lines is None:
            lines = io.StringIO(text, newline="").readlines()
        line, reason = end
        if line > len(lines):
            raise InputError(path, None, f"CSV syntax error at line {line}: {reason}")
        bad.append((line, "unclosed quote: the line is not read as a row (fix the quote)", lines[line - 1].rstrip()))
        pos = line
        source = iter(lines[pos:])


def _csv_rows(
    source: Iterable[str], pos: int, delimiter: str, path: Path, rows: list[tuple[int, list[str]]]
) -> tuple[int, str] | None:
    """Append the records of ``source`` (line numbers offset by ``pos``) to ``rows``; None at the end,
    else (the line of an unclosed quote, why) — reading starts again after it. A record whose quoted
    cell runs over lines that look like rows, or to the end of the file, is no record."""
    reader = csv.reader(source, delimiter=delimiter)
    end = 0
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num
            if end > start or (cells and "\n" in cells[-1]):  # a quoted cell ran on: an unclosed quote?
                if _swallows_rows(cells, delimiter):
                    return pos + start, "unclosed quote"
                if end - start >= MAX_RECORD_LINES:
                    raise InputError(
                        path,
                        None,
                        f"CSV: a quoted cell starting on line {pos + start} runs over {end - start + 1} lines "
                        "(an unbalanced quote?); fix that quote and load the file again",
                    )
            if any(cells):
                # str.strip() is enough here (CSV cells are text); cell_text costs a call per cell
                rows.append((pos + end, [c.strip() for c in cells]))
    except csv.Error as exc:  # e.g. the file ends inside a quoted cell
        return pos + end + 1, str(exc)
    return None


def _swallows_rows(cells: list[str], delimiter: str) -> bool:
    """A cell with a line break and delimiters in it: the rows an unclosed quote swallowed, or the rest of
    the file after one (a cell with line breaks in a published list holds a few names, not delimited
    rows)."""
    return any(c.count(delimiter) >= 2 for c in cells if "\n" in c)


def _decode_rows(raw: bytes, path: Path) -> tuple[str, str, list[tuple[int, str, str]]]:
    """decode_bytes, except for a UTF-8 file with a few lines in another encoding: those lines are
    reported (row, reason) and left out, the others read (else GB18030 would turn the whole file into
    mojibake)."""
    bad: list[tuple[int, str, str]] = []
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        text, encoding = decode_bytes(raw, path)
    except InputError:  # not one encoding: perhaps UTF-8 but for a few lines (else raised again below)
        text, encoding = "", ""
    if encoding.startswith("utf-"):
        return text, encoding, bad
    mixed = _utf8_lines(raw[3:] if bom else raw, path, bad)
    if mixed is not None:
        return mixed, "utf-8-sig" if bom else "utf-8", bad
    if not encoding:
        text, encoding = decode_bytes(raw, path)  # raises the error it raised
    return text, encoding, []


def _utf8_lines(body: bytes, path: Path, bad: list[tuple[int, str, str]]) -> str | None:
    """The UTF-8 lines of a file whose other lines are not UTF-8, when the file is clearly UTF-8 (most
    lines with non-ASCII text decode, at most a tenth do not); None otherwise."""
    lines = body.split(b"\n")
    out: list[str] = []
    non_ascii = 0
    for i, line in enumerate(lines, 1):
        if line.isascii():
            out.append(line.decode("ascii"))
            continue
        non_ascii += 1
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            reason = f"not UTF-8 like the rest of the file (byte {exc.start} of the line: another encoding?)"
            bad.append((i, reason, line.decode("utf-8", errors="replace").rstrip()))
            out.append("")
            if len(bad) > 3 and len(bad) * 10 > non_ascii:
                return None  # not UTF-8 (a GB18030 file): stop early
    if not bad or len(bad) * 10 > non_ascii or non_ascii - len(bad) < 3:
        return None
    text = "\n".join(out)
    if "\x00" in text:
        raise InputError(path, text.index("\x00"), "NUL character in the text (a binary or corrupt file)")
    return text


def read_xlsx(path: Path) -> RawSource:
    fast = _read_xlsx_fast(path)
    if fast is not None:
        return fast
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise InputError(path, None, f"not a readable XLSX workbook: {exc}") from exc
    tables: list[RawTable] = []
    try:
        for ws in wb.worksheets:
            table = RawTable(ws.title)
            for i, values in enumerate(ws.iter_rows(values_only=True), start=1):
                cells = [cell_text(v) for v in values]
                if any(cells):
                    table.rows.append((i, cells))
            tables.append(table)
    finally:
        wb.close()
    return RawSource("xlsx", None, tables, None)


def read_docx(path: Path) -> RawSource:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zipfile/KeyError/ValueError for damaged files
        raise InputError(path, None, f"not a readable DOCX document: {exc}") from exc
    tables: list[RawTable] = []
    for t_index, tbl in enumerate(document.tables, start=1):
        table = RawTable(f"table{t_index}")
        for r_index, row in enumerate(tbl.rows, start=1):
            cells = [cell_text(c.text) for c in row.cells]
            if any(cells):
                table.rows.append((r_index, cells))
        tables.append(table)
    text = "\n".join(p.text for p in document.paragraphs)
    return RawSource("docx", None, tables, text)


class _HtmlTables(HTMLParser):
    """Cells of every <table>, with colspan padding and rowspan carried into the rows below."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.text_parts: list[str] = []
        self._stack: list[list[list[str]]] = []
        self._spans: list[dict[int, tuple[int, str]]] = []
        self._cell: list[str] | None = None
        self._cell_attrs: tuple[int, int] = (1, 1)
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "table":
            self._stack.append([])
            self._spans.append({})
        elif tag == "tr" and self._stack:
            self._stack[-1].append([])
            self._fill_spans()
        elif tag in ("td", "th") and self._stack:
            self._cell = []
            self._cell_attrs = (_int(a.get("colspan")), _int(a.get("rowspan")))
        elif tag == "br":
            (self._cell if self._cell is not None else self.text_parts).append("\n")
        elif tag in ("p", "div", "li") and self._cell is None:
            self.text_parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th") and self._cell is not None and self._stack:
            text = cell_text("".join(self._cell))
            row = self._stack[-1][-1] if self._stack[-1] else None
            if row is not None:
                colspan, rowspan = self._cell_attrs
                col = len(row)
                row.append(text)
                row.extend([""] * (colspan - 1))
                if rowspan > 1:
                    self._spans[-1][col] = (rowspan - 1, text)
            self._cell = None
            self._fill_spans()
        elif tag == "table" and self._stack:
            self.tables.append(self._stack.pop())
            self._spans.pop()
        elif tag in ("p", "div", "li", "tr") and self._cell is None:
            self.text_parts.append("\n")

    def _fill_spans(self) -> None:
        if not self._stack or not self._stack[-1]:
            return
        row, spans = self._stack[-1][-1], self._spans[-1]
        while len(row) in spans:
            left, text = spans[len(row)]
            row.append(text)
            if left <= 1:
                del spans[len(row) - 1]
            else:
                spans[len(row) - 1] = (left - 1, text)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif not self._stack:
            self.text_parts.append(data)


def _int(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def read_html(path: Path) -> RawSource:
    text, encoding = decode_bytes(path.read_bytes(), path)
    parser = _HtmlTables()
    parser.feed(text)
    parser.close()
    tables = []
    for t_index, rows in enumerate(parser.tables, start=1):
        table = RawTable(f"table{t_index}")
        for r_index, cells in enumerate(rows, start=1):
            if any(cells):
                table.rows.append((r_index, cells))
        tables.append(table)
    return RawSource("html", encoding, tables, "".join(parser.text_parts))


def read_text(path: Path) -> RawSource:
    text, encoding = decode_bytes(path.read_bytes(), path)
    return RawSource("text", encoding, [], text)


def read_source(path: Path) -> RawSource:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(path, None, "no such file")
    if suffix in (".csv", ".tsv"):
        return read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix == ".docx":
        return read_docx(path)
    if suffix in (".html", ".htm"):
        return read_html(path)
    if suffix in (".txt", ".md"):
        return read_text(path)
    raise InputError(path, None, f"unsupported inventory format {suffix!r} (supported: {', '.join(TABLE_SUFFIXES)})")

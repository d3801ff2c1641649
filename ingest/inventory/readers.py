"""Raw table readers: every supported file becomes a list of tables of (row number, cells).

Row numbers are the source's own 1-based numbers (CSV record line, XLSX sheet row, DOCX/HTML table row,
text line) so that a reject or an Evidence row points at what a person sees when opening the file.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from app.model.errors import InputError

TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".docx", ".html", ".htm", ".txt", ".md")


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


MAX_RECORD_LINES = 50  # physical lines one CSV record may span (cells with line breaks are short)


def read_csv(path: Path, data: bytes | None = None) -> RawSource:
    raw = path.read_bytes() if data is None else data
    text, encoding = decode_bytes(raw, path)
    first = text[: text.find("\n")] if "\n" in text else text
    delimiter = max((",", "\t", ";", "|"), key=first.count) if first else ","
    table = RawTable("")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = table.rows
        end = 0
        for cells in reader:
            start, end = end + 1, reader.line_num
            if end - start >= MAX_RECORD_LINES:
                # A stray quote swallows every following line into one cell up to the next quote: hundreds
                # of rows vanished without a reject (bench/heavy_inputs.py). A cell is never that long.
                raise InputError(
                    path,
                    None,
                    f"CSV: a quoted cell starting on line {start} runs over {end - start + 1} lines "
                    "(an unbalanced quote?); fix that quote and load the file again",
                )
            if any(cells):
                # str.strip() is enough here (CSV cells are text); cell_text costs a call per cell
                rows.append((reader.line_num, [c.strip() for c in cells]))
    except csv.Error as exc:
        raise InputError(path, None, f"CSV syntax error at line {reader.line_num}: {exc}") from exc
    return RawSource("csv", encoding, [table], None)


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


# --- XLSX: openpyxl's read-only values, read faster -------------------------------------------------

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _C, _V, _IS, _T, _F, _DIM, _SD = (_MAIN + t for t in ("row", "c", "v", "is", "t", "f", "dimension", "sheetData"))


class _Unsupported(Exception):
    """Something the fast XLSX path does not reproduce: openpyxl reads the file instead."""


def _read_xlsx_fast(path: Path) -> RawSource | None:
    """``read_xlsx``'s exact result for workbooks in a common subset, ≈ 5× cheaper (a 25k-row sheet: ≈ 85 →
    ≈ 15 CPU-µs per row); None when the file is outside it (or anything fails: openpyxl then reads it and
    reports as before).

    openpyxl's read-only mode parsed every sheet twice (once at load only to look for a <dimension>
    element, which openpyxl-written files lack, so the whole sheet) and built a dict per cell and an object
    per inline string. Here the workbook parts (content types, shared strings, sheets, styles) are still
    read by openpyxl's own reader; only the sheet XML is read with lxml, reproducing
    ``ReadOnlyWorksheet.iter_rows(values_only=True)``: rows numbered as it numbers them (gaps filled, rows
    past the dimension's last row dropped), widths from the dimension or the row's last cell, values as
    ``WorkSheetParser.parse_cell`` makes them (numbers cast, booleans, shared and inline strings). Outside
    the subset: date-formatted numbers, 'd' cells, rich or phonetic inline strings, DTDs, non-UTF-8 XML."""
    try:
        from lxml import etree
        from openpyxl.reader.excel import ExcelReader
    except ImportError:
        return None
    try:
        sheets, shared, date_styles = _xlsx_parts(path, ExcelReader)
        tables: list[RawTable] = []
        for title, data in sheets:
            if not data.startswith(b"<") or b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                return None
            if data.startswith(b"<?xml"):
                decl = data[: data.find(b"?>")].lower().replace(b"'", b'"')
                if b"encoding=" in decl and b'encoding="utf-8"' not in decl:
                    return None
            table = RawTable(title)
            table.rows = _xlsx_rows(etree, data, shared, date_styles)
            tables.append(table)
    except Exception:  # any surprise: openpyxl's reading, with its own errors
        return None
    return RawSource("xlsx", None, tables, None)


def _xlsx_parts(path: Path, reader_class: Any) -> tuple[list[tuple[str, bytes]], Any, set[int]]:
    """(title, sheet XML) of every worksheet in workbook order, the shared strings, the date styles: what
    ``openpyxl.load_workbook(read_only=True, data_only=True)`` reads, by its reader, minus the sheets'
    ReadOnlyWorksheet objects (their constructor parsed each whole sheet looking for <dimension>)."""

    class _Sheet:
        def __init__(self, title: str, target: str) -> None:
            self.title, self.target = title, target
            self.defined_names: dict[str, Any] = {}  # what assign_names sets on a sheet

    class _Reader(reader_class):
        def read_worksheets(self) -> None:
            from openpyxl.packaging.relationship import get_dependents, get_rels_path

            for sheet, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files:
                    continue
                if "chartsheet" in rel.Type:
                    self.read_chartsheet(sheet, rel)
                    continue
                rels_path = get_rels_path(rel.target)
                if rels_path in self.valid_files:
                    get_dependents(self.archive, rels_path)
                self.wb._sheets.append(_Sheet(sheet.name, rel.target))

    reader = _Reader(path, read_only=True, data_only=True)
    try:
        reader.read()
        wb = reader.wb
        sheets = [(s.title, reader.archive.read(s.target)) for s in wb._sheets if isinstance(s, _Sheet)]
        return sheets, reader.shared_strings, set(wb._date_formats)
    finally:
        reader.archive.close()


def _xlsx_rows(etree: Any, data: bytes, shared: Any, date_styles: set[int]) -> list[tuple[int, list[str]]]:
    """The non-empty rows of one sheet as read_xlsx keeps them: (row number, cell texts). Streamed: each
    row is dropped from the tree once read (a whole 25k-row sheet's tree was ≈ 200 MB)."""
    max_col: int | None = None
    max_row: int | None = None
    events = etree.iterparse(
        io.BytesIO(data),
        events=("end",),
        tag=(_ROW, _DIM, _SD),
        remove_comments=True,
        remove_pis=True,
        resolve_entities=False,
        no_network=True,
        huge_tree=True,
    )
    parsed: list[tuple[int, list[tuple[int, object]]]] = []
    row_counter = 0
    dims_open = True  # openpyxl takes the first <dimension> that ends before <sheetData> does
    for _, el in events:
        tag = el.tag
        if tag == _ROW:
            r = el.get("r")
            if r is not None:
                row_counter = int(r) if r.isdigit() else _row_number(r)
            else:
                row_counter += 1
            parsed.append((row_counter, _xlsx_cells(el, shared, date_styles)))
            el.clear()
            while el.getprevious() is not None:
                del el.getparent()[0]
        elif tag == _SD:
            dims_open = False
        elif dims_open:
            if parsed:  # a <dimension> among the rows: it would apply to the rows read before it
                raise _Unsupported("dimension inside sheetData")
            from openpyxl.utils.cell import range_boundaries

            ref = el.get("ref")
            if ref is None:
                raise _Unsupported("dimension without ref")
            _, _, max_col, max_row = range_boundaries(ref)
            dims_open = False
    # ReadOnlyWorksheet._cells_by_row + _get_row (values_only), min_col = min_row = 1
    rows: list[tuple[int, list[str]]] = []
    counter = 1
    i = 0  # iter_rows position: the number read_xlsx gives the row
    for idx, cells in parsed:
        if max_row is not None and idx > max_row:
            break
        if counter < idx:  # missing rows come out empty (skipped, but numbered)
            i += idx - counter
            counter = idx
        if counter <= idx:
            counter += 1
            i += 1
            if not cells and not max_col:
                continue
            width = max_col or cells[-1][0]
            values: list[object] = [None] * width
            for col, value in cells:
                if 1 <= col <= width:
                    values[col - 1] = value
            texts = ["" if v is None else cell_text(v) for v in values]
            if any(texts):
                rows.append((i, texts))
    return rows


def _row_number(r: str) -> int:
    """WorkSheetParser.parse_row's row number of a non-digit r attribute (e.g. "3.0")."""
    try:
        return int(r)
    except ValueError:
        val = float(r)
        if val.is_integer():
            return int(val)
        raise


_COLS: dict[str, int] = {}  # column letters of a cell reference → column index


def _xlsx_cells(row: Any, shared: Any, date_styles: set[int]) -> list[tuple[int, object]]:
    """(column, value) of a row's cells as WorkSheetParser.parse_cell gives them (data_only)."""
    out: list[tuple[int, object]] = []
    col = 0
    for c in row:
        if c.tag != _C:
            raise _Unsupported("a row child that is not a cell")
        ref = c.get("r")
        if ref:
            letters = ref.rstrip("0123456789")
            col_ = _COLS.get(letters)
            if col_ is None or not ref[len(letters) :].strip("0"):  # unseen letters, no row, row 0
                from openpyxl.utils.cell import coordinate_to_tuple

                col_ = coordinate_to_tuple(ref)[1]  # raises for a malformed reference
                _COLS[letters] = col_
            col = col_
        else:
            col += 1
        t = c.get("t", "n")
        value: object = None
        found = False
        for child in c:
            tag = child.tag
            if tag == _V:
                if not found and t != "inlineStr":
                    value, found = child.text or None, True  # findtext: the first <v>
            elif tag == _IS:
                if not found and t == "inlineStr":
                    value, found = _inline_text(child), True  # find: the first <is>
            elif tag != _F:
                raise _Unsupported("a cell child other than <v>, <is>, <f>")
        if t != "inlineStr" and value is not None:
            if t == "n":
                s = c.get("s")
                if (int(s) if s else 0) in date_styles:
                    raise _Unsupported("date-formatted number")
                v = str(value)
                value = float(v) if ("." in v or "E" in v or "e" in v) else int(v)
            elif t == "s":
                value = shared[int(str(value))]
            elif t == "b":
                value = bool(int(str(value)))
            elif t == "d":
                raise _Unsupported("ISO date cell")
        out.append((col, value))
    return out


def _inline_text(el: Any) -> str:
    """Text.from_tree(<is>).content for a plain inline string (one <t> without markup, or none)."""
    if len(el) == 0:
        if el.keys():
            raise _Unsupported("inline string attributes")
        return ""
    t = el[0]
    if len(el) > 1 or t.tag != _T or len(t) or el.keys():
        raise _Unsupported("rich or phonetic inline string")
    return t.text or ""

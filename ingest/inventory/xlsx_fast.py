"""The fast XLSX path: openpyxl's read-only values, read faster (see ``read_xlsx_fast``)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ingest.inventory.raw import RawSource, RawTable, cell_text

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _C, _V, _IS, _T, _F, _DIM, _SD = (_MAIN + t for t in ("row", "c", "v", "is", "t", "f", "dimension", "sheetData"))


class _Unsupported(Exception):
    """Something the fast XLSX path does not reproduce: openpyxl reads the file instead."""


def read_xlsx_fast(path: Path) -> RawSource | None:
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
    """The non-empty rows of one sheet as read_xlsx keeps them: (row number, cell texts)."""
    parsed, max_col, max_row = _parse_sheet(etree, data, shared, date_styles)
    return _layout_rows(parsed, max_col, max_row)


def _parse_sheet(
    etree: Any, data: bytes, shared: Any, date_styles: set[int]
) -> tuple[list[tuple[int, list[tuple[int, object]]]], int | None, int | None]:
    """(row number, cells) of every <row>, and the <dimension>'s last column / row. Streamed: each row is
    dropped from the tree once read (a whole 25k-row sheet's tree was ≈ 200 MB)."""
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
            row_counter = (int(r) if r.isdigit() else _row_number(r)) if r is not None else row_counter + 1
            parsed.append((row_counter, _xlsx_cells(el, shared, date_styles)))
            el.clear()
            while el.getprevious() is not None:
                del el.getparent()[0]
        elif tag == _SD:
            dims_open = False
        elif dims_open:
            max_col, max_row = _dimension(el, parsed)
            dims_open = False
    return parsed, max_col, max_row


def _dimension(el: Any, parsed: list[Any]) -> tuple[int, int]:
    if parsed:  # a <dimension> among the rows: it would apply to the rows read before it
        raise _Unsupported("dimension inside sheetData")
    from openpyxl.utils.cell import range_boundaries

    ref = el.get("ref")
    if ref is None:
        raise _Unsupported("dimension without ref")
    _, _, max_col, max_row = range_boundaries(ref)
    return max_col, max_row


def _layout_rows(
    parsed: list[tuple[int, list[tuple[int, object]]]], max_col: int | None, max_row: int | None
) -> list[tuple[int, list[str]]]:
    """ReadOnlyWorksheet._cells_by_row + _get_row (values_only), min_col = min_row = 1."""
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
            texts = _row_texts(cells, max_col or cells[-1][0])
            if any(texts):
                rows.append((i, texts))
    return rows


def _row_texts(cells: list[tuple[int, object]], width: int) -> list[str]:
    values: list[object] = [None] * width
    for col, value in cells:
        if 1 <= col <= width:
            values[col - 1] = value
    return ["" if v is None else cell_text(v) for v in values]


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
        col = _column(ref) if ref else col + 1
        t = c.get("t", "n")
        value = _raw_value(c, t)
        if t != "inlineStr" and value is not None:
            value = _typed_value(c, t, value, shared, date_styles)
        out.append((col, value))
    return out


def _column(ref: str) -> int:
    letters = ref.rstrip("0123456789")
    col = _COLS.get(letters)
    if col is None or not ref[len(letters) :].strip("0"):  # unseen letters, no row, row 0
        from openpyxl.utils.cell import coordinate_to_tuple

        col = coordinate_to_tuple(ref)[1]  # raises for a malformed reference
        _COLS[letters] = col
    return col


def _raw_value(c: Any, t: str) -> object:
    """The cell's first <v> (first <is> for an inline string), as text."""
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
    return value


def _typed_value(c: Any, t: str, value: object, shared: Any, date_styles: set[int]) -> object:
    if t == "n":
        s = c.get("s")
        if (int(s) if s else 0) in date_styles:
            raise _Unsupported("date-formatted number")
        v = str(value)
        return float(v) if ("." in v or "E" in v or "e" in v) else int(v)
    if t == "s":
        return shared[int(str(value))]
    if t == "b":
        return bool(int(str(value)))
    if t == "d":
        raise _Unsupported("ISO date cell")
    return value


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

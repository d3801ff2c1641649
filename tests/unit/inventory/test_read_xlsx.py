"""The fast XLSX path (ingest.inventory.readers._read_xlsx_fast) against openpyxl's read-only reading.

read_xlsx takes the fast path when a workbook is in its subset and openpyxl's otherwise; either way the
result must be what openpyxl's ``iter_rows(values_only=True)`` gives. Each workbook here is read both ways
and compared; the ones outside the subset must fall back (None), the others must not."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from ingest.inventory import readers
from ingest.inventory.readers import RawSource, read_xlsx

REPO = Path(__file__).resolve().parents[3]


def _openpyxl(path: Path, monkeypatch: pytest.MonkeyPatch) -> RawSource:
    with monkeypatch.context() as m:
        m.setattr(readers, "_read_xlsx_fast", lambda _path: None)
        return read_xlsx(path)


def _same(path: Path, monkeypatch: pytest.MonkeyPatch, *, fast: bool = True) -> None:
    got = readers._read_xlsx_fast(path)
    if not fast:
        assert got is None
        return
    assert got is not None, "expected the fast path"
    assert got == _openpyxl(path, monkeypatch)
    assert read_xlsx(path) == got


def _book(path: Path, write_only: bool = False) -> Path:
    wb = openpyxl.Workbook(write_only=write_only)
    ws = wb.create_sheet("名单") if write_only else wb.active
    if not write_only:
        ws.title = "名单"
    rows: list[list[object]] = [
        ["辽宁省科技创新平台名单"],
        ["No.", "平台名称", "依托单位", "年份", "评估", "备注"],
        [1, "辽宁省先进材料重点实验室", "大连理工大学", 2019, True, "  有空格 "],
        [2.0, "辽宁省 智能制造\u3000工程研究中心", "东北大学、沈阳工业大学", 2020.5, False, "一\r\n二"],
        [None, None, None, None, None, None],
        [3, "", "中国科学院金属研究所", "2021年", None, 0],
        [4, "平台4", "单位4", -7, 1e21, "=1+1"],
    ]
    for row in rows:
        ws.append(row)
    second = wb.create_sheet("第二页")
    second.append(["名称", "单位"])
    second.append(["辽宁省某中心", "某大学"])
    wb.create_sheet("空")
    wb.save(path)
    return path


def _rewrite(src: Path, dst: Path, edit: object, member: str = "xl/worksheets/sheet1.xml") -> Path:
    """A copy of ``src`` whose ``member`` (the first sheet's XML) went through ``edit`` (a function of the text)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == member:
                text = data.decode("utf-8")
                edited = edit(text)  # type: ignore[operator]
                assert edited != text, "the edit changed nothing"
                data = edited.encode("utf-8")
            zout.writestr(item, data)
    return dst


@pytest.mark.parametrize("write_only", [False, True])
def test_workbooks_read_like_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_only: bool) -> None:
    _same(_book(tmp_path / "book.xlsx", write_only), monkeypatch)


def test_repo_workbooks_read_like_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    books = sorted((REPO / "data" / "sample").glob("*.xlsx")) + sorted((REPO / "data" / "fixtures").rglob("*.xlsx"))
    assert len(books) > 5
    for path in books:
        _same(path, monkeypatch)


def test_sheet_layouts_read_like_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = _book(tmp_path / "base.xlsx", write_only=True)  # inline strings, no <dimension>
    edits = {
        "no_refs": lambda x: re.sub(r' r="[A-Z]+\d+"', "", x),  # cells numbered by position
        "no_row_numbers": lambda x: re.sub(r'<row r="\d+"', "<row", x),
        "gap_and_repeat": lambda x: x.replace('<row r="4"', '<row r="9"').replace('<row r="6"', '<row r="2"'),
        "dimension_narrow": lambda x: x.replace("<sheetData>", '<dimension ref="A1:C5"/><sheetData>'),
        "dimension_wide": lambda x: x.replace("<sheetData>", '<dimension ref="A1:J40"/><sheetData>'),
        "comment_and_formula": lambda x: x.replace(
            '<c r="A3" t="n"><v>1</v></c>', '<!-- c --><c r="A3" t="n"><f>1+0</f><v>1</v></c>'
        ),
        "error_and_str": lambda x: x.replace('<c r="A3" t="n"><v>1</v></c>', '<c r="A3" t="e"><v>#N/A</v></c>').replace(
            '<c r="A7" t="n"><v>4</v></c>', '<c r="A7" t="str"><v>四</v></c>'
        ),
        "empty_values": lambda x: x.replace("<v>1</v>", "<v></v>").replace("<is><t>No.</t></is>", "<is/>"),
        "lower_case_refs": lambda x: x.replace('r="B3"', 'r="b3"'),
        "dimension_after": lambda x: x.replace("</sheetData>", '</sheetData><dimension ref="A1:B2"/>'),  # unused
        "two_dimensions": lambda x: x.replace(
            "<sheetData>", '<dimension ref="A1:B4"/><dimension ref="A1:J9"/><sheetData>'
        ),
    }
    for name, edit in edits.items():
        path = _rewrite(base, tmp_path / f"{name}.xlsx", edit)
        _same(path, monkeypatch)


@pytest.mark.filterwarnings("ignore:Cell .* is marked as a date")  # openpyxl, reading the style-0 book
def test_outside_the_subset_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["名称", "日期"])
    wb.active.append(["某中心", dt.date(2020, 5, 1)])  # a date-formatted number
    wb.save(tmp_path / "dates.xlsx")
    _same(tmp_path / "dates.xlsx", monkeypatch, fast=False)
    assert _openpyxl(tmp_path / "dates.xlsx", monkeypatch).tables[0].rows[1] == (2, ["某中心", "2020-05-01"])

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("s")
    ws.append(["名称", CellRichText([TextBlock(InlineFont(b=True), "加粗"), "平台"])])
    wb.save(tmp_path / "rich.xlsx")
    base = _book(tmp_path / "base.xlsx", write_only=True)
    for name, edit in {
        "iso_date": lambda x: x.replace('<c r="A3" t="n"><v>1</v></c>', '<c r="A3" t="d"><v>2020-01-01</v></c>'),
        "phonetic": lambda x: x.replace("<is><t>No.</t></is>", '<is><t>序号</t><rPh sb="0" eb="1"><t>x</t></rPh></is>'),
        "dimension_in_rows": lambda x: x.replace('<row r="4"', '<dimension ref="A1:B2"/><row r="4"'),
        "bad_ref": lambda x: x.replace('r="B3"', 'r="3B"'),
        "nested_row": lambda x: x.replace('<row r="4">', '<row r="4"><row r="40"/>'),
        # a row child that is not a <c>, a cell child other than <v> / <is> / <f>: openpyxl reads it
        "odd_children": lambda x: (
            re.sub(r' r="[A-Z]+\d+"', "", x)
            .replace('<row r="3">', '<row r="3"><extra/>')
            .replace("<v>1</v>", "<extra><v>9</v></extra><v>1</v>")
        ),
    }.items():
        path = _rewrite(base, tmp_path / f"{name}.xlsx", edit)
        assert readers._read_xlsx_fast(path) is None, name
    # the default cell style (no s attribute) formatted as a date: every plain number is a date then
    path = _rewrite(
        base, tmp_path / "style0.xlsx", lambda x: x.replace('numFmtId="0"', 'numFmtId="14"'), "xl/styles.xml"
    )
    assert readers._read_xlsx_fast(path) is None
    assert _openpyxl(path, monkeypatch).tables[0].rows[2][1][0] == "1900-01-01"
    for path in (tmp_path / "rich.xlsx", tmp_path / "bad.xlsx"):
        if path.name == "bad.xlsx":
            path.write_bytes(b"not a zip")
        assert readers._read_xlsx_fast(path) is None

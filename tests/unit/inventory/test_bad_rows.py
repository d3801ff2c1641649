"""Issue #16 item 6: bad rows are reported naming file, row and reason; the good rows load."""

from __future__ import annotations

from pathlib import Path

from ingest.inventory.read import MAX_EXTRA_COLUMNS, read_inventory
from ingest.inventory.to_graph import to_batches

HEADER = "序号,平台名称,依托单位,共建单位,所在地市,批准年份,研究方向"


def _rows(n: int) -> list[str]:
    return [f"{i},辽宁省测试{i}重点实验室,东北大学,,沈阳市,2015,材料" for i in range(1, n + 1)]


def test_an_unclosed_quote_rejects_its_line_and_the_next_rows_load(tmp_path: Path) -> None:
    rows = _rows(20)
    rows[9] = '10,"辽宁省引号重点实验室,东北大学,,沈阳市,2015,材料'  # never closed
    path = tmp_path / "quote.csv"
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    read = read_inventory(path)
    names = [r["name"] for r in read.rows]
    assert len(names) == 19 and "辽宁省测试11重点实验室" in names
    assert not any("\n" in n or "引号" in n for n in names)
    [bad] = read.rejects
    assert (bad.row, bad.dropped, bad.file) == (11, True, str(path))
    assert "unclosed quote" in bad.reason and "引号" in bad.value


def test_an_unclosed_quote_on_the_last_line(tmp_path: Path) -> None:
    rows = _rows(5)
    rows[-1] = '5,"辽宁省末行重点实验室,东北大学,,沈阳市,2015,材料'
    path = tmp_path / "last.csv"
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    read = read_inventory(path)
    assert len(read.rows) == 4 and [r.row for r in read.rejects] == [6]


def test_multi_line_cells_still_read(tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_text(f'{HEADER}\n1,辽宁省甲重点实验室,"东北大学\n大连理工大学",,沈阳市,2015,材料\n', encoding="utf-8")
    read = read_inventory(path)
    assert len(read.rows) == 1 and read.rows[0]["host"] == "东北大学\n大连理工大学" and not read.rejects


def test_ten_thousand_columns_are_capped_with_a_message(tmp_path: Path) -> None:
    wide = ",".join(f"列{i}" for i in range(10_000))
    path = tmp_path / "wide.csv"
    row = ",".join(f"v{i}" for i in range(10_000))
    path.write_text(f"{HEADER},{wide}\n1,辽宁省宽表重点实验室,东北大学,,沈阳市,2015,材料,{row}\n", encoding="utf-8")
    read = read_inventory(path)
    assert len(read.rows) == 1
    [batch] = list(to_batches(read))
    platform = next(r for label, rs in batch.nodes.items() if label.value == "Platform" for r in rs)["props"]
    assert sum(k.startswith("extra_") for k in platform) == MAX_EXTRA_COLUMNS
    [warn] = read.rejects
    assert "too many columns" in warn.reason and not warn.dropped


def test_a_long_row_under_a_short_header_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    cells = ",".join("x" for _ in range(10_000))
    path.write_text(f"{HEADER}\n1,辽宁省长行重点实验室,东北大学,,沈阳市,2015,材料,{cells}\n", encoding="utf-8")
    read = read_inventory(path)
    assert len(read.rows) == 1 and not any(k.startswith("extra_") for k in read.rows[0])
    assert [r.row for r in read.rejects] == [2] and "cells past the header" in read.rejects[0].reason


def test_a_row_in_another_encoding_is_named_and_the_rest_load(tmp_path: Path) -> None:
    rows = [r.encode("utf-8") for r in _rows(10)]
    rows[4] = "5,辽宁省编码重点实验室,东北大学,,沈阳市,2015,材料".encode("gb18030")
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\n".join((HEADER.encode("utf-8"), *rows)) + b"\n")
    read = read_inventory(path)
    assert read.encoding == "utf-8" and len(read.rows) == 9
    assert all("辽宁省测试" in r["name"] for r in read.rows)  # no mojibake
    [bad] = read.rejects
    assert bad.row == 6 and "not UTF-8" in bad.reason and bad.file == str(path)


def test_a_whole_gb18030_file_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "gb.csv"
    path.write_bytes(("\n".join((HEADER, *_rows(5))) + "\n").encode("gb18030"))
    read = read_inventory(path)
    assert read.encoding == "gb18030" and len(read.rows) == 5 and not read.rejects

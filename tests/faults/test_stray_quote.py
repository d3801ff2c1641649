"""A stray quote in a CSV inventory (found by bench/heavy_inputs.py): the rows after it must not vanish
silently into one cell (issue #16 item 6). The line with the unclosed quote is rejected naming the file,
its line and the reason; every other row of the file loads; what the store held stays."""

from __future__ import annotations

from pathlib import Path

from app.store.protocol import GraphStore
from ingest.pipeline.run import ingest_paths
from tests.faults._graph import digest, duplicate_ids
from tests.faults.conftest import GOOD_HEADER, write_good


def test_a_stray_quote_rejects_its_line_and_the_rest_loads(loaded: GraphStore, tmp_path: Path) -> None:
    before = digest(loaded)
    rows = [f"{i},辽宁省测试{i}重点实验室,东北大学,,沈阳市,2015,材料" for i in range(1, 200)]
    rows[99] = '100,"辽宁省引号重点实验室,东北大学,,沈阳市,2015,材料'  # never closed
    bad = tmp_path / "辽宁省_省级平台名单_quote.csv"
    bad.write_text("\n".join((GOOD_HEADER, *rows)) + "\n", encoding="utf-8")
    good = write_good(tmp_path, "辽宁省_省级平台名单_good")  # already loaded: unchanged
    report = ingest_paths(loaded, [bad, good], workers=0, bulk=False)
    assert not report.failed
    quoted = report.files[0]
    assert quoted.rows_read == 198 and quoted.rows_loaded == 198
    [reject] = quoted.rejects
    assert reject["row"] == 101 and "unclosed quote" in str(reject["reason"]) and reject["file"] == str(bad)
    assert report.files[1].result is not None and report.files[1].result.status == "unchanged"
    assert digest(loaded) != before and not duplicate_ids(loaded)  # its rows were added, nothing doubled

"""A stray quote in a CSV inventory (found by bench/heavy_inputs.py): the rows after it must not vanish
silently into one cell; the file fails naming the line, the rest of the batch loads, the store is unchanged."""

from __future__ import annotations

from pathlib import Path

from app.store.protocol import GraphStore
from ingest.pipeline.run import ingest_paths
from tests.faults._graph import digest
from tests.faults.conftest import GOOD_HEADER, write_good


def test_a_stray_quote_fails_the_file_naming_its_line(loaded: GraphStore, tmp_path: Path) -> None:
    before = digest(loaded)
    rows = [f"{i},辽宁省测试{i}重点实验室,东北大学,,沈阳市,2015,材料" for i in range(1, 200)]
    rows[99] = '100,"辽宁省引号重点实验室,东北大学,,沈阳市,2015,材料'  # never closed
    bad = tmp_path / "辽宁省_省级平台名单_quote.csv"
    bad.write_text("\n".join((GOOD_HEADER, *rows)) + "\n", encoding="utf-8")
    good = write_good(tmp_path, "辽宁省_省级平台名单_good")  # already loaded: unchanged
    report = ingest_paths(loaded, [bad, good], workers=0, bulk=False)
    assert [f.path for f in report.failed] == [bad]
    err = report.failed[0].error
    assert err is not None and "line 101" in err.reason and "unbalanced quote" in err.reason, err
    assert report.files[1].result is not None and report.files[1].result.status == "unchanged"
    assert digest(loaded) == before

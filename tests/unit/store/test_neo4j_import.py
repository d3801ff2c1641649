"""The Neo4j bulk path without a server: CSV cells and headers (app.store.neo4j.csvfiles), the refusal of a
Neo4j that is not on this machine, and ``bulk="auto"`` leaving small runs to MERGE."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from app.model.schema import Label, Rel
from app.store.fold.pack import BulkError
from app.store.neo4j.csvfiles import ARRAY_DELIMITER, EMPTY_MARK, cell, value_type, write_csv
from app.store.neo4j.importer import Neo4jImport, import_memory, restart_options
from ingest.pipeline.bulk import use_bulk


def test_cells_keep_types_and_tell_empty_from_missing() -> None:
    assert cell(None) == ""
    assert cell("") == '""'
    assert cell('say "hi"\nnext \\ line') == '"say ""hi""\nnext \\ line"'
    assert cell(True) == "true" and cell(False) == "false"
    assert cell(2**62) == str(2**62)
    assert float(cell(0.1 + 0.2)) == 0.1 + 0.2
    assert cell(float("nan")) == "NaN" and cell(float("-inf")) == "-Infinity"
    assert cell(["a", 'b"c']) == f'"a{ARRAY_DELIMITER}b""c"'
    assert cell([1, 2]) == f"1{ARRAY_DELIMITER}2"
    assert [value_type(v) for v in ("x", 1, 1.5, True, ["x"], [1, 2.5], [True])] == [
        "string", "long", "double", "boolean", "string[]", "double[]", "boolean[]",
    ]  # fmt: skip


@pytest.mark.parametrize("bad", [[], ["a", 1], {"k": 1}, f"a{ARRAY_DELIMITER}b", [["nested"]]])
def test_values_the_importer_cannot_carry_are_errors(bad: Any) -> None:
    with pytest.raises(BulkError):
        value_type(bad) if not isinstance(bad, str) else cell(bad)


def test_files_per_label_and_typed_signature(tmp_path: Path) -> None:
    nodes: list[tuple[int, Label, dict[str, Any]]] = [
        (0, Label.PLATFORM, {"id": "p1", "name": "甲", "year": 2020}),
        (1, Label.PLATFORM, {"id": "p2", "name": "乙", "year": "2020年"}),  # another type: another file
        (2, Label.PLATFORM, {"id": "p3", "name": "丙", "year": 2021}),
        (3, Label.REGION, {"id": "r1", "name": ""}),
    ]
    rels: list[tuple[Rel, int, int, dict[str, Any] | None]] = [
        (Rel.LOCATED_IN, 0, 3, {"key": "", "docs": ["d"], "evidence": ["e1", "e2"]}),
        (Rel.LOCATED_IN, 2, 3, {"key": "", "docs": ["d"], "evidence": []}),
        (Rel.EVIDENCED_BY, 0, 3, None),
    ]
    out = write_csv(tmp_path / "csv", nodes, rels)
    assert (out.node_count, out.rel_count) == (4, 3)
    assert [lb for lb, _ in out.nodes] == ["Platform", "Platform", "Region"]
    first = list(csv.reader(out.nodes[0][1].open(encoding="utf-8")))
    assert first == [[":ID", "id", "name", "year:long"], ["0", "p1", "甲", "2020"], ["2", "p3", "丙", "2021"]]
    assert out.empty_evidence == {Rel.LOCATED_IN: 1}
    marked = [p for t, p in out.rels if EMPTY_MARK in p.read_text(encoding="utf-8").splitlines()[0]]
    assert len(marked) == 1
    assert out.arguments()[0].startswith("--nodes=Platform=")
    assert any(a.startswith("--relationships=EVIDENCED_BY=") for a in out.arguments())
    assert out.bytes > 0
    assert out.multiline == [] and out.multiline_arguments() == ["--multiline-fields=false"]


def test_a_list_element_holding_the_array_delimiter_is_an_error(tmp_path: Path) -> None:
    ok = (0, Label.PLATFORM, {"id": "p1", "aliases": ["a", 'b"c']})
    out = write_csv(tmp_path / "ok", [ok], [])
    assert out.nodes[0][1].read_text(encoding="utf-8").splitlines()[1] == f'0,"a{ARRAY_DELIMITER}b""c","p1"'
    with pytest.raises(BulkError):
        write_csv(tmp_path / "bad", [ok, (1, Label.PLATFORM, {"id": "p2", "aliases": [f"x{ARRAY_DELIMITER}y"]})], [])


def test_only_files_with_a_line_break_in_a_cell_are_parsed_multiline(tmp_path: Path) -> None:
    nodes: list[tuple[int, Label, dict[str, Any]]] = [
        (0, Label.PLATFORM, {"id": "p1", "name": "甲"}),
        (1, Label.EVIDENCE, {"id": "e1", "quote": "第一行\r\n第二行"}),
        (2, Label.EVIDENCE, {"id": "e2", "quote": "一行", "row": 3}),
        (3, Label.REGION, {"id": "r1", "aliases": ["a\nb"]}),
    ]
    out = write_csv(tmp_path / "csv", nodes, [(Rel.LOCATED_IN, 0, 3, {"key": "x\ny", "docs": ["d"]})])
    files = [f for _, f in out.nodes]  # Platform, Evidence (e1), Evidence with a row (e2), Region
    assert out.multiline == [files[1], files[3], out.rels[0][1]]
    args = out.multiline_arguments()
    assert args == ["--multiline-fields-format=v2", f"--multiline-fields={','.join(map(str, out.multiline))}"]
    rows = list(csv.reader(files[1].open(encoding="utf-8", newline="")))
    assert rows[1] == ["1", "e1", "第一行\r\n第二行"]


class _Remote:
    url = "bolt://graph.example.org:7687"
    database = "neo4j"
    backend = "neo4j"

    def read(self, *a: Any, **k: Any) -> list[dict[str, Any]]:
        raise AssertionError("a remote server is not asked")

    def bulk_loader(self) -> Neo4jImport:
        return Neo4jImport(self)  # type: ignore[arg-type]


def test_a_remote_neo4j_is_refused_with_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Neo4jImport, "min_input_bytes", 10)
    store = _Remote()
    reason = store.bulk_loader().refusal()
    assert reason is not None and "not on this machine" in reason and store.url in reason
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 11)
    with pytest.raises(ValueError, match=r"bulk load refused: the Neo4j at bolt://graph\.example\.org:7687"):
        use_bulk(store, True, [big])  # type: ignore[arg-type]
    assert use_bulk(store, "auto", [big]) is None  # type: ignore[arg-type]  # MERGE, reason logged


def test_small_runs_stay_on_merge_without_asking_the_server(tmp_path: Path) -> None:
    assert Neo4jImport.min_input_bytes > 4
    small = tmp_path / "small.csv"
    small.write_text("a,b\n")
    assert use_bulk(_Remote(), "auto", [small]) is None  # type: ignore[arg-type]  # read() not called


def test_import_memory_scales_with_the_files() -> None:
    assert import_memory(1 << 20) == "128m"
    assert import_memory(100 << 20) == "400m"
    assert import_memory(10 << 30) == "1024m"


def test_restart_options_come_from_the_running_launchers_command_line(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys
    import time

    cmd = [sys.executable, "-c", "import time; time.sleep(30)", "-Xmx2g", "--http-port", "-1", "--pagecache", "512m"]
    proc = subprocess.Popen(cmd)
    # Popen returns once exec has begun; the kernel sets the new argv a moment later (an empty or the
    # parent's command line was read under load in CI): wait for it, as a launcher is long past it.
    cmdline = Path(f"/proc/{proc.pid}/cmdline")
    deadline = time.monotonic() + 10
    while b"-Xmx2g" not in cmdline.read_bytes() and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        (tmp_path / "neo4j.state.json").write_text(json.dumps({"pid": proc.pid, "port": 7999}))
        assert restart_options(tmp_path) == {"port": 7999, "heap": "2g", "http_port": None, "pagecache": "512m"}
    finally:
        proc.kill()
        proc.wait()


def test_a_stop_that_failed_runs_no_import_and_the_server_starts_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The importer overwrites the database files: beside a server that did not stop it must not run; and
    whatever failed, the server is started again with its options (the same URL)."""
    from app.store.neo4j import importer

    calls: list[str] = []

    def stop(home: Path) -> None:
        raise RuntimeError("the server did not stop")

    class Run:
        def export_nodes(self) -> list[Any]:
            return []

        def export_rels(self) -> list[Any]:
            return []

        def consume(self) -> None:
            calls.append("consumed")

    monkeypatch.setattr(importer, "restart_options", lambda home: {"port": 7})
    monkeypatch.setattr(importer.server, "stop", stop)
    monkeypatch.setattr(importer.server, "start", lambda home, **kw: calls.append(f"start port={kw['port']}"))
    monkeypatch.setattr(
        importer, "write_csv", lambda *a: type("W", (), {"node_count": 0, "rel_count": 0, "bytes": 0})()
    )
    monkeypatch.setattr(importer, "run_import", lambda *a: calls.append("import"))
    times: dict[str, Any] = {}
    with pytest.raises(RuntimeError, match="did not stop"):
        importer._import_stopped(tmp_path, "neo4j", tmp_path, Run(), times)  # type: ignore[arg-type]
    assert calls == ["consumed", "start port=7"] and "stop_s" in times


def test_a_small_import_runs_without_c2_and_keeps_its_files_only_when_asked(tmp_path: Path, monkeypatch: Any) -> None:
    # the importer's JVM compiles a small import with C1 only; the CSV files are deleted after an import unless
    # INNOKG_NEO4J_IMPORT_KEEP names a folder, which then holds them and the importer's file arguments
    from app.store.neo4j import importer

    work = tmp_path / "import-1"
    written = write_csv(work / "csv", [(0, Label.REGION, {"id": "region:a", "name": "甲省"})], [])
    cmd = importer.import_command("neo4j", written, work)
    assert "-XX:TieredStopAtLevel=1" in cmd[: cmd.index("-cp")]  # a few bytes of CSV: a short run
    assert importer.jit_flags(importer.C1_ONLY_BELOW) == []  # a long run earns C2's compilations back
    monkeypatch.delenv(importer.KEEP_ENV, raising=False)
    importer._keep(work, written)
    assert (work / "csv").is_dir()  # nothing moved: send() deletes the work folder
    monkeypatch.setenv(importer.KEEP_ENV, str(tmp_path / "kept"))
    importer._keep(work, written)
    kept = json.loads((tmp_path / "kept" / "import-args.json").read_text())
    assert kept["args"] == ["--multiline-fields=false", f"--nodes=Region={tmp_path / 'kept' / 'nodes-0000-Region.csv'}"]
    assert (tmp_path / "kept" / "nodes-0000-Region.csv").read_text().splitlines()[1] == '0,"region:a","甲省"'

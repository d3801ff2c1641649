"""The innokg command line against a live embedded store."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from app.cli.main import cli
from app.store.falkordb.server import stop_server

runner = CliRunner()


def test_init_status_cypher_and_stop(tmp_path: Path) -> None:
    store = f"embedded:{tmp_path / 'g'}"
    r = runner.invoke(cli, ["init", "--store", store])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["status", "--store", store])
    assert r.exit_code == 0 and "Region" in r.output and "364" in r.output
    r = runner.invoke(cli, ["cypher", "MATCH (r:Region {name: '辽宁省'}) RETURN r.short AS short", "--store", store])
    assert r.exit_code == 0 and "辽宁" in r.output
    r = runner.invoke(cli, ["cypher", "CREATE (:Platform {id: 'x'})", "--store", store])
    assert r.exit_code == 1 and "error" in r.output
    r = runner.invoke(cli, ["cypher", ":schema", "--store", store])
    assert r.exit_code == 0 and "EVIDENCED_BY" in r.output
    r = runner.invoke(cli, ["stop", "--store", store])
    assert r.exit_code == 0 and "stopped" in r.output
    stop_server(tmp_path / "g")


def test_ingest_reports_a_missing_file_and_exits_nonzero(tmp_path: Path) -> None:
    store = f"embedded:{tmp_path / 'g'}"
    r = runner.invoke(cli, ["ingest", str(tmp_path / "nope.txt"), "--store", store])
    assert r.exit_code == 1
    assert "no such file" in " ".join(r.output.split())
    stop_server(tmp_path / "g")


def test_ingest_prints_run_totals_and_no_progress_bar_when_not_a_terminal(tmp_path: Path) -> None:
    store = f"embedded:{tmp_path / 'g'}"
    sample = Path(__file__).resolve().parents[2] / "data" / "sample"
    bad = tmp_path / "bad.csv"
    bad.write_text("序号,备注\n1,无名称列\n", encoding="utf-8")
    files = [sample / "上海市_省级平台名单_01.csv", sample / "上海市_实验室群名单.csv", bad]
    r = runner.invoke(cli, ["ingest", *map(str, files), "--store", store])
    stop_server(tmp_path / "g")
    assert r.exit_code == 1, r.output  # the bad file fails alone
    lines = r.output.splitlines()
    per_file = [ln for ln in lines if ln.startswith("loaded ")]
    assert len(per_file) == 2
    read = sum(int(ln.split("rows read=")[1].split()[0]) for ln in per_file)
    assert "files: 3 (failed 1, loaded 2)" in lines
    assert any(ln.startswith(f"rows: read {read}, loaded {read}, rejected 0") for ln in lines), r.output
    entities = next(ln for ln in lines if ln.startswith("entities: new "))
    assert "Platform" in entities and "Document" not in entities
    assert "lab-cluster members: existing" in r.output
    # The bar is drawn only on a terminal: CliRunner's output is not one, so no bar characters leak in.
    assert "━" not in r.output and "files]" not in r.output


def test_progress_bar_draws_on_a_terminal_and_counts_files(tmp_path: Path) -> None:
    import io

    from rich.console import Console

    from app.cli.main import _FileProgress

    files = [tmp_path / "a.csv", tmp_path / "b.csv"]
    for f in files:
        f.write_text("名称\n辽宁省某重点实验室\n", encoding="utf-8")
    buf = io.StringIO()
    with _FileProgress(files, Console(file=buf, force_terminal=True, width=120)) as progress:
        progress.advance(files[0])
        progress._progress.refresh()
        assert "1/2 files" in buf.getvalue()
    silent = io.StringIO()
    with _FileProgress(files, Console(file=silent, force_terminal=False)) as progress:
        progress.advance(files[0])
    assert silent.getvalue() == ""

"""The innokg command line against a live embedded store."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from app.cli import cli
from app.graph.embedded import stop_server

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

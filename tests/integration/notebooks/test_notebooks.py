"""Execute every analysis notebook on the bundled demo data (nbclient), as `make test` does.

The demo data (data/corpus + data/sample, what `make demo` ingests) is ingested once per session into a
graph of the live embedded store, and every notebook runs against it (INNOKG_NOTEBOOK_STORE/GRAPH), the
way an analyst points a notebook at a loaded store; notebooks/helpers.sample_store() does the same
ingest itself when no store is given."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from app.store.falkordb.store import FalkorStore
from ingest.pipeline.run import ingest_paths

REPO = Path(__file__).resolve().parents[3]
NOTEBOOKS = sorted((Path(__file__).resolve().parents[3] / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks() -> None:
    assert len(NOTEBOOKS) >= 3


@pytest.fixture(scope="module")
def demo_graph(embedded_path: Path) -> Iterator[str]:
    graph = f"t_nb_{uuid.uuid4().hex[:12]}"
    store = FalkorStore(embedded_path, graph=graph)
    report = ingest_paths(store, [REPO / "data" / "corpus", REPO / "data" / "sample"])
    assert not report.failed and len(report.files) > 100
    assert report.derived is not None and report.derived.links > 0  # ingest derives inferred chain links
    try:
        yield graph
    finally:
        store.drop()
        store.close()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_and_draws(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embedded_path: Path, demo_graph: str
) -> None:
    monkeypatch.setenv("INNOKG_FIGURES", str(tmp_path))
    monkeypatch.setenv("INNOKG_NOTEBOOK_STORE", f"embedded:{embedded_path}")
    monkeypatch.setenv("INNOKG_NOTEBOOK_GRAPH", demo_graph)
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown" and "Question" in nb.cells[0].source
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit notebooks without outputs"
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    figures = list(tmp_path.glob("*.png"))
    assert figures and all(f.stat().st_size > 5000 for f in figures)


def test_cli_runs_notebooks_against_a_store_named_relative_to_the_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embedded_path: Path, demo_graph: str
) -> None:
    """`innokg notebooks run --store embedded:REL`: REL is read from the caller's directory, not notebooks/."""
    from typer.testing import CliRunner

    from app.cli.main import cli

    monkeypatch.chdir(embedded_path.parent)
    url = f"embedded:{embedded_path.name}"
    out = tmp_path / "out"
    r = CliRunner().invoke(cli, ["notebooks", "run", "01", "--store", url, "--graph", demo_graph, "--out", str(out)])
    assert r.exit_code == 0, r.output
    executed = nbformat.read(out / "01_institution_network.ipynb", as_version=4)
    text = "".join(o.get("text", "") for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "network_reach:" in text and "betweenness" in text
    assert sorted(p.name for p in (out / "figures").glob("*.png")) == ["01_brokers.png", "01_centrality.png"]


def test_cli_refuses_an_empty_or_missing_store(tmp_path: Path, embedded_path: Path) -> None:
    from typer.testing import CliRunner

    from app.cli.main import cli

    runner = CliRunner()
    empty = f"t_nb_empty_{uuid.uuid4().hex[:8]}"
    r = runner.invoke(cli, ["notebooks", "run", "--store", f"embedded:{embedded_path}", "--graph", empty])
    assert r.exit_code == 1 and "is empty" in r.output and "innokg ingest" in r.output
    r = runner.invoke(cli, ["notebooks", "run", "--store", f"embedded:{tmp_path / 'nothing'}"])
    assert r.exit_code == 1 and "no store at" in r.output and not (tmp_path / "nothing").exists()
    r = runner.invoke(cli, ["notebooks", "run", "99", "--store", f"embedded:{embedded_path}"])
    assert r.exit_code == 1 and "no notebook named 99" in r.output

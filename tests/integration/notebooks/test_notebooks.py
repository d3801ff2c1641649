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

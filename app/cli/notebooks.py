"""`innokg notebooks run`: execute the analysis notebooks (notebooks/*.ipynb) against a loaded store.

The store is checked first: a relative embedded path is resolved from the caller's directory (the kernel
runs in notebooks/, where ``embedded:./data/graph`` would name another, empty store), a path that holds no
store and a store without documents are refused with a message saying how to load one. Each notebook runs
with INNOKG_NOTEBOOK_STORE / INNOKG_NOTEBOOK_GRAPH pointing at that store (notebooks/helpers.sample_store)
and INNOKG_FIGURES at ``OUT/figures``; the executed copies, outputs included, go to ``OUT``.
Needs the notebook packages (nbclient, nbformat, ipykernel, matplotlib: ``pip install -e '.[dev]'``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.store.named import run
from app.store.protocol import GraphStore, parse_store_url

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
LOAD_HINT = "load it first: innokg ingest data/corpus data/sample --store URL (or make demo)"


class NotebookError(RuntimeError):
    """A run that cannot start or a notebook that failed: the message says which and why."""


@dataclass
class Ran:
    notebook: str
    seconds: float
    output: Path


def absolute_store_url(url: str, cwd: Path | None = None) -> str:
    """``embedded:REL`` made absolute from ``cwd`` (default: the caller's directory); other URLs as given."""
    _, target = parse_store_url(url)  # ValueError on a URL no engine reads
    if not url.startswith("embedded:"):
        return url
    path = Path(target).expanduser()
    if not path.is_absolute():
        path = (cwd or Path.cwd()) / path
    return f"embedded:{path.resolve()}"


def check_store_path(url: str) -> None:
    """An embedded store must already exist: opening a missing path would create an empty one."""
    if url.startswith("embedded:"):
        path = Path(url.removeprefix("embedded:"))
        if not path.is_dir():
            raise NotebookError(f"no store at {path}: {LOAD_HINT}")


def check_loaded(store: GraphStore, url: str) -> int:
    """The number of documents the store holds; NotebookError when it holds none."""
    documents = int(run(store, "store_fingerprint")[0]["documents"] or 0)
    if documents == 0:
        raise NotebookError(f"the store {url} (graph {store_graph(store)}) is empty: {LOAD_HINT}")
    return documents


def store_graph(store: GraphStore) -> str:
    return store.graph


def select(names: list[str] | None, folder: Path = NOTEBOOKS) -> list[Path]:
    """The notebooks to run: all of them, or those whose file name starts with one of ``names``."""
    every = sorted(folder.glob("*.ipynb"))
    if not names:
        return every
    chosen = [p for p in every if any(p.name.startswith(n) or p.stem == n for n in names)]
    missing = [n for n in names if not any(p.name.startswith(n) or p.stem == n for p in every)]
    if missing:
        raise NotebookError(f"no notebook named {', '.join(missing)} in {folder} ({', '.join(p.stem for p in every)})")
    return chosen


def execute(
    paths: list[Path],
    *,
    url: str,
    graph: str | None,
    out: Path,
    timeout_s: int = 600,
    progress: Callable[[str], None] = lambda _msg: None,
) -> list[Ran]:
    """Run each notebook in its own kernel (cwd: its folder) against the store; write the executed copy."""
    try:
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError
    except ImportError as exc:  # the notebook packages are a dev extra
        raise NotebookError(f"the notebook packages are not installed ({exc.name}): pip install -e '.[dev]'") from exc
    out.mkdir(parents=True, exist_ok=True)
    env = {"INNOKG_NOTEBOOK_STORE": url, "INNOKG_FIGURES": str(out / "figures")}
    if graph:
        env["INNOKG_NOTEBOOK_GRAPH"] = graph
    saved = {k: os.environ.get(k) for k in (*env, "INNOKG_NOTEBOOK_GRAPH")}
    os.environ.pop("INNOKG_NOTEBOOK_GRAPH", None)
    os.environ.update(env)  # the kernels inherit them
    done: list[Ran] = []
    try:
        for path in paths:
            progress(f"running {path.name} …")
            nb = nbformat.read(path, as_version=4)
            start = time.monotonic()
            client = NotebookClient(
                nb, timeout=timeout_s, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
            )
            try:
                client.execute()
            except CellExecutionError as exc:
                nbformat.write(nb, out / path.name)
                raise NotebookError(f"{path.name} failed (partial output in {out / path.name}):\n{exc}") from exc
            nbformat.write(nb, out / path.name)
            done.append(Ran(path.stem, round(time.monotonic() - start, 1), out / path.name))
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return done

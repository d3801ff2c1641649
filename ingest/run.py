"""Ingest orchestration: classify each file, run its pipeline, load it document by document.

A bad file is reported (file, offset/row, reason) and skipped; the other files still load; what the
store already holds is never half-replaced (see app.graph.loader).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from app.graph.batch import GraphBatch, PropValue
from app.graph.loader import DEFAULT_CHUNK, LoadResult, document_state, load_document
from app.graph.store import GraphStore
from ingest.errors import InputError
from ingest.seed import SEED_DOC_ID, seed_batch, seed_sha256

Kind = Literal["auto", "policy", "inventory"]
POLICY_SUFFIXES = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}
INVENTORY_SUFFIXES = {".csv", ".xlsx", ".xlsm", ".docx", ".html", ".htm", ".txt"}
SKIP_NAMES = {"README.md", "SOURCES.md", "labels.csv", "manifest.json"}


@dataclass
class FileOutcome:
    path: Path
    kind: str
    result: LoadResult | None = None
    error: InputError | None = None
    rows_read: int = 0
    rejects: list[dict[str, object]] = field(default_factory=list)


@dataclass
class IngestReport:
    files: list[FileOutcome] = field(default_factory=list)

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.error is not None]


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the files under directories named (sorted, hidden and helper files skipped)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(
                f
                for f in sorted(p.rglob("*"))
                if f.is_file() and not f.name.startswith(".") and f.name not in SKIP_NAMES
            )
        else:
            out.append(p)
    return out


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def ensure_initialised(store: GraphStore) -> None:
    """Schema and the gazetteer/taxonomy frame: applied once, refreshed when they change."""
    store.apply_schema()
    state = document_state(store, SEED_DOC_ID)
    if not state or state.get("sha256") != seed_sha256() or state.get("load_state") != "complete":
        load_document(
            store, SEED_DOC_ID, seed_sha256(), {"kind": "seed", "title": "gazetteer + taxonomy"}, [seed_batch()]
        )


def classify(path: Path, kind: Kind) -> str:
    """policy | inventory | table? (a .docx/.html that is an inventory when it holds a name column)."""
    if kind != "auto":
        return kind
    suffix = path.suffix.lower()
    if suffix in {".csv", ".xlsx", ".xlsm"}:
        return "inventory"
    if suffix in {".docx", ".html", ".htm"}:
        return "table?"
    return "policy"


def _policy_batches(path: Path) -> tuple[str, dict[str, PropValue], Iterator[GraphBatch], int]:
    from ingest.policy.pipeline import extract_file
    from ingest.policy.to_graph import to_batch

    doc = extract_file(path)
    props: dict[str, PropValue] = {
        "kind": "policy",
        "path": str(path),
        "title": doc.title.text if doc.title else path.stem,
    }
    return doc.doc_id, props, iter([to_batch(doc)]), 1


def ingest_paths(
    store: GraphStore,
    paths: Iterable[Path],
    *,
    kind: Kind = "auto",
    chunk: int = DEFAULT_CHUNK,
    on_file: Callable[[FileOutcome], None] | None = None,
) -> IngestReport:
    ensure_initialised(store)
    report = IngestReport()
    for path in expand(paths):
        outcome = FileOutcome(path, "?")
        try:
            if not path.exists():
                raise InputError(path, None, "no such file")
            outcome.kind = classify(path, kind)
            read = None
            if outcome.kind in ("inventory", "table?"):
                from ingest.inventory.read import read_inventory

                try:
                    read = read_inventory(path)
                    outcome.kind = "inventory"
                except InputError:
                    if outcome.kind == "inventory":
                        raise
                    outcome.kind = "policy"  # a document or page without a platform table: a text
            if read is None:
                doc_id, props, batches, rows = _policy_batches(path)
            else:
                from ingest.inventory.to_graph import to_batches

                doc_id, rows = path.stem, len(read.rows)
                props = {"kind": "inventory", "path": str(path), "title": path.name}
                batches = iter(to_batches(read))
                outcome.rejects = [r if isinstance(r, dict) else vars(r) for r in read.rejects]
            outcome.rows_read = rows
            outcome.result = load_document(store, doc_id, sha256_file(path), props, batches, chunk=chunk)
        except InputError as exc:
            outcome.error = exc
        except (UnicodeError, ValueError, OSError) as exc:
            outcome.error = InputError(path, None, f"{type(exc).__name__}: {exc}")
        report.files.append(outcome)
        if on_file is not None:
            on_file(outcome)
    return report

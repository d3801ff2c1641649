"""A digest of everything the inventory build hands on: the GraphBatches of to_batches after
add_search_terms (node and relationship rows with their properties and order, search terms included,
and the evidence), per input file.

The build is tuned for speed (to_graph, segment, search_terms) and must not change one fact. The stored
digests in golden/ were computed from data/sample by the code before such a change; regenerate them only
for an intended change of the output:

    .venv/bin/python -m tests.unit.inventory.batch_digest > tests/inventory/golden/sample_batches.txt
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from app.model.batch import GraphBatch

SAMPLE = Path(__file__).resolve().parents[3] / "data" / "sample"
GOLDEN = Path(__file__).resolve().parent / "golden" / "sample_batches.txt"


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLE.iterdir() if p.suffix in (".csv", ".xlsx") and p.name != "labels.csv")


def _as_term_list(row: dict[str, Any]) -> dict[str, Any]:
    """The row as the build wrote it before search terms became one string (search_terms = the list,
    same key position): the golden digests, computed then, still prove every term unchanged."""
    props = row.get("props")
    if not isinstance(props, dict) or "search_text" not in props:
        return row
    props = {("search_terms" if k == "search_text" else k): (v.split(" ") if k == "search_text" else v)
             for k, v in props.items()}  # fmt: skip
    return {**row, "props": props}


def batch_repr(batch: GraphBatch) -> Iterable[str]:
    """Every row of a batch in order, as text (dict order, value types and list order all show)."""
    yield repr(batch.doc_id)
    for label, rows in batch.nodes.items():
        yield repr((label.value, [_as_term_list(r) for r in rows]))
    for (rel, src, dst), rows in batch.rels.items():
        yield repr((rel.value, src.value, dst.value, rows))
    for ev_id, ev in batch.evidence.items():
        yield repr((ev_id, type(ev).__name__, ev.__dict__))


def file_digests(paths: Iterable[Path]) -> dict[str, str]:
    """File name → sha256 of its batches, built as a pool worker builds them (one Resolver for the run)."""
    from app.text.search_terms import add_search_terms
    from ingest.inventory.read import read_inventory
    from ingest.inventory.to_graph import to_batches
    from ingest.resolve.resolver import Resolver

    resolver = Resolver()
    out: dict[str, str] = {}
    for path in paths:
        h = hashlib.sha256()
        for batch in to_batches(read_inventory(path), resolver=resolver):
            for text in batch_repr(add_search_terms(batch)):
                # the Document's path property holds the checkout's location: not part of the build
                h.update(text.replace(str(path.parent), "<dir>").encode("utf-8"))
        out[path.name] = h.hexdigest()
    return out


def read_golden() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            digest, name = line.split("  ", 1)
            out[name] = digest
    return out


if __name__ == "__main__":
    print("# sha256 of to_batches + add_search_terms per data/sample file (tests/inventory/batch_digest.py)")
    for name, digest in file_digests(sample_files()).items():
        print(f"{digest}  {name}")

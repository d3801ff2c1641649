"""Regressions for defects bench/fault_kill.py found by killing loads at random points (issue 7)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.derive.chains import DERIVED_DOC
from app.model.schema import Rel, document_id
from app.store.falkordb.store import FalkorStore
from app.store.protocol import GraphStore, Statement
from app.store.queries import template
from ingest.pipeline.run import ingest_paths
from ingest.synth.generator import generate
from tests.faults._graph import Digest, digest, documents_not_complete

POLICIES = Path(__file__).resolve().parents[2] / "data" / "corpus" / "policies"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("synth")
    generate(400, 29, out)
    return [POLICIES, out]


@pytest.fixture
def reference(embedded_path: Path, inputs: list[Path]) -> Iterator[Digest]:
    st = FalkorStore(embedded_path, graph=f"ref_{uuid.uuid4().hex[:10]}")
    assert not ingest_paths(st, inputs, workers=0, bulk=False).failed
    yield digest(st)
    st.drop()
    st.close()


def test_killed_before_the_derive_step_the_rerun_derives(
    store: GraphStore, inputs: list[Path], reference: Digest
) -> None:
    # The files all complete, then the process dies before deriving the inferred links (derive=False
    # stands for that kill): every file is unchanged on the re-run, which must derive all the same.
    assert reference.rels.get(Rel.SERVES.value, 0) > 0
    assert not ingest_paths(store, inputs, workers=0, bulk=False, derive=False).failed
    assert digest(store).rels.get(Rel.SERVES.value, 0) < reference.rels[Rel.SERVES.value]
    report = ingest_paths(store, inputs, workers=0, bulk=False)
    assert all(f.result is not None and f.result.status == "unchanged" for f in report.files)
    assert report.derived is not None and report.derived.status == "loaded"
    assert digest(store) == reference
    assert not documents_not_complete(store)


def test_killed_during_the_derive_step_the_rerun_completes_it(
    store: GraphStore, inputs: list[Path], reference: Digest
) -> None:
    assert not ingest_paths(store, inputs, workers=0, bulk=False).failed
    # A derive that died after marking its pseudo-document 'loading' (some links written, not all).
    store.write([Statement(template("document_begin"), {"id": document_id(DERIVED_DOC), "props": {}})])
    assert documents_not_complete(store) == [document_id(DERIVED_DOC)]
    report = ingest_paths(store, inputs, workers=0, bulk=False)
    assert report.derived is not None and report.derived.status == "replaced"
    assert digest(store) == reference
    assert not documents_not_complete(store)


def test_killed_before_deriving_a_changed_file_the_rerun_derives_again(
    store: GraphStore, inputs: list[Path], reference: Digest, tmp_path: Path
) -> None:
    # An earlier run derived completely; a later run changes a file and dies before its derive step. The
    # derived document is still 'complete' (with the earlier links), so only its derived_at stamp, older
    # than the changed file's load, tells the unchanged re-run to derive again.
    assert not ingest_paths(store, inputs, workers=0, bulk=False).failed
    synth = inputs[1]
    target = next(p for p in sorted(synth.glob("*平台名单*.csv")))
    changed = tmp_path / "changed"
    changed.mkdir()
    for p in synth.iterdir():
        (changed / p.name).write_bytes(p.read_bytes())
    original = target.read_bytes()
    (changed / target.name).write_bytes(original[: original.rindex(b"\n", 0, len(original) - 1) + 1])  # last row gone
    time.sleep(1.1)  # load times have one-second resolution
    report = ingest_paths(store, [POLICIES, changed], workers=0, bulk=False, derive=False)
    assert [f.result.status for f in report.files if f.result is not None].count("replaced") == 1
    rerun = ingest_paths(store, [POLICIES, changed], workers=0, bulk=False)
    assert all(f.result is not None and f.result.status == "unchanged" for f in rerun.files)
    assert rerun.derived is not None  # derived again
    # ... and once derived, a run with nothing new does not derive again.
    assert ingest_paths(store, [POLICIES, changed], workers=0, bulk=False).derived is None
    # Back to the original files: the graph is the reference graph again.
    assert not ingest_paths(store, inputs, workers=0, bulk=False).failed
    assert digest(store) == reference

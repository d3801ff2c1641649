"""The build's speed work must not change one fact: the batches of data/sample (nodes, relationships,
properties incl. search_terms, evidence, in order) hash to the digests the code before it computed
(tests/inventory/golden/sample_batches.txt, written by tests/inventory/batch_digest.py)."""

from __future__ import annotations

from tests.unit.inventory.batch_digest import file_digests, read_golden, sample_files


def test_sample_batches_unchanged() -> None:
    golden = read_golden()
    files = sample_files()
    assert len(golden) == len(files) > 100
    got = file_digests(files)
    assert {n: d for n, d in got.items() if golden.get(n) != d} == {}


def test_digest_sees_a_changed_property() -> None:
    """The digest covers property values (a check that could not fail would prove nothing)."""
    from app.text.search_terms import add_search_terms
    from ingest.inventory.read import read_inventory
    from ingest.inventory.to_graph import to_batches
    from tests.unit.inventory.batch_digest import batch_repr

    path = next(p for p in sample_files() if p.suffix == ".csv" and "平台名单" in p.name)
    batch = add_search_terms(next(to_batches(read_inventory(path))))
    before = list(batch_repr(batch))
    row = batch.nodes[next(iter(k for k in batch.nodes if k.value == "Platform"))][0]
    row["props"]["search_text"] = " ".join(reversed(row["props"]["search_text"].split(" ")))
    assert list(batch_repr(batch)) != before

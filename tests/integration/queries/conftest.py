"""One sample graph per test module and engine, loaded from GraphBatches that the
networkx oracle reads too (so both sides answer from exactly the same facts)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pytest

from app.derive.chains import DERIVED_DOC, inferred_batch, materialise_inferred
from app.model.batch import GraphBatch
from app.services.analysis import batches_to_networkx
from app.store.loader import load_document
from app.store.protocol import GraphStore
from tests.conftest import fresh_store
from tests.fixtures.graph import INVENTORY_DOC, POLICY_DOC, POLICY_TEXT, inventory_batches, policy_batch


@dataclass
class Sample:
    store: GraphStore
    graph: nx.MultiDiGraph  # the facts the batches hold (what the query oracles read)
    batches: list[GraphBatch]
    stored: nx.MultiDiGraph  # + the derived inferred-link pseudo-document: everything the store holds

    def nodes(self, label: str) -> list[str]:
        return sorted(n for n, d in self.graph.nodes(data=True) if d.get("label") == label)

    def edges(self, rel: str) -> list[tuple[str, str, dict[str, object]]]:
        return [(a, b, d) for a, b, d in self.graph.edges(data=True) if d.get("type") == rel]


def build(store: GraphStore, platforms: int = 120) -> Sample:
    pol = [policy_batch()]
    inv = list(inventory_batches(platforms, seed=11))
    docs: dict[str, dict[str, Any]] = {
        POLICY_DOC: {"kind": "policy", "title": "样例政策", "raw_text": POLICY_TEXT, "year": 2023},
        INVENTORY_DOC: {"kind": "inventory", "title": "样例名单"},
    }
    store.apply_schema()  # as every ingest does (search needs the full-text indexes)
    load_document(store, POLICY_DOC, "sha-policy", docs[POLICY_DOC], pol)
    load_document(store, INVENTORY_DOC, "sha-inventory", docs[INVENTORY_DOC], inv)
    materialise_inferred(store)  # the derived step a full ingest runs (inferred SERVES links)
    derived, _, _ = inferred_batch(store)
    stored_docs = {**docs, DERIVED_DOC: {}}
    return Sample(
        store, batches_to_networkx(pol + inv, docs), pol + inv, batches_to_networkx([*pol, *inv, derived], stored_docs)
    )


@pytest.fixture(scope="module")
def sample(request: pytest.FixtureRequest, module_engine: str) -> Iterator[Sample]:
    with fresh_store(request, module_engine, "t_q") as st:
        yield build(st)

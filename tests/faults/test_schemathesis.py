"""The API against its own OpenAPI spec (issues 7, 18), with a small example budget per operation (the full
run is bench/fault_api.py): every schemathesis check (status codes, content types, headers such as Allow on
405, response schemas, schema-valid data accepted), no 5xx, and the graph unchanged.

Schema-valid input the server may still refuse by design, named here: 400 (Cypher the engine or a limit
refuses: the spec cannot say which strings are valid Cypher), 401/403 (no key: writes are off here), 404 (ids
that do not exist), 409 (an ingest runs), 413, 429/503/504, and 422 on the free-text filters (FILTERED)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.core.result import Ok

from app.api.main import create_app
from app.settings import Settings
from app.store.falkordb.store import FalkorStore
from ingest.pipeline.run import ingest_paths
from tests.faults._graph import digest
from tests.faults.conftest import write_good

EXAMPLES_PER_OPERATION = 8
BY_DESIGN = ["2xx", 400, 401, 403, 404, 409, 413, 429, 503, 504]
# Free-text filters resolved against the gazetteer or the graph (a region in any common form, a member kind
# with aliases): a value that resolves to nothing is 422 "Invalid filter" naming the nearest or allowed
# values, a meaning the schema cannot state (as it cannot state which strings are valid Cypher).
FILTERED = ("/duplicates", "/transitions/pending", "/targets", "/clusters/{cluster_id}/members", "/platform-types")
CONFIG = {
    "checks": {"positive_data_acceptance": {"expected-statuses": BY_DESIGN}},
    "operations": [
        {"include-path": path, "checks": {"positive_data_acceptance": {"expected-statuses": [*BY_DESIGN, 422]}}}
        for path in FILTERED
    ],
}


@pytest.fixture(scope="module")
def target(embedded_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, FalkorStore]]:
    graph = f"t_st_{uuid.uuid4().hex[:12]}"
    store = FalkorStore(embedded_path, graph=graph)
    assert not ingest_paths(store, [write_good(tmp_path_factory.mktemp("st"))], workers=0, bulk=False).failed
    app = create_app(Settings(store=f"embedded:{embedded_path}", graph=graph, cypher_timeout_ms=2000))
    yield app, store
    store.drop()
    store.close()


def test_every_operation_against_the_spec(target: tuple[object, FalkorStore]) -> None:
    app, store = target
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=SchemathesisConfig.from_dict(CONFIG))
    before = digest(store)
    ran: dict[str, int] = {}
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result  # the spec loads: every operation resolves
        op = result.ok()

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=op.as_strategy())
        def run(case: schemathesis.Case) -> None:
            response = case.call()
            assert response.status_code < 500, (case.method, case.formatted_path, response.text[:500])
            case.validate_response(response)
            label = case.operation.label
            ran[label] = ran.get(label, 0) + 1

        run()
    assert len(ran) >= 10, ran  # every route was exercised, not skipped
    assert digest(store) == before
    print(f"schemathesis: {sum(ran.values())} cases over {len(ran)} operations")

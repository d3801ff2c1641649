"""Parity (issue #19): the same inputs in both engines give the same graph and the same answers.

data/corpus + data/sample, the whole demo (small enough for the MERGE path on Neo4j: ~2.7k inventory rows,
six policy texts), are ingested the way `innokg ingest` does (FalkorDB: GRAPH.BULK into the new graph;
Neo4j: batched UNWIND MERGE). Then, on both:

- counts per label and relationship type, and a hash over every node and relationship with all its
  properties (tests/faults/_graph.py; only loaded_at / derived_at / path are volatile by design);
- the answer of every named query in cypher/queries (the shared text or the engine's variant) with
  parameters taken from the data;
- the answer of every GET endpoint of the API (from its OpenAPI description: a new endpoint is asked
  without editing this file), path parameters taken from the data.

Normalised, because legitimately engine-specific (nothing else is):
- floats are compared rounded to 9 significant digits (the engines sum in different orders);
- load times (loaded_at, derived_at, last_loaded, loaded): clock readings of each run;
- internal node ids (id(n), platforms_id_span's lo/hi);
- order, only where the shared ORDER BY leaves ties or a list is collect()ed without an order: an answer that
  differs from the other engine's only in the order of its lists passes (``_same``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from app.services.search import query_terms
from app.settings import Settings
from app.store.named import run
from app.store.protocol import GraphStore
from app.store.queries import named_queries
from ingest.pipeline.run import ingest_paths
from tests.conftest import ENGINES, engine_url, fresh_store
from tests.faults._graph import digest

REPO = Path(__file__).resolve().parents[2]
INPUTS = [REPO / "data" / "corpus", REPO / "data" / "sample"]

pytestmark = pytest.mark.neo4j

# Columns holding the engine's internal node ids (id(n)): left out of the comparison.
_ENGINE_IDS = {"platforms_id_span": {"lo", "hi"}}


@dataclass
class Side:
    engine: str
    store: GraphStore
    client: TestClient


@pytest.fixture(scope="module")
def sides(request: pytest.FixtureRequest) -> Iterator[tuple[Side, Side]]:
    with fresh_store(request, ENGINES[0], "parity") as a, fresh_store(request, ENGINES[1], "parity") as b:
        out = []
        for engine, st in ((ENGINES[0], a), (ENGINES[1], b)):
            report = ingest_paths(st, INPUTS, workers=0)
            assert not report.failed, [str(f.path) for f in report.failed]
            settings = Settings(store=engine_url(request, engine), graph=st.graph)
            out.append(Side(engine, st, TestClient(create_app(settings))))
        yield out[0], out[1]


# When a document was loaded: a clock reading, different on each run and engine (as _graph.VOLATILE).
_VOLATILE = frozenset({"loaded_at", "derived_at", "loaded", "last_loaded", "path"})


def _norm(value: Any) -> Any:
    if isinstance(value, float):
        return float(f"{value:.9g}") if math.isfinite(value) else str(value)
    if isinstance(value, dict):
        return {k: (None if k in _VOLATILE else _norm(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_norm(v) for v in value]
    return value


def _unordered(value: Any) -> Any:
    """Every list sorted: what is left when the order of ties and of collect() is set aside."""
    if isinstance(value, dict):
        return {k: _unordered(v) for k, v in value.items()}
    if isinstance(value, list):
        return _sorted_rows([_unordered(v) for v in value])
    return value


def _same(a: Any, b: Any) -> bool:
    """Equal, or equal but for the order of rows the query leaves tied and of collect()ed lists: the ORDER BY
    is shared text, so an order difference can only come from ties (engine-specific by design)."""
    return bool(a == b or _unordered(a) == _unordered(b))


def _sorted_rows(rows: list[Any]) -> list[Any]:
    return sorted(rows, key=lambda r: json.dumps(r, ensure_ascii=False, sort_keys=True, default=str))


def _one(store: GraphStore, query: str) -> Any:
    rows = store.read(query)
    assert rows, query
    return rows[0]["x"]


def _ids(store: GraphStore) -> dict[str, Any]:
    """Parameters from the data (read from the FalkorDB side; the same ids exist on both if parity holds)."""
    q = "MATCH (n:{l}) {w} RETURN n.id AS x ORDER BY x LIMIT 1"
    clusters = [r["x"] for r in store.read("MATCH (c:LabCluster) RETURN c.id AS x ORDER BY x LIMIT 2")]
    plat_name = _one(store, "MATCH (p:Platform) RETURN p.name AS x ORDER BY p.name LIMIT 1")
    return {
        "platform": _one(store, q.format(l="Platform", w="WHERE (n)-[:LOCATED_IN]->()")),
        "institution": _one(store, q.format(l="Institution", w="")),
        "cluster_a": clusters[0],
        "cluster_b": clusters[-1],
        "chain": _one(store, q.format(l="IndustrialChain", w="")),
        "document": _one(store, "MATCH (d:Document {kind: 'policy'}) RETURN d.id AS x ORDER BY x LIMIT 1"),
        "evidence": _one(store, q.format(l="Evidence", w="")),
        "region": _one(store, "MATCH (:Platform)-[:LOCATED_IN]->(r:Region) RETURN r.name AS x ORDER BY x LIMIT 1"),
        "type": _one(store, "MATCH (t:PlatformType) RETURN t.name AS x ORDER BY x LIMIT 1"),
        "platform_name": plat_name,
    }


def _query_params(ids: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each named query's parameters (every declared one must be here: a new query needs a line)."""
    page = {"skip": 0, "limit": 50}
    q = ids["platform_name"][:4]
    return {
        "chain_clusters": {"id": ids["chain"]},
        "chain_coverage_declared": {"id": ids["chain"], "per_group": 20},
        "chain_coverage_inferred": {"id": ids["chain"], "min_score": 0.0, "per_group": 20},
        "chains_list": {"max_platforms": 100},
        "chains_terms": {},
        "cluster_members": {"id": ids["cluster_a"], "role": None, "kind": None, **page},
        "cluster_overlap": {"a": ids["cluster_a"], "b": ids["cluster_b"]},
        "clusters_count": {},
        "clusters_list": page,
        "dedup_fingerprint": {},
        "dedup_pending": {"types": [ids["type"]], "region": None},
        "dedup_review_list": {"pairs": None, "latest": True, **page},
        "dedup_review_platforms": {"ids": [ids["platform"]]},
        "dedup_platforms": {"after": "", "limit": 200, "region": None},
        "dedup_policy_texts": {},
        "dedup_transitions": {},
        "document_facts": {"id": ids["document"], "per_label": 20},
        "document_get": {"id": ids["document"]},
        "documents_list": {"kind": None, **page},
        "entity_clusters": {"id": ids["platform"]},
        "entity_clusters_of": {"id": ids["institution"]},
        "entity_evidence": {"id": ids["platform"], "limit": 20},
        "entity_get": {"id": ids["platform"], "limit": 20, "evidence_limit": 20},
        "entity_neighbours": {"id": ids["platform"], "limit": 20},
        "entity_node": {"id": ids["platform"]},
        "evidence_get": {"id": ids["evidence"]},
        "export_nodes": {"skip": 100, "limit": 200},
        "export_rels": {"skip": 100, "limit": 200},
        "network_edges": {},
        "network_reach": {},
        "platform_types": {"region": ids["region"]},
        "platforms_by_region": {"region": ids["region"]},
        "platforms_fields": {"lo": "", "hi": "\uffff"},
        "platforms_id_span": {},
        "search_contains": {"q": q[:1], "labels": ["Platform", "Institution"], "cap": 1000, **page},
        "search_entities": {"terms": _terms(q), "q": q, "kinds": None, "cap": 5000, **page},
        "store_fingerprint": {},
        "targets_vs_actual": {"region": None, "type": None, "year": None},
        "type_transitions": {"region": None},
    }


def _terms(q: str) -> list[str]:
    qt = query_terms(q)
    assert qt is not None, q
    return list(qt.terms)


def _first_diff(a: Any, b: Any, where: str = "") -> str:
    """Where two answers first differ (a path into the JSON), for the assertion message."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                return _first_diff(a.get(k), b.get(k), f"{where}.{k}")
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} vs {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return _first_diff(x, y, f"{where}[{i}]")
    return f"{where}: {str(a)[:160]} vs {str(b)[:160]}"


def test_the_same_graph(sides: tuple[Side, Side]) -> None:
    a, b = (digest(s.store) for s in sides)
    assert a.nodes == b.nodes
    assert a.rels == b.rels
    assert a.sha256 == b.sha256


def test_every_named_query_answers_the_same(sides: tuple[Side, Side]) -> None:
    fa, nb = sides
    params = _query_params(_ids(fa.store))
    names = set(named_queries(fa.store.backend)) | set(named_queries(nb.store.backend))
    assert names <= set(params), f"named queries without parity parameters: {sorted(names - set(params))}"
    differ = []
    for name in sorted(names):
        got = [_norm(run(s.store, name, **params[name])) for s in sides]
        if name in _ENGINE_IDS:  # internal node ids: engine-specific by nature
            got = [[{k: v for k, v in r.items() if k not in _ENGINE_IDS[name]} for r in g] for g in got]
        if not _same(got[0], got[1]):
            differ.append(f"{name} {_first_diff(got[0], got[1])}")
    assert not differ, "\n".join(differ)


def _get_paths(client: TestClient, ids: dict[str, Any]) -> list[str]:
    """Every GET endpoint of the API, its path parameters and required query parameters filled."""
    values = {
        "node_id": ids["platform"],
        "cluster_id": ids["cluster_a"],
        "a": ids["cluster_a"],
        "b": ids["cluster_b"],
        "chain_id": ids["chain"],
        "doc": ids["document"].removeprefix("doc:"),
        "evidence_id": ids["evidence"],
        "platform_id": ids["platform"],
    }
    out = []
    for path, ops in client.get("/openapi.json").json()["paths"].items():
        if "get" not in ops or path.endswith("/export"):
            continue  # a file export (CSV by default) is not an answer to compare
        required = [p["name"] for p in ops["get"].get("parameters", []) if p["in"] == "query" and p.get("required")]
        url = path.format(**values)
        assert required in ([], ["q"]), f"{path}: a required query parameter parity does not know: {required}"
        out.append(url + (f"?q={ids['platform_name'][:4]}" if required else ""))
    # Answers that depend on a parameter: one more call each.
    out += [
        f"/entities/{ids['institution']}",
        f"/search?q={ids['platform_name']}",
        f"/search?q={ids['platform_name'][:1]}",
        f"/targets?region={ids['region']}",
        "/duplicates?limit=200",
        "/documents?kind=inventory&limit=100",
    ]
    return out


def test_every_get_endpoint_answers_the_same(sides: tuple[Side, Side]) -> None:
    fa, nb = sides
    differ = []
    for url in _get_paths(fa.client, _ids(fa.store)):
        ra, rb = fa.client.get(url), nb.client.get(url)
        assert ra.status_code == 200, (url, ra.text[:300])
        body_a, body_b = _norm(ra.json()), _norm(rb.json())
        if url == "/health":  # the engine's own name and version are the one legitimate difference
            for body in (body_a, body_b):
                for key in ("backend", "server_version", "store"):
                    body.pop(key, None)
        if rb.status_code != 200 or not _same(body_a, body_b):
            differ.append(f"{url} {rb.status_code} {_first_diff(body_a, body_b)}")
    assert not differ, "\n".join(differ)

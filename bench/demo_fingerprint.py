"""Fingerprint of the demo: the graph `make demo` builds and the answer of every endpoint on it.

A refactor that claims "behaviour unchanged" records this before and after and compares the files:
    .venv/bin/python bench/demo_fingerprint.py OUT.json
The graph part is every node (labels, properties) and relationship (type, end ids, properties) sorted;
the API part is each request below with its status and body. Wall-clock fields (load times) are masked.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from app.api.main import create_app
from app.settings import Settings
from app.store.factory import open_store
from app.store.named import run
from ingest.pipeline.run import ingest_paths

REPO = Path(__file__).resolve().parent.parent
_MASKED = {"loaded_at", "derived_at", "as_of_time", "elapsed_ms", "took_ms", "generated_at"}

REQUESTS: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/health", None),
    ("GET", "/search?q=大连理工", None),
    ("GET", "/search?q=重点实验室&limit=20", None),
    ("GET", "/search?q=沈阳&kind=Platform", None),
    ("GET", "/clusters", None),
    ("GET", "/duplicates?limit=1000", None),
    ("GET", "/duplicates?region=辽宁省&limit=1000", None),
    ("GET", "/transitions/pending", None),
    ("GET", "/transitions/pending?region=辽宁省", None),
    ("GET", "/targets", None),
    ("GET", "/targets?region=广西壮族自治区", None),
    ("GET", "/chains", None),
    ("GET", "/platform-types", None),
    ("GET", "/platform-types?region=辽宁省", None),
    ("GET", "/documents", None),
    ("GET", "/documents/doc:000_b4f945b6ec42ab35", None),
    (
        "POST",
        "/duplicates/screen",
        {
            "name": "辽宁省现代电化学储能检测工程研究中心",
            "type": "工程研究中心",
            "host": "大连东软信息学院",
            "region": "辽宁省",
        },
    ),
    ("POST", "/cypher", {"query": "MATCH (n:Platform) RETURN n.name AS name ORDER BY name LIMIT 5"}),
]


_PLACES: list[tuple[str, str]] = [(str(REPO), "<repo>")]  # + the temporary store, once made


def _mask(value: Any) -> Any:
    """Wall-clock fields masked; the checkout's and the store's paths written as <repo> / <tmp>, so that two
    checkouts of the same code give the same fingerprint."""
    if isinstance(value, dict):
        return {k: ("<masked>" if k in _MASKED else _mask(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask(v) for v in value]
    if isinstance(value, str):
        for place, name in _PLACES:
            value = value.replace(place, name)
    return value


def _all(store: Any, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    while page := run(store, name, skip=len(rows), limit=10_000):
        rows += page
    return rows


def _follow_ups(client: TestClient, answers: dict[str, Any]) -> list[tuple[str, str, dict[str, Any] | None]]:
    """Per-id requests for the first items the list endpoints named (cluster members, entities, evidence)."""
    more: list[tuple[str, str, dict[str, Any] | None]] = []
    clusters = answers["GET /clusters"]["body"]["items"][:3]
    for c in clusters:
        more.append(("GET", f"/clusters/{c['id']}/members?limit=500", None))
        more.append(("GET", f"/entities/{c['id']}", None))
    if len(clusters) >= 2:
        more.append(("GET", f"/clusters/{clusters[0]['id']}/overlap/{clusters[1]['id']}", None))
    for item in answers["GET /search?q=大连理工"]["body"]["items"][:3]:
        more.append(("GET", f"/entities/{item['id']}", None))
        more.append(("GET", f"/entities/{item['id']}/clusters", None))
    for chain in answers["GET /chains"]["body"][:3]:
        more.append(("GET", f"/chains/{chain['id']}/coverage", None))
    for t in answers["GET /targets"]["body"][:3]:
        for ev in t["evidence"][:1]:
            more.append(("GET", f"/evidence/{ev['id']}", None))
    return more


def _ask(client: TestClient, method: str, path: str, body: dict[str, Any] | None) -> dict[str, Any]:
    r = client.request(method, path, json=body)
    try:
        payload: Any = r.json()
    except ValueError:
        payload = r.text
    return {"status": r.status_code, "body": _mask(payload)}


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="innokg-fp-") as tmp:
        _PLACES.append((tmp, "<tmp>"))
        url = f"embedded:{tmp}/graph"
        graph = f"fp_{uuid.uuid4().hex[:8]}"
        store = open_store(url, graph=graph)
        try:
            ingest_paths(store, [REPO / "data" / "corpus", REPO / "data" / "sample"], workers=0)
            client = TestClient(create_app(Settings(store=url, graph=graph)))
            answers: dict[str, Any] = {}
            for method, path, body in REQUESTS:
                answers[f"{method} {path}"] = _ask(client, method, path, body)
            for method, path, body in _follow_ups(client, answers):
                answers[f"{method} {path}"] = _ask(client, method, path, body)
            nodes, rels = _all(store, "export_nodes"), _all(store, "export_rels")
        finally:
            store.drop()
            store.close()
    graph_rows = sorted(json.dumps(_mask(r), ensure_ascii=False, sort_keys=True) for r in nodes + rels)
    result = {
        "graph_sha256": hashlib.sha256("\n".join(graph_rows).encode()).hexdigest(),
        "graph_rows": len(graph_rows),
        "answers_sha256": {
            k: hashlib.sha256(json.dumps(v, sort_keys=True).encode()).hexdigest() for k, v in answers.items()
        },
        "answers": answers,
    }
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    print(f"graph rows {len(graph_rows)} sha256 {result['graph_sha256'][:16]}; {len(answers)} answers → {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

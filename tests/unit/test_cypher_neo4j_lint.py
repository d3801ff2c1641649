"""Every statement meant for Neo4j is parsed by Neo4j's own Cypher linter with zero errors.

Neo4j cannot run on these machines; its linter (npm @neo4j-cypher/language-support, pinned in
tools/npm) runs offline. Parameters are declared from each file's `// params:` header, so an
undeclared parameter is an error too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from app.model.schema import NODES, RELS, Label
from app.store.queries import _all_files, named_queries, schema_statements, template

LINT_DIR = Path(__file__).resolve().parents[2] / "tools" / "npm"


def _statements() -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    for i, stmt in enumerate(schema_statements("neo4j")):
        items.append({"name": f"schema/neo4j#{i}", "query": stmt, "params": []})
    for q in named_queries("neo4j").values():
        items.append({"name": f"queries/{q.name}", "query": q.text, "params": list(q.params)})
    for t in _all_files("templates"):
        params = list(t.params)
        if "{rel}" in t.text:
            # Every relationship type once (every label is linted through the {label} templates).
            for rel, (srcs, dsts) in RELS.items():
                text = template(t.name, rel=rel, src=srcs[0], dst=dsts[0])
                items.append({"name": f"templates/{t.name}[{rel.value}]", "query": text, "params": params})
        elif "{label}" in t.text:
            for lb in Label:
                items.append(
                    {"name": f"templates/{t.name}[{lb.value}]", "query": template(t.name, label=lb), "params": params}
                )
        else:
            items.append({"name": f"templates/{t.name}", "query": t.text, "params": params})
    return items


def _linter() -> list[str]:
    node = shutil.which("node")
    if node is None or not (LINT_DIR / "node_modules").is_dir():
        if os.environ.get("CI"):
            pytest.fail("CI must run the Neo4j linter: node and tools/npm/node_modules are required")
        pytest.skip("node or the linter is not installed (make setup installs it)")
    return [node, str(LINT_DIR / "lint.mjs")]


def test_every_neo4j_statement_lints_clean() -> None:
    items = _statements()
    assert len(items) > len(NODES) * 2  # schema + templates at least
    proc = subprocess.run(_linter(), input=json.dumps(items), capture_output=True, text=True, check=True, cwd=LINT_DIR)
    results = json.loads(proc.stdout)
    errors = [(r["name"], d["message"]) for r in results for d in r["diagnostics"] if d["severity"] == 1]
    assert errors == []


def test_the_linter_catches_errors() -> None:
    """Guard against a linter that silently passes everything."""
    bad = [
        {"name": "syntax", "query": "MATCH (n RETURN n", "params": []},
        {"name": "param", "query": "MATCH (n) WHERE n.id = $undeclared RETURN n", "params": []},
    ]
    proc = subprocess.run(_linter(), input=json.dumps(bad), capture_output=True, text=True, check=True, cwd=LINT_DIR)
    results = json.loads(proc.stdout)
    assert all(any(d["severity"] == 1 for d in r["diagnostics"]) for r in results)


def test_named_query_headers_list_every_parameter() -> None:
    for backend in ("falkordb", "neo4j"):
        for q in named_queries(backend).values():
            used = set(re.findall(r"\$(\w+)", q.text))
            assert used <= set(q.params), (q.name, backend, used - set(q.params))

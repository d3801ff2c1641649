"""Production backend: Neo4j 5 through the official driver.

Reads go through ``execute_read`` in a READ-mode session (the server refuses writes there);
writes through ``execute_write`` (one transaction per batch, retried on transient errors);
``database=`` is always passed so no call depends on the user's home database.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import neo4j
from neo4j import GraphDatabase, Query
from neo4j import exceptions as nex
from neo4j.graph import Node, Path, Relationship

from app.store.protocol import (
    BulkLoader,
    Health,
    Params,
    Row,
    Statement,
    StoreError,
    StoreTimeout,
    StoreUnavailable,
    params_as_given,
)
from app.store.queries import schema_statements


def _plain(value: Any) -> Any:
    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {
            "nodes": [_plain(n) for n in value.nodes],
            "relationships": [_plain(r) for r in value.relationships],
        }
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "iso_format"):  # neo4j.time types
        return value.iso_format()
    return value


# Server-side transaction timeouts (issue 18): every transaction carries one, so none runs unbounded. Reads
# that pass their own (POST /cypher, search) use it; the rest use these. The memory cap per transaction is
# the server's db.memory.transaction.max (set by the Neo4j launcher; docs/operations/reliability.md).
READ_TIMEOUT_ENV = "INNOKG_NEO4J_READ_TIMEOUT_S"
WRITE_TIMEOUT_ENV = "INNOKG_NEO4J_WRITE_TIMEOUT_S"
DEFAULT_TIMEOUT_S = 600.0


def _timeout_s(env: str) -> float:
    raw = os.environ.get(env, "")
    try:
        value = float(raw) if raw.strip() else DEFAULT_TIMEOUT_S
    except ValueError:
        raise StoreError(f"{env} must be a number of seconds, not {raw!r}") from None
    return value if value > 0 else DEFAULT_TIMEOUT_S


def _error(exc: Exception) -> StoreError:
    if isinstance(exc, nex.ServiceUnavailable | nex.SessionExpired | OSError):
        return StoreUnavailable(f"Neo4j is not reachable: {exc}")
    if isinstance(exc, nex.Neo4jError) and "TransactionTimedOut" in (exc.code or ""):
        return StoreTimeout(f"query timed out: {exc.message}")
    if isinstance(exc, nex.Neo4jError) and "MemoryPoolOutOfMemory" in (exc.code or ""):
        return StoreError(
            f"the query needs more memory than one transaction may hold (db.memory.transaction.max): {exc.message}"
        )
    if isinstance(exc, nex.Neo4jError):
        return StoreError(f"{exc.code}: {exc.message}")
    return StoreError(str(exc))


class Neo4jStore:
    backend = "neo4j"
    encode_params = staticmethod(params_as_given)  # the driver sends parameters as they are

    def __init__(self, url: str, *, user: str, password: str, database: str) -> None:
        self.url = url
        self.database = database
        self.graph = database
        self._driver = GraphDatabase.driver(url, auth=(user, password))

    def read(self, query: str, params: Params | None = None, *, timeout_ms: int | None = None) -> list[Row]:
        q = Query(query, timeout=timeout_ms / 1000 if timeout_ms else _timeout_s(READ_TIMEOUT_ENV))

        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            result = tx.run(q, dict(params or {}))  # type: ignore[arg-type]  # Query carries the timeout
            return [{k: _plain(v) for k, v in rec.items()} for rec in result]

        try:
            with self._driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as s:
                return s.execute_read(work)
        except Exception as exc:
            raise _error(exc) from exc

    def write(self, statements: Sequence[Statement]) -> list[list[Row]]:
        @neo4j.unit_of_work(timeout=_timeout_s(WRITE_TIMEOUT_ENV))
        def work(tx: neo4j.ManagedTransaction) -> list[list[Row]]:
            out = []
            for st in statements:
                result = tx.run(st.query, dict(st.params))
                out.append([{k: _plain(v) for k, v in rec.items()} for rec in result])
            return out

        try:
            with self._driver.session(database=self.database) as s:
                return s.execute_write(work)
        except Exception as exc:
            raise _error(exc) from exc

    def apply_schema(self) -> list[str]:
        applied = []
        try:
            with self._driver.session(database=self.database) as s:
                for stmt in schema_statements(self.backend):
                    s.run(stmt).consume()  # DDL: auto-commit only
                    applied.append(stmt)
        except Exception as exc:
            raise _error(exc) from exc
        return applied

    def health(self) -> Health:
        try:
            info = self._driver.get_server_info()
            self._driver.verify_connectivity()
        except Exception as exc:
            return Health(self.backend, self.url, False, detail=str(_error(exc)))
        return Health(self.backend, self.url, True, server_version=f"{info.agent} (protocol {info.protocol_version})")

    def bulk_loader(self) -> BulkLoader | None:
        return None  # no bulk path: a first load MERGEs like any other

    def close(self) -> None:
        self._driver.close()

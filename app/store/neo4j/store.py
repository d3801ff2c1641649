"""Production backend: Neo4j 5 through the official driver, the Neo4j way.

Reads: one auto-commit transaction in a READ-mode session (the server refuses writes there; a cluster routes
them to a reader) with a server-side transaction timeout (``neo4j.Query(timeout=…)``); on an error the driver
calls retryable the read runs again through ``execute_read``, which retries. Writes:
``execute_write`` (one managed transaction per batch, retried by the driver on transient errors and
leader switches for up to ``max_transaction_retry_time``). ``database=`` is always passed so no call depends on
the user's home database. ``neo4j://`` URLs use the routing driver (clusters, Aura); ``bolt://`` a direct
connection to one server. Credentials may ride in the URL (``bolt://user:password@host:port``); they are
taken out before the driver sees it and never appear in ``url`` or in an error.
"""

from __future__ import annotations

import contextlib
import logging
import os
import urllib.parse
from collections.abc import Sequence
from typing import Any

import neo4j
from neo4j import GraphDatabase
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

# The driver logs connection failures as warnings; with no handler configured Python prints them to stderr
# beside our own one-line error. A NullHandler keeps them out (an application that configures logging still
# gets them).
logging.getLogger("neo4j").addHandler(logging.NullHandler())
log = logging.getLogger("innokg.store.neo4j")

RETRY_S = 30.0  # how long a write is retried on transient errors (deadlocks, leader switch, restart)
CONNECT_S = 10.0
LIVENESS_S = 5.0  # a pooled connection idle longer is checked first (a server restarted under it: bulk loads)


def split_url(url: str) -> tuple[str, str | None, str | None]:
    """``scheme://user:password@host:port?q`` → (the URL without credentials, user, password)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None, None
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    bare = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    user = urllib.parse.unquote(parts.username) if parts.username else None
    password = urllib.parse.unquote(parts.password) if parts.password is not None else None
    return bare, user, password


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
    if isinstance(value, list | tuple):
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


def _rows(result: neo4j.Result) -> list[Row]:
    return [{k: _plain(v) for k, v in rec.items()} for rec in result]


def _error(exc: Exception, url: str) -> StoreError:
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, nex.AuthError):
        return StoreUnavailable(f"Neo4j at {url} refused the credentials (wrong user or password?)")
    if isinstance(exc, nex.ServiceUnavailable | nex.SessionExpired | OSError):
        return StoreUnavailable(f"Neo4j at {url} is not reachable: {_first_line(exc)}")
    if isinstance(exc, nex.Neo4jError) and "MemoryPoolOutOfMemory" in (exc.code or ""):
        return StoreError(
            f"the query needs more memory than one transaction may hold (db.memory.transaction.max): {exc.message}"
        )
    if isinstance(exc, nex.Neo4jError):
        code = exc.code or ""
        if code == "Neo.ClientError.Security.AuthenticationRateLimit":
            return StoreUnavailable(f"Neo4j at {url} refused the login: too many wrong passwords in a row, retry later")
        if "TransactionTimedOut" in code or "TransactionTimedOutClientConfiguration" in code:
            return StoreTimeout(f"query timed out: {exc.message}")
        if code.startswith("Neo.TransientError.General.DatabaseUnavailable"):
            return StoreUnavailable(f"Neo4j at {url}: the database is unavailable: {exc.message}")
        return StoreError(f"{code}: {exc.message}")
    if isinstance(exc, nex.DriverError):
        return StoreUnavailable(f"Neo4j at {url}: {_first_line(exc)}")
    return StoreError(str(exc))


def _worth_rerunning(exc: nex.Neo4jError | nex.DriverError) -> bool:
    """A read that failed this way may succeed on another connection or server; a timeout or the memory cap
    would only fail again, later."""
    code = (exc.code or "") if isinstance(exc, nex.Neo4jError) else ""
    return exc.is_retryable() and "TimedOut" not in code and "MemoryPoolOutOfMemory" not in code


def _first_line(exc: Exception) -> str:
    """The driver's message on one line (it spreads a connection failure over several)."""
    return " ".join(str(exc).split())[:300] or type(exc).__name__


class Neo4jStore:
    backend = "neo4j"
    encode_params = staticmethod(params_as_given)  # the driver sends parameters as they are

    def __init__(self, url: str, *, user: str | None = None, password: str | None = None, database: str) -> None:
        bare, url_user, url_password = split_url(url)
        self.url = bare  # never the password
        self.database = database
        self.graph = database
        auth = (url_user or user or "neo4j", url_password if url_password is not None else (password or ""))
        self._auth = auth
        self._driver = self._new_driver()

    def _new_driver(self) -> neo4j.Driver:
        try:
            return GraphDatabase.driver(
                self.url,
                auth=self._auth,
                max_transaction_retry_time=RETRY_S,
                connection_timeout=CONNECT_S,
                liveness_check_timeout=LIVENESS_S,
                notifications_min_severity="OFF",  # deprecations of the shared dialect: linted, not logged
            )
        except (ValueError, nex.ConfigurationError) as exc:
            raise StoreError(f"bad Neo4j URL {self.url}: {exc}") from exc

    def _in_session(self, work: Any, *, read: bool) -> Any:
        """Run a unit of work in a fresh session. A BufferError means a pooled connection was left half-written
        by an earlier failure (seen rarely under load; the driver masks the first error with it): the pool is
        dropped and the work runs once more on new connections (writes are MERGEs: running one again is safe)."""
        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        for attempt in (1, 2):
            try:
                with self._driver.session(database=self.database, default_access_mode=mode) as s:
                    return s.execute_read(work) if read else s.execute_write(work)
            except BufferError:
                if attempt == 2:
                    raise
                old, self._driver = self._driver, self._new_driver()
                with contextlib.suppress(Exception):
                    old.close()
        raise AssertionError("unreachable")

    def read(self, query: str, params: Params | None = None, *, timeout_ms: int | None = None) -> list[Row]:
        """One auto-commit transaction in a READ session (one round trip: RUN and PULL pipelined, no BEGIN or
        COMMIT). A read can run again safely, so an error the driver calls retryable (a restart, a leader
        switch, a dropped connection) sends it through the managed ``execute_read`` path, which retries for
        up to ``RETRY_S``. Measured in docs/benchmarks/api.md (Neo4j)."""
        args = dict(params or {})
        timeout = timeout_ms / 1000 if timeout_ms else _timeout_s(READ_TIMEOUT_ENV)
        try:
            return self._read_once(query, args, timeout)
        except (nex.Neo4jError, nex.DriverError) as exc:
            if not _worth_rerunning(exc):
                raise _error(exc, self.url) from exc
        except BufferError:
            pass  # a connection left half-written: _in_session replaces the pool

        @neo4j.unit_of_work(timeout=timeout)
        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            return _rows(tx.run(query, args))

        try:
            rows: list[Row] = self._in_session(work, read=True)
            return rows
        except Exception as exc:
            raise _error(exc, self.url) from exc

    def _read_once(self, query: str, args: dict[str, Any], timeout: float) -> list[Row]:
        with self._driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as s:
            return _rows(s.run(neo4j.Query(query, timeout=timeout), args))

    def write(self, statements: Sequence[Statement]) -> list[list[Row]]:
        @neo4j.unit_of_work(timeout=_timeout_s(WRITE_TIMEOUT_ENV))
        def work(tx: neo4j.ManagedTransaction) -> list[list[Row]]:
            return [_rows(tx.run(st.query, dict(st.params))) for st in statements]

        try:
            out: list[list[Row]] = self._in_session(work, read=False)
            return out
        except Exception as exc:
            raise _error(exc, self.url) from exc

    def apply_schema(self) -> list[str]:
        """cypher/schema/neo4j.cypher, one auto-commit statement each (DDL cannot run in a managed
        transaction); every statement is idempotent (IF NOT EXISTS), the last waits for the indexes."""
        applied = []
        try:
            with self._driver.session(database=self.database) as s:
                for stmt in schema_statements(self.backend):
                    s.run(stmt).consume()
                    applied.append(stmt)
        except Exception as exc:
            raise _error(exc, self.url) from exc
        return applied

    def health(self) -> Health:
        try:
            self._driver.verify_connectivity()
            info = self._driver.get_server_info()
        except Exception as exc:
            return Health(self.backend, self.url, False, detail=str(_error(exc, self.url)))
        return Health(self.backend, self.url, True, server_version=f"{info.agent} (protocol {info.protocol_version})")

    def bulk_loader(self) -> BulkLoader | None:
        from app.store.neo4j.importer import neo4j_bulk  # neo4j-admin import into a local, empty Neo4j

        return neo4j_bulk(self)

    def close(self) -> None:
        """Close the pool; never raises. The driver says GOODBYE on every pooled connection, and one left
        half-written by an earlier failure raises BufferError there (seen in CI at an app's shutdown): the
        store is being let go, so what it cannot say goodbye on is left to the socket's own close."""
        try:
            self._driver.close()
        except Exception as exc:  # BufferError, a connection the server already dropped …
            log.debug("closing the Neo4j driver for %s: %s", self.url, exc)

"""Embedded backend: FalkorDB over a private unix socket, driven by the ``falkordb`` client."""

from __future__ import annotations

import functools
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import redis
from falkordb import FalkorDB
from falkordb.edge import Edge
from falkordb.node import Node
from falkordb.path import Path as FPath

from app.store.falkordb.server import Supervisor, compact, ensure_server, server_paths
from app.store.protocol import (
    Health,
    Params,
    Row,
    Statement,
    StoreError,
    StoreTimeout,
    StoreUnavailable,
)
from app.store.queries import schema_statements, template

if TYPE_CHECKING:
    from app.store.falkordb.bulk import FalkorBulk

# A JSON object key right after `{` or `,`: inside a JSON string every `"` is escaped, so this never
# matches string content.
_JSON_KEY = re.compile(r'(?<=[{,])"([^"\\]*)":')
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _cypher_key(key: str) -> str:
    """A map key as Cypher reads it: bare when an ASCII identifier, else in backticks (extra_备注)."""
    return key if _IDENT.match(key) else f"`{key}`"


def encode_params(params: Mapping[str, Any], keys: Iterable[str] | None = None) -> str | None:
    """Parameters as FalkorDB's `CYPHER name=value …` prefix, built with the C JSON encoder.

    The client's own encoder walks every value in Python and dominated bulk loads (~16 s of 30 s for
    100k inventory rows). JSON is Cypher literal syntax except for quoted map keys (rewritten: by plain
    `str.replace` when the caller knows every key, ~5× faster than the regex) and `\\u` escapes,
    which FalkorDB does not read: payloads needing those (control characters) return None and go
    through the client's encoder.
    """
    known = sorted(set(keys), key=len, reverse=True) if keys is not None else None
    parts = []
    for name, value in params.items():
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        if "\\u" in text or "`" in text:  # FalkorDB reads neither \\u escapes nor escaped backticks
            return None
        if known is None:
            text = _JSON_KEY.sub(lambda m: _cypher_key(m.group(1)) + ":", text)
        else:
            for k in known:
                text = text.replace(f'"{k}":', _cypher_key(k) + ":")
        parts.append(f"{name}={text}")
    return "CYPHER " + " ".join(parts) + " "


def inline_params(query: str, params: dict[str, Any], keys: Iterable[str] | None = None) -> tuple[str, dict[str, Any]]:
    """``GraphStore.encode_params``: the parameters inlined as a ``CYPHER …`` prefix of the query (none
    left to send), or the statement as it is when they cannot be (``encode_params`` returned None)."""
    text = encode_params(params, keys)
    if text is None:
        return query, params
    return text + query, {}


# Errors that mean "already there" when (re)applying the schema: creation is not idempotent here.
_ALREADY = ("already indexed", "already exists", "constraint already", "no such index")  # schema reapplied


_SCALARS = frozenset({str, int, float, bool})

_RANGE_INDEX = re.compile(r"^CREATE INDEX FOR \(\w+:(\w+)\) ON \(\w+\.(\w+)\)$")
_CONSTRAINT = re.compile(r"^GRAPH\.CONSTRAINT CREATE \S+ UNIQUE NODE (\w+) PROPERTIES 1 (\w+)$")
_FULLTEXT = re.compile(r"createNodeIndex\(\{label: '(\w+)'.*\{field: '(\w+)'")
_DROP_INDEX = re.compile(r"^DROP INDEX FOR \(\w+:(\w+)\) ON \(\w+\.(\w+)\)$")


def schema_key(stmt: str) -> tuple[str, str, str] | None:
    """(kind, label, property) of a schema statement, to tell whether it exists already."""
    for kind, pattern in (("RANGE", _RANGE_INDEX), ("UNIQUE", _CONSTRAINT), ("FULLTEXT", _FULLTEXT)):
        m = pattern.search(stmt.strip())
        if m:
            return kind, m.group(1), m.group(2)
    return None


def _plain(value: Any) -> Any:
    """Engine values → JSON-able Python: nodes and edges become property dicts with their kind."""
    if value is None or type(value) in _SCALARS:  # most values: skip the isinstance chain
        return value
    if isinstance(value, Node):
        return {"_labels": list(value.labels or []), **{k: _plain(v) for k, v in value.properties.items()}}
    if isinstance(value, Edge):
        return {"_type": value.relation, **{k: _plain(v) for k, v in value.properties.items()}}
    if isinstance(value, FPath):
        return {
            "nodes": [_plain(n) for n in value.nodes()],
            "relationships": [_plain(e) for e in value.edges()],
        }
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _error(exc: Exception, query: str) -> StoreError:
    if isinstance(exc, redis.ConnectionError | redis.TimeoutError | ConnectionError | FileNotFoundError):
        return StoreUnavailable(f"the embedded graph store is not reachable: {exc}")
    msg = str(exc)
    if msg.startswith("MISCONF"):
        # The server refuses every write once its append-only file cannot be written (disk full): no
        # statement can succeed until space is freed, so this is the store failing, not one document.
        return StoreUnavailable(f"the embedded graph store cannot write: {msg}")
    if "timed out" in msg.lower() or "timeout" in msg.lower():
        return StoreTimeout(f"query timed out: {msg}")
    return StoreError(msg)


def _when_not_busy(call: Callable[[], Any], timeout_s: float = 60.0) -> Any:
    """Run a command, retrying while the server answers BUSY (it does while preparing a fork for an
    append-only-file rewrite, e.g. right after a large bulk load)."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return call()
        except redis.BusyLoadingError:
            pass
        except redis.ResponseError as exc:
            if not str(exc).startswith("BUSY") or time.monotonic() > deadline:
                raise
        if time.monotonic() > deadline:
            raise StoreUnavailable("the embedded graph store stayed busy for 60 s")
        time.sleep(0.1)


DEFAULT_SOCKET_TIMEOUT_S = 600.0


def socket_timeout_s() -> float:
    """INNOKG_STORE_SOCKET_TIMEOUT_S: how long the client waits for any one reply of the embedded server."""
    raw = os.environ.get("INNOKG_STORE_SOCKET_TIMEOUT_S", "")
    try:
        value = float(raw) if raw.strip() else DEFAULT_SOCKET_TIMEOUT_S
    except ValueError:
        raise StoreError(f"INNOKG_STORE_SOCKET_TIMEOUT_S must be a number of seconds, not {raw!r}") from None
    return value if value > 0 else DEFAULT_SOCKET_TIMEOUT_S


class FalkorStore:
    backend = "falkordb"
    encode_params = staticmethod(inline_params)  # module-level: ``store.encode_params`` pickles

    def __init__(self, path: str | Path, *, graph: str = "innokg", start: bool = True) -> None:
        self.path = Path(path)
        self.url = f"embedded:{path}"
        paths = ensure_server(path) if start else server_paths(path)
        self._socket = str(paths.socket)
        # A server that stops answering (seen once after a 1M bulk load and three AOF rewrites, docs/benchmarks/load.md)
        # must become an error, not a client waiting forever. Generous: one statement or GRAPH.BULK command of
        # a large load is seconds; reads carry their own server-side timeout.
        self._db = FalkorDB(unix_socket_path=self._socket, socket_timeout=socket_timeout_s())
        self._graph_name = graph
        self.graph = graph
        self._graph = self._db.select_graph(graph)
        self._supervisor: Supervisor | None = None

    def compact(self, wait_s: float = 0.0) -> bool:
        """Snapshot the append-only file (after a load), so the next start loads a snapshot, not a log."""
        return compact(server_paths(self.path), wait_s=wait_s)

    def supervise(self, interval_s: float = 1.0) -> None:
        """Watch the embedded server and start it again if it dies (the API does, from its first request);
        meanwhile health() reports the store degraded and queries fail as unavailable (503)."""
        if self._supervisor is None:
            self._supervisor = Supervisor(self.path, interval_s).start()

    def read(self, query: str, params: Params | None = None, *, timeout_ms: int | None = None) -> list[Row]:
        try:
            try:
                result = self._graph.ro_query(query, dict(params or {}), timeout=timeout_ms)
            except redis.ResponseError as exc:
                if "empty key" not in str(exc):
                    raise
                # A graph never written to does not exist yet: create it empty, then read.
                self._graph.query(template("ping"))
                result = self._graph.ro_query(query, dict(params or {}), timeout=timeout_ms)
        except Exception as exc:
            raise _error(exc, query) from exc
        names = [h[1] for h in result.header]
        return [dict(zip(names, (_plain(v) for v in row), strict=True)) for row in result.result_set]

    def write(self, statements: Sequence[Statement]) -> list[list[Row]]:
        out: list[list[Row]] = []
        for st in statements:
            try:
                header = encode_params(st.params) if st.params else ""
                if header is None:
                    result = self._graph.query(st.query, dict(st.params))
                else:
                    result = self._graph.query(header + st.query)
            except Exception as exc:
                raise _error(exc, st.query) from exc
            names = [h[1] for h in result.header]
            out.append([dict(zip(names, (_plain(v) for v in row), strict=True)) for row in result.result_set])
        return out

    def existing_schema(self) -> set[tuple[str, str, str]]:
        """(kind, label, property) of every index and constraint in the graph."""
        keys: set[tuple[str, str, str]] = set()
        for row in self.read(template("indexes_existing")):
            if row.get("entitytype", "NODE") != "NODE":
                continue
            for prop, kinds in (row.get("types") or {}).items():
                keys.update((str(kind), str(row["label"]), str(prop)) for kind in kinds)
        for row in self.read(template("constraints_existing")):
            props = row.get("properties") or []
            if row.get("type") == "UNIQUE" and len(props) == 1:
                keys.add(("UNIQUE", str(row["label"]), str(props[0])))
        return keys

    def apply_schema(self) -> list[str]:
        """Create what the schema file lists and the graph lacks. Nothing that exists is re-issued: a failed
        GRAPH.CONSTRAINT CREATE still reaches the append-only file, and every later start replayed it."""
        applied: list[str] = []
        existing = self.existing_schema()
        for stmt in schema_statements(self.backend):
            drop = _DROP_INDEX.match(stmt.strip())
            if schema_key(stmt) in existing or (drop and ("RANGE", drop.group(1), drop.group(2)) not in existing):
                continue
            try:
                if stmt.startswith("GRAPH."):
                    # Constraint DDL is a server command in FalkorDB, not Cypher.
                    parts = stmt.replace("{graph}", self._graph_name).split()
                    _when_not_busy(functools.partial(self._db.execute_command, *parts))
                else:
                    _when_not_busy(functools.partial(self._graph.query, stmt))
                applied.append(stmt)
            except redis.ResponseError as exc:
                if not any(a in str(exc).lower() for a in _ALREADY):
                    raise StoreError(f"schema statement failed: {stmt}: {exc}") from exc
            except redis.ConnectionError as exc:
                raise _error(exc, stmt) from exc
        self._wait_indexes_built()
        if any(stmt.startswith("GRAPH.CONSTRAINT") for stmt in applied):
            # FalkorDB writes each GRAPH.CONSTRAINT CREATE to the append-only file twice; replaying the
            # second fails ("Constraint already exists", logged CRITICAL at every start). A snapshot holds
            # the constraints instead of the commands.
            compact(server_paths(self.path), wait_s=10.0)
        return applied

    def _wait_indexes_built(self, timeout_s: float = 1800.0) -> None:
        """Return once every index is populated: the server fills an index created over existing nodes in
        the background, and until then a full-text search answers nothing (seen after a 1M GRAPH.BULK)."""
        deadline = time.monotonic() + timeout_s
        while True:
            building = self.read(template("indexes_building"))
            if not building:
                return
            if time.monotonic() > deadline:
                raise StoreError(f"indexes still being built after {timeout_s:.0f} s: {building[:3]}")
            time.sleep(0.2)

    def health(self) -> Health:
        sup = self._supervisor
        if sup is not None and sup.restarting:
            detail = "degraded: the embedded server stopped and is being restarted"
            return Health(
                self.backend, self.url, False, detail=detail + (f" ({sup.last_error})" if sup.last_error else "")
            )
        try:
            info = self._db.connection.info("server")
            modules = self._db.connection.execute_command("MODULE", "LIST")
        except Exception as exc:
            return Health(self.backend, self.url, False, detail=str(_error(exc, "")))
        version = None
        for mod in modules or []:
            entry = dict(zip(mod[::2], mod[1::2], strict=False)) if isinstance(mod, list) else mod
            name = entry.get(b"name") or entry.get("name")
            if name in (b"graph", "graph"):
                ver = entry.get(b"ver") or entry.get("ver")
                if isinstance(ver, int):
                    version = f"{ver // 10000}.{ver // 100 % 100}.{ver % 100}"
        return Health(
            self.backend,
            self.url,
            True,
            server_version=f"FalkorDB {version} (Redis {info.get('redis_version')})",
        )

    def drop(self) -> None:
        """Delete this graph entirely (tests, `innokg` maintenance)."""
        try:
            self._graph.delete()
        except redis.ResponseError as exc:
            if "empty key" not in str(exc).lower() and "invalid graph" not in str(exc).lower():
                raise StoreError(str(exc)) from exc

    def bulk_loader(self) -> FalkorBulk:
        """GRAPH.BULK (app.store.falkordb.bulk): a first load into a graph key that does not exist yet."""
        from app.store.falkordb.bulk import FalkorBulk

        return FalkorBulk(self, self._db.connection, self._graph_name)

    def close(self) -> None:
        if self._supervisor is not None:
            self._supervisor.stop()
            self._supervisor = None
        self._db.connection.close()

"""Open the store a URL names: the one place that knows which engine serves which URL scheme.

Adding an engine: a folder app/store/<engine>/ with a class implementing app.store.protocol.GraphStore,
an ``_open_<engine>`` / ``_stop_<engine>`` pair below, and its schemes in ``_ENGINES``
(and in ``parse_store_url``, which validates URLs). Nothing else imports the engine folders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.store.protocol import DEFAULT_GRAPH, DEFAULT_STORE_URL, GraphStore, StoreError, parse_store_url


def _open_falkordb(target: str, graph: str, options: dict[str, Any]) -> GraphStore:
    from app.store.falkordb.store import FalkorStore

    return FalkorStore(target, graph=graph)


def _stop_falkordb(target: str) -> bool | None:
    from app.store.falkordb.server import stop_server

    return stop_server(target)


def _open_neo4j(target: str, graph: str, options: dict[str, Any]) -> GraphStore:
    from app.store.neo4j.store import Neo4jStore

    # Credentials in the URL (bolt://user:password@host:port) win over the options.
    return Neo4jStore(
        target,
        user=options.get("user") or "neo4j",
        password=options.get("password") or "",
        database=options.get("database") or "neo4j",
    )


def _stop_remote(target: str) -> bool | None:
    return None  # the server runs outside InnoKG: nothing of ours to stop


@dataclass(frozen=True)
class _Engine:
    open: Callable[[str, str, dict[str, Any]], GraphStore]  # (target, graph, options) → store
    stop_local: Callable[[str], bool | None]  # target → stopped / none was running / not ours to stop


_FALKORDB = _Engine(_open_falkordb, _stop_falkordb)
_NEO4J = _Engine(_open_neo4j, _stop_remote)
_ENGINES: dict[str, _Engine] = {
    "embedded": _FALKORDB,
    **{scheme: _NEO4J for scheme in ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")},
}


def _engine(url: str) -> tuple[_Engine, str]:
    """The engine serving ``url`` and its target (a path, a server URL); ValueError on an unknown URL."""
    _, target = parse_store_url(url)
    scheme = url.split(":", 1)[0]
    return _ENGINES[scheme], target


def open_store(url: str = DEFAULT_STORE_URL, *, graph: str = DEFAULT_GRAPH, **options: Any) -> GraphStore:
    """Open the store a URL names. Options: neo4j ``user``, ``password``, ``database``."""
    engine, target = _engine(url)
    return engine.open(target, graph, options)


def stop_local(url: str = DEFAULT_STORE_URL) -> bool | None:
    """Stop the server InnoKG runs for this store (its data stays on disk): True if one was stopped,
    False if none was running, None when the engine runs outside InnoKG (nothing to stop)."""
    engine, target = _engine(url)
    return engine.stop_local(target)


# --- the local Neo4j InnoKG runs itself (app/store/neo4j/server.py, docs/neo4j-local.md) ---------------------


class LocalServerError(StoreError):
    """The local Neo4j could not be built, started or stopped: one line naming its directory and why."""


def neo4j_start(dir: Path, **options: Any) -> str:
    """Start (or reuse) the local Neo4j of ``dir``; its store URL (credentials inside) once it answers."""
    from app.store.neo4j import server

    try:
        return server.start(dir, **options)
    except server.Neo4jServerError as exc:
        raise LocalServerError(str(exc)) from exc


def neo4j_stop(dir: Path) -> bool:
    """Stop the local Neo4j of ``dir`` (a clean shutdown); False if none was running."""
    from app.store.neo4j import server

    try:
        return server.stop(dir)
    except server.Neo4jServerError as exc:
        raise LocalServerError(str(exc)) from exc


def neo4j_status(dir: Path) -> dict[str, Any]:
    """running, pid, port, url, browser, data dir, version, log of the local Neo4j of ``dir``."""
    from app.store.neo4j import server

    return server.status(dir)


def neo4j_kill9(dir: Path) -> bool:
    """Fault tests only: SIGKILL the local Neo4j of ``dir``, as a crash would."""
    from app.store.neo4j import server

    return server.kill9(dir)


def neo4j_prerequisites() -> str | None:
    """Why the local Neo4j cannot start here (no Java; no build and no Maven), or None when it can."""
    import os
    import shutil

    from app.store.neo4j import server

    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not Path(java).is_file():
        return "Java is missing: install a JDK 17 (java on PATH or JAVA_HOME)"
    if not server.is_built() and shutil.which("mvn") is None:
        return f"the launcher is not built ({server.launcher_jar()}) and mvn is not on PATH"
    return None

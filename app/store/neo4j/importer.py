"""First load into an empty local Neo4j through Neo4j's own importer (``neo4j-admin database import full``).

The MERGE path (app.store.loader) costs a planned, matched UNWIND MERGE per batch; the importer writes the
store files directly from CSV, but only into a database it replaces, with the DBMS stopped. So, as on the
FalkorDB GRAPH.BULK path, the whole run is folded in memory first to the exact end state the MERGE path
would leave (app.store.fold.graph.Fold over the rows of app.store.rows: the same ``SET +=`` order,
``docs``/``evidence`` list arithmetic, dropped relationships, derive step), then:

1. the run is written as CSV files (app.store.neo4j.csvfiles) in a folder under the server's directory;
2. the project's local Neo4j of that directory is stopped (app.store.neo4j.server.stop);
3. ``org.neo4j.cli.AdminTool database import full <db> --overwrite-destination`` runs from the launcher's
   classpath (tools/neo4j: ``org.neo4j:neo4j-import-tool`` comes with ``org.neo4j:neo4j``), with
   ``NEO4J_HOME`` = that directory, so it writes ``data/databases/<db>`` where the launcher reads it;
4. the server is started again with the options it ran with (same port and password: the same URL);
5. relationships marked ``bulk_empty_evidence`` get ``evidence = []`` (the importer has no empty arrays).

ingest.pipeline.bulk then applies cypher/schema/neo4j.cypher and stamps the documents complete, as for
FalkorDB. Only a Neo4j this project started on this machine can take it (the importer needs its files and
must stop it): ``refusal()`` says why not otherwise (a remote URL, a server started elsewhere, a database
holding nodes), and ``ingest`` then loads through MERGE.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from app.model.batch import GraphBatch
from app.store.fold.batch import bulk_rows
from app.store.fold.graph import Fold
from app.store.fold.pack import release_caches
from app.store.loader import complete_documents
from app.store.neo4j import server
from app.store.neo4j.csvfiles import ARRAY_DELIMITER, EMPTY_FIX, Written, write_csv
from app.store.protocol import BulkRun, Row, Statement, StoreError, StoreTimeout
from app.store.queries import template

ADMIN_CLASS = "org.neo4j.cli.AdminTool"
IMPORT_LOG = "neo4j-import.log"  # the importer's output, appended per run, in the server's directory
TIMES_FILE = "neo4j-import.json"  # the last bulk load's stage times (bench/ reads it)
MEMORY_ENV = "INNOKG_NEO4J_IMPORT_MEMORY"  # --max-off-heap-memory of the importer (default 1g)
THREADS_ENV = "INNOKG_NEO4J_IMPORT_THREADS"
MIN_BYTES_ENV = "INNOKG_NEO4J_BULK_MIN_BYTES"
KEEP_ENV = "INNOKG_NEO4J_IMPORT_KEEP"  # a folder: the CSV files and the importer's arguments are moved there
JVM_FLAGS = ("-Xmx1g", "-XX:+UseG1GC")
# below this much CSV the importer's JVM compiles with C1 only: on 2 shared cores C2's compiler threads
# compete with the importer's own and a short run does not earn them back (117 MiB: -20 % CPU, -30 % wall);
# a long one does (1,170 MiB: C1 only +73 % CPU) — docs/benchmarks/load.md "Session 12"
C1_ONLY_BELOW = 256 << 20
START_TIMEOUT_S = 600.0
SCHEMA_WAIT_S = 3600.0  # how long the indexes of an imported graph may take to populate
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class _Store(Protocol):
    url: str
    database: str

    def read(self, query: str, params: dict[str, Any] | None = None, *, timeout_ms: int | None = None) -> list[Row]: ...

    def write(self, statements: list[Statement]) -> list[list[Row]]: ...

    def apply_schema(self) -> list[str]: ...


def neo4j_bulk(store: Any) -> Neo4jImport:
    """The bulk loader of a Neo4j store (``Neo4jStore.bulk_loader``)."""
    return Neo4jImport(store)


class Neo4jImport:
    """The neo4j-admin import path of one store (a ``BulkLoader``)."""

    # bulk="auto" imports only inputs this large: stopping and starting the server costs ~30-80 s here,
    # what the MERGE path needs for a few tens of thousands of rows (docs/operations/bulk-load.md)
    min_input_bytes = int(os.environ.get(MIN_BYTES_ENV) or 4 << 20)

    def __init__(self, store: _Store) -> None:
        self.store = store
        self.home: Path | None = None  # the local server's directory, once refusal() found it

    # may this store take a bulk load? ---------------------------------------------------------------
    def refusal(self) -> str | None:
        """Why this store cannot take a bulk load now; None when it can (and ``home`` is set)."""
        parts = urllib.parse.urlsplit(self.store.url)
        if (parts.hostname or "") not in _LOOPBACK:
            return (
                f"the Neo4j at {self.store.url} is not on this machine: neo4j-admin import writes the database "
                "files and must stop the server, so only a Neo4j started by `innokg neo4j start` takes a bulk load"
            )
        try:
            rows = self.store.read(template("neo4j_home"))
        except StoreError as exc:
            return f"cannot ask the Neo4j at {self.store.url} for its directory: {exc}"
        home = Path(str(rows[0]["home"])) if rows and rows[0].get("home") else None
        state = server.status(home) if home is not None and home.is_dir() else {}
        if home is None or not state.get("running") or state.get("port") != parts.port:
            return (
                f"the Neo4j at {self.store.url} was not started by `innokg neo4j start` on this machine "
                f"(no running launcher state in {home}): neo4j-admin import needs to stop and restart it"
            )
        n = self.store.read(template("count_nodes"))
        if n and int(n[0]["n"]):
            held = n[0]["n"]
            return f"the database {self.store.database} already holds {held} nodes (a bulk load fills an empty one)"
        self.home = home
        return None

    def new_graph(self) -> bool:
        return self.refusal() is None

    # the run ------------------------------------------------------------------------------------------
    @property
    def pack(self) -> Callable[[GraphBatch], Any]:
        return bulk_rows

    def run(self) -> Fold:
        return Fold()

    def send(self, run: BulkRun, *, on_command: Callable[[int, int], None] | None = None) -> tuple[int, int]:
        """CSV files from the run, the server stopped, the importer, the server started again: (nodes, rels)."""
        if not isinstance(run, Fold):
            raise StoreError(f"neo4j-admin import sends a Fold, not {type(run).__name__}")
        if run.sent:
            raise StoreError("the bulk graph was already sent")
        home = self.home
        if home is None:
            reason = self.refusal()
            if reason is not None or self.home is None:
                raise StoreError(f"bulk load refused: {reason}")
            home = self.home
        times: dict[str, Any] = {}
        work = Path(tempfile.mkdtemp(prefix="import-", dir=home))
        try:
            written = _import_stopped(home, self.store.database, work, run, times)
            _keep(work, written)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        schema_beside_fix(self.store, written, times)
        (home / TIMES_FILE).write_text(json.dumps(times, indent=1) + "\n")
        if on_command is not None:
            on_command(written.node_count, written.rel_count)
        return written.node_count, written.rel_count

    def complete(self, doc_ids: list[str]) -> None:
        complete_documents(self.store, doc_ids)  # type: ignore[arg-type]

    def release_caches(self) -> None:
        release_caches()


def _keep(work: Path, written: Written) -> None:
    """With INNOKG_NEO4J_IMPORT_KEEP set, the CSV files and the importer's file arguments go to that folder
    (bench/bench_neo4j_import.py reruns the importer alone on them); by default they are deleted."""
    keep = os.environ.get(KEEP_ENV)
    if not keep:
        return
    dest = Path(keep)
    shutil.rmtree(dest, ignore_errors=True)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(work / "csv"), dest)
    args = [a.replace(str(work / "csv"), str(dest)) for a in written.multiline_arguments() + written.arguments()]
    (dest / "import-args.json").write_text(json.dumps({"bytes": written.bytes, "args": args}, indent=1) + "\n")


def schema_populated(store: _Store, *, limit_s: float = SCHEMA_WAIT_S) -> None:
    """cypher/schema/neo4j.cypher over the imported graph, until its last statement (``db.awaitIndexes``)
    returns: every index is populated from scratch after an import (1M platforms: minutes), longer than the
    server's transaction timeout (``db.transaction.timeout``, 30 s by default), which ends each wait; the
    population goes on meanwhile, so the wait is asked again. The caller's ``apply_schema`` then finds all
    in place."""
    end = time.monotonic() + limit_s
    while True:
        try:
            store.apply_schema()
            return
        except StoreTimeout:
            if time.monotonic() > end:
                raise


def _import_stopped(home: Path, database: str, work: Path, run: Fold, times: dict[str, Any]) -> Written:
    """The run's CSV files written while the server of ``home`` stops (a thread: the stop is the JVM's
    checkpoint and exit, not this process's CPU), the importer, the server started again — also when the
    files or the import failed."""
    options = restart_options(home)
    stopping = _Beside(lambda: server.stop(home), "neo4j-stop", times, "stop_s")
    try:
        t = time.perf_counter()
        written = write_csv(work / "csv", run.export_nodes(), run.export_rels())
        run.consume()
        times["csv_s"] = time.perf_counter() - t
        times.update(nodes=written.node_count, rels=written.rel_count, csv_bytes=written.bytes)
        t = time.perf_counter()
        stopping.join()  # a stop that failed is raised here: the importer must not run beside a live server
        times["stop_wait_s"] = time.perf_counter() - t  # the part of the stop the CSV files did not cover
        t = time.perf_counter()
        run_import(home, database, work, written)
        times["import_s"] = time.perf_counter() - t
    finally:
        stopping.wait()
        t = time.perf_counter()
        server.start(home, timeout_s=START_TIMEOUT_S, **options)
        times["start_s"] = time.perf_counter() - t
    return written


def schema_beside_fix(store: _Store, written: Written, times: dict[str, Any]) -> None:
    """The schema (``schema_populated``: the indexes created and populated from scratch) in a thread while
    this one gives the marked relationships their empty ``evidence`` lists: the population is the
    server's background work on node indexes, the fix-up a write to relationships no index covers."""
    populating = _Beside(lambda: schema_populated(store), "neo4j-schema", times, "schema_s")
    try:
        t = time.perf_counter()
        for rel in written.empty_evidence:
            store.write([Statement(template(EMPTY_FIX, rel=rel), {})])
        times["empty_evidence"] = sum(written.empty_evidence.values())
        times["fix_s"] = time.perf_counter() - t
    finally:
        populating.wait()
    populating.join()


class _Beside:
    """``work`` in a thread while the caller goes on (its time in ``times[key]``); ``join`` waits and raises
    what ``work`` raised, ``wait`` only waits (in a ``finally``, not to mask the caller's own error)."""

    def __init__(self, work: Callable[[], object], name: str, times: dict[str, Any], key: str) -> None:
        self._failed: list[BaseException] = []

        def run() -> None:
            t = time.perf_counter()
            try:
                work()
            except BaseException as exc:  # raised in the caller's thread by join()
                self._failed.append(exc)
            times[key] = time.perf_counter() - t

        self._thread = threading.Thread(target=run, name=name, daemon=True)
        self._thread.start()

    def wait(self) -> None:
        self._thread.join()

    def join(self) -> None:
        self._thread.join()
        if self._failed:
            raise self._failed.pop()


def import_command(database: str, written: Written, work: Path) -> list[str]:
    """The java command line of ``neo4j-admin database import full`` over the written files."""
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else (shutil.which("java") or "java")
    classpath = f"{server.launcher_jar()}{os.pathsep}{server.lib_dir() / '*'}"
    threads = os.environ.get(THREADS_ENV) or str(max(1, os.cpu_count() or 1))
    return [
        java, *JVM_FLAGS, *jit_flags(written.bytes), "-cp", classpath, ADMIN_CLASS,
        "database", "import", "full", database,
        "--overwrite-destination=true", "--id-type=actual", *written.multiline_arguments(),
        f"--array-delimiter={ARRAY_DELIMITER}", f"--threads={threads}",
        f"--max-off-heap-memory={os.environ.get(MEMORY_ENV) or import_memory(written.bytes)}",
        f"--report-file={work / 'import.report'}",
        *written.arguments(),
    ]  # fmt: skip


def jit_flags(csv_bytes: int) -> list[str]:
    """C1 only for an import of less than ``C1_ONLY_BELOW`` bytes of CSV, the JVM's default (C1 then C2)
    for a larger one."""
    return ["-XX:TieredStopAtLevel=1"] if csv_bytes < C1_ONLY_BELOW else []


def import_memory(csv_bytes: int) -> str:
    """The importer's off-heap memory: it takes all it is given (its default: 90% of the free memory), so
    4x the CSV size, at least 128 MiB and at most 1 GiB (INNOKG_NEO4J_IMPORT_MEMORY overrides)."""
    return f"{min(1024, max(128, 4 * csv_bytes >> 20))}m"


def run_import(home: Path, database: str, work: Path, written: Written) -> None:
    """Run the importer into ``home``'s data directory; a failure is a StoreError with its last lines."""
    conf = work / "conf"
    conf.mkdir(exist_ok=True)
    (conf / "neo4j.conf").write_text("# neo4j-admin import of InnoKG's bulk path: defaults only\n")
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(conf)}
    log = home / IMPORT_LOG
    with log.open("ab") as out:
        out.write(f"--- import at {time.strftime('%Y-%m-%dT%H:%M:%S')}\n".encode())
        out.flush()
        rc = subprocess.call(import_command(database, written, work), stdout=out, stderr=subprocess.STDOUT, env=env)
    if rc != 0:
        tail = [ln for ln in log.read_text(errors="replace").splitlines()[-40:] if ln.strip() and "%" not in ln]
        raise StoreError(f"neo4j-admin import failed (exit {rc}; log {log}): {' | '.join(tail[-6:])}")


def restart_options(home: Path) -> dict[str, Any]:
    """The ``server.start`` options the running launcher of ``home`` was started with (its command line)."""
    # the state file, not server.status(): in the forked fold child the launcher is the parent's child, and
    # the liveness check through the parent's Popen object reads as "exited" there (ECHILD)
    try:
        state = json.loads((home / server.STATE_FILE).read_text())
    except (OSError, ValueError):
        state = {}
    opts: dict[str, Any] = {"port": state.get("port")}
    pid = state.get("pid")
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    except (OSError, ValueError):
        return opts
    flags = {a: b for a, b in itertools.pairwise(args) if a.startswith("--")}
    heap = next((a[4:] for a in args if a.startswith("-Xmx")), None)
    if heap:
        opts["heap"] = heap
    http = flags.get("--http-port")
    opts["http_port"] = None if http in (None, "-1") else int(http)
    for flag, name in (
        ("--pagecache", "pagecache"),
        ("--tx-timeout", "tx_timeout"),
        ("--tx-memory-max", "tx_memory_max"),
    ):
        if flag in flags:
            opts[name] = flags[flag]
    return opts

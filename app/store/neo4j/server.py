"""A local Neo4j 5.26 Community that the project starts itself: no Docker, no system install.

tools/neo4j holds a Maven project whose one class (innokg.neo4j.Launcher) runs Neo4j embedded, Bolt on
127.0.0.1, auth on, every file in one directory D. This module builds it once, starts it detached, reuses a
running one and stops it:

    url = start(D)   # bolt://neo4j:<password>@127.0.0.1:<port>, once a session answers RETURN 1
    status(D)        # {"running": True, "pid": ..., "port": ..., "url": ..., ...}
    stop(D)          # SIGTERM, a clean shutdown; SIGKILL after the grace period

Files in D: neo4j.password (0600, made at the first start), neo4j.state.json (0600, written by the launcher
once Bolt answers, removed at a clean stop), neo4j.pid (the launcher's pid from its spawn on), neo4j.log (its
output), neo4j.port (the last Bolt port, tried again next time), data/ and logs/ (Neo4j's own).

Self-contained on purpose: stdlib and the neo4j driver only (docs/operations/neo4j-local.md).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.model.runtime import pid_exists

REPO_ROOT = Path(__file__).resolve().parents[3]
TOOLS_DIR = Path(os.environ.get("INNOKG_NEO4J_TOOLS", REPO_ROOT / "tools" / "neo4j"))
LAUNCHER_CLASS = "innokg.neo4j.Launcher"

STATE_FILE = "neo4j.state.json"
PASSWORD_FILE = "neo4j.password"
PID_FILE = "neo4j.pid"
PORT_FILE = "neo4j.port"
LOG_FILE = "neo4j.log"
LOCK_FILE = "neo4j.start.lock"
BUILD_LOG = "neo4j-build.log"

USER = "neo4j"
DEFAULT_HTTP_PORT = 7474  # Neo4j Browser at http://127.0.0.1:7474/browser/ (another free port if taken)
STOP_GRACE_S = 60.0
_PING = "RETURN 1"  # the readiness probe: a session has answered a query
_LOG_TAIL = 5
_JVM_FLAGS = (
    "-XX:+ExitOnOutOfMemoryError",
    "-XX:+UseG1GC",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)

# Launchers this process spawned, kept so that their exit is reaped (no zombie that looks alive).
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}
_SPAWNED_BY: dict[int, int] = {}  # launcher pid -> the pid that spawned it (a forked child inherits _CHILDREN)


class Neo4jServerError(RuntimeError):
    """One line: which directory, and why."""

    def __init__(self, where: Path | str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"neo4j {'in' if isinstance(where, Path) else 'at'} {where}: {reason}")


# --- the contract -------------------------------------------------------------------------------------------


def start(
    dir: Path,
    *,
    port: int | None = None,
    heap: str = "1g",
    timeout_s: float = 120,
    http_port: int | None = DEFAULT_HTTP_PORT,
    pagecache: str = "256m",
    tx_timeout: str = "30s",
    tx_memory_max: str = "512m",
) -> str:
    """Start (or reuse) the Neo4j of `dir`; return its store URL once a session answers.

    port: the Bolt port (None: the last one if free, else any free one; a given port that is taken is an
    error). http_port: the HTTP connector serving Neo4j Browser (None: no HTTP; taken: another free port).
    """
    dir = Path(dir).expanduser().resolve()
    deadline = time.monotonic() + timeout_s
    dir.mkdir(parents=True, exist_ok=True)
    with _start_lock(dir):
        return _start(dir, port, heap, deadline, http_port, (pagecache, tx_timeout, tx_memory_max))


def _start(
    dir: Path, port: int | None, heap: str, deadline: float, http_port: int | None, limits: tuple[str, str, str]
) -> str:
    pagecache, tx_timeout, tx_memory_max = limits
    running = _running_launcher(dir)
    if running is not None:
        state = _wait_for_state(dir, running, deadline)
        url = _url(state["port"], state["password"])
        _wait_for_query(dir, url, deadline)
        return url
    _clear_stale(dir)
    java = _require_java(dir)
    ensure_built(dir)
    password = _password(dir)
    bolt = _choose_bolt_port(dir, port)
    http = _choose_http_port(http_port)
    cmd = [
        java,
        f"-Xmx{heap}",
        f"-Xms{_initial_heap(heap)}",
        *_JVM_FLAGS,
        *os.environ.get("INNOKG_NEO4J_JAVA_OPTS", "").split(),
        "-cp",
        _classpath(),
        LAUNCHER_CLASS,
        *("--dir", str(dir), "--port", str(bolt), "--http-port", str(-1 if http is None else http)),
        *("--pagecache", pagecache, "--tx-timeout", tx_timeout, "--tx-memory-max", tx_memory_max),
        *("--password-file", str(dir / PASSWORD_FILE)),
    ]
    pid = _spawn(dir, cmd)
    try:
        state = _wait_for_state(dir, pid, deadline)
        url = _url(state["port"], password)
        _wait_for_query(dir, url, deadline)
    except Neo4jServerError:
        _terminate(pid, grace_s=10)
        _remove(dir, STATE_FILE, PID_FILE)
        raise
    (dir / PORT_FILE).write_text(f"{state['port']}\n")
    return url


def stop(dir: Path, *, grace_s: float = STOP_GRACE_S) -> bool:
    """SIGTERM the launcher of `dir` (a clean shutdown), SIGKILL after grace_s; False if none was running."""
    dir = Path(dir).expanduser().resolve()
    pid = _launcher_pid(dir)
    stopped = False
    if pid is not None and _alive(pid, dir):
        _terminate(pid, grace_s=grace_s)
        stopped = True
    _remove(dir, STATE_FILE, PID_FILE)
    return stopped


def kill9(dir: Path) -> bool:
    """For fault tests: SIGKILL the launcher of `dir` and leave its state behind, as a crash would."""
    dir = Path(dir).expanduser().resolve()
    pid = _launcher_pid(dir)
    if pid is None or not _alive(pid, dir):
        return False
    _signal(pid, signal.SIGKILL)
    _wait_gone(pid, 10.0)
    return True


def status(dir: Path) -> dict[str, Any]:
    """running (the launcher is alive and Bolt answers), pid, port, url, browser, data dir, version, log."""
    dir = Path(dir).expanduser().resolve()
    state = _read_state(dir)
    pid = _launcher_pid(dir)
    alive = pid is not None and _alive(pid, dir)
    port = state.get("port") if alive else None
    answers = port is not None and bolt_answers(port)
    http = state.get("http_port") if answers else None
    return {
        "running": answers,
        "pid": pid if alive else None,
        "port": port if answers else None,
        "url": _url(port, state["password"]) if answers and port is not None else None,
        "browser": f"http://127.0.0.1:{http}/browser/" if http else None,
        "dir": str(dir),
        "data_dir": str(dir / "data"),
        "log": str(dir / LOG_FILE),
        "version": state.get("version") or built_version(),
        "startup_ms": state.get("startup_ms") if answers else None,
        "stale_state": bool(state) and not alive,
    }


def parse_url(url: str) -> tuple[str, str, str]:
    """bolt://user:password@host:port -> ("bolt://host:port", user, password), for the driver's auth."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("bolt", "neo4j") or parts.hostname is None or parts.port is None:
        raise ValueError(f"not a bolt:// store URL: {parts.scheme}://{parts.hostname}:{parts.port}")
    user = urllib.parse.unquote(parts.username or USER)
    password = urllib.parse.unquote(parts.password or "")
    return f"{parts.scheme}://{parts.hostname}:{parts.port}", user, password


def ping(url: str, *, timeout_s: float = 10.0) -> None:
    """Run the readiness query through the driver; Neo4jServerError names an authentication failure."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError

    uri, user, password = parse_url(url)
    try:
        with GraphDatabase.driver(uri, auth=(user, password), connection_timeout=timeout_s) as driver:
            driver.execute_query(_PING)
    except AuthError as e:
        reason = f"authentication failed for user {user} (wrong password?): {e.message or e}"
        raise Neo4jServerError(uri, reason) from e


# --- the build ----------------------------------------------------------------------------------------------


def launcher_jar() -> Path:
    return TOOLS_DIR / "target" / "innokg-neo4j-launcher.jar"


def lib_dir() -> Path:
    return TOOLS_DIR / "target" / "lib"


def is_built() -> bool:
    return launcher_jar().is_file() and any(lib_dir().glob("neo4j-kernel-*.jar"))


def built_version() -> str | None:
    """Neo4j's version from the built jars (neo4j-kernel-5.26.30.jar -> 5.26.30), None before a build."""
    for jar in sorted(lib_dir().glob("neo4j-kernel-*.jar")):
        m = re.fullmatch(r"neo4j-kernel-(\d[\w.\-]*)\.jar", jar.name)
        if m:
            return m.group(1)
    return None


def ensure_built(dir: Path) -> None:
    """Build tools/neo4j with Maven once (its jars land in target/); clear errors without mvn or a network."""
    if is_built():
        return
    mvn = shutil.which("mvn")
    pom = TOOLS_DIR / "pom.xml"
    if mvn is None or not pom.is_file():
        missing = "mvn is not on PATH" if mvn is None else f"{pom} is missing"
        raise Neo4jServerError(dir, f"the launcher is not built ({launcher_jar()}) and {missing}: run `make setup`")
    dir.mkdir(parents=True, exist_ok=True)
    log = dir / BUILD_LOG
    (TOOLS_DIR / "target").mkdir(exist_ok=True)
    with (TOOLS_DIR / "target" / ".build.lock").open("a") as lock, log.open("wb") as out:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two starts of two directories: one build
        rc = 0
        if not is_built():
            cmd = [mvn, "-q", "-B", "-f", str(pom), "package", "-DskipTests"]
            rc = subprocess.call(cmd, stdout=out, stderr=subprocess.STDOUT)
    if rc != 0 or not is_built():
        raise Neo4jServerError(dir, f"building the launcher failed (mvn exit {rc}): {_tail(log)}")


def _classpath() -> str:
    return f"{launcher_jar()}{os.pathsep}{lib_dir() / '*'}"


def _require_java(dir: Path) -> str:
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not Path(java).is_file():
        raise Neo4jServerError(dir, "Java is missing: install a JDK 17 (java on PATH or JAVA_HOME)")
    return java


def _initial_heap(heap: str) -> str:
    """-Xms: 256m, or the whole heap when it is smaller (Neo4j warns when no initial heap is set)."""
    m = re.fullmatch(r"(\d+)([kKmMgG]?)", heap.strip())
    if not m:
        raise ValueError(f"heap {heap!r}: expected a JVM size such as 512m or 1g")
    scale = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[m.group(2).lower()]
    return heap if int(m.group(1)) * scale <= 256 << 20 else "256m"


# --- ports, password, files ---------------------------------------------------------------------------------


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        # as the JVM binds (SO_REUSEADDR on POSIX): connections of a stopped server in TIME_WAIT do not
        # keep its port, so a restart (the neo4j-admin import path) gets the same port and URL back
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _choose_bolt_port(dir: Path, port: int | None) -> int:
    if port is not None:
        if port != 0 and not _port_free(port):
            raise Neo4jServerError(dir, f"port {port} on 127.0.0.1 is in use")
        return port
    with contextlib.suppress(OSError, ValueError):
        last = int((dir / PORT_FILE).read_text().strip())
        if 0 < last < 65536 and _port_free(last):
            return last
    return 0  # the launcher binds any free port and reports it in its state file


def _choose_http_port(http_port: int | None) -> int | None:
    if http_port is None:
        return None
    return http_port if http_port == 0 or _port_free(http_port) else 0


def _password(dir: Path) -> str:
    """The password of user neo4j: generated at the first start, kept in dir with mode 0600."""
    path = dir / PASSWORD_FILE
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    password = secrets.token_urlsafe(18)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(password + "\n")
    return password


def _url(port: int, password: str) -> str:
    return f"bolt://{USER}:{urllib.parse.quote(password, safe='')}@127.0.0.1:{port}"


def _read_state(dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _launcher_pid(dir: Path) -> int | None:
    """The pid from the state file, else from the pid file written at spawn (a launcher still starting)."""
    pid = _read_state(dir).get("pid")
    if isinstance(pid, int):
        return pid
    with contextlib.suppress(OSError, ValueError):
        return int((dir / PID_FILE).read_text().strip())
    return None


@contextlib.contextmanager
def _start_lock(dir: Path) -> Iterator[None]:
    """One start() at a time per directory (across processes): a second waits, then reuses the first."""
    with (dir / LOCK_FILE).open("a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _remove(dir: Path, *names: str) -> None:
    for name in names:
        with contextlib.suppress(FileNotFoundError):
            (dir / name).unlink()


def _tail(path: Path, n: int = _LOG_TAIL) -> str:
    """The log's last lines on one line, Java stack frames left out (the messages say what went wrong)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return f"(no {path.name})"
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith(("at ", "... "))]
    return " | ".join(ln[:300] for ln in lines[-n:]) or f"({path.name} is empty)"


# --- processes ----------------------------------------------------------------------------------------------


def _spawn(dir: Path, cmd: list[str]) -> int:
    """Start the launcher in its own session (its own process group), output appended to dir/neo4j.log."""
    with (dir / LOG_FILE).open("ab") as log:
        log.write(f"\n--- {time.strftime('%Y-%m-%dT%H:%M:%S%z')} starting: {' '.join(cmd)}\n".encode())
        log.flush()
        proc = subprocess.Popen(
            cmd, cwd=dir, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    _CHILDREN[proc.pid] = proc
    _SPAWNED_BY[proc.pid] = os.getpid()
    (dir / PID_FILE).write_text(f"{proc.pid}\n")
    return proc.pid


def _alive(pid: int, dir: Path | None = None) -> bool:
    """The process runs (a zombie does not), and where /proc tells, it is the launcher of `dir`."""
    child = _CHILDREN.get(pid)
    # our own child: its exit status is the truth (and reaps it). Not in a forked process (the bulk fold),
    # which inherits _CHILDREN: there poll() reads ECHILD as "exited", so /proc decides.
    if child is not None and _SPAWNED_BY.get(pid) == os.getpid():
        if child.poll() is None:
            return True
        _CHILDREN.pop(pid, None)
        return False
    if not pid_exists(pid):
        return False
    proc = Path(f"/proc/{pid}")
    if not proc.is_dir():
        return True
    try:
        stat = (proc / "stat").read_text()
        cmdline = (proc / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    if stat.rsplit(")", 1)[-1].split()[0] == "Z":
        return False
    if cmdline == [b""]:  # mid-exec, the new command line is not there yet
        return True
    return LAUNCHER_CLASS.encode() in cmdline and (dir is None or str(dir).encode() in cmdline)


def _signal(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)  # the launcher leads its own group: spawned with start_new_session
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, sig)


def _wait_gone(pid: int, timeout_s: float) -> bool:
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        if not _alive(pid):
            return True
        time.sleep(0.1)
    return not _alive(pid)


def _terminate(pid: int, *, grace_s: float) -> None:
    _signal(pid, signal.SIGTERM)
    if not _wait_gone(pid, grace_s):
        _signal(pid, signal.SIGKILL)
        _wait_gone(pid, 10.0)


def _running_launcher(dir: Path) -> int | None:
    """The pid of a live launcher of `dir` (started, or still starting), else None."""
    pid = _launcher_pid(dir)
    return pid if pid is not None and _alive(pid, dir) else None


def _clear_stale(dir: Path) -> None:
    """After a crash or kill -9: the state and pid files name a dead process. Neo4j recovers the store itself."""
    _remove(dir, STATE_FILE, PID_FILE)


# --- readiness ----------------------------------------------------------------------------------------------


def bolt_answers(port: int, timeout_s: float = 2.0) -> bool:
    """A Bolt handshake on 127.0.0.1:port gets its 4-byte answer."""
    hello = bytes.fromhex("6060b017") + bytes.fromhex("00000605 00000005 00000004 00000003".replace(" ", ""))
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout_s) as s:
            s.sendall(hello)
            return len(s.recv(4)) == 4
    except OSError:
        return False


def _wait_for_state(dir: Path, pid: int, deadline: float) -> dict[str, Any]:
    """Wait for the launcher's state file (written once Bolt answers); fail fast if the launcher dies."""
    while True:
        state = _read_state(dir)
        if state.get("pid") == pid and isinstance(state.get("port"), int) and bolt_answers(state["port"]):
            return state
        if not _alive(pid, dir):
            raise Neo4jServerError(dir, f"the launcher (pid {pid}) exited during start: {_tail(dir / LOG_FILE)}")
        if time.monotonic() > deadline:
            raise Neo4jServerError(dir, f"start timed out (Bolt not ready): {_tail(dir / LOG_FILE)}")
        time.sleep(0.2)


def _wait_for_query(dir: Path, url: str, deadline: float) -> None:
    from neo4j.exceptions import DriverError, Neo4jError

    while True:
        try:
            ping(url, timeout_s=max(1.0, min(10.0, deadline - time.monotonic())))
            return
        except Neo4jServerError as e:
            raise Neo4jServerError(dir, e.reason) from e
        except (DriverError, Neo4jError, OSError) as e:
            if time.monotonic() > deadline:
                reason = f"start timed out ({_PING} unanswered: {e}): {_tail(dir / LOG_FILE)}"
                raise Neo4jServerError(dir, reason) from e
        time.sleep(0.5)


# --- by hand: python -m app.store.neo4j.server start|stop|status|kill9 --dir D ---------------------------------


def main(argv: list[str] | None = None) -> int:
    """The CLI's contract by hand: `start` prints the store URL as its last stdout line."""
    import argparse
    import sys

    ap = argparse.ArgumentParser(
        prog="python -m app.store.neo4j.server", description="The local Neo4j 5.26 of a directory."
    )
    ap.add_argument("command", choices=["start", "stop", "status", "kill9"])
    ap.add_argument("--dir", type=Path, required=True)
    ap.add_argument("--port", type=int)
    ap.add_argument("--heap", default="1g")
    ap.add_argument("--timeout", type=float, default=120)
    args = ap.parse_args(argv)
    try:
        if args.command == "start":
            print(start(args.dir, port=args.port, heap=args.heap, timeout_s=args.timeout))
        elif args.command == "status":
            print(json.dumps(status(args.dir), indent=2))
        else:
            done = stop(args.dir) if args.command == "stop" else kill9(args.dir)
            print("stopped" if done else "not running")
    except Neo4jServerError as e:
        print(e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

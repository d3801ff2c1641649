"""A live embedded server that does not answer PING normally is not dead (issue 7, found while restarting a
100k-platform store for bench/fault_kill.py): one replaying a large append-only file answers LOADING or
nothing at all for minutes; one whose disk is full answers MISCONF even to PING. Opening the store then
must wait for it or use it, never SIGTERM it and start another (that dropped what it had not written, and
a restart of a 100k store failed with "did not answer within 20s").

A stand-in speaks the protocol on the store's socket; the pid file names a sleeping process of ours, so a
kill or a second server start is seen.
"""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store.falkordb.server import ServerPaths, ensure_server, server_paths

_OK = {b"PING": b"+PONG\r\n", b"HELLO": b"%1\r\n+proto\r\n:3\r\n"}  # RESP3 handshake: a map with proto


class _FakeServer:
    """Replies ``first`` (or stays silent when None) to every command for ``seconds``, then +PONG."""

    def __init__(self, paths: ServerPaths, first: bytes | None, seconds: float) -> None:
        paths.run.mkdir(parents=True, exist_ok=True)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(str(paths.socket))
        self.sock.listen(16)
        self.first, self.until = first, time.monotonic() + seconds
        self.stop = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._client, args=(conn,), daemon=True).start()

    def _client(self, conn: socket.socket) -> None:
        with conn:
            while not self.stop:
                try:
                    data = conn.recv(65536)
                except OSError:
                    return
                if not data:
                    return
                lines = data.split(b"\r\n")
                names = [lines[i + 2].upper() for i, x in enumerate(lines) if x.startswith(b"*") and i + 2 < len(lines)]
                if time.monotonic() < self.until:
                    if self.first is None:
                        continue  # silent: the client times out
                    conn.sendall(self.first * len(names))
                else:
                    conn.sendall(b"".join(_OK.get(n, b"+OK\r\n") for n in names))

    def close(self) -> None:
        self.stop = True
        self.sock.close()


@pytest.fixture
def sleeper() -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen(["sleep", "60"])
    yield proc
    proc.kill()
    proc.wait()


@pytest.mark.parametrize(
    ("reply", "seconds"),
    [
        (b"-LOADING Redis is loading the dataset in memory\r\n", 5.0),  # past the client's own retries
        (None, 5.0),  # replaying one long statement: the connection is taken, no reply
        (b"-MISCONF Errors writing to the AOF file: No space left on device\r\n", 30.0),
    ],
    ids=["loading", "silent-while-loading", "misconf"],
)
def test_a_live_server_that_cannot_answer_yet_is_waited_for_not_replaced(
    tmp_path: Path, sleeper: subprocess.Popen[bytes], reply: bytes | None, seconds: float
) -> None:
    paths = server_paths(tmp_path / "store")
    fake = _FakeServer(paths, reply, seconds)
    paths.pidfile.write_text(f"{sleeper.pid}\n")
    try:
        assert ensure_server(tmp_path / "store") == paths
    finally:
        fake.close()
    assert sleeper.poll() is None, "the live server was killed"
    assert paths.pidfile.read_text().strip() == str(sleeper.pid), "a second server was started"

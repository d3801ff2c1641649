"""Sending a spooled run: GRAPH.BULK commands on the embedded server's connection."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from typing import Any

from app.store.falkordb.spool import Spool
from app.store.falkordb.tokens import BulkGraph
from app.store.protocol import StoreError


def send(
    graph: BulkGraph, conn: Any, key: str, *, on_command: Callable[[int, int], None] | None = None
) -> tuple[int, int]:
    """Create the graph ``key`` with GRAPH.BULK from ``graph`` (consumed). Returns (nodes, edges) the server
    reported. The graph key must not exist.

    Two phases, so that the parent holds about one command while the server grows with the graph:
    every command is first written to a spool file (the in-memory run freed as its tokens are built),
    then the run is dropped and the commands are sent one by one, read back from the spool."""
    if graph.sent:
        raise StoreError("the bulk graph was already sent")
    if conn.exists(key):
        raise StoreError(f"GRAPH.BULK needs a new graph: {key} exists")
    created = [0, 0]
    with Spool() as spool:
        graph.spool(spool)
        for i in range(len(spool)):
            with spool.command(i) as (nodes, edges, n_labels, tokens):
                args: list[Any] = [nodes, edges, n_labels, len(tokens) - n_labels, *tokens]
                if i == 0:
                    args.insert(0, "BEGIN")
                try:
                    reply = bulk_command(conn, key, args)
                except Exception as exc:
                    raise StoreError(f"GRAPH.BULK failed: {exc}") from exc
                del args
            text = reply.decode() if isinstance(reply, bytes) else str(reply)
            stats = text.split(", ")
            created[0] += int(stats[0].split(" ")[0])
            created[1] += int(stats[1].split(" ")[0])
            if on_command is not None:
                on_command(nodes, edges)
    wait_no_fork(conn)
    return created[0], created[1]


def bulk_command(conn: Any, key: str, args: list[Any]) -> Any:
    """One ``GRAPH.BULK key args…`` on a connection of the client's pool, packed here: redis-py's hiredis
    packer copies every argument into one bytes object (the parent held each command twice, 2 × 160 MB at
    1M rows); these pieces go to the socket as they are, tokens straight from the spool's mapping."""
    parts = [b"GRAPH.BULK", key.encode(), *(a if isinstance(a, memoryview) else str(a).encode() for a in args)]
    pieces: list[bytes | memoryview] = [b"*%d\r\n" % len(parts)]
    for part in parts:
        pieces += (b"$%d\r\n" % len(part), part, b"\r\n")
    pool = conn.connection_pool
    c = pool.get_connection()
    try:
        c.send_packed_command(pieces)
        return c.read_response()
    except BaseException:
        c.disconnect()  # a reply may be half read or a command half sent: a new connection next time
        raise
    finally:
        pool.release(c)


_REWRITE = "auto-aof-rewrite-percentage"


def rewrite_setting(conn: Any) -> str | None:
    """The server's automatic-rewrite setting, None when it has none or it is off ("0": a failed run's pause,
    not a setting to restore; the launcher sets it again at start-up)."""
    value = conn.config_get(_REWRITE).get(_REWRITE)
    return None if value in (None, "0", 0) else str(value)


def pause_aof_rewrite(conn: Any) -> str | None:
    """Turn the server's automatic append-only-file rewrite off; returns the setting to restore (None if the
    server has none). Twice at 1M platforms the server never answered a GRAPH.BULK command after an automatic
    rewrite forked during the load (2026-12-07, session 8), and twice more "BUSY preparing to fork" met the
    commands right after the load and the server stopped answering (session 9), when the rewrite the load had
    made due started as soon as the setting came back. So a bulk run keeps it off until its schema is in and
    its documents are complete (``FalkorBulk.complete``), and the rewrite then runs alone."""
    before = rewrite_setting(conn)
    wait_no_fork(conn)
    conn.config_set(_REWRITE, 0)
    return before


def resume_aof_rewrite(conn: Any, before: str | None) -> None:
    """Restore the setting ``pause_aof_rewrite`` returned, then wait for the rewrite it makes due to finish."""
    if before is None:
        return
    conn.config_set(_REWRITE, before)
    time.sleep(0.25)  # the server starts a due rewrite at its next cron tick (hz 10): let it begin, then wait
    wait_no_fork(conn)


@contextlib.contextmanager
def aof_rewrite_paused(conn: Any) -> Iterator[None]:
    """``pause_aof_rewrite`` for a block, restored after it whether it succeeds or fails."""
    before = pause_aof_rewrite(conn)
    try:
        yield
    finally:
        with contextlib.suppress(Exception):  # a dead server keeps its start-up setting on restart
            resume_aof_rewrite(conn, before)


def wait_no_fork(conn: Any, timeout: float = 120.0) -> None:
    """Wait until the server runs no background fork (an RDB/AOF child or a module fork) and has none
    scheduled (``aof_rewrite_scheduled``: a rewrite waiting for its turn forks at the next cron tick): the
    schema applied right after a 1M-row bulk failed once with "BUSY preparing to fork" (2026-11-21)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        info = conn.info("persistence")
        busy = (k for k, v in info.items() if k.endswith(("_in_progress", "_scheduled")) and isinstance(v, int) and v)
        if not any(busy):
            return
        time.sleep(0.2)

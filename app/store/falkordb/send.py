"""Sending a spooled run: GRAPH.BULK commands on the embedded server's connection."""

from __future__ import annotations

import contextlib
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
    with Spool() as spool, aof_rewrite_paused(conn):
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


@contextlib.contextmanager
def aof_rewrite_paused(conn: Any) -> Iterator[None]:
    """No automatic append-only-file rewrite while GRAPH.BULK commands arrive: twice at 1M platforms the
    server never answered a GRAPH.BULK command after an automatic rewrite forked during the load, idle
    (2026-12-07, docs/benchmarks/api.md "Session 8"). The setting is restored afterwards: the rewrite the
    load has made due then runs once, after the last command."""
    name = "auto-aof-rewrite-percentage"
    before = conn.config_get(name).get(name)
    wait_no_fork(conn)
    conn.config_set(name, 0)
    try:
        yield
    finally:
        if before is not None:
            with contextlib.suppress(Exception):  # a dead server keeps its start-up setting on restart
                conn.config_set(name, before)


def wait_no_fork(conn: Any, timeout: float = 120.0) -> None:
    """Wait until the server runs no background fork (an RDB/AOF child or a module fork): the schema
    applied right after a 1M-row bulk failed once with "BUSY preparing to fork" (2026-11-21)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        info = conn.info("persistence")
        if not any(v for k, v in info.items() if k.endswith("_in_progress") and isinstance(v, int)):
            return
        time.sleep(0.2)

"""Sending a spooled run: GRAPH.BULK commands on the embedded server's connection."""

from __future__ import annotations

from collections.abc import Callable
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

"""The GRAPH.BULK commands of a send, spooled to an unlinked file before the first one is sent."""

from __future__ import annotations

import mmap
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from app.store.protocol import StoreError

MAX_COMMAND = 160 * 1024 * 1024  # bytes per GRAPH.BULK command (bounds the server's input buffer)


@dataclass
class _Command:
    """One GRAPH.BULK command in the spool: its tokens back to back from ``offset``."""

    offset: int
    nodes: bool  # a node command (else relationships)
    count: int = 0  # entities in its tokens
    sizes: list[int] = field(default_factory=list)  # token lengths, in order
    size: int = 0


class Spool:
    """The GRAPH.BULK commands of a send, written to an unlinked temporary file before the first one is
    sent: building the tokens needs the whole run in memory, sending them needs the server to grow with
    the graph, and the two no longer overlap (the parent held ~1 GiB at 1M rows while the server loaded).
    Tokens go to the file as they are built; a command ends where the next token would pass MAX_COMMAND
    bytes (node and relationship tokens never share one). The index (per command: entity count and token
    lengths) is a few hundred integers in memory; a command is read back by mapping its part of the file.
    The file is unlinked as soon as it is created and gone once closed (and unmapped); a write that fails
    (disk full) raises StoreError naming it, before anything was sent."""

    def __init__(self) -> None:
        fd, self.path = tempfile.mkstemp(prefix="innokg-bulk-spool-")
        os.unlink(self.path)  # space is freed when the descriptor closes, whatever happens
        self._fd = fd
        self._end = 0
        self._commands: list[_Command] = []

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def add(self, token: bytes, count: int, *, nodes: bool) -> None:
        """Append one token of ``count`` entities to the current command, or to a new one."""
        cmd = self._commands[-1] if self._commands else None
        if cmd is None or cmd.nodes != nodes or cmd.size + len(token) > MAX_COMMAND:
            cmd = _Command(self._end, nodes)
            self._commands.append(cmd)
        view = memoryview(token)
        try:
            while view:
                done = os.pwrite(self._fd, view, self._end)
                view = view[done:]
                self._end += done
        except OSError as exc:
            raise StoreError(f"GRAPH.BULK spool {self.path} (unlinked): write failed, nothing sent: {exc}") from exc
        cmd.sizes.append(len(token))
        cmd.size += len(token)
        cmd.count += count

    def __len__(self) -> int:
        return len(self._commands)

    @contextmanager
    def command(self, i: int) -> Iterator[tuple[int, int, int, list[memoryview]]]:
        """(nodes, edges, label tokens, tokens) of the i-th command. The tokens are views of the file
        mapped read-only (no copy: the socket sends from the page cache), unmapped when the block ends."""
        cmd = self._commands[i]
        start = cmd.offset - cmd.offset % mmap.ALLOCATIONGRANULARITY
        try:
            mapped = mmap.mmap(self._fd, cmd.offset + cmd.size - start, access=mmap.ACCESS_READ, offset=start)
        except (OSError, ValueError) as exc:
            raise StoreError(f"GRAPH.BULK spool {self.path} (unlinked): cannot map command {i}: {exc}") from exc
        whole = memoryview(mapped)
        tokens, at = [], cmd.offset - start
        for n in cmd.sizes:
            tokens.append(whole[at : at + n])
            at += n
        try:
            yield (cmd.count, 0, len(tokens), tokens) if cmd.nodes else (0, cmd.count, 0, tokens)
        finally:  # views first: a mapping with live views cannot be closed
            for view in tokens:
                view.release()
            whole.release()
            mapped.close()

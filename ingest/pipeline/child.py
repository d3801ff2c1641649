"""Running a step in a forked child: its per-file outcomes and its result or error come back here."""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import pickle
import signal
import traceback
from collections.abc import Callable
from typing import Any, TypeVar, cast

from app.store.protocol import StoreError
from ingest.pipeline.report import FileOutcome

T = TypeVar("T")
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def in_child(fn: Callable[..., T], args: tuple[Any, ...], on_file: Callable[[FileOutcome], None] | None) -> T:
    """``fn(*args, on_file)`` in a forked child; its per-file outcomes reach ``on_file`` here as they come
    (progress, rejects file), its exception is raised here. The child leaves nothing behind: if this side
    stops (Ctrl-C, a callback raising) the child is terminated — a half-sent graph is what a killed run
    leaves, which the next run reloads (docs/operations/reliability.md)."""
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=_child_main, args=(send, fn, args, on_file is not None, os.getpid()), name="innokg-bulk-fold"
    )
    proc.start()
    send.close()
    ended = False  # the child sent its result or its error and exits by itself
    try:
        while True:
            try:
                tag, value = recv.recv()
            except EOFError:
                proc.join()
                raise StoreError(f"the bulk load process ended without a result (exit code {proc.exitcode})") from None
            if tag == "file":
                if on_file is not None:
                    on_file(value)
            else:
                ended = True
                if tag == "done":
                    return cast(T, value)
                raise value
    finally:
        recv.close()
        if not ended:  # stopped here: the child would carry on until its next message
            proc.terminate()
        proc.join()


def _child_main(conn: Any, fn: Callable[..., Any], args: tuple[Any, ...], relay: bool, parent: int) -> None:
    _die_with_parent(parent)

    def on_file(outcome: FileOutcome) -> None:
        conn.send(("file", outcome))

    try:
        conn.send(("done", fn(*args, on_file if relay else None)))
    except BaseException as exc:  # the parent raises it; one it could not rebuild becomes a StoreError
        exc.add_note("in the bulk load process:\n" + "".join(traceback.format_exception(exc)).rstrip())
        try:
            pickle.loads(pickle.dumps(exc))
            conn.send(("error", exc))
        except Exception:
            conn.send(("error", StoreError(f"{type(exc).__name__}: {exc}")))
    finally:
        conn.close()


def _die_with_parent(parent: int) -> None:
    """A fold whose caller was killed (SIGKILL, the OOM killer) must not go on writing the graph beside the
    next run: the kernel kills it with its parent (Linux PR_SET_PDEATHSIG; its pool workers end when their
    pipes close). A parent already gone before the call is checked by hand."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)

"""Parse and load uploads out of the API process (issue 18): a spawned child (never a fork of the threaded
server) with an address-space cap (RLIMIT_AS) and a wall-clock cap runs the ingest and sends its report
back. A file that would take gigabytes or minutes to parse ends the child, not the API: its answer is a
refusal naming the cap, and every other request is served meanwhile (the parent only waits on a pipe)."""

from __future__ import annotations

import contextlib
import multiprocessing
import resource
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from app.settings import Settings, store_from_settings
from ingest.pipeline.run import IngestReport, Kind, ingest_paths


@dataclass(frozen=True)
class WorkerCaps:
    mem_bytes: int  # INNOKG_UPLOAD_WORKER_MEM_MB
    time_s: float  # INNOKG_UPLOAD_WORKER_TIMEOUT_S


class WorkerFailed(Exception):
    """The child ended without a report (memory or time cap, or a crash); ``limit`` names the cap."""

    def __init__(self, message: str, limit: str) -> None:
        super().__init__(message)
        self.limit = limit


def _child(conn: Connection, settings: Settings, paths: list[Path], kind: Kind, mem_bytes: int) -> None:
    if mem_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (mem_bytes, mem_bytes))
    try:
        store = store_from_settings(settings)
        try:
            report = ingest_paths(store, paths, kind=kind, workers=0, bulk=False)
        finally:
            store.close()
        conn.send(("ok", report))
    except MemoryError:
        conn.send(("memory", None))
    except Exception as exc:  # reported to the parent, which answers for every file
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def ingest_in_worker(settings: Settings, paths: list[Path], kind: Kind, caps: WorkerCaps) -> IngestReport:
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, settings, paths, kind, caps.mem_bytes), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(caps.time_s):
            raise WorkerFailed(
                f"parsing and loading the upload took longer than {caps.time_s:.0f} s "
                "(INNOKG_UPLOAD_WORKER_TIMEOUT_S); the run was stopped",
                "INNOKG_UPLOAD_WORKER_TIMEOUT_S",
            )
        try:
            status, payload = parent.recv()
        except EOFError:
            status, payload = "memory", None  # killed (the kernel, or a failed allocation in C)
        if status == "ok":
            report: IngestReport = payload
            return report
        if status == "memory":
            raise WorkerFailed(
                f"parsing the upload needed more than {caps.mem_bytes // (1024 * 1024)} MiB "
                "(INNOKG_UPLOAD_WORKER_MEM_MB); the run was stopped",
                "INNOKG_UPLOAD_WORKER_MEM_MB",
            )
        raise WorkerFailed(f"the ingest worker failed: {payload}", "worker")
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(timeout=10)
        with contextlib.suppress(OSError):
            parent.close()

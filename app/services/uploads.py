"""Uploaded files into the graph (POST /ingest): keep each file under the data directory, then run the
real ingest (ingest.pipeline.run.ingest_paths) on them.

Storage: ``<data_dir>/uploads/<sha256 of content>/<safe name>``. The safe name keeps the uploaded name's
last path component (its stem is the document id, as for `innokg ingest`: the same list uploaded again
is `unchanged`, a new version of it replaces that document) with every character that could make a path
or hide one replaced; the stored path is checked to resolve under uploads/ before anything is written.
Files are written to a temp file in uploads/ first, hashed while written, then renamed into place (a
rename replaces a symlink, never follows it), with modes 0700 / 0600.

One ingest at a time per data directory: a thread lock (``INGEST_LOCK``) and an flock on
uploads/.ingest.lock (several uvicorn workers are several processes); a second upload waits
``ingest_wait_s`` for it, then gets ``IngestBusy`` (409 with Retry-After), nothing stored. Ingest runs
in this process (no worker pool: forking a threaded server is unsafe) and through the MERGE path (an
upload adds to a graph that is already there).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import re
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from pydantic import BaseModel

from app.services import cache
from app.services.upload_guard import UploadLimits, UploadRejected, check_upload
from app.services.upload_worker import WorkerCaps, WorkerFailed, ingest_in_worker
from app.settings import Settings
from app.store.protocol import GraphStore
from ingest.inventory.read import Reject
from ingest.pipeline.run import INVENTORY_SUFFIXES, POLICY_SUFFIXES, FileOutcome, IngestReport, Kind, ingest_paths
from ingest.resolve.seed import SEED_DOC_ID

log = logging.getLogger("innokg.uploads")

ALLOWED_SUFFIXES = frozenset(POLICY_SUFFIXES | INVENTORY_SUFFIXES)  # what the ingest readers read
RESERVED_STEMS = frozenset({SEED_DOC_ID, "derived_chain_links"})  # pseudo-documents an upload must not replace
MAX_NAME_BYTES = 180  # UTF-8 bytes of a stored name (file systems allow 255; room for a suffix)
UPLOADS = "uploads"
LOCK_FILE = ".ingest.lock"
_COPY_BLOCK = 1 << 20

# Anything that separates path components on some system, including look-alikes that NFKC folds into
# "/" or "\" (fullwidth ／ ＼, division slash, fraction slash, big solidus, small reverse solidus …).
_SEPARATORS = re.compile(r"[/\\\uff0f\uff3c\u2215\u2044\u29f8\u29f9\ufe68\u2216\u29f5]")
_DRIVE = re.compile(r"^[A-Za-z]:")
# Kept as they are: letters (CJK included), marks, digits, and punctuation seen in published list names.
_KEEP_PUNCT = set("-_.()[] +,·~（）【】《》〈〉「」『』、，－＿·—")

INGEST_LOCK = threading.Lock()


class IngestBusy(Exception):
    """Another ingest holds the lock past the wait."""


class UploadStorageError(Exception):
    """The uploads directory cannot be created or written (a server problem, not the client's)."""


class UploadRefused(ValueError):
    """A file refused before it was stored (its name or type); the other files of the request go on."""


class IngestError(BaseModel):
    file: str | None  # the stored path relative to the data directory (None: not stored; no server paths)
    offset: int | None  # code-point offset or row, when known
    reason: str


class FileResult(BaseModel):
    name: str  # the name as uploaded
    stored: str | None = None  # uploads/<sha256>/<safe name>, relative to the data directory
    sha256: str | None = None
    size: int = 0
    document: str | None = None  # document id (the stored name's stem); `doc:<id>` in /documents
    kind: str | None = None  # policy | inventory (as ingest classified it)
    status: Literal["loaded", "replaced", "unchanged", "failed", "refused"]
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0  # rows dropped (cell-level rejects keep their row)
    rejects: list[Reject] = []
    error: IngestError | None = None
    entities_new: int = 0
    entities_existing: int = 0
    nodes: dict[str, int] = {}  # nodes written per label
    created: dict[str, int] = {}  # of those, nodes new to the store, per label
    rels: dict[str, int] = {}
    evidence: int = 0
    members_new: int = 0  # lab-cluster lists: members created by this list
    members_existing: int = 0


class IngestOut(BaseModel):
    kind: str
    files: list[FileResult]
    loaded: int  # files loaded or replaced
    unchanged: int
    failed: int  # ingest errors and refused files
    derived_links: int | None = None  # inferred chain links after the run (None: nothing changed)


@dataclass
class Upload:
    name: str
    file: BinaryIO


@dataclass
class Stored:
    path: Path
    sha256: str
    size: int


def safe_name(raw: str) -> str:
    """A file name that cannot be a path: the last component of ``raw`` (any separator, a drive letter
    dropped), NFC, with control/format/invisible characters (NUL, RTL override …) and anything not a
    letter, digit or common list-name punctuation replaced by ``_``, no leading dots, at most
    MAX_NAME_BYTES, and with a suffix the ingest readers read. Raises UploadRefused."""
    name = unicodedata.normalize("NFC", raw or "")
    name = _SEPARATORS.split(name)[-1]
    name = _DRIVE.sub("", name)
    # Letters (CJK included) and digits stay; so does list-name punctuation. Everything else — controls,
    # NUL, format characters such as the RTL override, combining marks, ":" "*" "?" "%" … — becomes "_".
    out = [ch if unicodedata.category(ch)[0] in "LN" or ch in _KEEP_PUNCT else "_" for ch in name]
    name = "".join(out).strip(" .")
    name = name.lstrip(".")  # no hidden file, no "." / ".."
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        raise UploadRefused(f"the file name {raw!r} has no type: name it with its extension (e.g. 名单.csv)")
    if not stem.strip(" ._"):
        raise UploadRefused(f"no usable file name in {raw!r}: give the file a name (e.g. 名单.csv)")
    suffix = "." + suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise UploadRefused(f"file type {suffix!r} is not ingested; allowed: {', '.join(sorted(ALLOWED_SUFFIXES))}")
    stem = stem.rstrip(" .")
    if stem in RESERVED_STEMS:
        raise UploadRefused(f"{stem!r} is reserved for a document InnoKG builds itself")
    budget = MAX_NAME_BYTES - len(suffix.encode())
    while len(stem.encode()) > budget:
        stem = stem[:-1]
    return stem.rstrip(" .") + suffix


def uploads_dir(data_dir: Path) -> Path:
    """<data_dir>/uploads, created private (0700); resolved, so later checks compare real paths."""
    path = Path(data_dir) / UPLOADS
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        resolved = path.resolve(strict=True)
        if not os.access(resolved, os.W_OK | os.X_OK):
            raise PermissionError(13, "not writable")
    except OSError as exc:
        raise UploadStorageError(
            f"the server cannot write its uploads directory (INNOKG_DATA_DIR/{UPLOADS}): {exc.strerror or exc}"
        ) from exc
    return resolved


def store_upload(root: Path, name: str, src: BinaryIO, max_bytes: int) -> Stored:
    """Copy ``src`` to root/<sha256>/<name> (``name`` already safe). Raises UploadRefused when larger
    than ``max_bytes`` or when the target would not be a plain file right under root/<sha256> (nothing is
    kept either way)."""
    h = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(prefix=".upload-", dir=root)  # 0600
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for block in iter(lambda: src.read(_COPY_BLOCK), b""):
                size += len(block)
                if size > max_bytes:
                    raise UploadRefused(f"file larger than {max_bytes} bytes (INNOKG_MAX_UPLOAD_MB)")
                h.update(block)
                out.write(block)
        digest = h.hexdigest()
        folder = root / digest
        target = folder / name
        # safe_name made the name harmless already; this check does not depend on how it did.
        if (
            name in ("", ".", "..")
            or os.sep in name
            or "\0" in name
            or os.path.dirname(os.path.normpath(target)) != str(folder)
        ):
            raise UploadRefused(f"file name {name!r} does not stay under {UPLOADS}/")
        folder.mkdir(mode=0o700, exist_ok=True)
        if folder.is_symlink() or not folder.is_dir():
            raise UploadRefused(f"{UPLOADS}/{digest} is not a directory of this server")
        os.replace(tmp, target)  # replaces a symlink at target, never writes through it
        return Stored(target, digest, size)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _relative(path: Path | str, data_dir: Path) -> str:
    """A stored path as the client sees it (relative to the data directory)."""
    p = Path(path)
    with contextlib.suppress(ValueError):
        return str(p.resolve().relative_to(data_dir.resolve()))
    return p.name


def _scrub(text: str, root: Path, data_dir: Path) -> str:
    """Error texts name files by their server path: show them relative to the data directory."""
    return text.replace(str(data_dir.resolve()) + os.sep, "").replace(str(root), UPLOADS)


def _refused(upload: Upload, reason: str) -> FileResult:
    return FileResult(name=upload.name, status="refused", error=IngestError(file=None, offset=None, reason=reason))


def _result(upload: Upload, stored: Stored, o: FileOutcome, root: Path, data_dir: Path) -> FileResult:
    rel = _relative(stored.path, data_dir)
    r = FileResult(name=upload.name, stored=rel, sha256=stored.sha256, size=stored.size, status="failed", kind=o.kind)
    r.rejects = [Reject.model_validate({**x, "file": rel}) for x in o.rejects]
    r.rows_rejected = sum(1 for x in o.rejects if x.get("dropped", True))
    r.rows_read = o.rows_read
    if o.error is not None:
        r.error = IngestError(file=rel, offset=o.error.offset, reason=_scrub(o.error.reason, root, data_dir))
        r.rows_loaded = 0
        return r
    res = o.result
    assert res is not None
    r.status = res.status  # type: ignore[assignment]  # loaded | replaced | unchanged (LoadResult)
    r.document = res.doc_id
    r.rows_loaded = o.rows_loaded
    r.nodes, r.created, r.rels, r.evidence = dict(res.nodes), dict(res.created), dict(res.rels), res.evidence
    r.entities_new, r.entities_existing = sum(res.created.values()), sum(res.existing.values())
    r.members_new, r.members_existing = o.members_new, o.members_existing
    return r


@contextlib.contextmanager
def ingest_slot(root: Path, wait_s: float) -> Iterator[None]:
    """Hold this process's lock and the data directory's flock, waiting at most ``wait_s`` in all."""
    deadline = time.monotonic() + max(wait_s, 0.0)
    if not INGEST_LOCK.acquire(timeout=max(wait_s, 0.0)):
        raise IngestBusy("another ingest is running on this server")
    try:
        fd = os.open(root / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise IngestBusy("another server process is ingesting into this data directory") from None
                    time.sleep(0.05)
            yield
        finally:
            os.close(fd)  # releases the flock
    finally:
        INGEST_LOCK.release()


def ingest_uploads(
    store: GraphStore,
    uploads: Iterable[Upload],
    *,
    data_dir: Path,
    kind: Kind = "auto",
    max_bytes: int,
    wait_s: float,
    source: str = "?",
    settings: Settings | None = None,
) -> IngestOut:
    """Store each upload, ingest the stored files in one run, answer per file (in upload order).

    With ``settings``: each stored file is first checked against what it may declare (upload_guard), and
    the run goes to a worker process with a memory and time cap (upload_worker) unless INNOKG_UPLOAD_WORKER=0."""
    root = uploads_dir(data_dir)
    with ingest_slot(root, wait_s):
        items = list(uploads)
        stored: dict[int, Stored] = {}
        results: dict[int, FileResult] = {}
        for i, up in enumerate(items):
            try:
                stored[i] = store_upload(root, safe_name(up.name), up.file, max_bytes)
            except UploadRefused as exc:
                results[i] = _refused(up, str(exc))
            except OSError as exc:  # e.g. disk full: this file is not stored, the others may be
                results[i] = _refused(up, f"could not store the file: {exc.strerror or type(exc).__name__}")
        if settings is not None:
            _guard(items, stored, results, upload_limits(settings))
        paths = list(dict.fromkeys(s.path for s in stored.values()))  # the same file twice: ingested once
        # Logged: who, what name, what became of it; never a key (docs/operations/security.md).
        log.info("ingest over HTTP from %s: %d file(s) stored, %d refused", source, len(paths), len(results))
        report = None
        failure: WorkerFailed | None = None
        if paths:
            try:
                report = _run(store, paths, kind, settings)
            except WorkerFailed as exc:
                failure = exc
            finally:
                cache.invalidate(store)  # cached answers of this process: seen at once, not after cache_check_s
            _compact(store)
        outcomes = {o.path: o for o in report.files} if report is not None else {}
        for i, s in stored.items():
            if failure is not None:
                results[i] = _failed(items[i], s, data_dir, str(failure))
            else:
                results[i] = _result(items[i], s, outcomes[s.path], root, data_dir)
        files = [results[i] for i in range(len(items))]
        derived = getattr(report.derived, "links", None) if report is not None else None
        out = IngestOut(
            kind=kind,
            files=files,
            loaded=sum(f.status in ("loaded", "replaced") for f in files),
            unchanged=sum(f.status == "unchanged" for f in files),
            failed=sum(f.status in ("failed", "refused") for f in files),
            derived_links=derived,
        )
        for f in files:
            log.info("ingest over HTTP from %s: %s %r -> %s", source, f.status, f.name, f.stored)
        return out


def upload_limits(settings: Settings) -> UploadLimits:
    mib = 1024 * 1024
    return UploadLimits(
        max_expanded_bytes=settings.upload_max_expanded_mb * mib,
        max_member_bytes=settings.upload_max_member_mb * mib,
        max_ratio=settings.upload_max_ratio,
        max_members=settings.upload_max_members,
        max_cells=settings.upload_max_cells,
        max_rows=settings.upload_max_rows,
    )


def _guard(
    items: list[Upload], stored: dict[int, Stored], results: dict[int, FileResult], limits: UploadLimits
) -> None:
    """Refuse (and forget) stored files that declare more than the limits, before any reader opens them."""
    for i, s in list(stored.items()):
        try:
            check_upload(s.path, limits)
        except UploadRejected as exc:
            results[i] = _refused(items[i], str(exc))
            del stored[i]


def _run(store: GraphStore, paths: list[Path], kind: Kind, settings: Settings | None) -> IngestReport:
    if settings is not None and settings.upload_worker:
        caps = WorkerCaps(settings.upload_worker_mem_mb * 1024 * 1024, settings.upload_worker_timeout_s)
        return ingest_in_worker(settings, paths, kind, caps)
    return ingest_paths(store, paths, kind=kind, workers=0, bulk=False)


def _compact(store: GraphStore) -> None:
    """After a load: let an embedded store snapshot its append-only file (its next start then loads a
    snapshot, not the MERGE log). Engines without the notion have no such method."""
    compact = getattr(store, "compact", None)
    if callable(compact):
        with contextlib.suppress(Exception):  # best effort: the data is safe in the log either way
            compact()


def _failed(upload: Upload, stored: Stored, data_dir: Path, reason: str) -> FileResult:
    rel = _relative(stored.path, data_dir)
    return FileResult(
        name=upload.name,
        stored=rel,
        sha256=stored.sha256,
        size=stored.size,
        status="failed",
        error=IngestError(file=rel, offset=None, reason=reason),
    )

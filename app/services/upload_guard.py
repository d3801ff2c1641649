"""What an uploaded file declares, checked before any reader parses it (issue 18).

The upload limit (INNOKG_MAX_UPLOAD_MB) counts the bytes sent; OOXML files (.xlsx, .docx) are zip archives
that expand far beyond that: a 495 KB DOCX holding 300 MB of empty paragraphs drove the API to 17 GB, a
144 KB XLSX declaring A1:XFD1048576 to 1.54 GB. Here, from the zip directory and the first bytes of each
sheet only (never a full decompression): member count, each member's and the total expanded size, the
expansion ratio, and each sheet's declared dimension (rows × columns). Readers then run in a worker process
with a memory and time cap (app/services/upload_worker.py) for whatever these checks cannot foresee.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

ZIP_SUFFIXES = frozenset({".xlsx", ".xlsm", ".docx"})
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?\"")
_SHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_HEAD = 64 * 1024  # a sheet's <dimension> comes right after its <sheetPr>: within the first few KB


@dataclass(frozen=True)
class UploadLimits:
    max_expanded_bytes: int = 200 * 1024 * 1024  # INNOKG_UPLOAD_MAX_EXPANDED_MB: all members, expanded
    max_member_bytes: int = 100 * 1024 * 1024  # INNOKG_UPLOAD_MAX_MEMBER_MB: one member, expanded
    max_ratio: int = 100  # INNOKG_UPLOAD_MAX_RATIO: expanded / compressed, members over 1 MiB
    max_members: int = 2_000  # INNOKG_UPLOAD_MAX_MEMBERS
    max_cells: int = 5_000_000  # INNOKG_UPLOAD_MAX_CELLS: rows × columns one sheet declares
    max_rows: int = 1_048_576  # INNOKG_UPLOAD_MAX_ROWS: rows one sheet declares


class UploadRejected(ValueError):
    """A file refused before parsing; ``limit`` names the setting."""

    def __init__(self, message: str, limit: str) -> None:
        super().__init__(message)
        self.limit = limit


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def _check_members(zf: zipfile.ZipFile, limits: UploadLimits) -> None:
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise UploadRejected(
            f"the archive holds {len(infos)} parts; at most {limits.max_members} (INNOKG_UPLOAD_MAX_MEMBERS)",
            "INNOKG_UPLOAD_MAX_MEMBERS",
        )
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limits.max_member_bytes:
            raise UploadRejected(
                f"part {info.filename!r} expands to {info.file_size} bytes; at most {limits.max_member_bytes} "
                "(INNOKG_UPLOAD_MAX_MEMBER_MB)",
                "INNOKG_UPLOAD_MAX_MEMBER_MB",
            )
        if info.file_size > 1024 * 1024 and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise UploadRejected(
                f"part {info.filename!r} expands {info.file_size // max(info.compress_size, 1)}-fold; at most "
                f"{limits.max_ratio}-fold (INNOKG_UPLOAD_MAX_RATIO)",
                "INNOKG_UPLOAD_MAX_RATIO",
            )
    if total > limits.max_expanded_bytes:
        raise UploadRejected(
            f"the file expands to {total} bytes; at most {limits.max_expanded_bytes} (INNOKG_UPLOAD_MAX_EXPANDED_MB)",
            "INNOKG_UPLOAD_MAX_EXPANDED_MB",
        )


def _check_sheets(zf: zipfile.ZipFile, limits: UploadLimits) -> None:
    for info in zf.infolist():
        if not _SHEET.match(info.filename):
            continue
        with zf.open(info) as f:
            head = f.read(_HEAD)  # reads (and inflates) at most this much
        m = _DIMENSION.search(head)
        if m is None:
            continue  # no declaration: the sheet's size is its expanded size, bounded above
        rows = int(m.group(4) or m.group(2)) - int(m.group(2)) + 1
        cols = _column_number(m.group(3) or m.group(1)) - _column_number(m.group(1)) + 1
        if rows > limits.max_rows or rows * cols > limits.max_cells:
            raise UploadRejected(
                f"sheet {info.filename!r} declares {rows} rows × {cols} columns; at most {limits.max_rows} rows "
                f"and {limits.max_cells} cells (INNOKG_UPLOAD_MAX_CELLS, INNOKG_UPLOAD_MAX_ROWS)",
                "INNOKG_UPLOAD_MAX_CELLS",
            )


def check_upload(path: Path, limits: UploadLimits) -> None:
    """Raise UploadRejected when ``path`` declares more than the limits allow; cheap (zip directory and
    sheet heads only). Files that are not zip containers are bounded by their upload size already."""
    if path.suffix.lower() not in ZIP_SUFFIXES:
        return
    try:
        with zipfile.ZipFile(path) as zf:
            _check_members(zf, limits)
            _check_sheets(zf, limits)
    except zipfile.BadZipFile:
        return  # not a zip at all: the reader says what is wrong with it
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError) as exc:
        raise UploadRejected(f"the archive cannot be read safely: {exc}", "INNOKG_UPLOAD_MAX_EXPANDED_MB") from exc

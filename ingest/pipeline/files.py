"""Which files a run ingests and what each one is: expanding directories, classifying, hashing."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

Kind = Literal["auto", "policy", "inventory"]
POLICY_SUFFIXES = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}
INVENTORY_SUFFIXES = {".csv", ".xlsx", ".xlsm", ".docx", ".html", ".htm", ".txt"}
SKIP_NAMES = {"README.md", "SOURCES.md", "labels.csv", "manifest.json"}
TABULAR_SUFFIXES = {".csv", ".xlsx", ".xlsm"}


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the files under directories named (sorted, hidden and helper files skipped)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(
                f
                for f in sorted(p.rglob("*"))
                if f.is_file() and not f.name.startswith(".") and f.name not in SKIP_NAMES
            )
        else:
            out.append(p)
    return out


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def classify(path: Path, kind: Kind) -> str:
    """policy | inventory | table? (a .docx/.html that is an inventory when it holds a name column)."""
    if kind != "auto":
        return kind
    suffix = path.suffix.lower()
    if suffix in TABULAR_SUFFIXES:
        return "inventory"
    if suffix in {".docx", ".html", ".htm"}:
        return "table?"
    return "policy"


def file_kind(path: Path, kind: Kind) -> str:
    """``classify``, or "?" for a path that does not exist (reported as an error when prepared)."""
    return classify(path, kind) if path.exists() else "?"


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0

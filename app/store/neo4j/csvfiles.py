"""The CSV files ``neo4j-admin database import full`` reads, written from a folded bulk run.

The run (app.store.fold.graph.Fold: the end state the MERGE path would leave, computed from the rows
of app.store.rows) is read out node by node and relationship by relationship. One file per label (or
relationship type) and *typed* property signature: the importer takes a property's type from the file's
header (``name:long``, ``tags:string[]``), so nodes whose properties differ in names or types go to
different files. Node ids in the files are the run's node indexes, 0 … n-1 without a gap, which the importer
takes as the store's own node ids (``--id-type=actual``: no id map to build and sort, the relationships'
ends are the ids themselves); the ``id`` property is an ordinary string column. A file in which a quoted
cell holds a line break is listed in ``Written.multiline``: only those are parsed line break by line break
(``--multiline-fields``, which costs the importer its parallel chunking), the others record per line.

Cells: strings are always quoted (``""`` doubled inside), so an empty string (a quoted ``""``) and a missing
property (an empty cell) stay apart; arrays are joined by ``ARRAY_DELIMITER`` (U+001F, which no text the
pipeline writes holds; one that does is a ``BulkError``); floats by ``repr`` (exact round trip). The
importer cannot write an empty array (an empty cell is no property): the MERGE path leaves
``r.evidence = []`` on a relationship no evidence states, so such a relationship carries the marker
property ``EMPTY_MARK`` instead, and ``EMPTY_FIX`` (cypher/templates) turns it into ``evidence = []`` after
the import.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from app.model.schema import Label, Rel
from app.store.fold.pack import BulkError

ARRAY_DELIMITER = "\x1f"
EMPTY_MARK = "bulk_empty_evidence"  # cypher/templates/bulk_empty_evidence.cypher
EMPTY_FIX = "bulk_empty_evidence"
_BAD_KEY = (":", ",", '"', "\n", "\r", ARRAY_DELIMITER)
_BUFFER = 1 << 18
_PLAIN_PATH = re.compile(r"[\w/.\-]+")  # a path that is its own pattern in --multiline-fields (v2)

TypedKeys = tuple[tuple[str, str], ...]


@dataclass
class Written:
    """What ``write_csv`` produced: the importer's file arguments and the counts."""

    nodes: list[tuple[str, Path]] = field(default_factory=list)  # (label, file)
    rels: list[tuple[str, Path]] = field(default_factory=list)  # (relationship type, file)
    node_count: int = 0
    rel_count: int = 0
    empty_evidence: dict[Rel, int] = field(default_factory=dict)  # relationships marked EMPTY_MARK, per type
    bytes: int = 0
    multiline: list[Path] = field(default_factory=list)  # files with a line break inside a quoted cell

    def arguments(self) -> list[str]:
        return [f"--nodes={lb}={p}" for lb, p in self.nodes] + [f"--relationships={t}={p}" for t, p in self.rels]

    def multiline_arguments(self) -> list[str]:
        """The importer parses a file record by record in parallel chunks unless told that a quoted cell
        may hold a line break; only the files written with one are named (``v2``: per file)."""
        if not self.multiline:
            return ["--multiline-fields=false"]
        if not all(_PLAIN_PATH.fullmatch(str(p)) for p in self.multiline):  # v2 reads a list of patterns
            return ["--multiline-fields=true"]
        return ["--multiline-fields-format=v2", f"--multiline-fields={','.join(map(str, self.multiline))}"]


def _scalar_type(v: Any) -> str:
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "long"
    if isinstance(v, float):
        return "double"
    if isinstance(v, str):
        return "string"
    raise BulkError(f"neo4j-admin import cannot carry a value of type {type(v).__name__}: {v!r}")


def value_type(v: Any) -> str:
    """The importer's header type of a property value (``string``, ``long[]`` …)."""
    if isinstance(v, list | tuple):
        if not v:
            raise BulkError("neo4j-admin import cannot carry an empty list")
        kinds = {_scalar_type(x) for x in v}
        if kinds == {"long", "double"}:
            return "double[]"
        if len(kinds) != 1:
            raise BulkError(f"a list mixes types {sorted(kinds)}: {v!r}")
        return f"{kinds.pop()}[]"
    return _scalar_type(v)


def _scalar(v: Any, in_array: bool) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return repr(v)
    if isinstance(v, int):
        return str(v)
    if ARRAY_DELIMITER in v:
        raise BulkError(f"a text holds U+001F, the importer's array delimiter: {v[:80]!r}")
    text = v.replace('"', '""')
    return text if in_array else f'"{text}"'


def cell(v: Any) -> str:
    """One CSV cell (None: no property)."""
    if v is None:
        return ""
    if isinstance(v, list | tuple):
        parts = ARRAY_DELIMITER.join(_scalar(x, True) for x in v)
        return f'"{parts}"' if isinstance(v[0], str) else parts
    return _scalar(v, False)


def _header(first: str, keys: TypedKeys) -> str:
    cols = [first]
    for k, t in keys:
        if any(c in k for c in _BAD_KEY):
            raise BulkError(f"property name {k!r} cannot be a column of neo4j-admin import")
        cols.append(k if t == "string" else f"{k}:{t}")
    return ",".join(cols) + "\n"


class _Files:
    """One open file per (name, typed signature), created on first use."""

    def __init__(self, folder: Path, prefix: str, first: str) -> None:
        self.folder, self.prefix, self.first = folder, prefix, first
        self.open: dict[tuple[str, TypedKeys], IO[str]] = {}
        self.made: list[tuple[str, Path]] = []
        self.multiline: set[str] = set()  # names of the files a line break inside a cell was written to

    def write(self, name: str, keys: TypedKeys, line: str) -> None:
        """One record; a record holding a line break besides its last marks its file multiline."""
        fh = self.get(name, keys)
        fh.write(line)
        if "\r" in line or line.find("\n") != len(line) - 1:
            self.multiline.add(fh.name)

    def get(self, name: str, keys: TypedKeys) -> IO[str]:
        fh = self.open.get((name, keys))
        if fh is None:
            path = self.folder / f"{self.prefix}-{len(self.made):04d}-{name}.csv"
            fh = self.open[(name, keys)] = path.open("w", encoding="utf-8", newline="", buffering=_BUFFER)
            fh.write(_header(self.first, keys))
            self.made.append((name, path))
        return fh

    def close(self) -> None:
        for fh in self.open.values():
            fh.close()
        self.open = {}


def _str(v: str) -> str:
    if ARRAY_DELIMITER in v:
        raise BulkError(f"a text holds U+001F, the importer's array delimiter: {v[:80]!r}")
    return '"' + v.replace('"', '""') + '"'


def _bool(v: bool) -> str:
    return "true" if v else "false"


def _str_array(v: list[str]) -> str:
    """A list of strings (the layout checked the element types): joined and quoted in C, the delimiter
    counted once instead of searched per element."""
    text = ARRAY_DELIMITER.join(v)
    if text.count(ARRAY_DELIMITER) != len(v) - 1:
        raise BulkError(f"a text holds U+001F, the importer's array delimiter: {text[:80]!r}")
    return '"' + text.replace('"', '""') + '"'


_FORMAT: dict[str, Callable[[Any], str]] = {
    "string": _str, "long": str, "boolean": _bool, "double": cell, "string[]": _str_array,
}  # fmt: skip


def _list_type(v: list[Any]) -> str:
    """``value_type`` of a list, the usual all-strings case found by C-level type checks."""
    return "string[]" if v and set(map(type, v)) == {str} else value_type(v)


Layout = tuple[TypedKeys, tuple[Callable[[Any], str], ...]]
_NONE: Layout = ((), ())
_LAYOUTS: dict[tuple[tuple[str, ...], tuple[Any, ...]], Layout] = {}


def _layout(props: dict[str, Any]) -> Layout:
    """The typed header keys of these properties and a formatter per column, cached per (names, value
    types): most nodes of a label share one (a list's element types are checked each time)."""
    names = tuple(props)
    kinds = tuple(_list_type(v) if type(v) is list else type(v) for v in props.values())
    got = _LAYOUTS.get((names, kinds))
    if got is None:
        keys = tuple(sorted((k, value_type(props[k])) for k in names))
        got = _LAYOUTS[(names, kinds)] = (keys, tuple(_FORMAT.get(t, cell) for _, t in keys))
    return got


def _line(first: str, props: dict[str, Any], layout: Layout) -> str:
    keys, fmts = layout
    return first + "".join(["," + f(props[k]) for (k, _), f in zip(keys, fmts, strict=True)]) + "\n"


def write_nodes(folder: Path, nodes: Iterable[tuple[int, Label, dict[str, Any]]], out: Written) -> None:
    files = _Files(folder, "nodes", ":ID")
    try:
        for idx, label, props in nodes:
            layout = _layout(props)
            files.write(label.value, layout[0], _line(str(idx), props, layout))
            out.node_count += 1
    finally:
        files.close()
    out.nodes += files.made
    out.multiline += [p for _, p in files.made if str(p) in files.multiline]


def write_rels(folder: Path, rels: Iterable[tuple[Rel, int, int, dict[str, Any] | None]], out: Written) -> None:
    files = _Files(folder, "rels", ":START_ID,:END_ID")
    try:
        for rel, src, dst, props in rels:
            if props and props.get("evidence") == []:
                props = {k: v for k, v in props.items() if k != "evidence"}
                props[EMPTY_MARK] = True
                out.empty_evidence[rel] = out.empty_evidence.get(rel, 0) + 1
            layout = _layout(props) if props else _NONE
            files.write(rel.value, layout[0], _line(f"{src},{dst}", props or {}, layout))
            out.rel_count += 1
    finally:
        files.close()
    out.rels += files.made
    out.multiline += [p for _, p in files.made if str(p) in files.multiline]


def write_csv(folder: Path, nodes: Iterable[tuple[int, Label, dict[str, Any]]],
              rels: Iterable[tuple[Rel, int, int, dict[str, Any] | None]]) -> Written:  # fmt: skip
    """Every node and relationship of the run into CSV files under ``folder`` (created)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = Written()
    write_nodes(folder, nodes, out)
    write_rels(folder, rels, out)
    out.bytes = sum(p.stat().st_size for p in _paths(out))
    return out


def _paths(out: Written) -> Iterator[Path]:
    for _, p in out.nodes + out.rels:
        yield p

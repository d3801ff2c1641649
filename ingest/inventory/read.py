"""Stage 1: a file → InventoryRead (mapped rows, header mapping, unknown columns, rejects, kind).

Rows stay plain dicts (canonical column → cleaned text, plus ``_row`` / ``_sheet``; unknown columns as
``extra_<header>``): a million-row list would spend seconds in per-row model validation, so the model
around them is built with ``model_construct`` from values this module produced itself.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from app.model.errors import InputError
from app.text.cells import looks_like_name, parse_level, parse_status, parse_year, tidy
from app.text.gazetteer import DIRECT, locate
from ingest.inventory import headers as hdr
from ingest.inventory.readers import RawTable, read_source
from ingest.inventory.textlist import parse_text

# A cell past this is not a list value (a pasted document, a fuzz string): dropped and reported. It also keeps
# every stored name under Neo4j's index key limit (8,167 bytes; 1,000 characters are at most 4,000 UTF-8 bytes).
MAX_CELL_CHARS = 1_000
MAX_EXTRA_COLUMNS = 64  # unknown columns kept per table (as extra_<header>); more are reported, not stored
HEADER_SCAN_ROWS = 15  # a title / notes block above the header row is common in published lists
_CLUSTER_FILL = ("cluster", "director", "director_org", "lead_platform", "industry")
# cells parsed into a value, or dropped from the row and reported with the reason
_PARSED_CELLS: tuple[tuple[str, Callable[[str], object], str], ...] = (
    ("year", parse_year, "no year in cell"),
    ("level", parse_level, "unknown level"),
)
REGION_UNRESOLVED = "region not found in the gazetteer (kept as text)"
_NOTE_PREFIXES = ("注", "备注", "说明", "合计", "总计", "小计", "附")


class Reject(BaseModel):
    """A bad row (``dropped=True``: not loaded) or a bad cell (value ignored, the row still loads)."""

    file: str
    sheet: str = ""
    row: int | None
    column: str | None
    reason: str
    value: str = ""
    dropped: bool = True


class TableMapping(BaseModel):
    sheet: str
    header_row: int
    headers: list[str]
    mapping: dict[str, str]  # published header → canonical column
    unknown: list[str]  # published headers kept as extra_<header> properties
    rows: int = 0


class InventoryRead(BaseModel):
    path: str
    doc_id: str  # the file stem
    sha256: str
    format: str
    encoding: str | None
    kind: Literal["platform", "lab_cluster"]
    tables: list[TableMapping]
    rows: list[dict[str, Any]] = Field(default_factory=list)
    rejects: list[Reject] = Field(default_factory=list)
    skipped_tables: list[str] = Field(default_factory=list)  # tables with no header / another kind

    @property
    def header_mapping(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for t in self.tables:
            out.update(t.mapping)
        return out

    @property
    def unknown_columns(self) -> list[str]:
        return list(dict.fromkeys(h for t in self.tables for h in t.unknown))

    def reject_counts(self) -> dict[str, int]:
        return dict(Counter(r.reason.split(":")[0] for r in self.rejects))


def read_inventory(path: Path) -> InventoryRead:
    """Read one inventory file. Raises InputError when the file cannot be read or no table in it has
    a recognisable name column (the message lists the headers found)."""
    from app.model.runtime import gc_paused

    with gc_paused():  # a file's rows are thousands of small acyclic dicts; workers hold big caches
        return _read_inventory(Path(path))


def _read_inventory(path: Path) -> InventoryRead:
    source = read_source(path)
    tables = list(source.tables)
    if source.text and not any(len(t.rows) > 1 for t in tables):
        text_table = parse_text(source.text)
        if text_table is not None:
            tables.append(text_table)
    located: list[tuple[RawTable, int, list[str], str]] = []
    seen_headers: list[str] = []
    skipped: list[str] = []
    for table in tables:
        found = _find_header(table)
        if found is None:
            seen_headers.extend(c for c in (table.rows[0][1] if table.rows else []) if c)
            skipped.append(table.sheet or "table")
            continue
        idx, kind = found
        located.append((table, idx, table.rows[idx][1], kind))
    if not located:
        listed = ", ".join(dict.fromkeys(seen_headers)) or "(none)"
        raise InputError(path, None, f"no recognisable name column (名称/平台名称/实验室群…); headers found: {listed}")
    kind = Counter(k for *_, k in located).most_common(1)[0][0]
    data = path.read_bytes()
    out = InventoryRead.model_construct(
        path=str(path),
        doc_id=path.stem,
        sha256=hashlib.sha256(data).hexdigest(),
        format=source.format,
        encoding=source.encoding,
        kind=kind,
        tables=[],
        rows=[],
        rejects=[],
        skipped_tables=skipped,
    )
    for row_no, reason, line in source.bad_rows:
        out.rejects.append(Reject(file=str(path), row=row_no, column=None, reason=reason, value=line[:500]))
    for table, idx, header, t_kind in located:
        if t_kind != kind:
            out.skipped_tables.append(f"{table.sheet or 'table'} ({t_kind} list in a {kind} file)")
            continue
        _map_rows(out, table, idx, header, kind)
    return out


def _find_header(table: RawTable) -> tuple[int, str] | None:
    best: tuple[int, int, str] | None = None
    for i, (_, cells) in enumerate(table.rows[:HEADER_SCAN_ROWS]):
        score = hdr.header_score(cells)
        if score == 0 or (best is not None and score <= best[0]):
            continue
        kind = hdr.detect_kind(cells)
        mapped, _ = hdr.map_headers(cells, kind)
        if hdr.name_column(kind) in mapped.values():
            best = (score, i, kind)
    return None if best is None else (best[1], best[2])


def _map_rows(out: InventoryRead, table: RawTable, idx: int, header: list[str], kind: str) -> None:
    mapped, unknown = hdr.map_headers(header, kind)
    name_col = hdr.name_column(kind)
    file = out.path
    sheet = table.sheet
    mapping = TableMapping.model_construct(
        sheet=sheet,
        header_row=table.rows[idx][0],
        headers=list(header),
        mapping={header[i]: c for i, c in mapped.items()},
        unknown=[h for h in unknown.values()],
        rows=0,
    )
    extras = sorted((i, f"extra_{h}") for i, h in unknown.items())
    if len(extras) > MAX_EXTRA_COLUMNS:
        reason = f"too many columns: {len(extras)} unknown, the first {MAX_EXTRA_COLUMNS} kept as extra_<header>"
        dropped = ", ".join(h for _, h in extras[MAX_EXTRA_COLUMNS : MAX_EXTRA_COLUMNS + 5])
        out.rejects.append(_cell(file, sheet, table.rows[idx][0], "", reason, f"{dropped}, …"))
        extras = extras[:MAX_EXTRA_COLUMNS]
    columns = sorted(mapped.items()) + extras
    n_cols = len(header)
    rows = out.rows
    rejects = out.rejects
    header_norm = [hdr.norm_header(h) for h in header]
    name_i = next(i for i, c in mapped.items() if c == name_col)
    carried: dict[str, str] = {}
    region_ok: dict[str, bool] = {}
    for row_no, cells in table.rows[idx + 1 :]:
        if len(cells) < n_cols:
            cells = cells + [""] * (n_cols - len(cells))
        elif len(cells) > n_cols + MAX_EXTRA_COLUMNS and any(cells[n_cols:]):
            reason = f"row has {len(cells)} cells, the header {n_cols}: cells past the header not stored"
            rejects.append(_cell(file, sheet, row_no, "", reason, "…"))
        rec = _record(row_no, sheet, cells, columns)
        if rec is None:
            continue
        if cells[name_i] == header[name_i] and [hdr.norm_header(c) for c in cells[:n_cols]] == header_norm:
            continue  # the header repeated on every page of a DOCX / PDF-converted table
        if kind == hdr.LAB_CLUSTER:
            carried = _carry(rec, name_col, carried)
        reject = _name_reject(rec, name_col, cells)
        if reject is not None:
            reason, value = reject
            rejects.append(Reject(file=file, sheet=sheet, row=row_no, column=name_col, reason=reason, value=value))
            continue
        _clean_cells(rec, file, sheet, row_no, rejects, region_ok)
        rows.append(rec)
        mapping.rows += 1
    out.tables.append(mapping)


def _record(row_no: int, sheet: str, cells: list[str], columns: list[tuple[int, str]]) -> dict[str, Any] | None:
    """The row's non-empty cells by canonical column (then extra_<header>), or None for an empty row."""
    rec: dict[str, Any] = {"_row": row_no, "_sheet": sheet}
    for i, key in columns:
        v = cells[i]
        if v:
            rec[key] = v
    return None if len(rec) == 2 else rec


def _carry(rec: dict[str, Any], name_col: str, carried: dict[str, str]) -> dict[str, str]:
    """A lab-cluster list names the cluster on its first member row only: later rows inherit it."""
    if name_col in rec:
        return {k: rec[k] for k in _CLUSTER_FILL if k in rec}
    for k, v in carried.items():
        rec.setdefault(k, v)
    return carried


def _name_reject(rec: dict[str, Any], name_col: str, cells: list[str]) -> tuple[str, str] | None:
    """(reason, value) when the row has no usable name; else None (the name is tidied in place)."""
    name = rec.get(name_col)
    if name is None:
        first = next((c for c in cells if c), "")
        return ("note row" if first.startswith(_NOTE_PREFIXES) else f"empty {name_col}"), first
    name = tidy(name)
    if not looks_like_name(name):
        return f"not a {name_col}", name
    rec[name_col] = name
    return None


def _clean_cells(
    rec: dict[str, Any], file: str, sheet: str, row_no: int, rejects: list[Reject], region_ok: dict[str, bool]
) -> None:
    """Year, level, status and region cells parsed; a bad one (or one too long to be a value) is dropped
    from the row and reported."""
    for key in [k for k, v in rec.items() if isinstance(v, str) and len(v) > MAX_CELL_CHARS]:
        value = rec.pop(key)
        reason = f"cell of {len(value):,} characters (a list value has at most {MAX_CELL_CHARS:,})"
        rejects.append(_cell(file, sheet, row_no, key, reason, value[:200] + "…"))
    for key, parse, reason in _PARSED_CELLS:
        if key in rec:
            value = parse(rec[key])
            if value is None:
                rejects.append(_cell(file, sheet, row_no, key, reason, rec.pop(key)))
            else:
                rec[key] = value
    if "status" in rec:
        rec["status"] = parse_status(rec["status"])
    if "region" in rec:
        region = rec["region"]
        ok = region_ok.get(region)
        if ok is None:
            ok = region_ok[region] = locate(region) is not None or DIRECT.match(region.strip()) is not None
        if not ok:  # kept: the row loads, the cell is stored as region_text (the list's province may apply)
            rejects.append(_cell(file, sheet, row_no, "region", REGION_UNRESOLVED, region))


def _cell(file: str, sheet: str, row: int, column: str, reason: str, value: object) -> Reject:
    return Reject(file=file, sheet=sheet, row=row, column=column, reason=reason, value=str(value), dropped=False)

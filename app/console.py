"""`innokg cypher`: one read-only query, or an interactive console over either store.

Console commands: `:queries` (named queries), `:run NAME k=v…`, `:schema`, `:export csv PATH` (the
last result), `:help`, `:quit`. A query ends with `;` or an empty line, so it can span lines.
Output is a table; rich measures CJK characters as two columns, so Chinese columns align.
"""

from __future__ import annotations

import csv
import json
import shlex
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from app.graph.queries import named_queries, query
from app.graph.schema import NODES, RELS
from app.graph.store import GraphStore, Row, StoreError
from app.settings import get_settings

console = Console()


def _cell(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def print_rows(rows: list[Row], limit: int | None = None) -> None:
    if not rows:
        console.print("(no rows)")
        return
    table = Table(*rows[0].keys(), show_lines=False)
    for row in rows[:limit] if limit else rows:
        table.add_row(*(_cell(v) for v in row.values()))
    console.print(table)
    console.print(f"{len(rows)} row(s)")


def parse_params(pairs: list[str]) -> dict[str, Any]:
    """k=v pairs; a value that parses as JSON (numbers, lists, null) is taken as such."""
    params: dict[str, Any] = {}
    for pair in pairs:
        if "=" not in pair:
            raise ValueError(f"expected key=value, got {pair!r}")
        key, raw = pair.split("=", 1)
        try:
            params[key] = json.loads(raw)
        except json.JSONDecodeError:
            params[key] = raw
    return params


def schema_rows() -> list[Row]:
    rows: list[Row] = [
        {"kind": "label", "name": s.label.value, "key": s.key, "indexed": ", ".join(("id", *s.indexed))}
        for s in NODES.values()
    ]
    rows += [
        {
            "kind": "relationship",
            "name": rel.value,
            "key": " | ".join(x.value for x in srcs) + " → " + " | ".join(x.value for x in dsts),
            "indexed": "",
        }
        for rel, (srcs, dsts) in RELS.items()
    ]
    return rows


def execute(store: GraphStore, line: str) -> list[Row] | None:
    """Run a console line; returns rows (for :export) or None for commands that print only."""
    settings = get_settings()
    line = line.strip().rstrip(";").strip()
    if line == ":queries":
        rows: list[Row] = [
            {"name": q.name, "params": ", ".join(q.params), "description": q.description}
            for q in named_queries(store.backend).values()
        ]
        print_rows(rows)
        return rows
    if line == ":schema":
        rows = schema_rows()
        print_rows(rows)
        return rows
    if line.startswith(":run"):
        parts = shlex.split(line)
        if len(parts) < 2:
            raise ValueError("usage: :run NAME key=value …")
        q = query(parts[1], store.backend)
        params = {p: None for p in q.params}
        params.update(parse_params(parts[2:]))
        rows = store.read(q.text, params, timeout_ms=settings.cypher_timeout_ms)
    else:
        rows = store.read(line, {}, timeout_ms=settings.cypher_timeout_ms)
    print_rows(rows, settings.cypher_row_limit)
    return rows


def export_csv(rows: list[Row], path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        if rows:
            writer.writerow(rows[0].keys())
            for row in rows:
                writer.writerow([_csv_safe(_cell(v)) for v in row.values()])


def _csv_safe(text: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection): a leading = + - @ becomes text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def run_one(store: GraphStore, line: str) -> int:
    try:
        execute(store, line)
    except (StoreError, KeyError, ValueError) as exc:
        console.print(f"[red]error:[/red] {exc}", highlight=False)
        return 1
    return 0


def run_console(store: GraphStore) -> None:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory

    history = Path.home() / ".innokg_history"
    session: PromptSession[str] = PromptSession(history=FileHistory(str(history)))
    console.print(f"InnoKG console on {store.url} ({store.backend}). End a query with ';'. :help for commands.")
    last: list[Row] = []
    buffer: list[str] = []
    while True:
        try:
            text = session.prompt("innokg> " if not buffer else "   ...> ")
        except (EOFError, KeyboardInterrupt):
            break
        stripped = text.strip()
        if not buffer and stripped in (":quit", ":exit", ":q"):
            break
        if not buffer and stripped == ":help":
            console.print(__doc__)
            continue
        if not buffer and stripped.startswith(":export"):
            parts = shlex.split(stripped)
            if len(parts) != 3 or parts[1] != "csv":
                console.print("usage: :export csv PATH")
            else:
                export_csv(last, Path(parts[2]))
                console.print(f"wrote {len(last)} row(s) to {parts[2]}")
            continue
        buffer.append(text)
        complete = stripped.endswith(";") or stripped.startswith(":") or (not stripped and buffer)
        if not complete:
            continue
        line = "\n".join(buffer)
        buffer = []
        if not line.strip():
            continue
        try:
            rows = execute(store, line)
            last = rows or last
        except (StoreError, KeyError, ValueError) as exc:
            console.print(f"[red]error:[/red] {exc}", highlight=False)

"""`innokg cypher`: one read-only query, or an interactive console over either store.

Console commands: `:queries` (named queries), `:run NAME k=v…`, `:schema`, `:export csv PATH` (the
last result), `:help`, `:quit`. A query ends with `;` or an empty line, so it can span lines.
History is kept in $INNOKG_HISTORY (default ~/.innokg_history). Output is a table; rich measures CJK
characters as two columns, so Chinese columns align. Every query runs read-only (engine-enforced),
with the settings' timeout; the table shows at most the settings' row limit; a write is refused.
A paged named query (one with skip and limit) shows one page, skip=0 limit=20 unless given, as a table
of its items with the page line `skip … limit … total …`; `:run NAME skip=20` is the next page.
"""

from __future__ import annotations

import json
import os
import shlex
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from app.model.schema import NODES, RELS
from app.services.export import csv_safe, write_csv
from app.settings import get_settings
from app.store.protocol import GraphStore, Row, StoreError
from app.store.queries import named_queries, query

console = Console()
HELP = __doc__ or ""
PAGE = {"skip": 0, "limit": 20}  # a paged named query's page unless the line gives skip / limit
READ_ONLY = "this console is read-only: the store refuses writes (CREATE, MERGE, SET, DELETE, index changes); "
READ_ONLY += "load data with `innokg ingest`"


def _cell(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def print_rows(rows: list[Row], limit: int | None = None) -> None:
    if not rows:
        console.print("(no rows)")
        return
    columns = list(dict.fromkeys(k for row in rows for k in row))
    table = Table(*columns, show_lines=False)
    shown = rows[:limit] if limit else rows
    for row in shown:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    console.print(table)
    more = f" (showing {len(shown)})" if len(shown) < len(rows) else ""
    console.print(f"{len(rows)} row(s){more}")


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


def page_of(rows: list[Row]) -> tuple[list[Row], int | None]:
    """A paged answer's items and total: ``{total, items}`` in one row, or ``total`` on every row; else the
    rows as they are and None."""
    if len(rows) == 1 and {"total", "items"} <= set(rows[0]) and isinstance(rows[0]["items"], list | type(None)):
        return [dict(x) if isinstance(x, dict) else {"item": x} for x in rows[0]["items"] or []], int(rows[0]["total"])
    if rows and all("total" in r for r in rows):
        return [{k: v for k, v in r.items() if k != "total"} for r in rows], int(rows[0]["total"])
    return rows, None


def print_page(items: list[Row], skip: int, limit: int, total: int | None) -> None:
    """One page as a table, then where it is: skip, limit, total (and the next page's skip)."""
    if items:
        print_rows(items)
    else:
        console.print("(no rows on this page)")
    line = f"page: skip {skip}, limit {limit}, total {'?' if total is None else total}"
    if total is not None and skip + limit < total:
        line += f" — next: skip={skip + limit}"
    console.print(line, highlight=False)


def is_write_refused(exc: StoreError) -> bool:
    """Whether the store refused the query because it writes (read-only mode of either engine)."""
    text = str(exc).lower()
    return any(m in text for m in ("read-only", "read only", "accessmode", "read access mode"))


def explain(exc: Exception) -> str:
    """The error in plain words: a refused write says this console is read-only."""
    if isinstance(exc, StoreError) and is_write_refused(exc):
        return READ_ONLY
    return str(exc)


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
        given = parse_params(parts[2:])
        unknown = set(given) - set(q.params)
        if unknown:
            raise ValueError(
                f"{q.name} takes {', '.join(q.params) or 'no parameters'}; unknown: {', '.join(sorted(unknown))}"
            )
        params: dict[str, Any] = {p: None for p in q.params}
        paged = {"skip", "limit"} <= set(q.params)
        if paged:
            params.update(PAGE)
        params.update(given)
        rows = store.read(q.text, params, timeout_ms=settings.cypher_timeout_ms)
        if paged:
            items, total = page_of(rows)
            print_page(items, int(params["skip"] or 0), int(params["limit"] or 0), total)
            return items
    elif line.startswith(":"):
        raise ValueError(f"unknown command {line.split()[0]!r}: try :help")
    else:
        rows = store.read(line, {}, timeout_ms=settings.cypher_timeout_ms)
    print_rows(rows, settings.cypher_row_limit)
    return rows


def export_csv(rows: list[Row], path: Path) -> None:
    write_csv(rows, path)


_csv_safe = csv_safe  # kept for callers of the first version


def run_one(store: GraphStore, line: str) -> int:
    try:
        execute(store, line)
    except (StoreError, KeyError, ValueError) as exc:
        console.print(f"[red]error:[/red] {explain(exc)}", highlight=False)
        return 1
    return 0


class Session:
    """The console's state machine, without the terminal: feed it lines as the user types them."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.last: list[Row] = []
        self.buffer: list[str] = []
        self.done = False

    @property
    def prompt(self) -> str:
        return "innokg> " if not self.buffer else "   ...> "

    def feed(self, text: str) -> None:
        stripped = text.strip()
        if not self.buffer:
            if stripped in (":quit", ":exit", ":q"):
                self.done = True
                return
            if stripped == ":help":
                console.print(HELP, highlight=False)
                return
            if stripped.startswith(":export"):
                self._export(stripped)
                return
            if not stripped:
                return
        self.buffer.append(text)
        complete = stripped.endswith(";") or (stripped.startswith(":") and len(self.buffer) == 1) or not stripped
        if not complete:
            return
        line = "\n".join(self.buffer)
        self.buffer = []
        if not line.strip():
            return
        try:
            rows = execute(self.store, line)
            self.last = rows if rows is not None else self.last
        except (StoreError, KeyError, ValueError) as exc:
            console.print(f"[red]error:[/red] {explain(exc)}", highlight=False)

    def _export(self, stripped: str) -> None:
        try:
            parts = shlex.split(stripped)
        except ValueError as exc:
            console.print(f"[red]error:[/red] {exc}", highlight=False)
            return
        if len(parts) != 3 or parts[1] != "csv":
            console.print("usage: :export csv PATH")
            return
        try:
            write_csv(self.last, Path(parts[2]).expanduser())
        except OSError as exc:
            console.print(f"[red]error:[/red] cannot write {parts[2]}: {exc}", highlight=False)
            return
        console.print(f"wrote {len(self.last)} row(s) to {parts[2]}")


def history_path() -> Path:
    return Path(os.environ.get("INNOKG_HISTORY") or Path.home() / ".innokg_history").expanduser()


def run_console(store: GraphStore, session: Any = None) -> None:
    """Interactive loop (prompt_toolkit: line editing, persistent history). ``session`` is a
    PromptSession to use instead of the terminal one (tests pass one reading from a pipe)."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory

    if session is None:
        session = PromptSession(history=FileHistory(str(history_path())))
    console.print(f"InnoKG console on {store.url} ({store.backend}). End a query with ';'. :help for commands.")
    state = Session(store)
    while not state.done:
        try:
            text = session.prompt(state.prompt)
        except KeyboardInterrupt:
            state.buffer = []  # Ctrl-C drops the query being typed, as in psql
            continue
        except EOFError:
            break
        state.feed(text)

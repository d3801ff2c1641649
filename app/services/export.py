"""`innokg export`: the graph (or a named query's answer) as GraphML / GEXF (Gephi, networkx), CSV or
JSON lines (pandas, spreadsheets).

- Whole graph: GraphML/GEXF hold every node (attribute ``label`` = graph label; GEXF shows the name
  as the node label and keeps the graph label in ``category``) and every relationship (``type``;
  ``relationship`` in GEXF, whose own edge ``type`` means directed/undirected).
  CSV writes nodes to PATH and relationships to PATH's sibling ``<stem>_edges.csv``; JSONL writes one
  object per line, ``{"record": "node"|"edge", …}``.
- ``--query NAME``: the named query's rows. CSV/JSONL take any rows; GraphML/GEXF need ``source`` and
  ``target`` columns (``source_*``/``target_*`` columns become node attributes, the rest edge attributes).
- List values become JSON text in GraphML/GEXF/CSV (those formats have no lists); CSV cells starting
  with = + - @ (or tab/CR) get a leading ' so spreadsheets do not run them as formulas.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from app.services.analysis import edges_to_networkx, store_to_networkx
from app.store.named import run
from app.store.protocol import GraphStore, Row

FORMATS = ("graphml", "gexf", "csv", "jsonl")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(text: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection): a leading = + - @ (tab, CR) becomes text."""
    return "'" + text if text[:1] in _FORMULA else text


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _csv_cell(value: Any) -> str:
    text = cell(value)
    return text if isinstance(value, bool | int | float) else csv_safe(text)


def write_csv(rows: Iterable[Row], path: Path) -> int:
    """Rows → CSV (UTF-8 with BOM so Excel reads Chinese); columns = union of keys in first-seen order."""
    materialised = list(rows)
    columns: list[str] = []
    for r in materialised:
        columns.extend(k for k in r if k not in columns)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([csv_safe(c) for c in columns])  # column names come from user Cypher too
        for r in materialised:
            # Numbers stay numbers (a negative count is not a formula); any text is neutralised.
            writer.writerow([_csv_cell(r.get(c)) for c in columns])
    return len(materialised)


def _flat(value: Any) -> Any:
    """GraphML/GEXF attribute values: scalars as they are, lists/maps as JSON text."""
    if isinstance(value, bool | int | float | str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _for_xml(g: nx.Graph, gexf: bool) -> nx.Graph:
    """A copy whose attributes GraphML/GEXF can hold: no None, no lists, one type per attribute key."""
    out = g.__class__()
    types: dict[str, set[type]] = {}
    items = [(n, {k: _flat(v) for k, v in d.items() if v is not None}) for n, d in g.nodes(data=True)]
    for _, d in items:
        for k, v in d.items():
            types.setdefault(k, set()).add(type(v))
    mixed = {k for k, ts in types.items() if len(ts) > 1}
    for n, d in items:
        d = {k: (str(v) if k in mixed else v) for k, v in d.items()}
        if gexf:
            d["category"] = d.get("label", "")
            d["label"] = str(d.get("name") or d.get("title") or n)
        out.add_node(n, **d)
    edges = [(a, b, {k: _flat(v) for k, v in d.items() if v is not None}) for a, b, d in g.edges(data=True)]
    etypes: dict[str, set[type]] = {}
    for _, _, d in edges:
        for k, v in d.items():
            etypes.setdefault(k, set()).add(type(v))
    emixed = {k for k, ts in etypes.items() if len(ts) > 1}
    for a, b, d in edges:
        attrs = {k: (str(v) if k in emixed else v) for k, v in d.items()}
        if gexf and "type" in attrs:
            attrs["relationship"] = attrs.pop("type")  # GEXF's own edge `type` means directed/undirected
        out.add_edge(a, b, **attrs)
    return out


def _graph_records(g: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    for n, d in g.nodes(data=True):
        yield {"record": "node", "id": n, **d}
    for a, b, d in g.edges(data=True):
        yield {"record": "edge", "source": a, "target": b, **d}


def export(
    store: GraphStore, out_path: Path, fmt: str, query_name: str | None = None, params: dict[str, Any] | None = None
) -> int:
    """Write the export; returns how many records (nodes + edges, or rows) were written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if query_name is not None:
        rows = run(store, query_name, **(params or {}))
        if fmt == "csv":
            return write_csv(rows, out_path)
        if fmt == "jsonl":
            return _write_jsonl(rows, out_path)
        if rows and not {"source", "target"} <= set(rows[0]):
            raise ValueError(
                f"--format {fmt} needs a query with source and target columns; {query_name} has {list(rows[0])}"
            )
        g = edges_to_networkx(rows, directed=True)
        _write_xml(g, out_path, fmt)
        return len(rows)
    g = store_to_networkx(store)
    if fmt == "jsonl":
        return _write_jsonl(_graph_records(g), out_path)
    if fmt == "csv":
        nodes = write_csv(({"id": n, **d} for n, d in g.nodes(data=True)), out_path)
        edges_path = out_path.with_name(f"{out_path.stem}_edges{out_path.suffix or '.csv'}")
        edges = write_csv(({"source": a, "target": b, **d} for a, b, d in g.edges(data=True)), edges_path)
        return nodes + edges
    _write_xml(g, out_path, fmt)
    return g.number_of_nodes() + g.number_of_edges()


def _write_jsonl(records: Iterable[dict[str, Any]], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
            n += 1
    return n


def _write_xml(g: nx.Graph, path: Path, fmt: str) -> None:
    if fmt == "graphml":
        nx.write_graphml(_for_xml(g, gexf=False), path, encoding="utf-8")
    else:
        nx.write_gexf(_for_xml(g, gexf=True), path, encoding="utf-8")

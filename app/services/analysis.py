"""Loading helpers for notebooks and oracle tests: a store, a named query, or GraphBatches → networkx.

Nodes are keyed by their graph id and carry ``label`` plus their properties; edges carry ``type`` plus
their properties (MultiDiGraph: several relationship types may join the same two nodes).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from app.model.batch import GraphBatch
from app.model.schema import document_id
from app.store.named import run
from app.store.protocol import GraphStore, Row

PAGE = 50_000


def batches_to_networkx(
    batches: Iterable[GraphBatch], documents: dict[str, dict[str, Any]] | None = None
) -> nx.MultiDiGraph:
    """What a loader would build from these batches, computed without any engine (the test oracle)."""
    g = nx.MultiDiGraph()
    for doc_id, props in (documents or {}).items():
        g.add_node(document_id(doc_id), label="Document", id=document_id(doc_id), doc_id=doc_id, **props)
    for b in batches:
        for eid, ev in b.evidence.items():
            g.add_node(eid, label="Evidence", id=eid, **{k: v for k, v in ev.props().items() if v is not None})
            g.add_edge(eid, document_id(ev.doc_id), key="FROM_DOCUMENT", type="FROM_DOCUMENT")
        for label, rows in b.nodes.items():
            for r in rows:
                props = {k: v for k, v in r["props"].items() if v is not None and v != []}
                if r["id"] in g:
                    g.nodes[r["id"]].update(props)
                else:
                    g.add_node(r["id"], label=label.value, id=r["id"], **props)
                for eid in r["evidence"]:
                    g.add_edge(r["id"], eid, key="EVIDENCED_BY", type="EVIDENCED_BY")
        for (rel, _, _), rows in b.rels.items():
            for r in rows:
                # The loader MATCHes endpoints: a relationship to a node no batch created is dropped.
                if r["src"] not in g or r["dst"] not in g:
                    continue
                key = f"{rel.value}|{r.get('key', '')}"
                props = {k: v for k, v in r["props"].items() if v is not None and v != []}
                if g.has_edge(r["src"], r["dst"], key):
                    g.edges[r["src"], r["dst"], key].update(props)
                else:
                    g.add_edge(r["src"], r["dst"], key=key, type=rel.value, **props)
    return g


def store_to_networkx(store: GraphStore, *, page: int = PAGE) -> nx.MultiDiGraph:
    """The whole graph (named queries export_nodes / export_rels, paged)."""
    g = nx.MultiDiGraph()
    skip = 0
    while rows := run(store, "export_nodes", skip=skip, limit=page):
        for r in rows:
            g.add_node(r["id"], label=r["label"], **r["props"])
        skip += page
    skip = 0
    while rows := run(store, "export_rels", skip=skip, limit=page):
        for r in rows:
            props = dict(r["props"] or {})
            # `key` (the loader's tell-apart key) would collide with networkx's multigraph edge key.
            rel_key = props.pop("key", "")
            if rel_key:
                props["rel_key"] = rel_key
            g.add_edge(r["source"], r["target"], key=f"{r['type']}|{rel_key}", type=r["type"], **props)
        skip += page
    return g


def edges_to_networkx(rows: Iterable[Row], *, directed: bool = False) -> nx.Graph:
    """Rows with ``source``/``target`` (+ ``source_label``, ``source_name`` …) → a graph; other columns
    become edge attributes, ``source_*``/``target_*`` columns become node attributes."""
    g: nx.Graph = nx.MultiDiGraph() if directed else nx.Graph()
    for r in rows:
        s, t = r["source"], r["target"]
        for end, node in (("source", s), ("target", t)):
            attrs = {k.removeprefix(end + "_"): v for k, v in r.items() if k.startswith(end + "_") and v is not None}
            if node in g:
                g.nodes[node].update(attrs)
            else:
                g.add_node(node, **attrs)
        edge = {
            k: v for k, v in r.items() if k not in ("source", "target") and not k.startswith(("source_", "target_"))
        }
        g.add_edge(s, t, **edge)
    return g


def query_to_networkx(store: GraphStore, name: str, *, directed: bool = False, **params: Any) -> nx.Graph:
    """A named query whose rows are edges (``source``, ``target`` …) as a networkx graph."""
    return edges_to_networkx(run(store, name, **params), directed=directed)


def institution_projection(g: nx.Graph) -> nx.Graph:
    """Institutions linked when they host/co-build platforms together or sit in the same lab cluster;
    weight = how many such shared platforms/clusters."""
    proj = nx.Graph()
    insts = [n for n, d in g.nodes(data=True) if d.get("label") == "Institution"]
    proj.add_nodes_from((n, g.nodes[n]) for n in insts)
    hubs = [n for n, d in g.nodes(data=True) if d.get("label") in ("Platform", "LabCluster")]
    for hub in hubs:
        members = sorted(m for m in g.neighbors(hub) if g.nodes[m].get("label") == "Institution")
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                w = proj.get_edge_data(a, b, {}).get("weight", 0)
                proj.add_edge(a, b, weight=w + 1)
    return proj

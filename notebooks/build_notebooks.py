"""Writes the analysis notebooks (outputs stripped). Edit the cells here, then run:
``.venv/bin/python notebooks/build_notebooks.py``."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
SETUP = """import helpers  # sys.path, matplotlib (Agg, CJK font if any), the demo store
import matplotlib.pyplot as plt
import networkx as nx

store = helpers.sample_store()"""

NB1 = [
    new_markdown_cell(
        "# 1 · Who holds the network together?\n\n"
        "**Question:** in the institution–platform–lab-cluster network, which institutions are central "
        "(degree, betweenness, PageRank), and which hosts are *brokers* — institutions whose platforms or "
        "memberships reach into more than one lab cluster?\n\n"
        "**Projection.** The raw network (`network_edges`: institution → platform it hosts or co-builds, "
        "platform/institution → lab cluster) is mostly institution–platform pairs: on the demo data it "
        "falls apart into ~1,700 components, and a betweenness normalised over 5,000 nodes is ~1e-5 for "
        "everyone (it printed 0.0). Centralities are therefore computed on the projection `network_reach`: "
        "nodes are institutions, lab clusters and industrial chains/clusters; platforms are folded into the "
        "ties — an institution is tied to each lab cluster it (or a platform it hosts or co-builds) belongs "
        "to or leads, and to each chain or cluster such a platform serves (declared or inferred); a lab "
        "cluster to the chains it serves. *Degree* = how many clusters and industries an institution reaches; "
        "*betweenness* = how often it lies on the shortest path between two of them (a broker between "
        "otherwise separate clusters or industries); *PageRank* (weighted by the number of platforms behind "
        "a tie) is well defined on a disconnected graph, unlike eigenvector centrality.\n\n"
        "Data: the bundled demo data (data/corpus + data/sample, as `make demo` ingests them), or any loaded "
        "store (`innokg notebooks run --store URL`); the named queries `network_reach` and `network_edges` — "
        "the same Cypher as `innokg cypher ':run network_reach'` and the export."
    ),
    new_code_cell(
        SETUP
        + """
from app.services.analysis import query_to_networkx

g = query_to_networkx(store, "network_edges")  # institution – platform – lab cluster (for the drawing)
reach = query_to_networkx(store, "network_reach")  # the projection the centralities are computed on
insts = [n for n, d in reach.nodes(data=True) if d.get("label") == "Institution"]
clusters = sorted(n for n, d in g.nodes(data=True) if d.get("label") == "LabCluster")
parts = nx.number_connected_components(g)
print(f"network_edges: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, {parts} components")
print(f"network_reach: {reach.number_of_nodes()} nodes ({len(insts)} institutions), {reach.number_of_edges()} ties, "
      f"{nx.number_connected_components(reach)} components")"""
    ),
    new_code_cell(
        """degree = nx.degree_centrality(reach)
between = nx.betweenness_centrality(reach)
rank = nx.pagerank(reach, weight="weight")


def clusters_reached(inst):
    # directly (member, lead) or through a platform it hosts / co-builds
    return {n for n in reach.neighbors(inst) if reach.nodes[n].get("label") == "LabCluster"}


rows = []
for i in insts:
    rows.append({"id": i, "name": reach.nodes[i].get("name"), "kind": reach.nodes[i].get("kind"),
                 "degree": round(degree[i], 4), "betweenness": round(between[i], 4),
                 "pagerank": round(rank[i], 4), "clusters": len(clusters_reached(i)),
                 "reaches": reach.degree(i)})
rows.sort(key=lambda r: (-r["betweenness"], -r["pagerank"]))
for k, r in enumerate(rows):
    r["key"] = f"I{k + 1}"
assert any(r["betweenness"] > 0 for r in rows) and all(r["degree"] > 0 for r in rows)
print(helpers.table(rows[:12], ["key", "name", "kind", "reaches", "degree", "betweenness", "pagerank", "clusters"]))"""
    ),
    new_code_cell(
        """brokers = [r for r in rows if r["clusters"] >= 2]
print(f"{len(brokers)} of {len(rows)} institutions reach two or more lab clusters (brokers)")
top = rows[:12]
fig, ax = plt.subplots(figsize=(9, 4.5))
x = range(len(top))
ax.bar([i - 0.2 for i in x], [r["betweenness"] for r in top], width=0.4, label="betweenness")
ax.bar([i + 0.2 for i in x], [r["pagerank"] for r in top], width=0.4, label="PageRank")
ax.set_xticks(list(x), [helpers.label(r["name"], r["key"]) for r in top], rotation=45, ha="right")
for i, r in zip(x, top):
    ax.annotate(f"{r['reaches']}", (i, max(r["betweenness"], r["pagerank"])), ha="center", va="bottom", fontsize=8)
ax.set_title("Most central institutions in the institution–cluster–industry projection (label: ties)")
ax.legend()
helpers.save(fig, "01_centrality")"""
    ),
    new_code_cell(
        """# The most central institutions, their platforms and the lab clusters those belong to.
keep = set(clusters)
for r in (brokers or rows)[:8]:
    keep.add(r["id"])
    keep |= {p for p in g.neighbors(r["id"]) if any(g.nodes[c].get("label") == "LabCluster" for c in g.neighbors(p))}
sub = g.subgraph(n for n in keep if n in g)
pos = nx.spring_layout(sub, seed=7, k=0.6)
colour = {"Institution": "tab:orange", "Platform": "tab:blue", "LabCluster": "tab:green"}
fig, ax = plt.subplots(figsize=(10, 7))
nx.draw_networkx_edges(sub, pos, ax=ax, alpha=0.3)
for lab, c in colour.items():
    nodes = [n for n in sub if sub.nodes[n].get("label") == lab]
    sizes = [900 if lab == "LabCluster" else 120 + 4000 * between.get(n, 0) for n in nodes]
    nx.draw_networkx_nodes(sub, pos, nodelist=nodes, node_color=c, node_size=sizes, ax=ax, label=lab)
keys = {r["id"]: r["key"] for r in rows}
names = {n: helpers.label(sub.nodes[n].get("name"), keys.get(n, f"C{clusters.index(n) + 1}" if n in clusters else ""))
         for n in sub if n in keys or n in clusters}
nx.draw_networkx_labels(sub, pos, labels=names, font_size=8, ax=ax)
ax.legend(scatterpoints=1)
ax.set_title("Central institutions (orange, by betweenness), lab clusters (green), their platforms (blue)")
ax.axis("off")
helpers.save(fig, "01_brokers")"""
    ),
    new_code_cell("helpers.close(store)"),
]

NB2 = [
    new_markdown_cell(
        "# 2 · Do declared lab clusters match how institutions actually collaborate?\n\n"
        "**Question:** if we let the data speak — Louvain communities on the institution projection "
        "(two institutions are linked when they host/co-build a platform together or sit in the same lab "
        "cluster) — do the communities line up with the lab clusters (实验室群) the province declared?\n\n"
        "Data: the bundled demo data (data/corpus + data/sample) via the named query `network_edges`."
    ),
    new_code_cell(
        SETUP
        + """
from collections import Counter
from app.services.analysis import institution_projection, query_to_networkx

g = query_to_networkx(store, "network_edges")
proj = institution_projection(g)
proj.remove_nodes_from([n for n in list(proj) if proj.degree(n) == 0])
communities = nx.community.louvain_communities(proj, weight="weight", seed=7)
communities = sorted(communities, key=len, reverse=True)
print(f"{proj.number_of_nodes()} connected institutions, {proj.number_of_edges()} ties, {len(communities)} communities")
print("modularity:", round(nx.community.modularity(proj, communities, weight="weight"), 3))"""
    ),
    new_code_cell(
        """# Declared cluster of each institution: the cluster most of its ties lead to (direct or via platforms).
clusters = sorted(n for n, d in g.nodes(data=True) if d.get("label") == "LabCluster")
ckey = {c: f"C{i + 1}" for i, c in enumerate(clusters)}


def declared(inst):
    votes = Counter(n for n in g.neighbors(inst) if n in ckey)
    for p in g.neighbors(inst):
        if g.nodes[p].get("label") == "Platform":
            votes.update(c for c in g.neighbors(p) if c in ckey)
    return votes.most_common(1)[0][0] if votes else None


matrix = [[0] * (len(clusters) + 1) for _ in communities]
for k, com in enumerate(communities):
    for inst in com:
        d = declared(inst)
        matrix[k][clusters.index(d) if d else len(clusters)] += 1
purity = sum(max(row[:-1] or [0]) for row in matrix) / max(1, sum(map(sum, matrix)))
print(f"purity of communities w.r.t. declared clusters: {purity:.2f} (1.0 = each community is one cluster)")
print(helpers.table([{"key": ckey[c], "cluster": g.nodes[c].get("name")} for c in clusters]))"""
    ),
    new_code_cell(
        """fig, ax = plt.subplots(figsize=(1.2 * len(clusters) + 3, 0.5 * len(communities) + 2))
im = ax.imshow(matrix, cmap="Greens", aspect="auto")
ax.set_xticks(range(len(clusters) + 1), [helpers.label(g.nodes[c].get("name"), ckey[c]) for c in clusters] + ["none"],
              rotation=45, ha="right")
ax.set_yticks(range(len(communities)), [f"community {k + 1} ({len(c)})" for k, c in enumerate(communities)])
for k, row in enumerate(matrix):
    for j, v in enumerate(row):
        if v:
            ax.text(j, k, str(v), ha="center", va="center", fontsize=8)
ax.set_title("Louvain communities (rows) vs declared lab clusters (columns): institutions in each")
fig.colorbar(im, ax=ax, shrink=0.7)
helpers.save(fig, "02_communities_vs_clusters")"""
    ),
    new_code_cell(
        """pos = nx.spring_layout(proj, seed=3, weight="weight")
fig, ax = plt.subplots(figsize=(9, 7))
cmap = plt.get_cmap("tab20")
for k, com in enumerate(communities):
    nx.draw_networkx_nodes(proj, pos, nodelist=list(com), node_color=[cmap(k % 20)], node_size=60, ax=ax)
nx.draw_networkx_edges(proj, pos, alpha=0.15, ax=ax)
ax.set_title("Institution projection coloured by Louvain community")
ax.axis("off")
helpers.save(fig, "02_projection")"""
    ),
    new_code_cell("helpers.close(store)"),
]

NB3 = [
    new_markdown_cell(
        "# 3 · Duplicate construction, chain coverage, targets\n\n"
        "**Questions:** (a) where does the province build the same platform twice (重复建设) — as a "
        "network of duplicate pairs, whose components are duplicate groups; (b) which industrial chains "
        "are served by platforms (declared in inventories vs inferred from field phrases) and which are "
        "gaps; (c) how far is each policy target from the platforms actually approved?\n\n"
        "Data: the bundled demo data (data/corpus + data/sample); `app.services.duplicates.detect`, "
        "the named queries `chains_list`, "
        "`chain_coverage_declared`, `chain_coverage_inferred` and `targets_vs_actual` (the API's answers)."
    ),
    new_code_cell(
        SETUP
        + """
from app.services.duplicates import detect

report = detect(store)
dup = nx.Graph()
for p in report.pairs:
    dup.add_edge(p.a.id, p.b.id, kind=p.kind, score=p.score)
    dup.nodes[p.a.id]["name"], dup.nodes[p.b.id]["name"] = p.a.name, p.b.name
groups = sorted(nx.connected_components(dup), key=len, reverse=True)
kinds = sorted({p.kind for p in report.pairs})
print(f"{len(report.pairs)} duplicate pairs ({', '.join(kinds)}), {len(groups)} groups; largest: {len(groups[0]) if groups else 0}")"""
    ),
    new_code_cell(
        """sub = dup.subgraph(set().union(*groups[:12])) if groups else dup
pos = nx.spring_layout(sub, seed=5)
palette = {"same_entity": "tab:red", "overlap": "tab:orange", "transition_overlap": "tab:purple"}
fig, ax = plt.subplots(figsize=(9, 7))
for kind in kinds:
    edges = [(a, b) for a, b, d in sub.edges(data=True) if d["kind"] == kind]
    widths = [1 + 4 * (sub.edges[e]["score"] - 0.5) for e in edges]
    nx.draw_networkx_edges(sub, pos, edgelist=edges, edge_color=palette.get(kind, "grey"), width=widths, ax=ax, label=kind)
nx.draw_networkx_nodes(sub, pos, node_size=40, node_color="tab:blue", ax=ax)
ax.legend()
ax.set_title("Duplicate-construction groups (12 largest): edges = duplicate pairs, width = score")
ax.axis("off")
helpers.save(fig, "03_duplicates")"""
    ),
    new_code_cell(
        """from app.services.chains import coverage, list_chains

chains = [c for c in list_chains(store) if c.label == "IndustrialChain"]
cov = {c.id: coverage(store, c.id) for c in chains}
rows = [{"chain": c.name, "declared": cov[c.id].declared.total, "inferred": cov[c.id].inferred.total,
         "lab clusters": len(cov[c.id].lab_clusters), "gap": cov[c.id].gap} for c in chains]
rows.sort(key=lambda r: r["declared"] + r["inferred"])
print(helpers.table(rows))
fig, ax = plt.subplots(figsize=(8, 4))
names = [helpers.label(r["chain"], f"chain {i + 1}") for i, r in enumerate(rows)]
ax.barh(names, [r["declared"] for r in rows], label="declared (inventory column, lab-cluster list)")
ax.barh(names, [r["inferred"] for r in rows], left=[r["declared"] for r in rows], label="inferred (field classifier)")
for i, r in enumerate(rows):
    if r["gap"]:
        ax.text(0.5, i, "GAP: no platform", va="center", color="red")
ax.set_xlabel("platforms serving the chain")
ax.set_title("Industrial-chain coverage")
ax.legend(loc="lower right")
helpers.save(fig, "03_chain_coverage")"""
    ),
    new_code_cell(
        """from app.services.targets import targets_vs_actual

# Stock targets (达到/保有 N 家) are comparable with the platforms the graph holds; removal/conversion
# targets are not platform counts (actual is None). The 15 largest, per region and type.
targets = [t for t in targets_vs_actual(store) if t.actual is not None and t.kind in ("total", "baseline_total")]
targets = sorted(targets, key=lambda t: -(t.target or 0))[:15][::-1]
cols = ["region", "type", "level", "kind", "year", "target", "actual", "gap"]
print(helpers.table([t.model_dump(include=set(cols)) for t in targets[::-1]], cols))
fig, ax = plt.subplots(figsize=(9, 6))
labels_ = [
    helpers.label(f"{t.region} {t.type} {t.level or ''} {t.year}", f"T{i + 1} {t.year}") for i, t in enumerate(targets)
]
ax.barh(labels_, [t.target or 0 for t in targets], color="lightgrey", label="target")
ax.barh(labels_, [t.actual or 0 for t in targets], height=0.5, color="tab:green", label="platforms in the graph")
for i, t in enumerate(targets):
    share = (t.actual or 0) / t.target if t.target else 0
    ax.text(t.target or 0, i, f" {share:.0%}", va="center", fontsize=8)
ax.set_xscale("log")
ax.set_title("Policy targets (stock) vs platforms in the graph as of the target year")
ax.legend(loc="lower right")
helpers.save(fig, "03_targets")"""
    ),
    new_code_cell("helpers.close(store)"),
]


def write(name: str, cells: list[nbformat.NotebookNode]) -> None:
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, HERE / name)


if __name__ == "__main__":
    write("01_institution_network.ipynb", NB1)
    write("02_communities.ipynb", NB2)
    write("03_duplicates_chains_targets.ipynb", NB3)

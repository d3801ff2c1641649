"""Export round trips (networkx for GraphML/GEXF, the csv/json modules for CSV/JSONL) and the console
(:schema, :queries, :run, multi-line input, history, :export csv) against the live store."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from prompt_toolkit import PromptSession
from prompt_toolkit.history import FileHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from wcwidth import wcswidth

from app.cli import console as con
from app.services.export import csv_safe, export, write_csv
from app.store.queries import named_queries
from tests.integration.queries.conftest import Sample


def _edge_counter(g: nx.Graph) -> Counter[tuple[str, str, str]]:
    return Counter((str(a), str(b), str(d.get("relationship", d.get("type")))) for a, b, d in g.edges(data=True))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_whole_graph_round_trips_through_networkx(sample: Sample, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"g.{fmt}"
    n = export(sample.store, out, fmt)
    g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert n == sample.stored.number_of_nodes() + sample.stored.number_of_edges()
    assert set(g.nodes) == set(sample.stored.nodes)
    assert _edge_counter(g) == _edge_counter(sample.stored)
    pid = sample.nodes("Platform")[0]
    want = sample.graph.nodes[pid]
    got = g.nodes[pid]
    assert got["name"] == want["name"] and int(got["year"]) == want["year"]
    assert json.loads(got["field_tokens"]) == want["field_tokens"]
    assert (got["category"] if fmt == "gexf" else got["label"]) == "Platform"


def test_whole_graph_csv_and_jsonl(sample: Sample, tmp_path: Path) -> None:
    n = export(sample.store, tmp_path / "g.csv", "csv")
    with (tmp_path / "g.csv").open(encoding="utf-8-sig", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with (tmp_path / "g_edges.csv").open(encoding="utf-8-sig", newline="") as fh:
        edges = list(csv.DictReader(fh))
    assert {r["id"] for r in nodes} == set(sample.stored.nodes)
    assert Counter((r["source"], r["target"], r["type"]) for r in edges) == _edge_counter(sample.stored)
    assert n == len(nodes) + len(edges)
    m = export(sample.store, tmp_path / "g.jsonl", "jsonl")
    records = [json.loads(line) for line in (tmp_path / "g.jsonl").read_text(encoding="utf-8").splitlines()]
    assert m == len(records) == n
    by_id = {r["id"]: r for r in records if r["record"] == "node"}
    pid = sample.nodes("Platform")[0]
    assert by_id[pid]["field_tokens"] == sample.graph.nodes[pid]["field_tokens"]


def test_named_query_export(sample: Sample, tmp_path: Path) -> None:
    n = export(sample.store, tmp_path / "net.graphml", "graphml", "network_edges")
    g = nx.read_graphml(tmp_path / "net.graphml")
    want = [(a, b, d["type"]) for a, b, d in sample.graph.edges(data=True) if d["type"] in ("HOSTS", "CO_BUILDS")]
    assert n >= len(want) and all(g.has_edge(a, b) for a, b, _ in want)
    assert {g.nodes[a]["label"] for a, _, _ in want} == {"Institution"}
    rows = export(sample.store, tmp_path / "t.csv", "csv", "targets_vs_actual")
    with (tmp_path / "t.csv").open(encoding="utf-8-sig", newline="") as fh:
        got = list(csv.DictReader(fh))
    assert rows == len(got) == len(sample.nodes("Target"))
    counted = [r for r in got if r["actual"] != ""]  # removal/conversion targets: empty actual and gap
    assert counted and {int(r["target"]) - int(r["actual"]) for r in counted} == {int(r["gap"]) for r in counted}
    assert all(r["gap"] == "" for r in got if r["actual"] == "")
    with pytest.raises(ValueError, match="source and target"):
        export(sample.store, tmp_path / "x.gexf", "gexf", "targets_vs_actual")
    with pytest.raises(ValueError, match="unknown format"):
        export(sample.store, tmp_path / "x.xml", "xml")
    with pytest.raises(KeyError):
        export(sample.store, tmp_path / "x.csv", "csv", "no_such_query")


def test_csv_neutralises_formulas(tmp_path: Path) -> None:
    rows = [{"name": '=HYPERLINK("http://x")', "n": "+1", "m": "-2", "a": "@SUM(A1)", "ok": "辽宁省", "num": -3}]
    write_csv(rows, tmp_path / "x.csv")
    with (tmp_path / "x.csv").open(encoding="utf-8-sig", newline="") as fh:
        got = next(csv.DictReader(fh))
    assert got["name"].startswith("'=") and got["n"] == "'+1" and got["m"] == "'-2" and got["a"] == "'@SUM(A1)"
    assert got["ok"] == "辽宁省" and got["num"] == "-3"
    assert csv_safe("\tcmd") == "'\tcmd" and csv_safe("safe") == "safe"


# --- console --------------------------------------------------------------------------------------


def test_run_one_schema_queries_run(sample: Sample, capsys: pytest.CaptureFixture[str]) -> None:
    with con.console.capture() as cap:
        assert con.run_one(sample.store, ":schema") == 0
    assert "LabCluster" in cap.get() and "MEMBER_OF" in cap.get()
    with con.console.capture() as cap:
        assert con.run_one(sample.store, ":queries") == 0
    text = cap.get()
    assert all(name in text for name in named_queries("falkordb"))
    cid = sample.nodes("LabCluster")[0]
    with con.console.capture() as cap:
        assert con.run_one(sample.store, f":run cluster_members id={cid} skip=0 limit=5") == 0
    assert "total" in cap.get()
    assert con.run_one(sample.store, ":run cluster_members idd=1") == 1
    assert con.run_one(sample.store, ":run no_such_query") == 1
    assert con.run_one(sample.store, ":bogus") == 1
    assert con.run_one(sample.store, "MATCH (n RETURN n") == 1
    with con.console.capture() as cap:
        assert con.run_one(sample.store, "CREATE (:Platform {id: 'w'})") == 1
    assert "this console is read-only" in cap.get() and "RO_QUERY" not in cap.get()
    assert sample.store.read("MATCH (n:Platform {id: 'w'}) RETURN count(n) AS n")[0]["n"] == 0


def test_paged_named_queries_default_their_page(sample: Sample) -> None:
    """skip/limit default to the first page of 20: a table of the items and the page line, never `items null`."""
    docs = sample.store.read("MATCH (d:Document) RETURN d.id AS id ORDER BY id")
    with con.console.capture() as cap:
        assert con.run_one(sample.store, ":run documents_list") == 0
    text = cap.get()
    assert f"page: skip 0, limit 20, total {len(docs)}" in text
    assert "items" not in text and "kind" in text  # a table of the documents, not one `total | items` row
    s = con.Session(sample.store)
    s.feed(":run cluster_members id=" + sample.nodes("LabCluster")[0] + " skip=1 limit=2")
    assert 0 < len(s.last) <= 2 and {"id", "role"} <= set(s.last[0])  # the items, as :export csv writes them
    clusters = sample.nodes("LabCluster")
    with con.console.capture() as cap:
        assert con.run_one(sample.store, ":run clusters_list limit=1") == 0
    assert f"page: skip 0, limit 1, total {len(clusters)} — next: skip=1" in cap.get()


def test_tables_align_chinese_columns(sample: Sample) -> None:
    with con.console.capture() as cap:
        con.run_one(sample.store, "MATCH (p:Platform) RETURN p.name AS name, p.level AS level ORDER BY name LIMIT 5")
    lines = [ln for ln in cap.get().splitlines() if ln.startswith(("┃", "│", "┏", "┡", "└"))]
    assert len(lines) >= 7
    assert len({wcswidth(ln) for ln in lines}) == 1  # every table line is as wide on screen


def test_session_multiline_and_export(sample: Sample, tmp_path: Path) -> None:
    s = con.Session(sample.store)
    s.feed("MATCH (c:LabCluster)")
    assert s.buffer and s.prompt.strip().startswith("...")
    s.feed("RETURN c.name AS name")
    s.feed("ORDER BY name;")
    assert not s.buffer
    assert [r["name"] for r in s.last] == sorted(sample.graph.nodes[c]["name"] for c in sample.nodes("LabCluster"))
    s.feed(f":export csv {tmp_path / 'c.csv'}")
    with (tmp_path / "c.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert [r["name"] for r in csv.DictReader(fh)] == [r["name"] for r in s.last]
    s.feed("MATCH (n:Region)")  # a query ended by an empty line
    s.feed("RETURN count(n) AS n")
    s.feed("")
    assert s.last == [{"n": len(sample.nodes("Region"))}]
    s.feed(":quit")
    assert s.done


def test_console_keeps_history_across_sessions(sample: Sample, tmp_path: Path) -> None:
    hist = tmp_path / "history"
    with create_pipe_input() as inp:
        inp.send_text("MATCH (n:LabCluster)\nRETURN count(n) AS n;\n:quit\n")
        session: PromptSession[str] = PromptSession(input=inp, output=DummyOutput(), history=FileHistory(str(hist)))
        with con.console.capture() as cap:
            con.run_console(sample.store, session=session)
    assert f"{len(sample.nodes('LabCluster'))}" in cap.get()
    saved = list(FileHistory(str(hist)).load_history_strings())
    assert "RETURN count(n) AS n;" in saved and "MATCH (n:LabCluster)" in saved

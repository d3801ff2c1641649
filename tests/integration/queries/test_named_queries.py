"""Every named query runs on the live FalkorDB and agrees with an answer computed independently with
networkx (or plain Python) from the same GraphBatches."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from app.derive.chains import DEFAULT_MIN_SCORE, GENERIC, chain_terms, materialise_inferred
from app.services.search import SEARCHABLE, query_terms
from app.store.named import run
from app.store.queries import named_queries
from tests.integration.queries.conftest import Sample

TESTED: set[str] = set()


def q(sample: Sample, name: str, **params: Any) -> list[dict[str, Any]]:
    TESTED.add(name)
    return run(sample.store, name, **params)


def label_of(sample: Sample, node: str) -> str:
    return str(sample.graph.nodes[node]["label"])


def in_edges(sample: Sample, node: str, types: set[str]) -> list[tuple[str, dict[str, Any]]]:
    return [(a, d) for a, _, d in sample.graph.in_edges(node, data=True) if d["type"] in types]


def out_edges(sample: Sample, node: str, types: set[str]) -> list[tuple[str, dict[str, Any]]]:
    return [(b, d) for _, b, d in sample.graph.out_edges(node, data=True) if d["type"] in types]


# --- search ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["先进材料", "材料制备", "集成电路", "大连", "实验室群", "氢能"])
def test_search_entities_matches_every_node_holding_all_query_bigrams(sample: Sample, text: str) -> None:
    qt = query_terms(text)
    assert qt is not None
    rows = q(
        sample,
        "search_entities",
        terms=qt.terms,
        q=text,
        kinds=None,
        cap=100_000,
        skip=0,
        limit=1000,
    )
    got = {h["id"] for h in rows[0]["items"]}
    labels = {lb.value for lb in SEARCHABLE}
    want = {
        n
        for n, d in sample.graph.nodes(data=True)
        if d["label"] in labels and set(qt.terms) <= set(d.get("search_text", "").split(" "))
    }
    assert want, text  # the sample must hold matches, or the comparison proves nothing
    assert got == want
    assert rows[0]["total"] == len(want)
    scores = [h["score"] for h in rows[0]["items"]]
    assert scores == sorted(scores, reverse=True)
    # every name that contains the query verbatim ranks above every one that does not
    contains = [text in (h["name"] or "") for h in rows[0]["items"]]
    assert contains == sorted(contains, reverse=True)


def test_search_entities_name_parts_match_the_oracle(sample: Sample) -> None:
    """Cuts of real names: many terms, all intersected by the full-text index."""
    labels = {lb.value for lb in SEARCHABLE}
    for node in sample.nodes("Platform")[::7][:8]:
        name = sample.graph.nodes[node]["name"]
        text = name[1:7]
        qt = query_terms(text)
        assert qt is not None and len(qt.terms) == 9
        rows = q(sample, "search_entities", terms=qt.terms, q=text, kinds=None, cap=100_000, skip=0, limit=1000)
        want = {
            n
            for n, d in sample.graph.nodes(data=True)
            if d["label"] in labels and set(qt.terms) <= set(d.get("search_text", "").split(" "))
        }
        assert node in want and {h["id"] for h in rows[0]["items"]} == want, text


def test_search_entities_caps_candidates_but_keeps_exact_names(sample: Sample) -> None:
    name = sample.graph.nodes[sample.nodes("Platform")[-1]]["name"]
    qt = query_terms("材料")
    assert qt is not None
    rows = q(
        sample,
        "search_entities",
        terms=qt.terms,
        q=name,
        kinds=["Platform"],
        cap=3,
        skip=0,
        limit=50,
    )
    ids = [h["id"] for h in rows[0]["items"]]
    exact = [n for n in sample.nodes("Platform") if sample.graph.nodes[n]["name"] == name]
    assert set(exact) <= set(ids) and len(ids) <= 3 + len(exact)
    assert rows[0]["items"][0]["name"] == name


def test_search_entities_pages_and_filters_kinds(sample: Sample) -> None:
    qt = query_terms("材料")
    assert qt is not None

    def search(kinds: list[str] | None, skip: int, limit: int) -> list[dict[str, Any]]:
        return q(
            sample,
            "search_entities",
            terms=qt.terms,
            q="材料",
            kinds=kinds,
            cap=100_000,
            skip=skip,
            limit=limit,
        )

    full = search(None, 0, 1000)
    page = search(None, 3, 4)
    assert page[0]["total"] == full[0]["total"]
    assert page[0]["items"] == full[0]["items"][3:7]
    only = search(["Platform"], 0, 1000)
    assert {h["kind"] for h in only[0]["items"]} == {"Platform"}
    assert only[0]["total"] == sum(1 for h in full[0]["items"] if h["kind"] == "Platform")


# --- entities -------------------------------------------------------------------------------------


def test_entity_node_returns_label_and_properties_for_every_label(sample: Sample) -> None:
    seen = set()
    for n, d in sample.graph.nodes(data=True):
        if d["label"] in seen:
            continue
        seen.add(d["label"])
        rows = q(sample, "entity_node", id=n)
        assert len(rows) == 1
        assert rows[0]["label"] == d["label"]
        for k, v in d.items():
            if k != "label":
                assert rows[0]["props"][k] == v, (n, k)
    assert len(seen) >= 12
    assert q(sample, "entity_node", id="plat:nope") == []


def test_entity_neighbours_are_the_graphs_non_evidence_edges(sample: Sample) -> None:
    skip = {"EVIDENCED_BY", "FROM_DOCUMENT"}
    for label in ("Institution", "Platform", "LabCluster", "PlatformType"):
        node = max(sample.nodes(label), key=lambda n: sample.graph.degree(n))
        rows = q(sample, "entity_neighbours", id=node, limit=100_000)
        got = Counter((r["type"], r["direction"], r["id"]) for r in rows)
        g = sample.stored  # what the store holds: + the inferred SERVES links of the derive step
        want = Counter(
            [(d["type"], "out", b) for _, b, d in g.out_edges(node, data=True) if d["type"] not in skip]
            + [(d["type"], "in", a) for a, _, d in g.in_edges(node, data=True) if d["type"] not in skip]
        )
        assert got == want, label


def test_entity_evidence_lists_the_nodes_evidence(sample: Sample) -> None:
    for label in ("Platform", "Target", "IndustrialChain"):
        node = sample.nodes(label)[0]
        rows = q(sample, "entity_evidence", id=node, limit=1000)
        want = {b for b, _ in out_edges(sample, node, {"EVIDENCED_BY"})}
        assert {r["id"] for r in rows} == want and want
        for r in rows:
            ev = sample.graph.nodes[r["id"]]
            assert (r["quote"], r["rule"], r["document"]) == (ev["quote"], ev["rule"], "doc:" + ev["doc_id"])


def _bag(rows: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows)


def test_entity_get_is_node_neighbours_and_evidence_in_one_read(sample: Sample) -> None:
    """entity_get answers what entity_node + entity_neighbours + entity_evidence answer, for every label,
    with the relationships and the evidence cut at their limits in the same order."""
    nodes = {}
    for n, d in sample.graph.nodes(data=True):
        nodes.setdefault(d["label"], []).append(n)
    for label, ids in sorted(nodes.items()):
        node = max(ids, key=lambda n: sample.graph.degree(n))
        for limit, ev_limit in ((100_000, 1000), (2, 1)):
            rows = q(sample, "entity_get", id=node, limit=limit, evidence_limit=ev_limit)
            assert len(rows) == 1, label
            assert (rows[0]["label"], rows[0]["props"]) == (lambda r: (r["label"], r["props"]))(
                q(sample, "entity_node", id=node)[0]
            )
            want_nb = q(sample, "entity_neighbours", id=node, limit=limit)
            got_nb = rows[0]["neighbours"]
            key = lambda r: (r["type"], r["direction"], r["name"] or "")  # noqa: E731
            assert [key(r) for r in got_nb] == [key(r) for r in want_nb], label
            if limit > len(want_nb):  # whole lists: the same rows (ties come in any order)
                assert _bag(got_nb) == _bag(want_nb), label
            want_ev = q(sample, "entity_evidence", id=node, limit=ev_limit) if label != "Evidence" else []
            got_ev = rows[0]["evidence"]
            assert len(got_ev) == len(want_ev), label
            if ev_limit > len(want_ev):
                assert _bag(got_ev) == _bag(want_ev), label
    assert q(sample, "entity_get", id="plat:nope", limit=10, evidence_limit=10) == []


# --- lab clusters ---------------------------------------------------------------------------------


def test_clusters_list_counts_leads_directors_serves(sample: Sample) -> None:
    clusters = sample.nodes("LabCluster")
    assert q(sample, "clusters_count")[0]["total"] == len(clusters)
    rows = q(sample, "clusters_list", skip=0, limit=1000)
    assert {r["id"] for r in rows} == set(clusters)
    for r in rows:
        c = r["id"]
        assert r["total"] == len(clusters)
        assert r["members"] == len(in_edges(sample, c, {"MEMBER_OF"}))
        assert {x["id"] for x in r["leads"]} == {a for a, _ in in_edges(sample, c, {"LEADS"})}
        assert {x["id"] for x in r["directors"]} == {a for a, _ in in_edges(sample, c, {"DIRECTS"})}
        for d in r["directors"]:  # the org is the institution the director is affiliated with (群主任单位)
            orgs = [o for o, _ in out_edges(sample, d["id"], {"AFFILIATED_WITH"})]
            assert orgs and (d["org"], d["org_id"]) == (sample.graph.nodes[orgs[0]]["name"], orgs[0])
        assert {x["id"] for x in r["serves"]} == {b for b, _ in out_edges(sample, c, {"SERVES"})}
    page = q(sample, "clusters_list", skip=1, limit=2)
    assert [r["id"] for r in page] == [r["id"] for r in rows][1:3]


def _kind(sample: Sample, node: str) -> str:
    d = sample.graph.nodes[node]
    return str(d.get("kind", "institution")) if d["label"] == "Institution" else str(d["label"]).lower()


@pytest.mark.parametrize(("role", "kind"), [(None, None), ("成员单位", None), (None, "company"), (None, "platform")])
def test_cluster_members_filters_by_role_and_kind(sample: Sample, role: str | None, kind: str | None) -> None:
    for c in sample.nodes("LabCluster"):
        rows = q(sample, "cluster_members", id=c, role=role, kind=kind, skip=0, limit=10_000)
        want = {
            (a, d.get("role"))
            for a, d in in_edges(sample, c, {"MEMBER_OF"})
            if (role is None or d.get("role") == role) and (kind is None or _kind(sample, a) == kind)
        }
        assert rows[0]["total"] == len(want)
        assert {(m["id"], m["role"]) for m in rows[0]["items"]} == want


def test_entity_clusters_direct_and_through_platforms(sample: Sample) -> None:
    member = {"MEMBER_OF", "LEADS"}
    checked = 0
    for inst in sample.nodes("Institution"):
        rows = q(sample, "entity_clusters", id=inst)
        got = Counter((r["cluster_id"], r["rel"], r["path"], r["via_id"]) for r in rows)
        want: Counter[tuple[str, str, str, str | None]] = Counter()
        for c, d in out_edges(sample, inst, member):
            want[(c, d["type"], "direct", None)] += 1
        for p, h in out_edges(sample, inst, {"HOSTS", "CO_BUILDS"}):
            path = "hosted_platform" if h["type"] == "HOSTS" else "co_built_platform"
            for c, d in out_edges(sample, p, member):
                want[(c, d["type"], path, p)] += 1
        assert got == want, inst
        checked += bool(want)
    assert checked >= 5
    person = sample.nodes("Person")[0]
    rows = q(sample, "entity_clusters", id=person)
    assert {(r["cluster_id"], r["rel"]) for r in rows} == {
        (c, d["type"]) for c, d in out_edges(sample, person, {"MEMBER_OF", "DIRECTS"})
    }


def test_entity_clusters_of_is_entity_clusters_and_whether_the_node_exists(sample: Sample) -> None:
    """One read for GET /entities/{id}/clusters: entity_clusters' rows in its order, [] for a node in no
    cluster, no row for an unknown id."""
    key = lambda r: (r["cluster_name"] or "", r["path"], r["via_name"] or "")  # noqa: E731
    empty = 0
    for label in ("Institution", "Platform", "Person", "LabCluster", "Region"):
        for node in sample.nodes(label)[:40]:
            rows = q(sample, "entity_clusters_of", id=node)
            assert len(rows) == 1 and rows[0]["id"] == node, node
            want = q(sample, "entity_clusters", id=node)
            got = rows[0]["clusters"]
            assert [key(r) for r in got] == [key(r) for r in want], node
            assert _bag(got) == _bag(want), node
            empty += not got
    assert empty >= 5
    assert q(sample, "entity_clusters_of", id="inst:nope") == []


def test_cluster_overlap_shared_members(sample: Sample) -> None:
    member = {"MEMBER_OF", "LEADS"}
    clusters = sample.nodes("LabCluster")
    found_any = False
    for i, a in enumerate(clusters):
        for b in clusters[i + 1 :]:
            rows = q(sample, "cluster_overlap", a=a, b=b)
            direct = {r["id"] for r in rows if r["path"] == "direct"}
            want_direct = {m for m, _ in in_edges(sample, a, member)} & {m for m, _ in in_edges(sample, b, member)}
            assert direct == want_direct
            via = {r["id"] for r in rows if r["path"] == "via_platforms"}
            want_via = set()
            for inst in sample.nodes("Institution"):
                plats = [p for p, _ in out_edges(sample, inst, {"HOSTS", "CO_BUILDS"})]
                in_a = {p for p in plats if any(c == a for c, _ in out_edges(sample, p, member))}
                in_b = {p for p in plats if any(c == b for c, _ in out_edges(sample, p, member))}
                if any(x != y for x in in_a for y in in_b):
                    want_via.add(inst)
            assert via == want_via
            found_any |= bool(want_direct)
    assert found_any


# --- industrial chains ----------------------------------------------------------------------------


def _declared(sample: Sample, target: str, source_label: str) -> set[str]:
    """Nodes of source_label that SERVE target, or a cluster PART_OF target (the batches hold no inferred
    links: those are written to the store only, by materialise_inferred). Platforms: also the leads and
    members of a lab cluster that does (the lab-cluster list declares what its platforms serve)."""
    hubs = [target] + [a for a, _ in in_edges(sample, target, {"PART_OF"})]
    direct = {a for h in hubs for a, _ in in_edges(sample, h, {"SERVES"}) if label_of(sample, a) == source_label}
    if source_label != "Platform":
        return direct
    clusters = _declared(sample, target, "LabCluster")
    return direct | {
        m for c in clusters for m, _ in in_edges(sample, c, {"MEMBER_OF", "LEADS"}) if label_of(sample, m) == "Platform"
    }


def _words(token: str) -> set[str]:
    """A field token and, for a compound of two dictionary words of 2+ characters, its halves."""
    import jieba

    jieba.dt.check_initialized()
    halves = {
        w
        for i in range(2, len(token) - 1)
        if jieba.dt.FREQ.get(token[:i]) and jieba.dt.FREQ.get(token[i:])
        for w in (token[:i], token[i:])
    }
    return {token} | halves


def _inferred(sample: Sample, chain: str, min_score: float) -> dict[str, tuple[float, list[str]]]:
    """The field classifier, recomputed from the batches: platform → (score, matched terms). Score = field
    tokens naming a chain term / field tokens of 2+ characters that are not GENERIC."""
    d = sample.graph.nodes[chain]
    terms = set(chain_terms(d["name"], d.get("terms")))
    through_clusters = _declared(sample, chain, "Platform")
    out = {}
    for p in sample.nodes("Platform"):
        pd = sample.graph.nodes[p]
        toks = [t for t in pd.get("field_tokens", []) if len(t) >= 2 and t not in GENERIC]
        served = [b for b, _ in out_edges(sample, p, {"SERVES"})]
        declared = set(served) | {c for s in served for c, _ in out_edges(sample, s, {"PART_OF"})}
        if chain in declared or p in through_clusters or d.get("region") not in (None, pd.get("region")) or not toks:
            continue
        hits = [terms & _words(t) for t in toks]
        matched = sorted(set().union(*hits))
        score = sum(1 for h in hits if h) / len(toks)
        if matched and score >= max(min_score, DEFAULT_MIN_SCORE):
            out[p] = (round(score, 6), matched)
    return out


def test_chains_list_declared_counts_and_gaps(sample: Sample) -> None:
    rows = q(sample, "chains_list", max_platforms=0)
    targets = sample.nodes("IndustrialChain") + sample.nodes("IndustrialCluster")
    assert {r["id"] for r in rows} == set(targets)
    for r in rows:
        plats = _declared(sample, r["id"], "Platform")
        assert r["platforms"] == len(plats)
        assert r["inferred"] == len(_inferred(sample, r["id"], DEFAULT_MIN_SCORE))
        assert r["lab_clusters"] == len(_declared(sample, r["id"], "LabCluster"))
        assert r["gap"] == (len(plats) + r["inferred"] == 0)
    assert any(r["gap"] for r in rows) and not all(r["gap"] for r in rows)
    assert any(r["inferred"] for r in rows)


def test_chain_coverage_declared_by_type_and_level(sample: Sample) -> None:
    through_clusters_only = 0
    for target in sample.nodes("IndustrialChain") + sample.nodes("IndustrialCluster"):
        rows = q(sample, "chain_coverage_declared", id=target, per_group=3)
        plats = _declared(sample, target, "Platform")
        want = Counter((sample.graph.nodes[p].get("type"), sample.graph.nodes[p].get("level")) for p in plats)
        assert {(r["type"], r["level"]): r["count"] for r in rows} == dict(want)
        assert all(len(r["sample"]) == min(3, r["count"]) for r in rows)
        cl = q(sample, "chain_clusters", id=target)
        assert {r["id"] for r in cl} == _declared(sample, target, "LabCluster")
        # via: 'inventory' for the platform's own SERVES, else the lab clusters it leads or is a member of
        hubs = [target] + [a for a, _ in in_edges(sample, target, {"PART_OF"})]
        own = {a for h in hubs for a, _ in in_edges(sample, h, {"SERVES"})}
        names = {c: sample.graph.nodes[c]["name"] for c in _declared(sample, target, "LabCluster")}
        full = q(sample, "chain_coverage_declared", id=target, per_group=10_000)
        for p in (p for r in full for p in r["sample"]):
            via_cl = {names[c] for c, _ in out_edges(sample, p["id"], {"MEMBER_OF", "LEADS"}) if c in names}
            assert set(p["via"]) == ({"inventory"} if p["id"] in own else set()) | via_cl, p
            through_clusters_only += p["id"] not in own
    assert through_clusters_only  # the sample declares some platforms only through a lab cluster


@pytest.mark.parametrize("min_score", [0.0, 0.3, 0.6])
def test_chain_coverage_inferred_matches_field_classifier(sample: Sample, min_score: float) -> None:
    total = 0
    for chain in sample.nodes("IndustrialChain") + sample.nodes("IndustrialCluster"):
        rows = q(sample, "chain_coverage_inferred", id=chain, min_score=min_score, per_group=10_000)
        got = {p["id"]: (round(p["score"], 6), sorted(p["matched"])) for r in rows for p in r["sample"]}
        want = _inferred(sample, chain, min_score)
        assert got == want, sample.graph.nodes[chain]["name"]
        assert not set(got) & _declared(sample, chain, "Platform")
        total += len(want)
    assert total > 0


def test_materialised_links_are_idempotent_and_replaced(sample: Sample) -> None:
    again = materialise_inferred(sample.store)
    assert again.status == "unchanged" and again.links > 0
    # A stricter floor drops links: the pseudo-document is replaced as a whole, none left behind.
    strict = materialise_inferred(sample.store, min_score=0.99)
    assert strict.status == "replaced" and strict.links < again.links
    chains = sample.nodes("IndustrialChain") + sample.nodes("IndustrialCluster")
    try:
        rows = [r for c in chains for r in q(sample, "chain_coverage_inferred", id=c, min_score=0.0, per_group=0)]
        # every link written, but those of platforms a lab cluster already declares (counted as declared)
        links = sample.store.read("MATCH (p:Platform)-[r:SERVES {inferred: true}]->(c) RETURN p.id AS p, c.id AS c")
        shown = [x for x in links if x["p"] not in _declared(sample, x["c"], "Platform")]
        assert len(links) == strict.links and sum(r["count"] for r in rows) == len(shown) < len(links)
    finally:
        assert materialise_inferred(sample.store).status == "replaced"  # back to the default floor


# --- targets, taxonomy ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "type_", "year"), [(None, None, None), ("辽宁省", "重点实验室", None), (None, None, 2027)]
)
def test_targets_vs_actual_counts_matching_platforms(
    sample: Sample, region: str | None, type_: str | None, year: int | None
) -> None:
    rows = q(sample, "targets_vs_actual", region=region, type=type_, year=year)
    targets = [
        t
        for t in sample.nodes("Target")
        if all(
            want is None or sample.graph.nodes[t].get(k) == want
            for k, want in (("region", region), ("type", type_), ("year", year))
        )
    ]
    assert {r["id"] for r in rows} == set(targets) and targets
    doc_year = sample.graph.nodes["doc:sample_policy"]["year"]
    seen_kinds: set[str] = set()
    for r in rows:
        t = sample.graph.nodes[r["id"]]
        added = t["kind"] in ("increment", "new", "stat_increment", "stat_accepted")
        if t["kind"] == "removal":
            assert (r["actual"], r["gap"]) == (None, None)
            continue
        actual = sum(
            1
            for p in sample.nodes("Platform")
            if (pd := sample.graph.nodes[p]).get("type") == t["type"] or t["type"] == "科技创新平台"
            if t["region"] in (pd.get("region"), pd.get("city"))
            and (t.get("level") is None or pd.get("level") == t["level"])
            and pd["year"] <= t["year"]
            and (not added or pd["year"] > (doc_year if doc_year < t["year"] else t["year"] - 1))
        )
        if t["type"] == "实验室群":  # the fixture's lab clusters carry no year: all count
            actual += sum(1 for c in sample.nodes("LabCluster") if sample.graph.nodes[c].get("region") == t["region"])
        assert (r["actual"], r["gap"]) == (actual, t["count"] - actual), t["type"]
        seen_kinds.add(t["type"])
    if (region, type_, year) == (None, None, None):
        assert {"科技创新平台", "实验室群"} <= seen_kinds
        assert [e["quote"] for e in r["evidence"]] and all(e["quote"] for e in r["evidence"])


def test_platform_types_counts_by_level(sample: Sample) -> None:
    rows = q(sample, "platform_types", region=None)
    got = {(r["type"], r["level"]): r["platforms"] for r in rows if r["platforms"]}
    want: Counter[tuple[str, str | None]] = Counter()
    for p, t, _ in sample.edges("TYPED_AS"):
        want[(sample.graph.nodes[t]["name"], sample.graph.nodes[p].get("level"))] += 1
    assert got == dict(want)
    assert {r["id"] for r in rows} == set(sample.nodes("PlatformType"))


def test_platform_types_counts_only_the_region(sample: Sample) -> None:
    """region = a province counts the platforms recorded in it (or in one of its cities), a city its own."""
    for region in ("辽宁省", "沈阳市"):
        rows = q(sample, "platform_types", region=region)
        got = {(r["type"], r["level"]): r["platforms"] for r in rows if r["platforms"]}
        want: Counter[tuple[str, str | None]] = Counter()
        for p, t, _ in sample.edges("TYPED_AS"):
            node = sample.graph.nodes[p]
            if region in (node.get("region"), node.get("city")):
                want[(sample.graph.nodes[t]["name"], node.get("level"))] += 1
        assert got == dict(want)
        assert {r["id"] for r in rows} == set(sample.nodes("PlatformType"))  # every type, 0 where none


def test_search_contains_scans_names_for_one_character(sample: Sample) -> None:
    labels = ["Platform", "Institution"]
    rows = q(sample, "search_contains", q="省", labels=labels, cap=10_000, skip=0, limit=10_000)
    want = {n for label in labels for n in sample.nodes(label) if "省" in (sample.graph.nodes[n].get("name") or "")}
    assert rows[0]["total"] == len(want) and {i["id"] for i in rows[0]["items"]} == want and want
    capped = q(sample, "search_contains", q="省", labels=labels, cap=3, skip=0, limit=10)
    assert capped[0]["total"] == 3


def test_type_transitions(sample: Sample) -> None:
    rows = q(sample, "type_transitions", region=None)
    moves = {"MERGED_INTO", "CONVERTED_TO", "SUCCEEDS", "PROMOTED_TO", "STOPS_NEW", "REVOKES"}
    want = {
        (sample.graph.nodes[b if d["type"] in ("STOPS_NEW", "REVOKES") else a]["name"], d["type"])
        for a, b, d in sample.graph.edges(data=True)
        if d["type"] in moves
    }
    assert {(r["from_type"], r["rel"]) for r in rows} == want and want
    assert q(sample, "type_transitions", region="吉林省") == [r for r in rows if r["region"] is None]


# --- provenance -----------------------------------------------------------------------------------


def test_documents_list_get_facts(sample: Sample) -> None:
    docs = sorted(n for n, d in sample.stored.nodes(data=True) if d["label"] == "Document")
    rows = q(sample, "documents_list", kind=None, skip=0, limit=100)
    assert rows[0]["total"] == len(docs)
    assert [d["id"] for d in rows[0]["items"]] == docs
    pol = q(sample, "documents_list", kind="policy", skip=0, limit=100)
    assert [d["id"] for d in pol[0]["items"]] == ["doc:sample_policy"]
    for doc in docs:
        got = q(sample, "document_get", id=doc)
        assert got[0]["props"]["doc_id"] == sample.stored.nodes[doc]["doc_id"]
        facts = q(sample, "document_facts", id=doc, per_label=5)
        want: Counter[str] = Counter()
        supported = {
            n for ev, _ in in_edges(sample, doc, {"FROM_DOCUMENT"}) for n, _ in in_edges(sample, ev, {"EVIDENCED_BY"})
        }
        for n in supported:
            want[label_of(sample, n)] += 1
        assert {r["label"]: r["count"] for r in facts} == dict(want)
    assert q(sample, "document_get", id="doc:none") == []


def test_evidence_get_returns_span_document_and_facts(sample: Sample) -> None:
    spans = [n for n in sample.nodes("Evidence") if sample.graph.nodes[n]["start"] >= 0]
    for ev in spans:
        rows = q(sample, "evidence_get", id=ev)
        d = sample.graph.nodes[ev]
        raw = rows[0]["raw_text"]
        assert raw[d["start"] : d["end"]] == d["quote"] == rows[0]["props"]["quote"]
        assert {f["id"] for f in rows[0]["facts"]} == {n for n, _ in in_edges(sample, ev, {"EVIDENCED_BY"})}


# --- networks, export, overview -------------------------------------------------------------------


def test_network_edges_is_the_institution_platform_cluster_network(sample: Sample) -> None:
    rows = q(sample, "network_edges")
    got = Counter((r["source"], r["target"], r["type"]) for r in rows)
    want: Counter[tuple[str, str, str]] = Counter()
    for a, b, d in sample.graph.edges(data=True):
        if d["type"] in ("HOSTS", "CO_BUILDS") or (
            d["type"] in ("MEMBER_OF", "LEADS") and label_of(sample, a) != "Person"
        ):
            want[(a, b, d["type"])] += 1
    assert got == want


def test_network_reach_folds_platforms_into_institution_cluster_industry_ties(sample: Sample) -> None:
    g = sample.stored  # + the inferred SERVES links
    kind = {n: d["label"] for n, d in g.nodes(data=True)}
    want: Counter[tuple[str, str]] = Counter()
    via: dict[tuple[str, str], set[str]] = {}  # (institution, target) → the distinct platforms between
    for a, p, d in g.edges(data=True):
        if d["type"] in ("HOSTS", "CO_BUILDS") and kind[a] == "Institution" and kind[p] == "Platform":
            for _, b, e in g.out_edges(p, data=True):
                if e["type"] in ("MEMBER_OF", "LEADS", "SERVES"):
                    via.setdefault((a, b), set()).add(p)
        elif (d["type"] in ("MEMBER_OF", "LEADS") and kind[a] == "Institution" and kind[p] == "LabCluster") or (
            d["type"] == "SERVES" and kind[a] == "LabCluster"
        ):
            want[(a, p)] += 1
    for tie, plats in via.items():
        want[tie] += len(plats)
    rows = q(sample, "network_reach")
    assert {(r["source"], r["target"]): r["weight"] for r in rows} == dict(want) and len(rows) == len(want)
    assert {kind[r["target"]] for r in rows} == {"LabCluster", "IndustrialChain", "IndustrialCluster"}
    assert all(r["source_label"] == kind[r["source"]] and r["target_name"] for r in rows)


def test_export_queries_page_through_the_whole_graph(sample: Sample) -> None:
    nodes, skip = [], 0
    while rows := q(sample, "export_nodes", skip=skip, limit=97):
        nodes += rows
        skip += 97
    assert sorted(r["id"] for r in nodes) == sorted(sample.stored.nodes)
    rels, skip = [], 0
    while rows := q(sample, "export_rels", skip=skip, limit=211):
        rels += rows
        skip += 211
    assert Counter((r["source"], r["target"], r["type"]) for r in rels) == Counter(
        (a, b, d["type"]) for a, b, d in sample.stored.edges(data=True)
    )


def test_platforms_by_region(sample: Sample) -> None:
    rows = q(sample, "platforms_by_region", region="大连市")
    want = Counter(
        (d.get("region"), d.get("city"), d.get("type"), d.get("level"))
        for n, d in sample.graph.nodes(data=True)
        if d["label"] == "Platform" and "大连市" in (d.get("region"), d.get("city"))
    )
    assert {(r["region"], r["city"], r["type"], r["level"]): r["platforms"] for r in rows} == dict(want) and want


def test_store_fingerprint_changes_with_loads(sample: Sample) -> None:
    row = q(sample, "store_fingerprint")[0]
    docs = [sample.graph.nodes[d] for d in sample.nodes("Document")]
    # + the derived pseudo-document of the inferred chain links (written to the store only)
    assert row["documents"] == len(docs) + 1 and row["states"] == ["complete"]
    assert row["last_loaded"] is not None


def test_chains_terms_and_platforms_fields(sample: Sample) -> None:
    rows = q(sample, "chains_terms")
    chains = sample.nodes("IndustrialChain") + sample.nodes("IndustrialCluster")
    assert [r["id"] for r in rows] == sorted(chains)
    for r in rows:
        d = sample.graph.nodes[r["id"]]
        assert (r["label"], r["name"], r["region"], r["terms"]) == (
            d["label"],
            d.get("name"),
            d.get("region"),
            d.get("terms"),
        )
    plats = sorted(p for p in sample.nodes("Platform") if sample.graph.nodes[p].get("field_tokens"))
    # Internal-id ranges of any size cover every platform once.
    span = q(sample, "platforms_id_span")[0]
    assert span["n"] == len(sample.nodes("Platform"))
    for step in (1, 7, span["hi"] - span["lo"] + 1):
        pages = [q(sample, "platforms_fields", lo=lo, hi=lo + step) for lo in range(span["lo"], span["hi"] + 1, step)]
        assert sorted(r["id"] for page in pages for r in page) == plats
    assert [r["id"] for r in pages[0]] == plats  # one range: id order
    for r in pages[0]:
        served = [b for b, _ in out_edges(sample, r["id"], {"SERVES"})]
        parents = {c for b in served for c, _ in out_edges(sample, b, {"PART_OF"})}
        assert set(r["declared"]) == set(served) | parents
        assert r["field_tokens"] == sample.graph.nodes[r["id"]]["field_tokens"]


def test_query_terms_are_every_bigram_then_every_trigram() -> None:
    qt = query_terms("市绿色化工过程强")
    bigrams = ["市绿", "绿色", "色化", "化工", "工过", "过程", "程强"]
    assert qt is not None and qt.terms == [*bigrams, "市绿色", "绿色化", "色化工", "化工过", "工过程", "过程强"]
    two = query_terms("5G 通信，通信")  # ASCII words whole, lower case; a repeated term once
    assert two is not None and two.terms == ["5g", "通信"]
    assert query_terms("，。 ") is None


def test_zz_every_named_query_was_run_against_the_store() -> None:
    """Runs last in this module (name order): each analyst query needs an oracle test above."""
    names = {n for n in named_queries("falkordb") if not n.startswith("dedup_")}
    assert names - TESTED == set()

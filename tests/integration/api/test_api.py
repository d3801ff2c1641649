"""HTTP API on the live embedded store: shapes, pagination, errors (problem+json), read-only Cypher."""

from __future__ import annotations

from typing import Any

from app.model.batch import GraphBatch, PropValue
from app.text.search_terms import add_search_terms
from tests.fixtures.graph import POLICY_TEXT
from tests.integration.api.conftest import Api, make_api

PROBLEM = "application/problem+json"


def one(api: Api, query: str, **params: Any) -> Any:
    rows = api.store.read(query, params)
    assert rows, query
    return rows[0]["x"]


def test_search_ranks_exact_and_substring_matches_first(api: Api) -> None:
    name = one(api, "MATCH (p:Platform) RETURN p.name AS x ORDER BY p.name LIMIT 1")
    r = api.client.get("/search", params={"q": name})
    assert r.status_code == 200
    body = r.json()
    assert body["items"][0]["name"] == name and body["items"][0]["kind"] == "Platform"
    r = api.client.get("/search", params={"q": "集成电路", "limit": 3, "skip": 1})
    body = r.json()
    assert body["total"] > 3 and len(body["items"]) == 3 and body["skip"] == 1
    assert {h["kind"] for h in body["items"]} <= {"Platform", "IndustrialChain", "IndustrialCluster", "LabCluster"}


def test_search_answers_are_kept_until_a_load(api: Api) -> None:
    """A repeated search is answered from the answer cache (the same body, no store read); another page or
    kind filter is an answer of its own; a load seen by this process (cache.invalidate, as POST /ingest
    calls it) makes the next search read the store again."""
    from app.services import cache

    params = {"q": "集成电路", "limit": 2}
    first = api.client.get("/search", params=params)
    before = cache.stats()
    again = api.client.get("/search", params=params)
    assert again.status_code == 200 and again.content == first.content
    assert cache.stats()["hits"] == before["hits"] + 1 and cache.stats()["misses"] == before["misses"]
    page2 = api.client.get("/search", params={**params, "skip": 2}).json()
    assert page2["skip"] == 2 and page2["items"] != first.json()["items"]
    only = api.client.get("/search", params={**params, "kind": "Platform"}).json()
    assert {h["kind"] for h in only["items"]} == {"Platform"}
    cache.invalidate(api.store)
    misses = cache.stats()["misses"]
    assert api.client.get("/search", params=params).json() == first.json()
    assert cache.stats()["misses"] > misses


def test_search_by_short_form_and_kind_filter(api: Api) -> None:
    inst, alias = api.store.read("MATCH (i:Institution) RETURN i.name AS n, i.aliases[0] AS a ORDER BY i.name LIMIT 1")[
        0
    ].values()
    r = api.client.get("/search", params={"q": alias, "kind": "Institution"})
    assert inst in [h["name"] for h in r.json()["items"]]
    assert {h["kind"] for h in r.json()["items"]} == {"Institution"}
    bad = api.client.get("/search", params={"q": "材料", "kind": "Nope"})
    assert bad.status_code == 422 and bad.headers["content-type"].startswith(PROBLEM)
    # the same problem+json `errors` list as every other 422, naming the labels a search can ask for
    [err] = bad.json()["errors"]
    assert err["loc"] == ["query", "kind"] and "Institution" in err["allowed"] and "Platform" in err["allowed"]
    assert api.client.get("/search", params={"q": "！？"}).json() == {
        "total": 0,
        "total_exact": True,
        "items": [],
        "q": "！？",
        "skip": 0,
        "limit": 20,
    }


def test_entity_with_neighbours_and_evidence(api: Api) -> None:
    pid = one(api, "MATCH (p:Platform)-[:MEMBER_OF]->(:LabCluster) RETURN p.id AS x ORDER BY x LIMIT 1")
    body = api.client.get(f"/entities/{pid}").json()
    assert body["label"] == "Platform" and "search_text" not in body["props"]
    assert {"HOSTS", "TYPED_AS", "LOCATED_IN", "MEMBER_OF"} <= set(body["neighbours"])
    assert body["neighbours"]["HOSTS"][0]["direction"] == "in"
    assert body["evidence"] and body["evidence"][0]["rule"] == "inventory_row" and body["evidence"][0]["row"] >= 2
    missing = api.client.get("/entities/plat:0000")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith(PROBLEM)
    assert missing.json()["status"] == 404


def test_clusters_members_membership_overlap(api: Api) -> None:
    page = api.client.get("/clusters", params={"limit": 2}).json()
    assert page["total"] >= 4 and len(page["items"]) == 2
    first = page["items"][0]
    assert first["members"] > 0 and first["leads"] and first["directors"] and first["serves"]
    rest = api.client.get("/clusters", params={"skip": 2, "limit": 100}).json()
    assert len(rest["items"]) == page["total"] - 2
    members = api.client.get(f"/clusters/{first['id']}/members").json()
    assert members["total"] == first["members"]
    kinds = {m["kind"] for m in members["items"]}
    assert {"platform", "person", "company"} <= kinds
    leads = api.client.get(f"/clusters/{first['id']}/members", params={"role": "牵头平台"}).json()
    assert leads["total"] == 1 and leads["items"][0]["id"] == first["leads"][0]["id"]
    ent = api.client.get(f"/clusters/{first['id']}/members", params={"kind": "enterprise"}).json()
    assert ent["total"] >= 1 and {m["kind"] for m in ent["items"]} == {"company"}  # the docs' word, an alias
    assert api.client.get("/clusters/lcl:none/members").status_code == 404
    # membership of an institution: direct, and through the platforms it hosts
    host = one(
        api,
        "MATCH (i:Institution)-[:HOSTS]->(:Platform)-[:MEMBER_OF]->(:LabCluster) RETURN i.id AS x ORDER BY x LIMIT 1",
    )
    links = api.client.get(f"/entities/{host}/clusters").json()["clusters"]
    assert any(link["path"] == "hosted_platform" and link["via_id"] for link in links)
    b = page["items"][1]["id"]
    ov = api.client.get(f"/clusters/{first['id']}/overlap/{b}")
    assert ov.status_code == 200 and ov.json()["a"] == first["id"]
    assert api.client.get(f"/clusters/{first['id']}/overlap/lcl:none").status_code == 404


def test_chains_and_coverage_declared_vs_inferred(api: Api) -> None:
    chains = api.client.get("/chains").json()
    by_name = {c["name"]: c for c in chains}
    assert by_name["氢能产业链"]["gap"] is True and by_name["新材料产业链"]["platforms"] > 0
    cov = api.client.get(f"/chains/{by_name['新材料产业链']['id']}/coverage", params={"min_score": 0.3}).json()
    assert cov["declared"]["total"] > 0 and cov["inferred"]["total"] > 0
    assert "材料" in cov["terms"] and cov["lab_clusters"]
    sample = cov["inferred"]["groups"][0]["sample"][0]
    assert sample["inferred"] is True and 0.3 <= sample["score"] <= 1 and sample["matched"]
    declared_ids = {p["id"] for g in cov["declared"]["groups"] for p in g["sample"]}
    inferred_ids = {p["id"] for g in cov["inferred"]["groups"] for p in g["sample"]}
    assert not declared_ids & inferred_ids
    hydrogen = api.client.get(f"/chains/{by_name['氢能产业链']['id']}/coverage").json()
    assert hydrogen["gap"] is True
    assert api.client.get("/chains/chain:none/coverage").status_code == 404


def test_targets_vs_actual_with_gap_and_span(api: Api) -> None:
    rows = api.client.get("/targets", params={"region": "辽宁省"}).json()
    assert len(rows) == 8
    for t in rows:
        # a statistic records what was done (not compared); a removal is not a platform count
        compared = t["kind"] not in ("removal", "stat_increment")
        assert t["measure"] == ("statistic" if t["kind"] == "stat_increment" else "goal")
        assert t["gap"] == (t["target"] - t["actual"] if compared else None)
        assert compared or t["actual"] is None
        quote = t["evidence"][0]["quote"]
        assert POLICY_TEXT[t["evidence"][0]["start"] : t["evidence"][0]["end"]] == quote
    only = api.client.get("/targets", params={"type": "新型研发机构", "year": 2027}).json()
    assert [t["target"] for t in only] == [10]
    assert api.client.get("/targets", params={"year": "soon"}).status_code == 422
    assert [t["kind"] for t in api.client.get("/targets", params={"kind": "statistic"}).json()] == ["stat_increment"]
    assert len(api.client.get("/targets", params={"region": "辽宁"}).json()) == 8  # short form = the province
    unknown = api.client.get("/targets", params={"region": "火星省"})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["loc"] == ["query", "region"]


def test_platform_types_show_legacy_and_what_they_became(api: Api) -> None:
    cats = api.client.get("/platform-types").json()
    types = {t["type"]: t for c in cats for t in c["types"]}
    legacy = types["工程技术研究中心"]
    assert legacy["legacy"] is True
    assert legacy["became"][0]["to_type"] == "技术创新中心" and legacy["became"][0]["rel"] == "CONVERTED_TO"
    assert legacy["stopped"][0]["rel"] == "STOPS_NEW"
    assert sum(types["重点实验室"]["levels"].values()) > 0


def test_documents_and_evidence_with_context(api: Api) -> None:
    docs = api.client.get("/documents").json()
    # the policy, the inventory and the derived inferred-chain-links pseudo-document
    assert sorted(d["kind"] for d in docs["items"]) == ["derived", "inventory", "policy"]
    detail = api.client.get("/documents/sample_policy").json()
    assert detail["text_length"] == len(POLICY_TEXT) and "raw_text" not in detail["props"]
    assert {f["label"] for f in detail["facts"]} >= {"Target", "IndustrialChain"}
    assert api.client.get("/documents/nope").status_code == 404
    policies = api.client.get("/documents", params={"kind": "policy"}).json()
    assert [d["kind"] for d in policies["items"]] == ["policy"] and policies["total"] == 1
    bogus = api.client.get("/documents", params={"kind": "bogus"})
    assert bogus.status_code == 422 and bogus.headers["content-type"].startswith(PROBLEM)
    [err] = bogus.json()["errors"]
    assert err["loc"] == ["query", "kind"] and {"policy", "inventory", "cited", "seed"} <= set(err["allowed"])
    ev = one(api, "MATCH (e:Evidence {rule: 'transition'}) RETURN e.id AS x")
    body = api.client.get(f"/evidence/{ev}", params={"chars": 5}).json()
    assert body["span_text"] == body["quote"] == "原工程技术研究中心按程序转建为技术创新中心"
    assert POLICY_TEXT[body["start"] - 5 : body["start"]] == body["before"] and len(body["after"]) == 5
    target_ev = one(api, "MATCH (t:Target {type: '新型研发机构'})-[:EVIDENCED_BY]->(e) RETURN e.id AS x")
    facts = api.client.get(f"/evidence/{target_ev}").json()["facts"]
    assert [f["label"] for f in facts] == ["Target"]
    assert api.client.get("/evidence/ev:none").status_code == 404


WRITES = [
    "CREATE (n:Platform {id: 'x'}) RETURN n",
    "MATCH (n:Platform) SET n.name = 'hacked' RETURN count(n)",
    "MATCH (n:Platform) DETACH DELETE n",
    "MERGE (n:Institution {id: 'x'}) RETURN n",
    "MATCH (n:LabCluster) WITH n LIMIT 1 CREATE (n)-[:CITES]->(n)",
    "CREATE INDEX FOR (n:Platform) ON (n.zzz)",
]


def test_cypher_is_read_only_whatever_the_text(api: Api) -> None:
    before = api.store.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    for text in WRITES:
        r = api.client.post("/cypher", json={"query": text})
        assert r.status_code == 400, text
        assert r.headers["content-type"].startswith(PROBLEM)
    assert api.store.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == before
    assert api.store.read("MATCH (n:Platform {name: 'hacked'}) RETURN count(n) AS n")[0]["n"] == 0


def test_cypher_row_cap_params_and_errors(api: Api) -> None:
    r = api.client.post("/cypher", json={"query": "MATCH (p:Platform) RETURN p.id AS id", "limit": 7}).json()
    assert r["row_count"] == 7 and r["truncated"] is True and r["columns"] == ["id"]
    r = api.client.post(
        "/cypher",
        json={"query": "MATCH (p:Platform) WHERE p.level = $lv RETURN count(p) AS n", "params": {"lv": "国家级"}},
    ).json()
    assert r["rows"][0]["n"] > 0 and r["truncated"] is False
    bad = api.client.post("/cypher", json={"query": "MATCH (n RETURN n"})
    assert bad.status_code == 400 and bad.json()["title"] == "Query rejected by the graph store"
    assert api.client.post("/cypher", json={}).status_code == 422


def test_cypher_server_caps_override_client(api: Api) -> None:
    capped = make_api(api.settings.store, api.settings.graph, cypher_row_limit=3)
    r = capped.client.post("/cypher", json={"query": "MATCH (p:Platform) RETURN p.id AS id", "limit": 500}).json()
    assert r["row_count"] == 3 and r["truncated"] is True
    slow = make_api(api.settings.store, api.settings.graph, cypher_timeout_ms=1)
    r2 = slow.client.post(
        "/cypher",
        # range() above 1M elements is refused before the engine (issue 18): the work comes from a product.
        json={
            "query": "UNWIND range(1, 1000000) AS x UNWIND range(1, 20) AS y WITH x WHERE x % 7 = 3 RETURN count(x) AS n"
        },
    )
    assert r2.status_code == 504 and r2.headers["content-type"].startswith(PROBLEM)
    capped.store.close()
    slow.store.close()


def test_openapi_lists_every_endpoint(api: Api) -> None:
    paths = set(api.client.get("/openapi.json").json()["paths"])
    assert {
        "/search",
        "/entities/{node_id}",
        "/entities/{node_id}/clusters",
        "/clusters",
        "/clusters/{cluster_id}/members",
        "/clusters/{a}/overlap/{b}",
        "/chains",
        "/chains/{chain_id}/coverage",
        "/targets",
        "/platform-types",
        "/documents",
        "/documents/{doc}",
        "/evidence/{evidence_id}",
        "/cypher",
    } <= paths


def test_coverage_cache_follows_loads(api: Api) -> None:
    from app.model.schema import Label, Rel
    from app.store.loader import load_document
    from tests.fixtures.graph import INVENTORY_DOC, chain_id

    cid = chain_id("氢能产业链")
    assert api.client.get(f"/chains/{cid}/coverage").json()["gap"] is True
    batch = GraphBatch(doc_id="extra_inventory")
    pid = "plat:h2test"
    props: dict[str, PropValue] = {
        "name": "辽宁省氢能储运重点实验室",
        "field": "氢能储运",
        "field_tokens": ["氢能", "储运"],
        "type": "重点实验室",
    }
    batch.add_node(Label.PLATFORM, pid, props)
    batch.add_node(Label.INDUSTRIAL_CHAIN, cid, {"name": "氢能产业链"})
    batch.add_rel(Rel.SERVES, (Label.PLATFORM, pid), (Label.INDUSTRIAL_CHAIN, cid))
    load_document(api.store, "extra_inventory", "sha-extra", {"kind": "inventory"}, [add_search_terms(batch)])
    after = api.client.get(f"/chains/{cid}/coverage").json()
    assert after["gap"] is False and after["declared"]["total"] == 1
    assert INVENTORY_DOC != "extra_inventory"


def test_api_docs_load_every_asset_from_the_app(api: Api) -> None:
    """/docs and /redoc name only assets the app itself serves: they render offline (no CDN, no fonts)."""
    import re

    for page, wanted in (("/docs", {"swagger-ui-bundle.js", "swagger-ui.css"}), ("/redoc", {"redoc.standalone.js"})):
        r = api.client.get(page)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        refs = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", r.text)
        refs += re.findall(r"""url:\s*["']([^"']+)["']""", r.text)  # the spec Swagger UI fetches
        assert not [u for u in refs if u.startswith(("http:", "https:", "//"))], refs
        assert wanted <= {u.rsplit("/", 1)[-1] for u in refs}, refs
        for url in refs:
            got = api.client.get(url)
            assert got.status_code == 200 and got.content, url

"""Duplicate detection on the live store: one hand-written case per bullet of issue 5's "What counts"."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from app.derive.dedup import METHOD_VERSION
from app.derive.dedup.model import Proposal
from app.model.batch import Evidence, GraphBatch, PropValue
from app.model.schema import Label, Rel, stable_id
from app.services import duplicates as svc
from app.settings import Settings
from app.store.loader import load_document
from app.store.protocol import GraphStore

RAW = (
    "辽宁省科技创新平台优化整合方案\n"
    "一、总体要求。坚持统筹布局,避免低水平、交叉和重复建设。\n"
    "二、改革调整省级工程技术研究中心,布局建设省级技术创新中心。对已建设的中心开展考核评估,通过撤、并、转等方式进行优化提升。\n"
)
QUOTE = "改革调整省级工程技术研究中心,布局建设省级技术创新中心"


def P(pid: str, name: str, host: str | None, city: str | None = "大连市", **kw: Any) -> dict[str, Any]:
    from app.text.names import parse_name

    parts = parse_name(name)
    props: dict[str, Any] = {
        "name": name,
        "field": parts.field,
        "type": parts.type,
        "level": "省级",
        "region": "辽宁省",
        "city": city,
        "host": host,
        "co_builders": [],
        "status": "运行",
        "year": 2018,
        "source_file": "辽宁省_省级平台名单",
        "source_row": int(pid[1:]) + 1,
        "seq": pid[1:],
    }
    props.update(kw)
    return {"id": pid, "props": props}


PLATFORMS = [
    # same_entity: province prefix dropped, full-width bracket, host in short form; and a one-char typo
    P("p1", "辽宁省先进材料制备技术重点实验室", "大连理工大学"),
    P("p2", "先进材料制备技术重点实验室（大连理工大学）", "大连理工"),
    P("p3", "辽宁省先进材枓制备技术重点实验室", "大连理工大学", year=2021),
    # overlap: same host, same field, adjacent families (重点实验室 / 工程研究中心)
    P("p4", "辽宁省智能电网调度重点实验室", "东北大学", city="沈阳市"),
    P("p5", "辽宁省智能电网调度工程研究中心", "东北大学", city="沈阳市"),
    # overlap: different hosts, same city, a shared co-builder
    P("p6", "辽宁省海洋装备腐蚀防护技术创新中心", "大连海事大学", co_builders=["中国科学院金属研究所"]),
    P("p7", "辽宁省海洋装备腐蚀防护工程研究中心", "大连海洋大学", co_builders=["中国科学院金属研究所"]),
    # transition_overlap: legacy 工程技术研究中心 still active beside its successor type, same host/field
    P("p8", "辽宁省盐碱地改良工程技术研究中心", "沈阳农业大学", city="沈阳市"),
    P("p9", "辽宁省盐碱地改良技术创新中心", "沈阳农业大学", city="沈阳市"),
    # not duplicates: a legacy centre already 转建 beside its successor
    P("p10", "辽宁省冷链物流装备工程技术研究中心", "大连海洋大学", status="转建"),
    P("p11", "辽宁省冷链物流装备技术创新中心", "大连海洋大学"),
    # not duplicates: same host, different fields
    P("p12", "辽宁省工业机器人控制重点实验室", "东北大学", city="沈阳市"),
    P("p13", "辽宁省矿物加工选矿重点实验室", "东北大学", city="沈阳市"),
    # not duplicates: same field, different hosts, different cities
    P("p14", "辽宁省数控机床可靠性重点实验室", "大连理工大学"),
    P("p15", "辽宁省数控机床可靠性重点实验室", "沈阳工业大学", city="沈阳市", level="市级"),
    # not duplicates: neighbouring fields at one host
    P("p16", "辽宁省玉米育种重点实验室", "沈阳农业大学", city="沈阳市"),
    P("p17", "辽宁省大豆育种重点实验室", "沈阳农业大学", city="沈阳市"),
]


def _inventory_batch() -> GraphBatch:
    b = GraphBatch(doc_id="辽宁省_省级平台名单")
    for row in PLATFORMS:
        ev = Evidence(doc_id=b.doc_id, rule="inventory_row", row=row["props"]["source_row"], quote=row["props"]["name"])
        b.add_node(Label.PLATFORM, row["id"], row["props"], ev)
        t = row["props"]["type"]
        b.add_node(Label.PLATFORM_TYPE, stable_id(Label.PLATFORM_TYPE, t), {"name": t})
        b.add_rel(Rel.TYPED_AS, (Label.PLATFORM, row["id"]), (Label.PLATFORM_TYPE, stable_id(Label.PLATFORM_TYPE, t)))
    return b


def _policy_batch() -> GraphBatch:
    b = GraphBatch(doc_id="policy_ln")
    start = RAW.index(QUOTE)
    ev = Evidence(doc_id="policy_ln", start=start, end=start + len(QUOTE), quote=QUOTE, rule="transition.convert")
    a, c = stable_id(Label.PLATFORM_TYPE, "工程技术研究中心"), stable_id(Label.PLATFORM_TYPE, "技术创新中心")
    b.add_node(Label.PLATFORM_TYPE, a, {"name": "工程技术研究中心"})
    b.add_node(Label.PLATFORM_TYPE, c, {"name": "技术创新中心"})
    props: dict[str, PropValue] = {
        "kind": "convert",
        "region": "辽宁省",
        "year": 2019,
        "doc_id": "policy_ln",
        "quote": QUOTE,
    }
    b.add_rel(Rel.CONVERTED_TO, (Label.PLATFORM_TYPE, a), (Label.PLATFORM_TYPE, c), props, ev, key="辽宁省")
    return b


def _load(store: GraphStore, policy: bool = True) -> None:
    load_document(store, "辽宁省_省级平台名单", "s1", {"kind": "inventory"}, [_inventory_batch()])
    if policy:
        doc: dict[str, PropValue] = {
            "kind": "policy",
            "region": "辽宁省",
            "year": 2019,
            "raw_text": RAW,
            "title": "方案",
        }
        load_document(store, "policy_ln", "s2", doc, [_policy_batch()])


def _pairs(store: GraphStore, **kw: Any) -> dict[frozenset[str], Any]:
    return {frozenset((p.a.id, p.b.id)): p for p in svc.detect(store, **kw).pairs}


def test_every_kind_and_every_non_duplicate(store: GraphStore) -> None:
    _load(store)
    pairs = _pairs(store)
    kinds = {k: v.kind for k, v in pairs.items()}
    assert kinds[frozenset(("p1", "p2"))] == "same_entity"
    assert kinds[frozenset(("p1", "p3"))] == "same_entity"
    assert kinds[frozenset(("p4", "p5"))] == "overlap"
    assert kinds[frozenset(("p6", "p7"))] == "overlap"
    assert kinds[frozenset(("p8", "p9"))] == "transition_overlap"
    for a, b in (("p10", "p11"), ("p12", "p13"), ("p14", "p15"), ("p16", "p17")):
        assert frozenset((a, b)) not in pairs, (a, b)


def test_transition_rules_come_from_the_graph(store: GraphStore) -> None:
    _load(store, policy=False)
    pairs = _pairs(store)
    assert all(p.kind != "transition_overlap" for p in pairs.values())
    assert frozenset(("p10", "p11")) not in pairs  # the 转建 centre stays out either way


def test_pair_is_explained_and_grounded(store: GraphStore) -> None:
    _load(store)
    report = svc.detect(store)
    p = _pairs(store)[frozenset(("p8", "p9"))]
    assert p.a.id == "p8"  # legacy type first
    assert p.policy_basis is not None and p.policy_basis.doc_id == "policy_ln"
    s, e = p.policy_basis.span or (0, 0)
    assert RAW[s:e] == QUOTE == p.policy_basis.quote
    feats = {r.feature: r for r in p.reasons}
    assert feats["type_relation"].value == "legacy_successor" and feats["host"].value == "same"
    # the waterfall adds up to the score
    total = sum(r.contribution for r in p.reasons)
    assert abs(1 / (1 + pow(2.718281828459045, -total)) - p.score) < 1e-3
    # an overlap in the same province is grounded in the province's clause against duplication
    ov = _pairs(store)[frozenset(("p4", "p5"))]
    assert ov.policy_basis is not None and "撤、并、转" in ov.policy_basis.quote
    s, e = ov.policy_basis.span or (0, 0)
    assert RAW[s:e] == ov.policy_basis.quote
    assert report.method_version == METHOD_VERSION
    assert ["p1", "p2", "p3"] in report.groups
    src = _pairs(store)[frozenset(("p1", "p2"))].a.source
    assert src.file == "辽宁省_省级平台名单" and src.row is not None and src.seq is not None


def test_filters(store: GraphStore) -> None:
    _load(store)
    assert {p.kind for p in svc.detect(store, kind="overlap").pairs} == {"overlap"}
    assert all(p.score >= 0.99 for p in svc.detect(store, min_score=0.99).pairs)
    assert svc.detect(store, region="广西").pairs == []
    typed = svc.detect(store, type_="工程技术研究中心").pairs
    assert typed and all("工程技术研究中心" in (p.a.type, p.b.type) for p in typed)
    with pytest.raises(ValueError, match="unknown kind"):
        svc.detect(store, kind="twins")


def test_render_formats(store: GraphStore) -> None:
    _load(store)
    report = svc.detect(store)
    body = json.loads(svc.render(report, "json"))
    assert set(body) == {"method_version", "pairs", "groups"}
    pair = body["pairs"][0]
    assert set(pair) == {"a", "b", "kind", "score", "reasons", "policy_basis", "no_basis_reason"}
    assert set(pair["a"]) == {"id", "name", "type", "host", "region", "source"}
    assert set(pair["a"]["source"]) == {"file", "row", "seq"}
    assert set(pair["reasons"][0]) == {"feature", "value", "contribution"}
    rows = list(csv.DictReader(io.StringIO(svc.render(report, "csv"))))
    assert len(rows) == len(report.pairs) and rows[0]["method_version"] == METHOD_VERSION
    assert "<table>" in svc.render(report, "html")
    with pytest.raises(ValueError):
        svc.render(report, "xml")  # type: ignore[arg-type]


def test_screening_a_proposal(store: GraphStore) -> None:
    _load(store)
    hits = svc.screen(store, Proposal(name="辽宁省智能电网调度技术创新中心", host="东北大学", region="沈阳"))
    assert hits and {h.platform.id for h in hits} >= {"p4", "p5"}
    assert all(h.kind == "overlap" for h in hits) and hits == sorted(hits, key=lambda h: -h.score)
    assert svc.screen(store, Proposal(name="辽宁省稀土永磁材料重点实验室", host="东北大学", region="沈阳")) == []
    dup = svc.duplicates_of(store, "p8")
    assert dup is not None and [c.platform.id for c in dup] == ["p9"]
    assert svc.duplicates_of(store, "nope") is None


def test_pending_transitions(store: GraphStore) -> None:
    _load(store)
    items = svc.pending_transitions(store, as_of=2026)
    assert [i.platform.id for i in items] == ["p8"]  # p10 is already 转建
    assert items[0].to_type == "技术创新中心" and items[0].policy_basis is not None
    assert svc.pending_transitions(store, as_of=2019) == []  # not yet past the policy's year
    assert svc.pending_transitions(store, region="广西", as_of=2026) == []


def test_api_routes(store: GraphStore) -> None:
    _load(store)
    app = create_app(Settings())
    app.state.store = store
    client = TestClient(app)
    r = client.get("/duplicates", params={"limit": 2})
    assert r.status_code == 200 and len(r.json()["pairs"]) == 2 and r.json()["total"] >= 5
    assert client.get("/duplicates", params={"kind": "bogus"}).status_code == 422
    assert client.get("/platforms/p4/duplicates").json()["candidates"][0]["platform"]["id"] == "p5"
    assert client.get("/platforms/none/duplicates").status_code == 404
    r = client.post("/duplicates/screen", json={"name": "辽宁省盐碱地改良工程研究中心", "host": "沈阳农业大学"})
    assert r.status_code == 200 and r.json()["candidates"]
    assert client.post("/duplicates/screen", json={"host": "x"}).status_code == 422
    r = client.get("/transitions/pending", params={"as_of": 2026})
    assert [i["platform"]["id"] for i in r.json()["items"]] == ["p8"]
    assert {k: r.json()[k] for k in ("total", "skip", "limit")} == {"total": 1, "skip": 0, "limit": 100}
    r = client.get("/transitions/pending", params={"as_of": 2026, "skip": 1, "limit": 1})
    assert r.json()["total"] == 1 and r.json()["items"] == []
    app.state.store = None  # the fixture closes it


def test_cohosts_reach_the_index_built_from_the_store(store: GraphStore) -> None:
    """A list cell naming two hosts is stored as the platform's `hosts`; the index the service builds from the
    graph must see the second one, as the evaluation (which reads rows) does: two field stations on one site,
    one hosted by 西藏农牧学院 and one co-hosted by it, are overlapping construction."""
    where = {"type": "野外科学观测研究站", "region": "西藏自治区", "city": None}
    moe = P("p1", "林芝高山生态教育部野外科学观测研究站", "西藏农牧学院", **where)
    most_hosts = ["中国科学院地理科学与资源研究所", "西藏农牧学院"]
    most = P("p2", "西藏林芝高山森林生态系统国家野外科学观测研究站", most_hosts[0], **where, hosts=most_hosts)
    most["props"]["level"] = "国家级"
    b = GraphBatch(doc_id="stations")
    for row in (moe, most):
        ev = Evidence(doc_id=b.doc_id, rule="inventory_row", row=row["props"]["source_row"], quote=row["props"]["name"])
        b.add_node(Label.PLATFORM, row["id"], row["props"], ev)
    load_document(store, "stations", "s1", {"kind": "inventory"}, [b])
    assert _pairs(store)[frozenset(("p1", "p2"))].kind == "overlap"

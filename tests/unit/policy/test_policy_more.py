"""Readers on real html/docx/pdf fixtures, count bounds, lab-cluster relations and rosters (graph facts
on the live store), the taxonomy-derived platform types."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.model.schema import Label, Rel, stable_id
from app.store.loader import load_document
from app.store.protocol import GraphStore
from app.text import taxonomy
from ingest.policy import lexicon as lx
from ingest.policy.pipeline import extract_file, extract_text
from ingest.policy.read import RawDocument
from ingest.policy.to_graph import to_batch
from tests.unit.policy._pdf import make_pdf

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "data" / "corpus" / "policies"
if not CORPUS.exists():
    CORPUS = Path("/work/shared/corpus/policies")

LINES = [
    "山西省科学技术厅关于印发《山西省重点实验室管理办法》的通知",
    "晋科发〔2024〕9号",
    "到2026年,新建省级重点实验室30-50家,省级新型研发机构不超过20家,省级技术创新中心40家以上。",
    "山西省科学技术厅",
    "2024年3月1日",
]


def _check(doc_path: Path) -> None:
    d = extract_file(doc_path)
    c = d.to_contract()
    for key, items in c.items():
        if isinstance(items, list):
            for it in items:
                s, e = it["span"]
                assert d.raw_text[s:e] == it["text"], (key, it)
    assert d.title is not None and "山西省重点实验室管理办法" in d.title.text
    assert [n.text for n in d.doc_numbers] == ["晋科发〔2024〕9号"]
    assert any(a.canonical == "山西省科学技术厅" and a.role == "issuer" for a in d.agencies)
    assert {(t.count, t.count_max, t.bound, t.type, t.year) for t in d.targets} == {
        (30, 50, "range", "重点实验室", 2026),
        (20, 20, "max", "新型研发机构", 2026),
        (40, None, "min", "技术创新中心", 2026),
    }


def test_html_fixture(tmp_path: Path) -> None:
    body = "".join(f"<p>{ln}</p>\n" for ln in LINES)
    p = tmp_path / "a.html"
    p.write_text(f"<html><head><title>t</title><style>p{{}}</style></head><body>{body}</body></html>", "utf-8")
    _check(p)


def test_docx_fixture(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for ln in LINES:
        document.add_paragraph(ln)
    p = tmp_path / "a.docx"
    document.save(str(p))
    _check(p)


def test_pdf_fixture(tmp_path: Path) -> None:
    p = tmp_path / "a.pdf"
    p.write_bytes(make_pdf(LINES))
    _check(p)


def test_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    from app.model.errors import InputError

    p = tmp_path / "scan.pdf"
    p.write_bytes(make_pdf([]))
    with pytest.raises(InputError):
        extract_file(p)


def test_lab_cluster_relations_of_the_guideline() -> None:
    d = extract_file(next(CORPUS.glob("004_*.txt")))
    triples = {(r.head, r.relation, r.tail) for r in d.cluster_relations}
    assert ("群主任", "filled_from", "牵头平台") in triples
    assert ("组长", "held_concurrently_by", "副主任") in triples
    assert ("组长", "assists", "群主任") in triples  # subject carried over from the previous clause
    assert ("服务机构", "guided_by", "秘书处") in triples
    assert ("实验室群", "serves", "重点产业集群") in triples
    b = to_batch(d)
    # The guideline describes the scheme, not one cluster: no LabCluster node; the relations stay on
    # the document, each with its evidence, and the served industrial clusters are its mentions.
    assert Label.LAB_CLUSTER not in b.nodes
    docs = b.nodes[Label.DOCUMENT]
    assert any("群主任|filled_from|牵头平台" in (r["props"].get("cluster_role_relations") or []) for r in docs)
    # "serves 重点产业集群" names no cluster in particular: no IndustrialCluster node is made of it,
    # while the named bases the text lists are (with the document's region).
    clusters = {r["props"].get("name"): r["props"] for r in b.nodes.get(Label.INDUSTRIAL_CLUSTER, [])}
    assert "重点产业集群" not in clusters


ROSTER = """辽宁省科学技术厅关于公布第一批辽宁省实验室群名单的通知
(本文为项目测试用构造文本,非真实政策)
一、辽宁先进装备制造实验室群
群主任：王海（大连理工大学）
牵头单位：大连理工大学、沈阳机床集团有限公司
牵头平台：高端装备智能制造全国重点实验室
成员单位：东北大学、辽宁省数控机床技术创新中心、沈阳新松机器人自动化股份有限公司
服务产业集群：高端装备制造产业集群、机器人产业集群
辽宁省科学技术厅
2024年5月6日
"""


def test_roster_becomes_graph_facts(store: GraphStore) -> None:
    d = extract_text(RawDocument(path="roster.txt", doc_id="roster", raw_text=ROSTER, sha256="x", fmt="text"))
    members = {(m.role, m.name, m.kind) for m in d.cluster_members}
    assert ("群主任", "王海", "person") in members
    assert ("成员单位", "东北大学", "organisation") in members
    assert ("服务产业集群", "机器人产业集群", "industry") in members
    assert all(m.cluster == "辽宁先进装备制造实验室群" for m in d.cluster_members)
    b = to_batch(d)
    result = load_document(store, "roster", "x", {"kind": "policy"}, [b])
    assert result.dropped_rels == 0
    for rel in (Rel.DIRECTS, Rel.AFFILIATED_WITH, Rel.LEADS, Rel.MEMBER_OF, Rel.SERVES):
        assert result.rels.get(rel.value), (rel, result.rels)
    assert result.rels[Rel.LEADS.value] == 3 and result.rels[Rel.MEMBER_OF.value] == 3
    cid = stable_id(Label.LAB_CLUSTER, "辽宁先进装备制造实验室群")
    assert any(r["id"] == cid for r in b.nodes[Label.LAB_CLUSTER])


def test_platform_types_come_from_the_taxonomy() -> None:
    for spec in taxonomy.TYPES:
        entry = lx.canonical_types()[spec.name]
        assert entry.category == spec.category
        assert ("legacy" in entry.flags) == spec.legacy
    assert lx.types()["国家自主创新示范区"].type == "自主创新示范区"


def test_policy_platform_type_nodes_match_the_seed() -> None:
    from ingest.resolve.seed import seed_batch

    seeded = {r["id"]: r["props"] for r in seed_batch().nodes[Label.PLATFORM_TYPE]}
    d = extract_file(next(CORPUS.glob("000_*.txt")))
    rows = to_batch(d).nodes[Label.PLATFORM_TYPE]
    known = [r for r in rows if r["id"] in seeded]
    assert known
    for r in known:
        assert r["props"] == seeded[r["id"]]

"""The bundled sample graph: a deterministic, realistic small InnoKG (one policy + one inventory).

Notebooks, API/query tests and the API benchmark run on it. It has the shapes the ingestion
pipelines produce (docs/model.md): platforms hosted and co-built by institutions, typed and located,
some serving industrial clusters/chains through an inventory industry column (declared), others only
through their field phrase (left for the classifier); lab clusters with a director, a lead and
members of every kind; a policy text whose targets, type transitions and chains carry spans.
``sample_batches(platforms=…)`` scales the same recipe up for benchmarks (1M platforms and beyond).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import jieba

from app.graph.batch import Evidence, GraphBatch, PropValue
from app.graph.loader import load_document
from app.graph.schema import Label, Rel, document_id, stable_id
from app.graph.store import GraphStore
from app.services.search import add_search_terms

POLICY_DOC = "sample_policy"
INVENTORY_DOC = "sample_inventory"
PROVINCE = ("21", "辽宁省")
CITIES = (("2101", "沈阳市"), ("2102", "大连市"), ("2103", "鞍山市"), ("2111", "盘锦市"))
# (chain, its terms, fields whose platforms the classifier should link to it)
CHAINS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("集成电路产业链", ("集成电路", "芯片", "半导体"), ("集成电路设计", "半导体材料", "芯片封装测试")),
    ("新材料产业链", ("材料", "新材料", "合金"), ("先进材料制备", "高性能合金", "复合材料")),
    ("生物医药产业链", ("生物医药", "药物", "医药"), ("生物医药研发", "创新药物", "医疗器械")),
    ("智能制造产业链", ("智能制造", "机器人", "数控"), ("工业机器人", "智能农机装备", "数控机床")),
    ("海洋经济产业链", ("海洋", "海洋生物", "船舶"), ("海洋生物资源", "船舶与海洋工程")),
    ("氢能产业链", ("氢能", "燃料电池", "储氢"), ()),  # a gap: named in policy, no platform
)
OTHER_FIELDS = ("精细化工", "现代农业", "数字经济", "节能环保")
TYPES = ("重点实验室", "技术创新中心", "工程研究中心", "工程技术研究中心", "新型研发机构", "企业技术中心")
LEVELS = ("省级", "省级", "省级", "国家级", "市级")
INST_KINDS = ("university", "enterprise", "institute", "hospital")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志红"
SYLLABLES = "东华新远盛达信通宏泰恒瑞安康博源鑫科创联蓝海中天金北辽"
POLICY_TEXT = """辽宁省科技创新平台建设实施方案（样例）

一、总体目标
到2025年，全省省级重点实验室达到40家，技术创新中心新建15家，工程研究中心达到30家。
到2027年，全省新型研发机构达到10家。

二、优化整合
原工程技术研究中心按程序转建为技术创新中心，工程技术研究中心不再批复新建。

三、服务产业链
围绕集成电路、新材料、生物医药、智能制造、海洋经济和氢能等重点产业链，布局建设实验室群。
"""
# Target sentences of POLICY_TEXT: (quote, count, kind, type, level, year)
TARGETS = (
    ("省级重点实验室达到40家", 40, "total", "重点实验室", "省级", 2025),
    ("技术创新中心新建15家", 15, "new", "技术创新中心", None, 2025),
    ("工程研究中心达到30家", 30, "total", "工程研究中心", None, 2025),
    ("新型研发机构达到10家", 10, "total", "新型研发机构", None, 2027),
)


def _tokens(text: str) -> list[str]:
    return [t for t in jieba.lcut(text, HMM=False) if len(t) >= 2]


@dataclass
class _Ctx:
    rng: random.Random
    inv: GraphBatch
    evidence: bool
    row: int = 1
    names: set[str] = field(default_factory=set)

    def ev(self, quote: str) -> Evidence | None:
        self.row += 1
        if not self.evidence:
            return None
        return Evidence(doc_id=INVENTORY_DOC, rule="inventory_row", row=self.row, quote=quote)


def region_id(code: str) -> str:
    return stable_id(Label.REGION, code)


def type_id(name: str) -> str:
    return stable_id(Label.PLATFORM_TYPE, name)


def chain_id(name: str) -> str:
    return stable_id(Label.INDUSTRIAL_CHAIN, PROVINCE[1], name)


def policy_batch() -> GraphBatch:
    """The policy document's facts: frame nodes (regions, types), targets, transitions, chains."""
    from ingest import taxonomy

    b = GraphBatch(doc_id=POLICY_DOC)
    doc = (Label.DOCUMENT, document_id(POLICY_DOC))
    b.add_node(Label.REGION, region_id(PROVINCE[0]), {"code": PROVINCE[0], "name": PROVINCE[1], "level": "province"})
    for code, name in CITIES:
        b.add_node(Label.REGION, region_id(code), {"code": code, "name": name, "level": "city", "province_code": "21"})
        b.add_rel(Rel.PART_OF, (Label.REGION, region_id(code)), (Label.REGION, region_id(PROVINCE[0])))
    specs = taxonomy.by_name()
    for t in TYPES:
        spec = specs[t]
        cat = stable_id(Label.CATEGORY, spec.category)
        b.add_node(Label.CATEGORY, cat, {"name": spec.category})
        tprops: dict[str, PropValue] = {
            "name": t,
            "category": spec.category,
            "family": spec.family,
            "legacy": spec.legacy,
        }
        b.add_node(Label.PLATFORM_TYPE, type_id(t), tprops)
        b.add_rel(Rel.IN_CATEGORY, (Label.PLATFORM_TYPE, type_id(t)), (Label.CATEGORY, cat))

    def span(quote: str, rule: str) -> Evidence:
        start = POLICY_TEXT.index(quote)
        return Evidence(doc_id=POLICY_DOC, start=start, end=start + len(quote), quote=quote, rule=rule)

    for quote, count, kind, t, level, year in TARGETS:
        tid = stable_id(Label.TARGET, POLICY_DOC, t, level, PROVINCE[1], year, kind, count)
        props: dict[str, PropValue] = {
            "count": count,
            "kind": kind,
            "type": t,
            "level": level,
            "region": PROVINCE[1],
            "year": year,
        }
        ev = span(quote, "target")
        b.add_node(Label.TARGET, tid, {**props, "doc_id": POLICY_DOC}, ev)
        b.add_rel(Rel.SETS_TARGET, doc, (Label.TARGET, tid), {}, ev)
        b.add_rel(Rel.TARGETS_TYPE, (Label.TARGET, tid), (Label.PLATFORM_TYPE, type_id(t)), {}, ev)
        b.add_rel(Rel.TARGETS_REGION, (Label.TARGET, tid), (Label.REGION, region_id(PROVINCE[0])), {}, ev)
    ev = span("原工程技术研究中心按程序转建为技术创新中心", "transition")
    b.add_rel(
        Rel.CONVERTED_TO,
        (Label.PLATFORM_TYPE, type_id("工程技术研究中心")),
        (Label.PLATFORM_TYPE, type_id("技术创新中心")),
        {"kind": "convert", "region": PROVINCE[1], "year": 2025, "doc_id": POLICY_DOC, "quote": ev.quote},
        ev,
        key=PROVINCE[1],
    )
    b.add_rel(
        Rel.STOPS_NEW, doc, (Label.PLATFORM_TYPE, type_id("工程技术研究中心")), {}, span("不再批复新建", "stops_new")
    )
    chain_sentence = POLICY_TEXT.index("围绕集成电路")
    for name, terms, _ in CHAINS:
        short = name.removesuffix("产业链")
        start = POLICY_TEXT.index(short, chain_sentence)
        ev = Evidence(doc_id=POLICY_DOC, start=start, end=start + len(short), quote=short, rule="chain")
        chain_props: dict[str, PropValue] = {"name": name, "region": PROVINCE[1], "terms": list(terms)}
        b.add_node(Label.INDUSTRIAL_CHAIN, chain_id(name), chain_props, ev)
        b.add_rel(Rel.MENTIONS, doc, (Label.INDUSTRIAL_CHAIN, chain_id(name)), {}, ev)
    return add_search_terms(b)


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _institution(c: _Ctx, i: int) -> tuple[str, dict[str, Any]]:
    kind = INST_KINDS[i % len(INST_KINDS)] if i >= 4 else INST_KINDS[i]
    city = CITIES[i % len(CITIES)][1]
    stem = "".join(c.rng.choice(SYLLABLES) for _ in range(2))
    suffix = {"university": "大学", "enterprise": "科技有限公司", "institute": "研究院", "hospital": "医院"}[kind]
    name = f"{city.removesuffix('市')}{stem}{suffix}"
    if name in c.names:
        name = f"{city.removesuffix('市')}{stem}{i}{suffix}"
    c.names.add(name)
    iid = stable_id(Label.INSTITUTION, name)
    props = {"name": name, "kind": kind, "province": PROVINCE[1], "city": city, "aliases": [f"{stem}{suffix[:1]}"]}
    return iid, props


def inventory_batches(platforms: int = 80, seed: int = 7, *, evidence: bool = True) -> Iterator[GraphBatch]:
    """Institutions, platforms and lab clusters; one GraphBatch per ~50k platforms (bounded memory)."""
    rng = random.Random(seed)
    n_inst = max(8, platforms // 10)
    n_clusters = max(4, platforms // 1000)
    c = _Ctx(rng, GraphBatch(doc_id=INVENTORY_DOC), evidence)
    insts = [_institution(c, i) for i in range(n_inst)]
    fields: list[tuple[str, str | None]] = [(f, ch) for ch, _, fs in CHAINS for f in fs]
    fields += [(f, None) for f in OTHER_FIELDS]
    icl: dict[str, str] = {}
    for chain, _, _fs in CHAINS[:5]:
        name = f"{CITIES[len(icl) % len(CITIES)][1].removesuffix('市')}{chain.removesuffix('产业链')}产业集群"
        icl[chain] = stable_id(Label.INDUSTRIAL_CLUSTER, PROVINCE[1], name)
    batch_size = 50_000
    plat_ids: list[tuple[str, str]] = []  # (id, chain) for cluster membership
    for start in range(0, platforms, batch_size):
        b = GraphBatch(doc_id=INVENTORY_DOC)
        c.inv = b
        used_inst: set[int] = set()
        for chain, iid in icl.items():
            b.add_node(Label.INDUSTRIAL_CLUSTER, iid, {"name": _icl_name(iid, icl, chain), "region": PROVINCE[1]})
            b.add_node(Label.INDUSTRIAL_CHAIN, chain_id(chain), {"name": chain, "region": PROVINCE[1]})
            b.add_rel(Rel.PART_OF, (Label.INDUSTRIAL_CLUSTER, iid), (Label.INDUSTRIAL_CHAIN, chain_id(chain)))
        for k in range(start, min(platforms, start + batch_size)):
            fld, pchain = fields[k % len(fields)]
            city_code, city = CITIES[rng.randrange(len(CITIES))]
            t = TYPES[rng.randrange(len(TYPES))]
            level = LEVELS[rng.randrange(len(LEVELS))]
            qual = "" if k < len(fields) * len(TYPES) else f"{rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)}{k}"
            prefix = PROVINCE[1] if level != "市级" else city
            name = f"{prefix}{fld}{qual}{t}"
            pid = stable_id(Label.PLATFORM, name, level, PROVINCE[1])
            hi = rng.randrange(n_inst) if k >= n_inst else k
            host_id, host = insts[hi]
            used_inst.add(hi)
            declared = pchain is not None and k % 3 == 0  # a third of the chain platforms declare an industry
            props: dict[str, PropValue] = {
                "name": name,
                "name_norm": name,
                "field": fld,
                "type": t,
                "type_suffix": t,
                "level": level,
                "region": PROVINCE[1],
                "city": city,
                "host": host["name"],
                "host_id": host_id,
                "year": 2015 + rng.randrange(12),
                "status": "active",
                "industry": [_icl_name(icl[pchain], icl, pchain)] if declared and pchain in icl else [],
                "field_tokens": _tokens(fld),
                "source_file": INVENTORY_DOC,
                "source_row": c.row + 1,
            }
            ev = c.ev(name)
            b.add_node(Label.PLATFORM, pid, props, ev)
            dst = (Label.PLATFORM, pid)
            b.add_rel(Rel.HOSTS, (Label.INSTITUTION, host_id), dst, {"order": 0}, ev)
            if rng.random() < 0.3:
                ci = rng.randrange(n_inst)
                if ci != hi:
                    used_inst.add(ci)
                    b.add_rel(Rel.CO_BUILDS, (Label.INSTITUTION, insts[ci][0]), dst, {"order": 0}, ev)
            b.add_rel(Rel.TYPED_AS, dst, (Label.PLATFORM_TYPE, type_id(t)), {}, ev)
            b.add_rel(Rel.LOCATED_IN, dst, (Label.REGION, region_id(city_code)), {}, ev)
            if declared and pchain in icl:
                b.add_rel(Rel.SERVES, dst, (Label.INDUSTRIAL_CLUSTER, icl[pchain]), {}, ev)
            plat_ids.append((pid, pchain or ""))
        for hi in sorted(used_inst):
            b.add_node(Label.INSTITUTION, insts[hi][0], insts[hi][1], c.ev(insts[hi][1]["name"]))
        yield add_search_terms(b)
    yield add_search_terms(_clusters(c, n_clusters, plat_ids, insts, icl))


def _icl_name(iid: str, icl: dict[str, str], chain: str) -> str:
    i = list(icl).index(chain)
    return f"{CITIES[i % len(CITIES)][1].removesuffix('市')}{chain.removesuffix('产业链')}产业集群"


def _clusters(
    c: _Ctx, n: int, plats: list[tuple[str, str]], insts: list[tuple[str, dict[str, Any]]], icl: dict[str, str]
) -> GraphBatch:
    """Lab clusters (实验室群): director, lead platform or institution, members with roles, served clusters."""
    rng = c.rng
    b = GraphBatch(doc_id=INVENTORY_DOC)
    c.inv = b
    chains = list(icl)
    for k in range(n):
        chain = chains[k % len(chains)]
        name = f"辽宁省{chain.removesuffix('产业链')}实验室群" + (
            f"{k // len(chains) + 1}号" if k >= len(chains) else ""
        )
        cid = stable_id(Label.LAB_CLUSTER, name)
        cl = (Label.LAB_CLUSTER, cid)
        ev = c.ev(name)
        b.add_node(Label.LAB_CLUSTER, cid, {"name": name, "region": PROVINCE[1]}, ev)
        director_inst = insts[rng.randrange(len(insts))]
        person = _person(rng)
        pid = stable_id(Label.PERSON, person, director_inst[1]["name"])
        b.add_node(Label.PERSON, pid, {"name": person, "org": director_inst[1]["name"]}, ev)
        b.add_rel(Rel.DIRECTS, (Label.PERSON, pid), cl, {}, ev)
        b.add_rel(Rel.AFFILIATED_WITH, (Label.PERSON, pid), (Label.INSTITUTION, director_inst[0]), {}, ev)
        b.add_node(Label.INSTITUTION, director_inst[0], director_inst[1])
        b.add_rel(Rel.MEMBER_OF, (Label.PERSON, pid), cl, {"role": "群主任"}, ev)
        pool = [p for p, ch in plats if ch == chain] or [p for p, _ in plats]
        members = rng.sample(pool, min(len(pool), rng.randrange(3, 9)))
        lead = members[0]
        b.add_rel(Rel.LEADS, (Label.PLATFORM, lead), cl, {}, ev)
        for m in members:
            role = "牵头平台" if m == lead else "成员单位"
            b.add_rel(Rel.MEMBER_OF, (Label.PLATFORM, m), cl, {"role": role}, ev)
        for kind, role in (("enterprise", "成员单位"), ("institute", "成员单位"), ("university", "服务机构")):
            pick = [i for i in insts if i[1]["kind"] == kind]
            inst = pick[rng.randrange(len(pick))]
            b.add_node(Label.INSTITUTION, inst[0], inst[1])
            b.add_rel(Rel.MEMBER_OF, (Label.INSTITUTION, inst[0]), cl, {"role": role}, ev)
        # The director's own institution sits in two clusters: a broker between them.
        b.add_rel(Rel.MEMBER_OF, (Label.INSTITUTION, director_inst[0]), cl, {"role": "群主任单位"}, ev)
        b.add_rel(Rel.SERVES, cl, (Label.INDUSTRIAL_CLUSTER, icl[chain]), {}, ev)
    return b


def sha(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def load_sample(store: GraphStore, platforms: int = 80, seed: int = 7, *, evidence: bool = True) -> dict[str, int]:
    """Load the sample (policy, then inventory) into a store; returns node counts by label loaded."""
    counts: dict[str, int] = {}
    pol = load_document(
        store,
        POLICY_DOC,
        sha(POLICY_TEXT),
        {"kind": "policy", "title": "辽宁省科技创新平台建设实施方案（样例）", "raw_text": POLICY_TEXT, "year": 2023},
        [policy_batch()],
    )
    inv = load_document(
        store,
        INVENTORY_DOC,
        sha(platforms, seed, evidence),
        {"kind": "inventory", "title": "辽宁省科技创新平台名单（样例）"},
        inventory_batches(platforms, seed, evidence=evidence),
    )
    for res in (pol, inv):
        for k, v in res.nodes.items():
            counts[k] = counts.get(k, 0) + v
    return counts

"""Stage 6 input: one ExtractedDocument → one GraphBatch (every node and relationship with evidence)."""

from __future__ import annotations

import re
from collections.abc import Callable

from app.model.batch import Evidence, GraphBatch, PropValue
from app.model.schema import TRANSITION_RELS, Label, Rel, stable_id
from app.text import gazetteer
from app.text.cells import norm_name
from app.text.taxonomy import canonical_type, type_from_name
from ingest.policy import lexicon as lx
from ingest.policy.models import ClusterMember, ExtractedDocument, Item
from ingest.resolve.resolver import Resolver

_ENTITY_LABEL = {
    "platform": Label.PLATFORM,
    "institution": Label.INSTITUTION,
    "university": Label.INSTITUTION,
    "company": Label.INSTITUTION,
    "person": Label.PERSON,
    "zone": Label.ZONE,
    "programme": Label.PROGRAMME,
}
# Cluster words with no name of their own (重点产业集群, 创新集群): a mention, not an industrial cluster.
_GENERIC_CLUSTER = re.compile(r"^(?:重点|主要|优势|特色|新兴|战略性新兴|万亿级)?(?:产业|创新)?(?:集群|链|基地)$")

_INDUSTRY_LABEL = {
    "industry_field": Label.INDUSTRY,
    "industry_group": Label.INDUSTRY,
    "research_field": Label.INDUSTRY,
    "industrial_base": Label.INDUSTRIAL_CLUSTER,
    "cluster": Label.INDUSTRIAL_CLUSTER,
    "chain": Label.INDUSTRIAL_CHAIN,
}


class _Builder:
    """One document's batch, built section by section (document, agencies, types, targets, names)."""

    def __init__(self, doc: ExtractedDocument) -> None:
        self.doc = doc
        self.b = GraphBatch(doc_id=doc.doc_id)
        self.dnode = (Label.DOCUMENT, stable_id(Label.DOCUMENT, doc.doc_id))

    def ev(self, item: Item, rule: str | None = None) -> Evidence:
        return Evidence(
            doc_id=self.doc.doc_id,
            start=item.span[0],
            end=item.span[1],
            quote=item.text,
            rule=rule or item.rule,
            confidence=item.confidence,
        )

    def document(self) -> None:
        doc, b, did = self.doc, self.b, self.dnode[1]
        doc_ev = Evidence(
            doc_id=doc.doc_id,
            start=0,
            end=doc.n_chars,
            quote=(doc.title.text if doc.title else ""),
            rule="document.file",
            confidence=1.0,
        )
        b.add_node(
            Label.DOCUMENT,
            did,
            {
                "doc_id": doc.doc_id,
                "title": doc.title.text if doc.title else None,
                "doc_numbers": [n.text for n in doc.doc_numbers],
                "dates": [d.iso for d in doc.dates],
                "region": doc.region,
                "sha256": doc.sha256,
                "path": doc.path,
                "kind": "policy",
                "n_chars": doc.n_chars,
                "raw_text": doc.raw_text,
                "script": doc.script,
                "year": doc.year,
            },
            doc_ev,
        )
        if doc.region_code:
            rid = stable_id(Label.REGION, doc.region_code)
            b.add_node(Label.REGION, rid, {"code": doc.region_code, "name": doc.region}, doc_ev)
            b.add_rel(Rel.LOCATED_IN, self.dnode, (Label.REGION, rid), {}, doc_ev)

    def agencies_and_cited(self) -> None:
        b, dnode, ev = self.b, self.dnode, self.ev
        for a in self.doc.agencies:
            aid = stable_id(Label.AGENCY, a.canonical)
            b.add_node(Label.AGENCY, aid, {"name": a.canonical, "surface": a.name}, ev(a))
            if a.role == "issuer":
                b.add_rel(Rel.ISSUED, (Label.AGENCY, aid), dnode, {"surface": a.name}, ev(a))
            b.add_rel(Rel.MENTIONS, dnode, (Label.AGENCY, aid), {"role": a.role}, ev(a))
        for c in self.doc.cited_documents:
            ckey = c.number or c.title
            cid = stable_id(Label.DOCUMENT, "cited", ckey)
            b.add_node(
                Label.DOCUMENT,
                cid,
                {"doc_id": ckey, "title": c.title, "doc_numbers": [c.number] if c.number else [], "kind": "cited"},
                ev(c),
            )
            b.add_rel(Rel.CITES, dnode, (Label.DOCUMENT, cid), {}, ev(c))

    def ptype(self, name: str, item: Item) -> tuple[Label, str]:
        """A PlatformType node with the same props as the seeded ones (ingest/seed.py) when the taxonomy
        knows the type; types only the policy lexicon knows carry its category and legacy flag."""
        b, ev = self.b, self.ev
        pid = stable_id(Label.PLATFORM_TYPE, name)
        spec = canonical_type(name)
        entry = lx.canonical_types().get(name)
        category = spec.category if spec else (entry.category if entry else None)
        props: dict[str, PropValue] = (
            dict(spec.props())
            if spec is not None and spec.name == name
            else {"name": name, "category": category, "legacy": bool(entry and "legacy" in entry.flags)}
        )
        b.add_node(Label.PLATFORM_TYPE, pid, props, ev(item))
        if category:
            cat = stable_id(Label.CATEGORY, category)
            b.add_node(Label.CATEGORY, cat, {"name": category}, ev(item))
            b.add_rel(Rel.IN_CATEGORY, (Label.PLATFORM_TYPE, pid), (Label.CATEGORY, cat), {}, ev(item))
        return Label.PLATFORM_TYPE, pid

    def types_and_transitions(self) -> None:
        doc, b, dnode, ev, ptype = self.doc, self.b, self.dnode, self.ev, self.ptype
        for p in doc.platform_types:
            node = ptype(p.type, p)
            rel = Rel.DEFINES if p.core else Rel.MENTIONS
            b.add_rel(rel, dnode, node, {"level": p.level, "surface": p.text}, ev(p))
        for t in doc.transitions:
            props = {"kind": t.kind, "region": doc.region, "year": doc.year, "doc_id": doc.doc_id, "quote": t.text}
            if t.kind in ("stop_new", "revoke"):
                for f in t.from_type:
                    rel = Rel.STOPS_NEW if t.kind == "stop_new" else Rel.REVOKES
                    b.add_rel(rel, dnode, ptype(f, t), props, ev(t))
            elif t.to_type and t.kind in TRANSITION_RELS:
                for f in t.from_type:
                    # One edge per stating document (key): the same transition stated by two provinces, or
                    # in two years, keeps each statement's region, year and quote instead of the last one's.
                    b.add_rel(TRANSITION_RELS[t.kind], ptype(f, t), ptype(t.to_type, t), props, ev(t), key=doc.doc_id)

    def targets(self) -> None:
        doc, b, dnode, ev = self.doc, self.b, self.dnode, self.ev
        for tg in doc.targets:
            tid = stable_id(Label.TARGET, doc.doc_id, tg.type, tg.level, tg.region, tg.year, tg.kind, tg.count)
            b.add_node(
                Label.TARGET,
                tid,
                {
                    "count": tg.count,
                    "count_max": tg.count_max,
                    "kind": tg.kind,
                    "type": tg.type,
                    "level": tg.level,
                    "region": tg.region,
                    "year": tg.year,
                    "doc_id": doc.doc_id,
                },
                ev(tg),
            )
            b.add_rel(Rel.SETS_TARGET, dnode, (Label.TARGET, tid), {}, ev(tg))
            b.add_rel(Rel.TARGETS_TYPE, (Label.TARGET, tid), self.ptype(tg.type, tg), {}, ev(tg))
            reg = gazetteer.region_by_name(tg.region) if tg.region else None
            if reg:
                rnode = (Label.REGION, stable_id(Label.REGION, reg.code))
                b.add_rel(Rel.TARGETS_REGION, (Label.TARGET, tid), rnode, {}, ev(tg))

    def entities_and_industries(self) -> None:
        doc, b, dnode, ev = self.doc, self.b, self.dnode, self.ev
        for e in doc.entities:
            label = _ENTITY_LABEL.get(e.kind, Label.INSTITUTION)
            key: tuple[str | None, ...] = (e.name, doc.region_code) if label is Label.PLATFORM else (e.name,)
            nid = stable_id(label, *key)
            b.add_node(
                label,
                nid,
                {"name": e.name, "kind": e.kind, "type": e.type, "known": e.known, "confidence": e.confidence},
                ev(e),
            )
            b.add_rel(Rel.MENTIONS, dnode, (label, nid), {}, ev(e))
            if label is Label.PLATFORM and e.type:
                b.add_rel(Rel.TYPED_AS, (label, nid), self.ptype(e.type, e), {}, ev(e))
        for i in doc.industries:
            label = _INDUSTRY_LABEL.get(i.kind, Label.INDUSTRY)
            if label is Label.INDUSTRY:
                nid = stable_id(label, "", i.name)
                b.add_node(label, nid, {"name": i.name, "kind": i.kind}, ev(i))
                b.add_rel(Rel.MENTIONS, dnode, (label, nid), {}, ev(i))
            elif not _GENERIC_CLUSTER.match(i.name):
                # The same key as rosters and inventories (province + normalised name), so a base or cluster
                # named by a policy and by a lab-cluster list is one node, and it carries its region.
                node = _industrial(b, i.name, doc.region, ev(i))
                b.add_node(node[0], node[1], {"kind": i.kind}, ev(i))
                b.add_rel(Rel.MENTIONS, dnode, node, {}, ev(i))


def to_batch(doc: ExtractedDocument) -> GraphBatch:
    bu = _Builder(doc)
    bu.document()
    bu.agencies_and_cited()
    bu.types_and_transitions()
    bu.targets()
    bu.entities_and_industries()
    _lab_clusters(bu.b, doc, bu.dnode, bu.ev)
    return bu.b


def _industrial(b: GraphBatch, name: str, province: str | None, e: Evidence) -> tuple[Label, str]:
    """Same key as the inventory pipeline (province name + matching form) so both meet in one node."""
    label = Label.INDUSTRIAL_CHAIN if name.endswith("链") else Label.INDUSTRIAL_CLUSTER
    nn = norm_name(name)
    nid = stable_id(label, province, nn)
    b.add_node(label, nid, {"name": name, "name_norm": nn, "region": province}, e)
    return label, nid


def _cluster(b: GraphBatch, name: str, province: str | None, e: Evidence, **props: PropValue) -> tuple[Label, str]:
    nn = norm_name(name)
    cid = stable_id(Label.LAB_CLUSTER, nn)
    b.add_node(Label.LAB_CLUSTER, cid, {"name": name, "name_norm": nn, "region": province, **props}, e)
    return Label.LAB_CLUSTER, cid


def _org(b: GraphBatch, resolver: Resolver, name: str, province: str | None, e: Evidence) -> tuple[Label, str]:
    """A lead or member: a platform when its name ends in a platform type, else an institution."""
    found = type_from_name(name)
    if found is not None and found[1] > 0 and not name.endswith(("大学", "学院", "公司", "集团")):
        pid = stable_id(Label.PLATFORM, name, province)
        b.add_node(Label.PLATFORM, pid, {"name": name, "type": found[0], "region": province}, e)
        return Label.PLATFORM, pid
    res = resolver.resolve(name, province)
    b.add_node(Label.INSTITUTION, res.id, {"name": res.name, "kind": res.kind, "province": res.province}, e)
    return Label.INSTITUTION, res.id


def _lab_clusters(b: GraphBatch, doc: ExtractedDocument, dnode: tuple[Label, str], ev: Callable[..., Evidence]) -> None:
    province = doc.region
    # Role-level facts of a guideline (群主任 leads 秘书处 …) describe the scheme, not one cluster: they
    # stay on the document (each relation "head|relation|tail", with its own evidence), so /clusters
    # lists only real clusters; industrial clusters the scheme serves are mentions of the document.
    if doc.cluster_roles or doc.cluster_relations:
        b.add_node(
            dnode[0],
            dnode[1],
            {
                "cluster_roles": sorted({r.role for r in doc.cluster_roles}),
                "cluster_role_relations": [f"{r.head}|{r.relation}|{r.tail}" for r in doc.cluster_relations],
            },
            [ev(r) for r in (*doc.cluster_roles, *doc.cluster_relations)],
        )
        for r in doc.cluster_relations:
            if r.relation == "serves" and r.head == "实验室群" and not _GENERIC_CLUSTER.match(r.tail):
                b.add_rel(Rel.MENTIONS, dnode, _industrial(b, r.tail, province, ev(r)), {"scope": "scheme"}, ev(r))
    # Instance-level facts of a roster.
    resolver = Resolver()
    by_cluster: dict[str, list[ClusterMember]] = {}
    for m in doc.cluster_members:
        by_cluster.setdefault(m.cluster, []).append(m)
    for name, members in by_cluster.items():
        cl = _cluster(b, name, province, ev(members[0]))
        b.add_rel(Rel.MENTIONS, dnode, cl, {}, ev(members[0]))
        for m in members:
            e = ev(m)
            if m.kind == "industry":
                b.add_rel(Rel.SERVES, cl, _industrial(b, m.name, province, e), {}, e)
            elif m.kind == "person":
                org = _org(b, resolver, m.affiliation, province, e) if m.affiliation else None
                org_name = m.affiliation or ""
                if org is not None and org[0] is Label.INSTITUTION:
                    org_name = resolver.resolve(m.affiliation or "", province).name
                pid = stable_id(Label.PERSON, m.name, org_name)
                b.add_node(Label.PERSON, pid, {"name": m.name, "organisation": org_name or None}, e)
                if m.role == "群主任":
                    b.add_rel(Rel.DIRECTS, (Label.PERSON, pid), cl, {}, e)
                else:
                    b.add_rel(Rel.MEMBER_OF, (Label.PERSON, pid), cl, {"role": m.role}, e, key=m.role)
                if org is not None and org[0] is Label.INSTITUTION:
                    b.add_rel(Rel.AFFILIATED_WITH, (Label.PERSON, pid), org, {}, e)
            else:
                src = _org(b, resolver, m.name, province, e)
                if m.role in {"牵头单位", "牵头平台", "群主任单位"}:
                    b.add_rel(Rel.LEADS, src, cl, {"role": m.role}, e, key=m.role)
                else:
                    b.add_rel(Rel.MEMBER_OF, src, cl, {"role": m.role}, e, key=m.role)

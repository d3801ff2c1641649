"""Stage 6 input: one ExtractedDocument → one GraphBatch (every node and relationship with evidence)."""

from __future__ import annotations

from app.graph.batch import Evidence, GraphBatch
from app.graph.schema import TRANSITION_RELS, Label, Rel, stable_id
from ingest import gazetteer
from ingest.policy import lexicon as lx
from ingest.policy.models import ExtractedDocument, Item

_ENTITY_LABEL = {
    "platform": Label.PLATFORM,
    "institution": Label.INSTITUTION,
    "university": Label.INSTITUTION,
    "company": Label.INSTITUTION,
    "person": Label.PERSON,
    "zone": Label.ZONE,
    "programme": Label.PROGRAMME,
}
_INDUSTRY_LABEL = {
    "industry_field": Label.INDUSTRY,
    "industry_group": Label.INDUSTRY,
    "research_field": Label.INDUSTRY,
    "industrial_base": Label.INDUSTRIAL_CLUSTER,
    "cluster": Label.INDUSTRIAL_CLUSTER,
    "chain": Label.INDUSTRIAL_CHAIN,
}


def to_batch(doc: ExtractedDocument) -> GraphBatch:
    b = GraphBatch(doc_id=doc.doc_id)
    did = stable_id(Label.DOCUMENT, doc.doc_id)
    dnode = (Label.DOCUMENT, did)

    def ev(item: Item, rule: str | None = None) -> Evidence:
        return Evidence(
            doc_id=doc.doc_id,
            start=item.span[0],
            end=item.span[1],
            quote=item.text,
            rule=rule or item.rule,
            confidence=item.confidence,
        )

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
        b.add_rel(Rel.LOCATED_IN, dnode, (Label.REGION, rid), {}, doc_ev)

    for a in doc.agencies:
        aid = stable_id(Label.AGENCY, a.canonical)
        b.add_node(Label.AGENCY, aid, {"name": a.canonical, "surface": a.name}, ev(a))
        if a.role == "issuer":
            b.add_rel(Rel.ISSUED, (Label.AGENCY, aid), dnode, {"surface": a.name}, ev(a))
        b.add_rel(Rel.MENTIONS, dnode, (Label.AGENCY, aid), {"role": a.role}, ev(a))

    for c in doc.cited_documents:
        ckey = c.number or c.title
        cid = stable_id(Label.DOCUMENT, "cited", ckey)
        b.add_node(
            Label.DOCUMENT,
            cid,
            {"doc_id": ckey, "title": c.title, "doc_numbers": [c.number] if c.number else [], "kind": "cited"},
            ev(c),
        )
        b.add_rel(Rel.CITES, dnode, (Label.DOCUMENT, cid), {}, ev(c))

    def ptype(name: str, item: Item) -> tuple[Label, str]:
        pid = stable_id(Label.PLATFORM_TYPE, name)
        entry = lx.canonical_types().get(name)
        b.add_node(
            Label.PLATFORM_TYPE, pid, {"name": name, "legacy": bool(entry and "legacy" in entry.flags)}, ev(item)
        )
        if entry and entry.category:
            cat = stable_id(Label.CATEGORY, entry.category)
            b.add_node(Label.CATEGORY, cat, {"name": entry.category}, ev(item))
            b.add_rel(Rel.IN_CATEGORY, (Label.PLATFORM_TYPE, pid), (Label.CATEGORY, cat), {}, ev(item))
        return Label.PLATFORM_TYPE, pid

    for p in doc.platform_types:
        node = ptype(p.type, p)
        rel = Rel.DEFINES if p.core else Rel.MENTIONS
        b.add_rel(rel, dnode, node, {"level": p.level, "surface": p.text}, ev(p))

    for t in doc.transitions:
        props = {"kind": t.kind, "region": doc.region, "year": doc.year, "doc_id": doc.doc_id, "quote": t.text}
        if t.kind in ("stop_new", "revoke"):
            for f in t.from_type:
                b.add_rel(Rel.STOPS_NEW if t.kind == "stop_new" else Rel.REVOKES, dnode, ptype(f, t), props, ev(t))
        elif t.to_type and t.kind in TRANSITION_RELS:
            for f in t.from_type:
                b.add_rel(TRANSITION_RELS[t.kind], ptype(f, t), ptype(t.to_type, t), props, ev(t))

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
        b.add_rel(Rel.TARGETS_TYPE, (Label.TARGET, tid), ptype(tg.type, tg), {}, ev(tg))
        reg = gazetteer.region_by_name(tg.region) if tg.region else None
        if reg:
            b.add_rel(
                Rel.TARGETS_REGION, (Label.TARGET, tid), (Label.REGION, stable_id(Label.REGION, reg.code)), {}, ev(tg)
            )

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
            b.add_rel(Rel.TYPED_AS, (label, nid), ptype(e.type, e), {}, ev(e))

    for i in doc.industries:
        label = _INDUSTRY_LABEL.get(i.kind, Label.INDUSTRY)
        nid = stable_id(label, doc.region_code if label is not Label.INDUSTRY else "", i.name)
        b.add_node(label, nid, {"name": i.name, "kind": i.kind}, ev(i))
        b.add_rel(Rel.MENTIONS, dnode, (label, nid), {}, ev(i))

    if doc.cluster_roles:
        lcid = stable_id(Label.LAB_CLUSTER, doc.region_code, "实验室群")
        first = doc.cluster_roles[0]
        b.add_node(
            Label.LAB_CLUSTER,
            lcid,
            {"name": f"{doc.region or ''}实验室群", "roles": sorted({r.role for r in doc.cluster_roles})},
            ev(first),
        )
        b.add_rel(Rel.MENTIONS, dnode, (Label.LAB_CLUSTER, lcid), {}, ev(first))
    return b

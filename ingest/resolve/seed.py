"""The graph's fixed frame, loaded by ``innokg init``: regions (provinces → cities) and the platform
taxonomy (categories → types). Facts of other documents attach to these nodes by id."""

from __future__ import annotations

import hashlib

from app.model.batch import Evidence, GraphBatch
from app.model.schema import Label, Rel, stable_id
from app.text import gazetteer, taxonomy

SEED_DOC_ID = "seed-gazetteer-taxonomy"


def region_id(code: str) -> str:
    return stable_id(Label.REGION, code)


def type_id(type_name: str) -> str:
    return stable_id(Label.PLATFORM_TYPE, type_name)


def category_id(name: str) -> str:
    return stable_id(Label.CATEGORY, name)


def seed_batch() -> GraphBatch:
    batch = GraphBatch(doc_id=SEED_DOC_ID)
    for i, r in enumerate(gazetteer.regions(), start=2):
        ev = Evidence(doc_id=SEED_DOC_ID, rule=f"gazetteer:{r.level}", row=i, quote=r.name)
        props = {
            "code": r.code,
            "name": r.name,
            "short": r.short,
            "level": r.level,
            "province_code": r.province_code,
        }
        batch.add_node(Label.REGION, region_id(r.code), props, ev)
        if r.level == "city":
            batch.add_rel(Rel.PART_OF, (Label.REGION, region_id(r.code)), (Label.REGION, region_id(r.province_code)))
    for cat in taxonomy.CATEGORIES:
        batch.add_node(Label.CATEGORY, category_id(cat), {"name": cat})
    for spec in taxonomy.TYPES:
        batch.add_node(Label.PLATFORM_TYPE, type_id(spec.name), spec.props())
        if spec.category:
            batch.add_rel(
                Rel.IN_CATEGORY,
                (Label.PLATFORM_TYPE, type_id(spec.name)),
                (Label.CATEGORY, category_id(spec.category)),
            )
    return batch


def seed_sha256() -> str:
    """Hash of the seed: `innokg init` reloads it only when the gazetteer or taxonomy changed."""
    h = hashlib.sha256()
    for r in gazetteer.regions():
        h.update(repr(r).encode())
    for spec in taxonomy.TYPES:
        h.update(repr(spec).encode())
    return h.hexdigest()

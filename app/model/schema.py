"""The graph model: the one place that owns labels, relationship types, keys and ids.

Everything else (loader, cypher/schema files, docs/reference/model.md, tests) derives from these tables.
Ids are derived from canonical keys (``<prefix>:<hash>``) so that re-ingesting the same fact
produces the same node and loads are idempotent.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum


class Label(StrEnum):
    DOCUMENT = "Document"
    AGENCY = "Agency"
    REGION = "Region"
    CATEGORY = "Category"
    PLATFORM_TYPE = "PlatformType"
    PLATFORM = "Platform"
    INSTITUTION = "Institution"
    PERSON = "Person"
    LAB_CLUSTER = "LabCluster"
    INDUSTRIAL_CLUSTER = "IndustrialCluster"
    INDUSTRIAL_CHAIN = "IndustrialChain"
    INDUSTRY = "Industry"
    ZONE = "Zone"
    PROGRAMME = "Programme"
    TARGET = "Target"
    EVIDENCE = "Evidence"


class Rel(StrEnum):
    ISSUED = "ISSUED"  # Agency -> Document
    MENTIONS = "MENTIONS"  # Document -> any named thing
    CITES = "CITES"  # Document -> Document
    HOSTS = "HOSTS"  # Institution -> Platform (依托单位)
    CO_BUILDS = "CO_BUILDS"  # Institution -> Platform (共建单位)
    LOCATED_IN = "LOCATED_IN"  # Platform/Institution/Agency/Zone -> Region
    PART_OF = "PART_OF"  # Region -> Region, IndustrialCluster -> IndustrialChain/Industry
    TYPED_AS = "TYPED_AS"  # Platform -> PlatformType
    IN_CATEGORY = "IN_CATEGORY"  # PlatformType -> Category
    DEFINES = "DEFINES"  # Document -> PlatformType (the taxonomy a text defines)
    MERGED_INTO = "MERGED_INTO"  # PlatformType -> PlatformType
    CONVERTED_TO = "CONVERTED_TO"  # PlatformType -> PlatformType
    SUCCEEDS = "SUCCEEDS"  # PlatformType -> PlatformType (restructure)
    PROMOTED_TO = "PROMOTED_TO"  # PlatformType -> PlatformType
    STOPS_NEW = "STOPS_NEW"  # Document -> PlatformType (不再批复新建)
    REVOKES = "REVOKES"  # Document -> PlatformType (撤销)
    MEMBER_OF = "MEMBER_OF"  # Platform/Institution/Person -> LabCluster, with role
    LEADS = "LEADS"  # Platform/Institution -> LabCluster (牵头平台 / 群主任单位)
    DIRECTS = "DIRECTS"  # Person -> LabCluster (群主任)
    AFFILIATED_WITH = "AFFILIATED_WITH"  # Person -> Institution
    SERVES = "SERVES"  # LabCluster/Platform -> IndustrialCluster/IndustrialChain/Industry
    SETS_TARGET = "SETS_TARGET"  # Document -> Target
    TARGETS_TYPE = "TARGETS_TYPE"  # Target -> PlatformType
    TARGETS_REGION = "TARGETS_REGION"  # Target -> Region
    EVIDENCED_BY = "EVIDENCED_BY"  # any fact node -> Evidence
    FROM_DOCUMENT = "FROM_DOCUMENT"  # Evidence -> Document


@dataclass(frozen=True)
class NodeSpec:
    label: Label
    prefix: str  # id prefix, readable in URLs and logs
    key: str  # what the canonical key is made of (documentation)
    indexed: tuple[str, ...] = ()  # properties with a range index besides `id`
    searchable: bool = False  # gets `search_text` (n-grams + jieba tokens, full-text indexed) for /search


NODES: dict[Label, NodeSpec] = {
    s.label: s
    for s in (
        NodeSpec(Label.DOCUMENT, "doc", "doc_id (file stem)", ("sha256", "kind"), True),
        NodeSpec(Label.AGENCY, "agency", "canonical name", ("name",), True),
        NodeSpec(Label.REGION, "region", "admin-division code", ("name", "code")),
        NodeSpec(Label.CATEGORY, "cat", "category name", ("name",)),
        NodeSpec(Label.PLATFORM_TYPE, "ptype", "canonical type name", ("name",)),
        NodeSpec(
            Label.PLATFORM,
            "plat",
            "normalised name + level + region",
            ("name", "type", "region"),  # not host / status: nothing looks platforms up by them
            True,
        ),
        NodeSpec(Label.INSTITUTION, "inst", "canonical name", ("name", "kind"), True),
        NodeSpec(Label.PERSON, "person", "name + organisation", ("name",), True),
        NodeSpec(Label.LAB_CLUSTER, "lcl", "cluster name", ("name",), True),
        NodeSpec(Label.INDUSTRIAL_CLUSTER, "icl", "region + cluster name", ("name",), True),
        NodeSpec(Label.INDUSTRIAL_CHAIN, "chain", "region + chain name", ("name",), True),
        NodeSpec(Label.INDUSTRY, "ind", "industry name", ("name",), True),
        NodeSpec(Label.ZONE, "zone", "zone name", ("name",), True),
        NodeSpec(Label.PROGRAMME, "prog", "programme name", ("name",), True),
        NodeSpec(Label.TARGET, "target", "doc + type + level + region + year + kind + count", ("year", "kind")),
        NodeSpec(Label.EVIDENCE, "ev", "doc + span/row + rule + fact", ("doc_id",)),
    )
}

# Which labels a relationship may connect (src labels, dst labels). The loader rejects anything else.
_PT = (Label.PLATFORM_TYPE,)
_NAMED = (
    Label.AGENCY,
    Label.PLATFORM,
    Label.INSTITUTION,
    Label.PERSON,
    Label.LAB_CLUSTER,
    Label.INDUSTRIAL_CLUSTER,
    Label.INDUSTRIAL_CHAIN,
    Label.INDUSTRY,
    Label.ZONE,
    Label.PROGRAMME,
    Label.REGION,
    Label.PLATFORM_TYPE,
)
_SERVED = (Label.INDUSTRIAL_CLUSTER, Label.INDUSTRIAL_CHAIN, Label.INDUSTRY)
RELS: dict[Rel, tuple[tuple[Label, ...], tuple[Label, ...]]] = {
    Rel.ISSUED: ((Label.AGENCY,), (Label.DOCUMENT,)),
    Rel.MENTIONS: ((Label.DOCUMENT,), _NAMED),
    Rel.CITES: ((Label.DOCUMENT,), (Label.DOCUMENT,)),
    Rel.HOSTS: ((Label.INSTITUTION,), (Label.PLATFORM,)),
    Rel.CO_BUILDS: ((Label.INSTITUTION,), (Label.PLATFORM,)),
    Rel.LOCATED_IN: (
        (Label.PLATFORM, Label.INSTITUTION, Label.AGENCY, Label.ZONE, Label.LAB_CLUSTER, Label.DOCUMENT),
        (Label.REGION,),
    ),
    Rel.PART_OF: (
        (Label.REGION, Label.INDUSTRIAL_CLUSTER, Label.INDUSTRIAL_CHAIN),
        (Label.REGION, Label.INDUSTRIAL_CHAIN, Label.INDUSTRY),
    ),
    Rel.TYPED_AS: ((Label.PLATFORM,), _PT),
    Rel.IN_CATEGORY: (_PT, (Label.CATEGORY,)),
    Rel.DEFINES: ((Label.DOCUMENT,), _PT),
    Rel.MERGED_INTO: (_PT, _PT),
    Rel.CONVERTED_TO: (_PT, _PT),
    Rel.SUCCEEDS: (_PT, _PT),
    Rel.PROMOTED_TO: (_PT, _PT),
    Rel.STOPS_NEW: ((Label.DOCUMENT,), _PT),
    Rel.REVOKES: ((Label.DOCUMENT,), _PT),
    Rel.MEMBER_OF: ((Label.PLATFORM, Label.INSTITUTION, Label.PERSON), (Label.LAB_CLUSTER,)),
    Rel.LEADS: ((Label.PLATFORM, Label.INSTITUTION), (Label.LAB_CLUSTER,)),
    Rel.DIRECTS: ((Label.PERSON,), (Label.LAB_CLUSTER,)),
    Rel.AFFILIATED_WITH: ((Label.PERSON,), (Label.INSTITUTION,)),
    Rel.SERVES: ((Label.LAB_CLUSTER, Label.PLATFORM), _SERVED),
    Rel.SETS_TARGET: ((Label.DOCUMENT,), (Label.TARGET,)),
    Rel.TARGETS_TYPE: ((Label.TARGET,), _PT),
    Rel.TARGETS_REGION: ((Label.TARGET,), (Label.REGION,)),
    Rel.EVIDENCED_BY: (tuple(lb for lb in Label if lb is not Label.EVIDENCE), (Label.EVIDENCE,)),
    Rel.FROM_DOCUMENT: ((Label.EVIDENCE,), (Label.DOCUMENT,)),
}

# Type transitions a policy can state, mapped to the relationship that records them.
TRANSITION_RELS: dict[str, Rel] = {
    "merge": Rel.MERGED_INTO,
    "convert": Rel.CONVERTED_TO,
    "restructure": Rel.SUCCEEDS,
    "promote": Rel.PROMOTED_TO,
}

# Labels whose nodes exist on their own (gazetteers, taxonomy), not only through some document's
# evidence: purging a document never deletes them.
SEEDED_LABELS = frozenset({Label.REGION, Label.CATEGORY, Label.PLATFORM_TYPE})


def stable_id(label: Label, *key_parts: object) -> str:
    """Deterministic id from a canonical key: same key, same id, in every run and on every engine.

    A document keyed by its doc_id alone keeps it readable (see ``document_id``)."""
    if label is Label.DOCUMENT and len(key_parts) == 1:
        return document_id(str(key_parts[0]))
    key = "\x1f".join("" if p is None else str(p).strip() for p in key_parts)
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()
    return f"{NODES[label].prefix}:{digest}"


def document_id(doc_id: str) -> str:
    """Documents keep their own readable id (the file stem, e.g. 000_b4f945b6ec42ab35) as node id."""
    return f"{NODES[Label.DOCUMENT].prefix}:{doc_id}"


def label_of_id(node_id: str) -> Label | None:
    """The label an id was minted for (ids carry their label's prefix)."""
    prefix = node_id.split(":", 1)[0]
    for spec in NODES.values():
        if spec.prefix == prefix:
            return spec.label
    return None


def check_rel(rel: Rel, src: Label, dst: Label) -> None:
    srcs, dsts = RELS[rel]
    if src not in srcs or dst not in dsts:
        raise ValueError(f"{rel.value} does not connect {src.value} -> {dst.value}")

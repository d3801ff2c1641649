"""Pydantic models passed between the stages of the policy pipeline and the JSON contract."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Item(BaseModel):
    """Anything found in a text: its [start, end) code-point span in the RAW text and the quote."""

    span: tuple[int, int]
    text: str
    rule: str
    confidence: float = 1.0

    def contract(self) -> dict[str, Any]:
        d = self.model_dump(exclude={"rule", "confidence"})
        d["span"] = list(self.span)
        d["rule"] = self.rule
        d["confidence"] = self.confidence
        return d


class DocNumber(Item):
    pass


class Title(Item):
    pass


class DateItem(Item):
    iso: str
    role: str  # publication | signature


class Agency(Item):
    name: str  # surface in simplified script
    canonical: str
    role: str  # issuer | mentioned


class CitedDocument(Item):
    title: str  # simplified
    number: str | None = None
    number_span: tuple[int, int] | None = None


class PlatformTypeMention(Item):
    type: str
    level: str | None
    category: str | None
    core: bool = False  # listed in the document's own category definition


class Transition(Item):
    kind: str  # merge | convert | stop_new | revoke | restructure | promote
    from_type: list[str]
    to_type: str | None


class Target(Item):
    count: int
    count_max: int | None = None  # upper bound: the high end of a range (300-350家) or 不超过N
    bound: str = "exact"  # exact | min (N家以上, 不少于N) | max (不超过N) | range
    kind: str  # total | increment | removal | conversion | stat_total | stat_increment | stat_accepted | ...
    type: str
    level: str | None
    region: str | None
    year: int | None
    year_rule: str = ""


class Entity(Item):
    kind: str  # platform | institution | university | company | zone | programme | person
    name: str
    type: str | None = None
    known: bool = True  # False: proposed from a pattern, no dictionary knows it


class Industry(Item):
    name: str
    kind: str  # industry_field | industry_group | industrial_base | cluster | chain


class ClusterRole(Item):
    role: str


class ClusterRelation(Item):
    """A role-level lab-cluster fact from a guideline: (群主任, filled_from, 牵头平台)."""

    head: str
    relation: str  # filled_from | has_role | has_part | assists | serves | led_by | guided_by | ...
    tail: str


class ClusterMember(Item):
    """One filled role of a named lab cluster from a roster: 群主任：张三（大连理工大学）."""

    cluster: str
    role: str  # 群主任 | 副主任 | 牵头单位 | 成员单位 | 服务机构 | 服务产业集群 | ...
    name: str
    kind: str  # person | organisation | industry
    affiliation: str | None = None


class ExtractedDocument(BaseModel):
    doc_id: str
    path: str
    sha256: str
    n_chars: int
    raw_text: str = Field(repr=False)
    script: str  # zh-Hans | zh-Hant
    region: str | None = None
    region_code: str | None = None
    year: int | None = None
    title: Title | None = None
    doc_numbers: list[DocNumber] = Field(default_factory=list)
    dates: list[DateItem] = Field(default_factory=list)
    agencies: list[Agency] = Field(default_factory=list)
    cited_documents: list[CitedDocument] = Field(default_factory=list)
    platform_types: list[PlatformTypeMention] = Field(default_factory=list)
    transitions: list[Transition] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    industries: list[Industry] = Field(default_factory=list)
    cluster_roles: list[ClusterRole] = Field(default_factory=list)
    cluster_relations: list[ClusterRelation] = Field(default_factory=list)
    cluster_members: list[ClusterMember] = Field(default_factory=list)

    def to_contract(self) -> dict[str, Any]:
        """The stable JSON shape of `innokg extract --format json` (docs/reference/extract.md)."""

        def items(xs: list[Any]) -> list[dict[str, Any]]:
            return [x.contract() for x in xs]

        return {
            "doc_id": self.doc_id,
            "path": self.path,
            "sha256": self.sha256,
            "n_chars": self.n_chars,
            "script": self.script,
            "region": self.region,
            "year": self.year,
            "title": self.title.contract() if self.title else None,
            "doc_numbers": items(self.doc_numbers),
            "dates": items(self.dates),
            "agencies": items(self.agencies),
            "cited_documents": items(self.cited_documents),
            "platform_types": items(self.platform_types),
            "transitions": items(self.transitions),
            "targets": items(self.targets),
            "entities": items(self.entities),
            "industries": items(self.industries),
            "cluster_roles": items(self.cluster_roles),
            "cluster_relations": items(self.cluster_relations),
            "cluster_members": items(self.cluster_members),
        }

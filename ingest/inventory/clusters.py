"""Stage 2 for lab-cluster lists (实验室群): clusters, their directors, leads and members.

A member or lead is linked to a platform or institution the store already holds when one exists under a
candidate id (``lookup``), else created by the list (docs/reference/inventory.md, "Lab clusters").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.model.schema import Label, Rel, stable_id
from app.text.cells import norm_name, split_list
from app.text.gazetteer import Region, locate, province_of
from app.text.names import MUNICIPAL, canonical_name_norm, name_host, parse_name, unmapped_type
from app.text.taxonomy import NATIONAL, PROVINCIAL, by_name
from ingest.inventory.builder import Builder, Row, cluster_node, industrial, platform_id
from ingest.resolve.resolver import kind_of

_PERSON = re.compile(r"^(?P<name>[^（(]+?)\s*(?:[（(](?P<org>[^）)]+)[）)])?$")
_PLATFORM_KINDS = frozenset({"institute", "service", "other"})
_LEVELS = (NATIONAL, PROVINCIAL, MUNICIPAL)


@dataclass(frozen=True)
class _Candidate:
    surface: str
    name_norm: str
    type: str
    level: str
    province: str | None
    ids: tuple[str, ...]  # platform ids in order of preference
    host: str  # the organisation the name states (X股份有限公司技术中心 → X), "" if none
    unmapped: bool = False  # named like a platform of no known type: a platform only if the store has it


def _platform_candidate(surface: str, province: Region | None, level: str) -> _Candidate | None:
    """A member named like a platform (its name ends in a platform type and it is not a company /
    university / hospital …): the platform ids it may have in the store. The inventory pipeline's key is
    (canonical name, level, province); a cluster list rarely states the level, so the name's level comes
    first, then the list's, then the others."""
    nn = norm_name(surface)
    parts = parse_name(nn)
    t = parts.type or unmapped_type(nn)
    if t is None or kind_of(nn) not in _PLATFORM_KINDS:
        return None
    region = parts.region or province
    prov = province_of(region) if region else None
    lvl = parts.level or level
    name_norm = canonical_name_norm(nn, parts, prov)
    pname = prov.name if prov else None
    levels = dict.fromkeys((lvl, *_LEVELS))
    ids = tuple(platform_id(name_norm, lv, pname) for lv in levels)
    return _Candidate(surface, name_norm, t, lvl, pname, ids, name_host(nn)[0], parts.type is None)


Node = tuple[Label, str]


def _member(b: Builder, surface: str, province: Region | None, level: str, ev: str) -> tuple[Node, Node | None]:
    """A member / lead named in a cluster list: an EXISTING platform when the store holds one under a
    candidate id (linked, its properties left as the inventory stated them), else a new platform; or an
    institution (resolved like inventory hosts: same id as the host of the same name). Second: the
    institution the platform's name states (a company's 技术中心 → the company), else None."""
    cand = _platform_candidate(surface, province, level)
    if cand is not None and cand.unmapped and not any(i in b.existing for i in cand.ids):
        cand = None  # 成果转化服务中心: an institution unless a list made it a platform
    if cand is None:
        res = b.resolver.resolve(surface, province.name if province else None)
        if b.members is not None:
            b.members.count(res.id, res.id in b.existing)
        return (Label.INSTITUTION, b.institution(res, ev)), None
    found = next((i for i in cand.ids if i in b.existing), None)
    if b.members is not None:
        b.members.count(cand.ids[0], found is not None)
    host = None
    if cand.host:
        host = (Label.INSTITUTION, b.institution(b.resolver.resolve(cand.host, cand.province), ev))
    if found is not None:
        b.node(Label.PLATFORM, found, {}, ev)
        return (Label.PLATFORM, found), host
    pid = _new_platform(b, cand, ev)
    if host is not None:  # the platform is new: the list is the first to say who hosts it
        b.rel(Rel.HOSTS, host, (Label.PLATFORM, pid), {"surface": cand.host, "rule": "named", "order": 0}, ev, "")
    return (Label.PLATFORM, pid), host


def _new_platform(b: Builder, cand: _Candidate, ev: str) -> str:
    spec = by_name()[cand.type]
    b.node(
        Label.PLATFORM,
        cand.ids[0],
        {
            "name": cand.surface,
            "name_norm": cand.name_norm,
            "type": cand.type,
            "family": spec.family,
            "level": cand.level,
            "region": cand.province,
        },
        ev,
    )
    return cand.ids[0]


def _row_province(row: Row, default_province: Region | None) -> Region | None:
    place = locate(row["region"], default_province) if "region" in row else None
    region = place.region if place is not None else parse_name(norm_name(row["cluster"])).region
    return province_of(region) if region else default_province


def _lookup_members(b: Builder, rows: list[Row], default_province: Region | None, default_level: str) -> None:
    """One store lookup per batch for every member / lead this batch names."""
    if b.lookup is None:
        return
    platform_ids: list[str] = []
    inst_ids: list[str] = []
    for row in rows:
        province = _row_province(row, default_province)
        for surface in split_list(row.get("lead_platform", "")) + split_list(row.get("member", "")):
            cand = _platform_candidate(surface, province, default_level)
            if cand is not None:
                platform_ids.extend(cand.ids)
                if cand.host:
                    inst_ids.append(b.resolver.resolve(cand.host, cand.province).id)
            if cand is None or cand.unmapped:
                inst_ids.append(b.resolver.resolve(surface, province.name if province else None).id)
    b.existing = b.lookup(Label.PLATFORM, list(dict.fromkeys(platform_ids)))
    b.existing |= b.lookup(Label.INSTITUTION, list(dict.fromkeys(inst_ids)))


def clusters(b: Builder, rows: list[Row], default_province: Region | None, default_level: str) -> None:
    _lookup_members(b, rows, default_province, default_level)
    for row in rows:
        name: str = row["cluster"]
        ev = b.row_evidence(row, name)
        province = _row_province(row, default_province)
        pname = province.name if province else None
        cid = cluster_node(b, name, province, ev)
        cl = (Label.LAB_CLUSTER, cid)
        org_id: str | None = None
        orgs = split_list(row.get("director_org", ""))
        director = row.get("director")
        person_org = None
        if director:
            m = _PERSON.match(director.strip())
            pname_, bracket = (m.group("name").strip(), m.group("org")) if m else (director.strip(), None)
            person_org = bracket or (orgs[0] if orgs else None)
            org_res = b.resolver.resolve(person_org, pname) if person_org else None
            person_id = stable_id(Label.PERSON, pname_, org_res.name if org_res else "")
            b.node(Label.PERSON, person_id, {"name": pname_, "organisation": org_res.name if org_res else None}, ev)
            b.rel(Rel.DIRECTS, (Label.PERSON, person_id), cl, {}, ev, dedupe="")
            if org_res is not None:
                org_id = b.institution(org_res, ev)
                b.rel(Rel.AFFILIATED_WITH, (Label.PERSON, person_id), (Label.INSTITUTION, org_id), {}, ev, dedupe="")
        for org in orgs:
            src = (Label.INSTITUTION, b.institution(b.resolver.resolve(org, pname), ev))
            b.rel(Rel.LEADS, src, cl, {"role": "群主任单位"}, ev, dedupe="群主任单位")
        for lead in split_list(row.get("lead_platform", "")):
            src, _host = _member(b, lead, province, default_level, ev)
            b.rel(Rel.LEADS, src, cl, {"role": "牵头平台"}, ev, dedupe="牵头平台")
        for item in split_list(row.get("industry", "")):
            b.rel(Rel.SERVES, cl, industrial(b, item, province, ev), {}, ev, dedupe="")
        role = row.get("role") or "成员单位"
        for member in split_list(row.get("member", "")):
            src, host = _member(b, member, province, default_level, ev)
            b.rel(Rel.MEMBER_OF, src, cl, {"role": role}, ev, dedupe=role)
            if host is not None:  # the company of a member 技术中心 is a member through it
                b.rel(Rel.MEMBER_OF, host, cl, {"role": role, "via": member}, ev, dedupe=f"{role}:{member}")

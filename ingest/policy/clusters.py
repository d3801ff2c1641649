"""Lab clusters (实验室群): how roles relate (from a guideline) and who fills them (from a roster).

Two kinds of text carry lab-cluster facts:
- a guideline (工作指引) defines roles and their relations: 群主任一般由牵头平台…担任 → (群主任,
  filled_from, 牵头平台). These are role-level facts (`ClusterRelation`), one per trigger phrase.
- a roster (名单 / 组建方案) names the cluster and fills the roles: `群主任：张三（大连理工大学）`,
  `牵头单位：…`, `成员单位：A、B、C`, `服务产业集群：…` → `ClusterMember` items, which become
  Person -DIRECTS-> LabCluster, Person -AFFILIATED_WITH-> Institution, … -LEADS->, -MEMBER_OF {role}->,
  LabCluster -SERVES-> IndustrialCluster in the graph.
The subject of a clause is the role it starts with, else the role of the section it sits in
(`(一)群主任。` … `主要工作职责:…`), so duties listed under a heading are attributed to that role.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ingest.policy import lexicon as lx
from ingest.policy.models import ClusterMember, ClusterRelation

if TYPE_CHECKING:
    from ingest.policy.extract import Doc

CJK = r"\u4e00-\u9fff"
CLUSTER = "实验室群"
_SECTION = re.compile(rf"^\s*\([一二三四五六七八九十]+\)\s*([{CJK}]{{2,8}})。", re.MULTILINE)
_CLAUSE = re.compile(r"[^,;。\n:]+")


def _roles_in(text: str) -> list[tuple[int, int, str]]:
    return [(s, e, str(r)) for s, e, _w, r in lx.longest_matches(lx.role_automaton(), text)]


def _parties(text: str) -> list[str]:
    """Roles and agencies named in a span, in order (省科技厅、产业集群牵头单位 → both)."""
    out: list[tuple[int, str]] = [(s, r) for s, _e, r in _roles_in(text)]
    for s, e, _w, _a in lx.longest_matches(lx.agency_automaton(), text):
        start = s - 1 if s > 0 and text[s - 1] == "省" else s
        out.append((start, text[start:e] + ("相关处室" if text.startswith("相关处室", e) else "")))
    return [p for _s, p in sorted(out)]


def _agency_head(clause: str) -> str | None:
    """An agency the clause opens with (省科技厅 / 省科技厅相关处室), from the agency dictionary."""
    for s, e, _w, _a in lx.longest_matches(lx.agency_automaton(), clause[:12]):
        if s == 0 or (s == 1 and clause[0] in "省市"):
            return clause[:e] + ("相关处室" if clause.startswith("相关处室", e) else "")
    return None


_Add = Callable[..., None]
_REL_TRIGGERS = [
    (r"协助(?:实验室群)?", "assists"),
    (r"会同", "co_drafts_with"),
    (r"提供给", "reports_to"),
    (r"配合", "supports"),
]


def _subject(clause: str, lead: list[tuple[int, int, str]], agency: str | None, fallback: str | None) -> str | None:
    if lead:
        return lead[0][2]
    if agency:
        return agency
    if clause.startswith(CLUSTER):
        return CLUSTER
    return fallback


def _structure_relations(clause: str, subject: str | None, add: _Add) -> None:
    """Roles and parts a cluster has: 设主任1名, 副主任若干名, 下设领域组, 由…兼任."""
    if re.search(r"设主任\s*\d+\s*名", clause):
        add(CLUSTER, "has_role", "群主任", "cluster.has_role")
    if (mm := re.match(r"(副主任|执行主任|副秘书长)(?:若干|\d+)名", clause)) is not None:
        add(CLUSTER, "has_role", mm.group(1), "cluster.has_role")
    if re.search(r"做主任.*做执行主任", clause):
        add("执行主任", "alternative_to", "群主任", "cluster.alternative_to")
    if (mm := re.search(rf"下设(?:若干)?(领域组|[{CJK}]{{2,4}}组)", clause)) is not None:
        add(CLUSTER, "has_part", mm.group(1), "cluster.has_part")
    if (mm := re.search(rf"由(?:实验室群的)?([{CJK}]{{2,6}}?)兼任", clause)) is not None and subject:
        add(subject, "held_concurrently_by", mm.group(1), "cluster.held_concurrently_by")


def _subject_relations(clause: str, subject: str | None, add: _Add) -> None:
    """Relations the clause's subject has: assists, co-drafts, reports to, supports, advises, …"""
    if not subject:
        return
    for trig, rel in _REL_TRIGGERS:
        if (mm := re.search(trig, clause)) is not None:
            tails = _parties(clause[mm.end() : mm.end() + 12])
            if tails:
                tail = tails[0] if rel != "supports" else "/".join(tails)
                add(subject, rel, tail, f"cluster.{rel}")
    if re.match(r"是实验室群的咨询机构", clause):
        add(subject, "advises", CLUSTER, "cluster.advises")
    if (mm := re.match(r"设在(.+)$", clause)) is not None:
        add(subject, "located_in", mm.group(1), "cluster.located_in")
    if (mm := re.search(r"在(.+?)的指导下", clause)) is not None:
        for t in _parties(mm.group(1)):
            add(subject, "guided_by", t, "cluster.guided_by")


def _member_relations(clause: str, lead: bool, agency: str | None, add: _Add) -> None:
    """How members are selected, shared, funded, evaluated; what the cluster serves."""
    if (mm := re.search(r"^(.+?)与(.+?)协商选择确定.*?(服务机构|成员单位|牵头单位)$", clause)) is not None:
        add(mm.group(3), "selected_by", f"{mm.group(1)}+{'/'.join(_parties(mm.group(2)))}", "cluster.selected_by")
    if "多群共用" in clause:
        add("服务机构", "shared_across", CLUSTER, "cluster.shared_across")
    if (mm := re.search(r"支撑服务(.+?)(?:创新发展|发展)", clause)) is not None:
        for t in re.split(r"和|、|及", mm.group(1)):
            add(CLUSTER, "serves", t, "cluster.serves")
    if re.search(r"由(.+?)牵头$", clause) is not None and not lead:
        add(CLUSTER, "led_by", "牵头平台", "cluster.led_by", 0.6)
    if (mm := re.search(r"给予.*?(服务机构|成员单位|牵头单位).*?(运行经费|经费)支持", clause)) is not None:
        add(mm.group(1), "funded_by", mm.group(2), "cluster.funded_by")
    if agency and re.search(r"负责组织对实验室群.*考核评价", clause):
        add(agency, "evaluates", CLUSTER, "cluster.evaluates")
    if (mm := re.search(r"支持.*?实验室群(成员单位|牵头单位)承担(.+?项目)", clause)) is not None:
        add(mm.group(1), "may_undertake", mm.group(2), "cluster.may_undertake")


def find_cluster_relations(doc: Doc) -> list[ClusterRelation]:
    text = doc.text[: doc.body_end]
    if text.count(CLUSTER) < 3:
        return []
    out: list[ClusterRelation] = []
    sections = [(m.start(), m.group(1)) for m in _SECTION.finditer(text)]
    prev_subject: str | None = None
    for m in _CLAUSE.finditer(text):
        cs, ce = m.span()
        clause = m.group(0).strip()
        cs += len(m.group(0)) - len(m.group(0).lstrip())
        ce = cs + len(clause)

        def add(head: str, rel: str, tail: str, rule: str, conf: float = 0.7, s: int = cs, e: int = ce) -> None:
            if head and tail and head != tail:
                out.append(
                    ClusterRelation(
                        span=(s, e), text=doc.q(s, e), head=head, relation=rel, tail=tail, rule=rule, confidence=conf
                    )
                )

        sec = [r for p, r in sections if p <= cs]
        section_role = sec[-1] if sec and sec[-1] in lx.roles().values() else None
        # a role opens the clause (组长可以由…, 实验室群成员单位…): it is the subject
        lead = [r for r in _roles_in(clause[:12]) if r[0] == 0 or clause[: r[0]] == CLUSTER]
        agency = _agency_head(clause)
        same_sentence = m.start() > 0 and text[m.start() - 1] == ","
        subject = _subject(clause, lead, agency, prev_subject if same_sentence and prev_subject else section_role)
        prev_subject = subject
        if mm := re.search(r"由(.+?)(?:共同|等)?担任", clause) or (
            re.search(r"由(.+?负责同志)$", clause) if lead else None
        ):
            # 群主任一般由牵头平台相关负责同志…担任 / 联络员由省科技厅、产业集群牵头单位有关处室…
            tails = _parties(mm.group(1))
            if subject and tails:
                add(subject, "filled_from", "/".join(dict.fromkeys(tails)), "cluster.filled_from")
            continue
        _structure_relations(clause, subject, add)
        _subject_relations(clause, subject, add)
        _member_relations(clause, bool(lead), agency, add)
    return out


# ---------------------------------------------------------------- rosters

_ROSTER_FIELD = re.compile(
    r"(群主任单位|群主任|副主任|执行主任|秘书长|牵头单位|牵头平台|成员单位|服务机构|服务(?:产业集群|产业链|领域))"
    r"\s*[:：]\s*([^\n；;。]+)"
)
_CLUSTER_NAME = re.compile(rf"([{CJK}A-Za-z0-9]{{2,24}}实验室群)")
_PERSON = re.compile(rf"^([{CJK}]{{2,4}})\s*[（(]([^）)]{{2,40}})[）)]$")


def find_cluster_members(doc: Doc) -> list[ClusterMember]:
    """Roster fields under the nearest preceding cluster name (`XX实验室群` on its own line or before ':')."""
    text = doc.text[: doc.body_end]
    out: list[ClusterMember] = []
    for m in _ROSTER_FIELD.finditer(text):
        names = [(c.group(1), c.start()) for c in _CLUSTER_NAME.finditer(text, max(0, m.start() - 400), m.start())]
        if not names:
            continue
        cluster = names[-1][0]
        field, value = m.group(1), m.group(2)
        pos = m.start(2)
        for part in re.split(r"[、,，]", value):
            s = pos + (len(part) - len(part.lstrip()))
            pos += len(part) + 1
            item = part.strip()
            if len(item) < 2:
                continue
            e = s + len(item)
            person = _PERSON.match(item)
            role = "服务产业集群" if field.startswith("服务") and field != "服务机构" else field
            if person:
                name, kind, affiliation, rule = person.group(1), "person", person.group(2), "cluster.roster_person"
            else:
                kind = "industry" if role == "服务产业集群" else "organisation"
                name, affiliation, rule = item, None, "cluster.roster_field"
            out.append(
                ClusterMember(
                    span=(s, e),
                    text=doc.q(s, e),
                    cluster=cluster,
                    role=role,
                    name=name,
                    kind=kind,
                    affiliation=affiliation,
                    rule=rule,
                    confidence=0.8,
                )
            )
    return out

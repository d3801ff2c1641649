"""Stage 2: InventoryRead → GraphBatches (docs/inventory.md, "Graph").

Rows are written straight into GraphBatch.nodes / .rels / .evidence (same row shapes as
GraphBatch.add_node / add_rel) rather than through the per-call helpers: a million rows make four to
six facts each, and per-call validation would dominate. Every fact of a row shares the row's Evidence
(rule ``inventory_row``, ``row`` and ``seq`` set), so a fact can always be traced to the line it came from.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from hashlib import blake2b
from typing import Any

import jieba

from app.model.batch import Evidence, GraphBatch
from app.model.runtime import gc_paused
from app.model.schema import NODES, Label, Rel, stable_id
from app.text.cells import norm_name, split_list
from app.text.gazetteer import Region, province_of, region_by_name
from app.text.names import (
    MUNICIPAL,
    NameParts,
    canonical_name_norm,
    canonical_type,
    parse_name,
    region_of,
)
from app.text.taxonomy import NATIONAL, PROVINCIAL, by_name
from ingest.inventory.read import InventoryRead
from ingest.resolve.resolver import Resolution, Resolver, kind_of

jieba.setLogLevel(logging.WARNING)

ROW_RULE = "inventory_row"
DEFAULT_SAMPLE = 5000  # rows used to guess a file's default province / level
_PERSON = re.compile(r"^(?P<name>[^（(]+?)\s*(?:[（(](?P<org>[^）)]+)[）)])?$")
_CONJ = re.compile(r"(与|和|及)")
_NON_TOKEN = re.compile(r"^[\W_]+$")
_PLATFORM_KINDS = frozenset({"institute", "service", "other"})

Row = dict[str, Any]
_FIELD_TOKENS: dict[str, list[str]] = {}  # field sub-phrase → jieba tokens (bounded in field_tokens)
_FIELD_WHOLE: dict[str, tuple[str, ...]] = {}  # whole field phrase → its tokens (fields repeat across rows)


def platform_id(name_norm: str, level: str | None, province: str | None) -> str:
    """The platform key every pipeline must use: (canonical normalised name, level, province name).
    = ``stable_id(Label.PLATFORM, name_norm, level, province)``, without its generic argument walk
    (it runs on every row)."""
    lv = "" if level is None else str(level).strip()
    pr = "" if province is None else str(province).strip()
    key = f"{str(name_norm).strip()}\x1f{lv}\x1f{pr}"
    return f"{_PLATFORM_PREFIX}:{blake2b(key.encode('utf-8'), digest_size=8).hexdigest()}"


_PLATFORM_PREFIX = NODES[Label.PLATFORM].prefix
_EVIDENCE_PREFIX = NODES[Label.EVIDENCE].prefix


_EV_FIELDS = frozenset(Evidence.model_fields)


def _evidence(values: dict[str, Any]) -> Evidence:
    """An Evidence without validation or model_construct's default handling (~15 µs → ~2 µs a row):
    every field is given here, by this module, with the right type."""
    ev = Evidence.__new__(Evidence)
    object.__setattr__(ev, "__dict__", values)
    object.__setattr__(ev, "__pydantic_fields_set__", _EV_FIELDS)
    object.__setattr__(ev, "__pydantic_extra__", None)
    object.__setattr__(ev, "__pydantic_private__", None)
    return ev


class _Builder:
    """Accumulates one GraphBatch; dedupes shared nodes (institutions, types, regions) per batch."""

    def __init__(self, read: InventoryRead, resolver: Resolver, tokens: dict[str, list[str]]) -> None:
        self.read = read
        self.doc_id = read.doc_id
        self.ev_head = f"{str(read.doc_id).strip()}\x1f-1\x1f-1\x1f"
        self.resolver = resolver
        self.tokens = tokens
        self.batch = GraphBatch(doc_id=read.doc_id)
        self.nodes = self.batch.nodes
        self.rels = self.batch.rels
        self.evidence = self.batch.evidence
        self.seen: set[str] = set()
        self.seen_rels: set[tuple[str, str, str, str]] = set()
        self.inst_rows: dict[str, dict[str, Any]] = {}
        self.multi_table = len(read.tables) > 1
        self.lookup: Lookup | None = None
        self.members: MemberStats | None = None
        self.existing: set[str] = set()
        self.parsed: dict[str, tuple[str, NameParts]] = {}
        self._document()

    def _document(self) -> None:
        r = self.read
        self.nodes.setdefault(Label.DOCUMENT, []).append(
            {
                "id": stable_id(Label.DOCUMENT, r.doc_id),
                "props": {
                    "doc_id": r.doc_id,
                    "kind": "inventory",
                    "list_kind": r.kind,
                    "sha256": r.sha256,
                    "path": r.path,
                    "format": r.format,
                    "encoding": r.encoding,
                },
                "evidence": [],
            }
        )

    def row_evidence(self, row: Row, quote: str) -> str:
        rule = f"{ROW_RULE}:{row['_sheet']}" if self.multi_table else ROW_RULE
        seq = row.get("seq")
        row_no = row["_row"]
        ev = _evidence(
            {
                "doc_id": self.doc_id,
                "start": -1,
                "end": -1,
                "quote": quote,
                "rule": rule,
                "confidence": 1.0,
                "row": row_no,
                "seq": seq,
            }
        )
        # = stable_id(Label.EVIDENCE, doc_id, -1, -1, row, rule, quote), the constant head joined once
        key = f"{self.ev_head}{'' if row_no is None else str(row_no).strip()}\x1f{rule.strip()}\x1f{quote.strip()}"
        ev_id = f"{_EVIDENCE_PREFIX}:{blake2b(key.encode('utf-8'), digest_size=8).hexdigest()}"
        self.evidence.setdefault(ev_id, ev)
        return ev_id

    def node(self, label: Label, node_id: str, props: dict[str, Any], ev: str | None) -> None:
        if node_id in self.seen:
            return
        self.seen.add(node_id)
        self.nodes.setdefault(label, []).append({"id": node_id, "props": props, "evidence": [ev] if ev else []})

    def rel(
        self,
        rel: Rel,
        src: tuple[Label, str],
        dst: tuple[Label, str],
        props: dict[str, Any],
        ev: str,
        dedupe: str | None = None,
    ) -> None:
        if dedupe is not None:
            key = (rel.value, src[1], dst[1], dedupe)
            if key in self.seen_rels:
                return
            self.seen_rels.add(key)
        self.rels.setdefault((rel, src[0], dst[0]), []).append(
            {"src": src[1], "dst": dst[1], "props": props, "evidence": [ev]}
        )

    def region(self, region: Region) -> str:
        rid = _REGION_IDS.get(region.code)
        if rid is None:
            rid = _REGION_IDS[region.code] = stable_id(Label.REGION, region.code)
        if rid in self.seen:  # most rows: no props dict built just to be dropped by node()
            return rid
        self.node(
            Label.REGION,
            rid,
            {
                "code": region.code,
                "name": region.name,
                "short": region.short,
                "level": region.level,
                "province_code": region.province_code,
            },
            None,
        )
        return rid

    def ptype(self, type_name: str) -> str:
        tid = _TYPE_IDS.get(type_name)
        if tid is None:
            tid = _TYPE_IDS[type_name] = stable_id(Label.PLATFORM_TYPE, type_name)
        if tid in self.seen:
            return tid
        spec = by_name()[type_name]
        self.node(
            Label.PLATFORM_TYPE,
            tid,
            {"name": spec.name, "category": spec.category, "family": spec.family, "legacy": spec.legacy},
            None,
        )
        return tid

    def institution(self, res: Resolution, ev: str) -> str:
        iid = res.id
        row = self.inst_rows.get(iid)
        if row is None:
            props: dict[str, Any] = {
                "name": res.name,
                "kind": res.kind,
                "aliases": [],
                "province": res.province,
                "city": res.city,
                "moe_code": res.moe_code,
                "resolution_rule": res.rule,
                "resolution_alias": res.alias,
            }
            row = {"id": iid, "props": props, "evidence": [ev]}
            self.inst_rows[iid] = row
            self.seen.add(iid)
            self.nodes.setdefault(Label.INSTITUTION, []).append(row)
            loc = self._inst_region(res)
            if loc is not None:
                self.rel(Rel.LOCATED_IN, (Label.INSTITUTION, iid), (Label.REGION, self.region(loc)), {}, ev)
        aliases = row["props"]["aliases"]
        if res.surface != res.name and res.surface not in aliases:
            aliases.append(res.surface)
        return iid

    @staticmethod
    def _inst_region(res: Resolution) -> Region | None:
        if res.city and (r := region_by_name(res.city)) is not None:
            return r
        return region_by_name(res.province) if res.province else None

    def field_tokens(self, field: str) -> list[str]:
        if not field:
            return []
        whole = _FIELD_WHOLE.get(field)
        if whole is not None:
            return list(whole)  # a list per row: rows must not share a mutable property value
        out: list[str] = []
        # Cut per sub-phrase (A与B, A和B): sub-phrases repeat across a list far more than whole fields.
        for part in _CONJ.split(field):
            toks = self.tokens.get(part)
            if toks is None:
                toks = [t for t in jieba.lcut(part, HMM=False) if not _NON_TOKEN.match(t)]
                if len(self.tokens) < 500_000:  # bound the cache
                    self.tokens[part] = toks
            out.extend(toks)
        if len(_FIELD_WHOLE) < 500_000:
            _FIELD_WHOLE[field] = tuple(out)
        return out


def _defaults(read: InventoryRead, parsed: dict[str, tuple[str, NameParts]] | None = None) -> tuple[Region | None, str]:
    """A file's default province and level: the most common ones its names / region cells state.
    ``parsed`` receives (normalised name, parts) per name so that the rows need not parse them again."""
    provinces: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    name_col = "cluster" if read.kind == "lab_cluster" else "name"
    for row in read.rows[:DEFAULT_SAMPLE]:
        name = row.get(name_col, "")
        nn = norm_name(name)
        parts = parse_name(nn)
        if parsed is not None:
            parsed[name] = (nn, parts)
        region = region_of(row["region"]) if "region" in row else parts.region
        if region is not None:
            provinces[province_of(region).code] += 1
        level = row.get("level") or parts.level
        if level:
            levels[level] += 1
    province = None
    if provinces:
        code = provinces.most_common(1)[0][0]
        province = next((r for r in _provinces() if r.code == code), None)
    return province, levels.most_common(1)[0][0] if levels else PROVINCIAL


def _provinces() -> list[Region]:
    from app.text.gazetteer import regions

    return [r for r in regions() if r.level == "province"]


def to_batches(
    read: InventoryRead,
    batch_rows: int = 20000,
    resolver: Resolver | None = None,
    *,
    lookup: Lookup | None = None,
    members: MemberStats | None = None,
) -> Iterator[GraphBatch]:
    """GraphBatches of at most ``batch_rows`` inventory rows each (every batch carries the Document
    node and the shared nodes its rows refer to, so batches load independently and idempotently).

    ``lookup(label, ids)`` → the ids the store holds: lab-cluster members and leads are then linked to
    existing platforms / institutions (see ingest.pipeline.run.existing_ids); ``members`` counts them."""
    resolver = resolver if resolver is not None else Resolver()
    parsed: dict[str, tuple[str, NameParts]] = {}
    default_province, default_level = _defaults(read, parsed if read.kind != "lab_cluster" else None)
    tokens = _FIELD_TOKENS  # per process, not per file: field sub-phrases repeat across files
    rows = read.rows
    for start in range(0, max(len(rows), 1), batch_rows):
        b = _Builder(read, resolver, tokens)
        b.lookup, b.members, b.parsed = lookup, members, parsed
        chunk = rows[start : start + batch_rows]
        with gc_paused():  # not across the yield: the caller's code runs with its own GC setting
            if read.kind == "lab_cluster":
                _clusters(b, chunk, default_province, default_level)
            else:
                # whether any row of the chunk has an unknown column (extra_<header>): one C-level pass
                # over the keys instead of a prefix test of every key of every row
                extras = any(k.startswith("extra_") for k in set().union(*chunk))
                _platform_rows(b, chunk, default_province, default_level, extras)
        yield b.batch


def _platform_rows(
    b: _Builder, rows: list[Row], default_province: Region | None, default_level: str, extras: bool = True
) -> None:
    """The platform rows of one chunk, in order. One loop with the builder's tables in locals and the
    common cases of ``row_evidence`` / ``rel`` / ``institution`` / ``ptype`` / ``region`` / ``field_tokens``
    inlined (a million rows: each call and attribute look-up per row showed); the rows, their order and
    every dict's key order are those the helpers build (tests/inventory/golden)."""
    if not rows:
        return
    parsed, seen, inst_rows, evidence = b.parsed, b.seen, b.inst_rows, b.evidence
    resolve_cell = b.resolver.resolve_cell
    platforms = b.nodes.setdefault(Label.PLATFORM, [])
    rels = b.rels
    hosts_rows = cobs_rows = typed_rows = located_rows = None
    types = by_name()
    doc_id, ev_head, multi_table = b.doc_id, b.ev_head, b.multi_table
    row_rule = ROW_RULE.strip()
    for row in rows:
        name: str = row["name"]
        hit = parsed.get(name)  # parsed once already by _defaults (the first DEFAULT_SAMPLE rows)
        if hit is not None:
            nn, parts = hit
        else:
            nn = norm_name(name)
            parts = parse_name(nn)
        # b.row_evidence(row, name), inlined
        rule = f"{ROW_RULE}:{row['_sheet']}" if multi_table else ROW_RULE
        row_no = row["_row"]
        ev_obj = _evidence(
            {
                "doc_id": doc_id,
                "start": -1,
                "end": -1,
                "quote": name,
                "rule": rule,
                "confidence": 1.0,
                "row": row_no,
                "seq": row.get("seq"),
            }
        )
        key = (
            f"{ev_head}{'' if row_no is None else str(row_no).strip()}"
            f"\x1f{rule.strip() if multi_table else row_rule}\x1f{name.strip()}"
        )
        ev = f"{_EVIDENCE_PREFIX}:{blake2b(key.encode('utf-8'), digest_size=8).hexdigest()}"
        evidence.setdefault(ev, ev_obj)
        t = _type_cell(row["type"]) if "type" in row else None
        t = t or parts.type
        level = row.get("level") or parts.level or default_level
        region = region_of(row["region"]) if "region" in row else parts.region
        province_hint = province_of(region).name if region else (default_province.name if default_province else None)
        hosts = resolve_cell(row.get("host", ""), province_hint)
        cobs = resolve_cell(row.get("co_builders", ""), province_hint)
        if region is None and hosts and hosts[0].province:
            region = region_of(hosts[0].city or hosts[0].province)
            if (
                region is not None
                and parts.region is None
                and default_province is not None
                and province_of(region) != default_province
                and level != "国家级"
            ):
                region = default_province  # a provincial list's platform hosted by an out-of-province body
        if region is None:
            region = default_province
        province = province_of(region) if region is not None else None
        city = region.name if region is not None and region.level == "city" else None
        name_norm = canonical_name_norm(nn, parts, province)
        pid = platform_id(name_norm, level, province.name if province else None)
        spec = types.get(t) if t else None
        cell = row.get("industry", "")
        industry = split_list(cell) if cell else []
        field = parts.field
        if not field:
            tokens: list[str] = []
        else:
            whole = _FIELD_WHOLE.get(field)
            tokens = list(whole) if whole is not None else b.field_tokens(field)
        if hosts:
            h0 = hosts[0]
            h0_id: str | None = h0.id
            host_names = [h0.name] if len(hosts) == 1 else [h.name for h in hosts]
        else:
            h0, h0_id, host_names = None, None, []
        props: dict[str, Any] = {
            "name": name,
            "name_norm": name_norm,
            "region_prefix": parts.region_prefix,
            "field": field,
            "type_suffix": parts.type_suffix,
            "type": t,
            "family": spec.family if spec else None,
            "level": level,
            "region": province.name if province else None,
            "city": city,
            "host": h0.name if h0 is not None else None,
            "host_id": h0_id,
            "hosts": host_names,
            "co_builders": [c.name for c in cobs] if cobs else [],
            "year": row.get("year"),
            "status": row.get("status"),
            "industry": industry,
            "field_tokens": tokens,
            "seq": row.get("seq"),
            "source_file": doc_id,
            "source_row": row_no,
        }
        for key in ("field", "supervisor", "source"):
            if key in row:
                props["domain" if key == "field" else key] = row[key]
        if extras:
            for key, value in row.items():
                if key.startswith("extra_"):
                    props[key] = value
        platforms.append({"id": pid, "props": props, "evidence": [ev]})
        for i, h in enumerate(hosts):
            iid = h0_id if i == 0 and h0_id is not None else h.id
            irow = inst_rows.get(iid)
            if irow is None:
                b.institution(h, ev)
            elif h.surface != h.name and h.surface not in (aliases := irow["props"]["aliases"]):
                aliases.append(h.surface)
            if hosts_rows is None:
                hosts_rows = rels.setdefault((Rel.HOSTS, Label.INSTITUTION, Label.PLATFORM), [])
            hosts_rows.append(
                {"src": iid, "dst": pid, "props": {"surface": h.surface, "rule": h.rule, "order": i}, "evidence": [ev]}
            )
        for i, c in enumerate(cobs):
            iid = b.institution(c, ev)
            if cobs_rows is None:
                cobs_rows = rels.setdefault((Rel.CO_BUILDS, Label.INSTITUTION, Label.PLATFORM), [])
            cobs_rows.append(
                {"src": iid, "dst": pid, "props": {"surface": c.surface, "rule": c.rule, "order": i}, "evidence": [ev]}
            )
        if t is not None:
            tid = _TYPE_IDS.get(t)
            if tid is None or tid not in seen:
                tid = b.ptype(t)
            if typed_rows is None:
                typed_rows = rels.setdefault((Rel.TYPED_AS, Label.PLATFORM, Label.PLATFORM_TYPE), [])
            typed_rows.append({"src": pid, "dst": tid, "props": {}, "evidence": [ev]})
        if region is not None:
            rid = _REGION_IDS.get(region.code)
            if rid is None or rid not in seen:
                rid = b.region(region)
            if located_rows is None:
                located_rows = rels.setdefault((Rel.LOCATED_IN, Label.PLATFORM, Label.REGION), [])
            located_rows.append({"src": pid, "dst": rid, "props": {}, "evidence": [ev]})
        dst = (Label.PLATFORM, pid)
        for item in industry:
            b.rel(Rel.SERVES, dst, _industrial(b, item, province, ev), {}, ev)
        if "cluster" in row:
            cid = _cluster_node(b, row["cluster"], province, ev)
            b.rel(Rel.MEMBER_OF, dst, (Label.LAB_CLUSTER, cid), {"role": row.get("role", "成员单位")}, ev)


_TYPE_IDS: dict[str, str] = {}  # type name → PlatformType id (filled by _Builder.ptype)
_REGION_IDS: dict[str, str] = {}  # region code → Region id (filled by _Builder.region)


@lru_cache(maxsize=4096)
def _type_cell(cell: str) -> str | None:
    """A 类型 cell → canonical type (cells repeat on every row of a list)."""
    return canonical_type(norm_name(cell))


def _industrial(b: _Builder, name: str, province: Region | None, ev: str) -> tuple[Label, str]:
    label = Label.INDUSTRIAL_CHAIN if name.endswith("链") else Label.INDUSTRIAL_CLUSTER
    nn = norm_name(name)
    pname = province.name if province else None
    node_id = stable_id(label, pname, nn)
    b.node(label, node_id, {"name": name, "name_norm": nn, "region": pname}, ev)
    return label, node_id


def _cluster_node(b: _Builder, name: str, province: Region | None, ev: str) -> str:
    nn = norm_name(name)
    cid = stable_id(Label.LAB_CLUSTER, nn)
    b.node(Label.LAB_CLUSTER, cid, {"name": name, "name_norm": nn, "region": province.name if province else None}, ev)
    return cid


@dataclass
class MemberStats:
    """Lab-cluster members / leads (distinct per list): found in the store, or created by the list."""

    existing: int = 0
    new: int = 0
    seen: set[str] = field(default_factory=set)

    def count(self, key: str, found: bool) -> None:
        if key not in self.seen:
            self.seen.add(key)
            if found:
                self.existing += 1
            else:
                self.new += 1


Lookup = Callable[[Label, list[str]], set[str]]
_LEVELS = (NATIONAL, PROVINCIAL, MUNICIPAL)


@dataclass(frozen=True)
class _Candidate:
    surface: str
    name_norm: str
    type: str
    level: str
    province: str | None
    ids: tuple[str, ...]  # platform ids in order of preference


def _platform_candidate(surface: str, province: Region | None, level: str) -> _Candidate | None:
    """A member named like a platform (its name ends in a platform type and it is not a company /
    university / hospital …): the platform ids it may have in the store. The inventory pipeline's key is
    (canonical name, level, province); a cluster list rarely states the level, so the name's level comes
    first, then the list's, then the others."""
    nn = norm_name(surface)
    parts = parse_name(nn)
    if parts.type is None or kind_of(nn) not in _PLATFORM_KINDS:
        return None
    region = parts.region or province
    prov = province_of(region) if region else None
    lvl = parts.level or level
    name_norm = canonical_name_norm(nn, parts, prov)
    pname = prov.name if prov else None
    levels = dict.fromkeys((lvl, *_LEVELS))
    ids = tuple(platform_id(name_norm, lv, pname) for lv in levels)
    return _Candidate(surface, name_norm, parts.type, lvl, pname, ids)


def _member(b: _Builder, surface: str, province: Region | None, level: str, ev: str) -> tuple[Label, str]:
    """A member / lead named in a cluster list: an EXISTING platform when the store holds one under a
    candidate id (linked, its properties left as the inventory stated them), else a new platform; or an
    institution (resolved like inventory hosts: same id as the host of the same name)."""
    cand = _platform_candidate(surface, province, level)
    if cand is not None:
        found = next((i for i in cand.ids if i in b.existing), None)
        if b.members is not None:
            b.members.count(cand.ids[0], found is not None)
        if found is not None:
            b.node(Label.PLATFORM, found, {}, ev)
            return Label.PLATFORM, found
        spec = by_name()[cand.type]
        b.node(
            Label.PLATFORM,
            cand.ids[0],
            {
                "name": surface,
                "name_norm": cand.name_norm,
                "type": cand.type,
                "family": spec.family,
                "level": cand.level,
                "region": cand.province,
            },
            ev,
        )
        return Label.PLATFORM, cand.ids[0]
    res = b.resolver.resolve(surface, province.name if province else None)
    if b.members is not None:
        b.members.count(res.id, res.id in b.existing)
    return Label.INSTITUTION, b.institution(res, ev)


def _row_province(row: Row, default_province: Region | None) -> Region | None:
    region = region_of(row["region"]) if "region" in row else parse_name(norm_name(row["cluster"])).region
    return province_of(region) if region else default_province


def _lookup_members(b: _Builder, rows: list[Row], default_province: Region | None, default_level: str) -> None:
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
            else:
                inst_ids.append(b.resolver.resolve(surface, province.name if province else None).id)
    b.existing = b.lookup(Label.PLATFORM, list(dict.fromkeys(platform_ids)))
    b.existing |= b.lookup(Label.INSTITUTION, list(dict.fromkeys(inst_ids)))


def _clusters(b: _Builder, rows: list[Row], default_province: Region | None, default_level: str) -> None:
    _lookup_members(b, rows, default_province, default_level)
    for row in rows:
        name: str = row["cluster"]
        ev = b.row_evidence(row, name)
        province = _row_province(row, default_province)
        pname = province.name if province else None
        cid = _cluster_node(b, name, province, ev)
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
            src = _member(b, lead, province, default_level, ev)
            b.rel(Rel.LEADS, src, cl, {"role": "牵头平台"}, ev, dedupe="牵头平台")
        for item in split_list(row.get("industry", "")):
            b.rel(Rel.SERVES, cl, _industrial(b, item, province, ev), {}, ev, dedupe="")
        role = row.get("role") or "成员单位"
        for member in split_list(row.get("member", "")):
            src = _member(b, member, province, default_level, ev)
            b.rel(Rel.MEMBER_OF, src, cl, {"role": role}, ev, dedupe=role)

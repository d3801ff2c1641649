"""Stage 2 for platform lists: one Platform node per row, with its hosts, co-builders, type, region,
industries and cluster (docs/reference/inventory.md, "Graph").

The row loop runs a million times on a big load: its common steps (evidence, properties, the type and
region links) are written out in the loop with the builder's tables in locals, the rarer ones are
functions; relationship lists are found once per chunk. The rows, their order and every dict's key
order are those the builder's helpers build (tests/unit/inventory/golden). See docs/benchmarks/inventory.md
and docs/reference/inventory.md, "Code layout".
"""

from __future__ import annotations

from collections.abc import Sequence
from hashlib import blake2b
from typing import Any

from app.model.schema import Label, Rel
from app.text.cells import norm_name, split_list
from app.text.gazetteer import Place, Region, locate, province_of
from app.text.names import (
    NameParts,
    canonical_name_norm,
    host_from_note,
    name_host,
    parse_name,
    region_of,
    unmapped_type,
)
from app.text.taxonomy import by_name
from ingest.inventory.builder import (
    EVIDENCE_PREFIX,
    FIELD_WHOLE,
    REGION_IDS,
    ROW_RULE,
    TYPE_IDS,
    Builder,
    Row,
    cluster_node,
    evidence,
    industrial,
    platform_id,
    type_cell,
)
from ingest.resolve.resolver import Resolution

_ROW_RULE = ROW_RULE.strip()
Parsed = tuple[str, NameParts]


def platform_rows(
    b: Builder, rows: list[Row], default_province: Region | None, default_level: str, extras: bool = True
) -> None:
    """The platform rows of one chunk, in order. The common steps stay in this loop (evidence, props, the
    type / region links: a million rows, each call per row showed); the rarer ones are functions."""
    if not rows:
        return
    parsed, seen, evidence_rows = b.parsed, b.seen, b.evidence
    resolve_cell = b.resolver.resolve_cell
    platforms = b.nodes.setdefault(Label.PLATFORM, [])
    types = by_name()
    out = _RelRows(b.rels)
    places: dict[str, Place | None] = {}  # region cell → place (cells repeat; locate's own cache hashes more)
    doc_id, ev_head, multi_table = b.doc_id, b.ev_head, b.multi_table
    for row in rows:
        name: str = row["name"]
        hit = parsed.get(name)  # parsed once already by _defaults (the first DEFAULT_SAMPLE rows)
        nn, parts = hit if hit is not None else _parse(name)
        # = b.row_evidence(row, name)
        rule = f"{ROW_RULE}:{row['_sheet']}" if multi_table else ROW_RULE
        row_no = row["_row"]
        ev_obj = evidence(
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
            f"\x1f{rule.strip() if multi_table else _ROW_RULE}\x1f{name.strip()}"
        )
        ev = f"{EVIDENCE_PREFIX}:{blake2b(key.encode('utf-8'), digest_size=8).hexdigest()}"
        evidence_rows.setdefault(ev, ev_obj)
        t = type_cell(row["type"]) if "type" in row else None
        t = t or parts.type or unmapped_type(nn)
        level = row.get("level") or parts.level or default_level
        cell = row.get("region")
        place = (places[cell] if cell in places else _locate(places, cell, default_province)) if cell else None
        region = place.region if place is not None else parts.region
        hint = province_of(region).name if region else (default_province.name if default_province else None)
        hosts = resolve_cell(row.get("host") or _named_host(row, nn), hint)
        cobs = resolve_cell(row.get("co_builders", ""), hint)
        if region is None:
            region = _host_region(parts, hosts, level, default_province)
        province = province_of(region) if region is not None else None
        name_norm = canonical_name_norm(nn, parts, province)
        pid = platform_id(name_norm, level, province.name if province else None)
        spec = types.get(t) if t else None
        ind = row.get("industry", "")
        field = parts.field
        whole = FIELD_WHOLE.get(field) if field else ()
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
            "city": region.name if region is not None and region.level == "city" else None,
            "host": hosts[0].name if hosts else None,
            "host_id": hosts[0].id if hosts else None,
            "hosts": ([hosts[0].name] if len(hosts) == 1 else [h.name for h in hosts]) if hosts else [],
            "co_builders": [c.name for c in cobs] if cobs else [],
            "year": row.get("year"),
            "status": row.get("status"),
            "industry": split_list(ind) if ind else [],
            "field_tokens": list(whole) if whole is not None else b.field_tokens(field),
            "seq": row.get("seq"),
            "source_file": doc_id,
            "source_row": row_no,
        }
        _more_props(props, row, cell, place, extras)
        platforms.append({"id": pid, "props": props, "evidence": [ev]})
        if hosts or cobs:
            _link_institutions(b, out, pid, ev, hosts, cobs)
        if t is not None:
            tid = TYPE_IDS.get(t)
            if tid is None or tid not in seen:
                tid = b.ptype(t)
            if out.typed is None:
                out.typed = out.rels.setdefault(_TYPED_AS, [])
            out.typed.append({"src": pid, "dst": tid, "props": {}, "evidence": [ev]})
        if region is not None:
            rid = REGION_IDS.get(region.code)
            if rid is None or rid not in seen:
                rid = b.region(region)
            if out.located is None:
                out.located = out.rels.setdefault(_LOCATED_IN, [])
            out.located.append({"src": pid, "dst": rid, "props": {}, "evidence": [ev]})
        if "industry" in row or "cluster" in row:
            _link_industry_cluster(b, pid, ev, row, props["industry"], province)


_HOSTS = (Rel.HOSTS, Label.INSTITUTION, Label.PLATFORM)
_CO_BUILDS = (Rel.CO_BUILDS, Label.INSTITUTION, Label.PLATFORM)
_TYPED_AS = (Rel.TYPED_AS, Label.PLATFORM, Label.PLATFORM_TYPE)
_LOCATED_IN = (Rel.LOCATED_IN, Label.PLATFORM, Label.REGION)


class _RelRows:
    """The batch's relationship lists a chunk appends to, each found once: a (Rel, Label, Label) key
    hashes its three enums in Python on every dict probe. Created on first use, as the batch's key order
    must be (the order facts first appear in)."""

    __slots__ = ("cobs", "hosts", "located", "rels", "typed")

    def __init__(self, rels: dict[Any, list[dict[str, Any]]]) -> None:
        self.rels = rels
        self.hosts: list[dict[str, Any]] | None = None
        self.cobs: list[dict[str, Any]] | None = None
        self.typed: list[dict[str, Any]] | None = None
        self.located: list[dict[str, Any]] | None = None


def _locate(places: dict[str, Place | None], cell: str, province: Region | None) -> Place | None:
    place = places[cell] = locate(cell, province)
    return place


def _parse(name: str) -> Parsed:
    nn = norm_name(name)
    return nn, parse_name(nn)


def _named_host(row: Row, nn: str) -> str:
    """A row without a host cell: the host its name states (名称(依托单位), X公司技术中心), else a note
    cell saying 依托：X."""
    host = name_host(nn)[0]
    if host:
        return host
    for key, value in row.items():
        if key.startswith("extra_") and isinstance(value, str) and (host := host_from_note(value)):
            return host
    return ""


def _host_region(
    parts: NameParts, hosts: Sequence[Resolution], level: str, default_province: Region | None
) -> Region | None:
    """A row with no region of its own: its first host's city / province, else the list's province."""
    region = None
    if hosts and hosts[0].province:
        region = region_of(hosts[0].city or hosts[0].province)
        if (
            region is not None
            and parts.region is None
            and default_province is not None
            and province_of(region) != default_province
            and level != "国家级"
        ):
            region = default_province  # a provincial list's platform hosted by an out-of-province body
    return region if region is not None else default_province


def _more_props(props: dict[str, Any], row: Row, cell: str | None, place: Place | None, extras: bool) -> None:
    """The properties only some rows have: 领域 / supervisor / source cells, what the region cell says
    beyond the Region node (its county; the cell itself when no admin division was found in it: kept,
    never dropped, the read's report lists it as a warning), the unknown columns (extra_<header>)."""
    for key in ("field", "supervisor", "source"):
        if key in row:
            props["domain" if key == "field" else key] = row[key]
    if cell:
        if place is None:
            props["region_text"] = cell
        elif place.county:
            props["county"] = place.county
    if extras:
        for key, value in row.items():
            if key.startswith("extra_"):
                props[key] = value


def _link_institutions(
    b: Builder, out: _RelRows, pid: str, ev: str, hosts: Sequence[Resolution], cobs: Sequence[Resolution]
) -> None:
    inst_rows = b.inst_rows
    for i, h in enumerate(hosts):
        iid = h.id
        irow = inst_rows.get(iid)
        if irow is None:
            b.institution(h, ev)
        elif h.surface != h.name and h.surface not in (aliases := irow["props"]["aliases"]):
            aliases.append(h.surface)
        if out.hosts is None:
            out.hosts = out.rels.setdefault(_HOSTS, [])
        out.hosts.append(
            {"src": iid, "dst": pid, "props": {"surface": h.surface, "rule": h.rule, "order": i}, "evidence": [ev]}
        )
    for i, c in enumerate(cobs):
        iid = b.institution(c, ev)
        if out.cobs is None:
            out.cobs = out.rels.setdefault(_CO_BUILDS, [])
        out.cobs.append(
            {"src": iid, "dst": pid, "props": {"surface": c.surface, "rule": c.rule, "order": i}, "evidence": [ev]}
        )


def _link_industry_cluster(
    b: Builder, pid: str, ev: str, row: Row, industry: list[str], province: Region | None
) -> None:
    dst = (Label.PLATFORM, pid)
    for item in industry:
        b.rel(Rel.SERVES, dst, industrial(b, item, province, ev), {}, ev)
    if "cluster" in row:
        cid = cluster_node(b, row["cluster"], province, ev)
        b.rel(Rel.MEMBER_OF, dst, (Label.LAB_CLUSTER, cid), {"role": row.get("role", "成员单位")}, ev)

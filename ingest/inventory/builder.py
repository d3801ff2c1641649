"""The batch builder of stage 2 (docs/reference/inventory.md, "Graph"): one GraphBatch, its shared nodes deduped.

Rows are written straight into GraphBatch.nodes / .rels / .evidence (same row shapes as
GraphBatch.add_node / add_rel) rather than through per-call validation: a million rows make four to
six facts each. Every fact of a row shares the row's Evidence (rule ``inventory_row``, ``row`` and
``seq`` set), so a fact can always be traced to the line it came from.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from hashlib import blake2b
from typing import Any

import jieba

from app.model.batch import Evidence, GraphBatch
from app.model.schema import NODES, Label, Rel, stable_id
from app.text.cells import norm_name
from app.text.gazetteer import Region, region_by_name
from app.text.names import NameParts, canonical_type
from app.text.taxonomy import by_name
from ingest.inventory.read import InventoryRead
from ingest.resolve.resolver import Resolution, Resolver

jieba.setLogLevel(logging.WARNING)

ROW_RULE = "inventory_row"
_CONJ = re.compile(r"(与|和|及)")
_NON_TOKEN = re.compile(r"^[\W_]+$")

Row = dict[str, Any]
FIELD_TOKENS: dict[str, list[str]] = {}  # field sub-phrase → jieba tokens (bounded in field_tokens)
FIELD_WHOLE: dict[str, tuple[str, ...]] = {}  # whole field phrase → its tokens (fields repeat across rows)


def platform_id(name_norm: str, level: str | None, province: str | None) -> str:
    """The platform key every pipeline must use: (canonical normalised name, level, province name).
    = ``stable_id(Label.PLATFORM, name_norm, level, province)``, without its generic argument walk
    (it runs on every row)."""
    lv = "" if level is None else str(level).strip()
    pr = "" if province is None else str(province).strip()
    key = f"{str(name_norm).strip()}\x1f{lv}\x1f{pr}"
    return f"{_PLATFORM_PREFIX}:{blake2b(key.encode('utf-8'), digest_size=8).hexdigest()}"


_PLATFORM_PREFIX = NODES[Label.PLATFORM].prefix
EVIDENCE_PREFIX = NODES[Label.EVIDENCE].prefix


_EV_FIELDS = frozenset(Evidence.model_fields)


def evidence(values: dict[str, Any]) -> Evidence:
    """An Evidence without validation or model_construct's default handling (~15 µs → ~2 µs a row):
    every field is given here, by this module, with the right type."""
    ev = Evidence.__new__(Evidence)
    object.__setattr__(ev, "__dict__", values)
    object.__setattr__(ev, "__pydantic_fields_set__", _EV_FIELDS)
    object.__setattr__(ev, "__pydantic_extra__", None)
    object.__setattr__(ev, "__pydantic_private__", None)
    return ev


class Builder:
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
        ev = evidence(
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
        ev_id = f"{EVIDENCE_PREFIX}:{blake2b(key.encode('utf-8'), digest_size=8).hexdigest()}"
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
        rid = REGION_IDS.get(region.code)
        if rid is None:
            rid = REGION_IDS[region.code] = stable_id(Label.REGION, region.code)
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
        tid = TYPE_IDS.get(type_name)
        if tid is None:
            tid = TYPE_IDS[type_name] = stable_id(Label.PLATFORM_TYPE, type_name)
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
        whole = FIELD_WHOLE.get(field)
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
        if len(FIELD_WHOLE) < 500_000:
            FIELD_WHOLE[field] = tuple(out)
        return out


TYPE_IDS: dict[str, str] = {}  # type name → PlatformType id (filled by Builder.ptype)
REGION_IDS: dict[str, str] = {}  # region code → Region id (filled by Builder.region)


@lru_cache(maxsize=4096)
def type_cell(cell: str) -> str | None:
    """A 类型 cell → canonical type (cells repeat on every row of a list)."""
    return canonical_type(norm_name(cell))


def industrial(b: Builder, name: str, province: Region | None, ev: str) -> tuple[Label, str]:
    label = Label.INDUSTRIAL_CHAIN if name.endswith("链") else Label.INDUSTRIAL_CLUSTER
    nn = norm_name(name)
    pname = province.name if province else None
    node_id = stable_id(label, pname, nn)
    b.node(label, node_id, {"name": name, "name_norm": nn, "region": pname}, ev)
    return label, node_id


def cluster_node(b: Builder, name: str, province: Region | None, ev: str) -> str:
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

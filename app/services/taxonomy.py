"""The platform taxonomy as the graph holds it: category → type → level, and type transitions."""

from __future__ import annotations

from pydantic import BaseModel

from app.services.scope import resolve_region
from app.store.named import run
from app.store.protocol import GraphStore


class TypeEntry(BaseModel):
    id: str
    type: str
    family: str | None
    legacy: bool | None
    levels: dict[str, int]  # level → platforms ("unknown" when a platform has no level)
    became: list[dict[str, object]]  # transitions out of this type
    stopped: list[dict[str, object]]  # documents that stop new approvals or revoke it


class CategoryEntry(BaseModel):
    category: str
    types: list[TypeEntry]


def platform_types(store: GraphStore, region: str | None = None) -> list[CategoryEntry]:
    """The taxonomy with platform counts in ``region`` (province or city, any common form; all when None)
    and the transitions stated for that region or nationwide."""
    scope = resolve_region(region)
    name = scope.name if scope else None
    types: dict[str, TypeEntry] = {}
    cats: dict[str, list[str]] = {}
    for r in run(store, "platform_types", region=name):
        entry = types.get(r["id"])
        if entry is None:
            entry = TypeEntry(
                id=r["id"], type=r["type"], family=r["family"], legacy=r["legacy"], levels={}, became=[], stopped=[]
            )
            types[r["id"]] = entry
            cats.setdefault(r["category"] or "(none)", []).append(r["id"])
        if r["platforms"]:
            key = r["level"] or "unknown"
            entry.levels[key] = entry.levels.get(key, 0) + int(r["platforms"])
    by_name = {t.type: t for t in types.values()}
    for r in run(store, "type_transitions", region=scope.province if scope else None):
        t = by_name.get(r["from_type"])
        if t is None or r["to_type"] == r["from_type"]:  # a type does not "become" itself
            continue
        item = {k: r[k] for k in ("rel", "to_type", "region", "year", "documents", "quote")}
        (t.stopped if r["to_type"] is None else t.became).append(item)
    return [CategoryEntry(category=c, types=[types[i] for i in ids]) for c, ids in sorted(cats.items())]

"""An open kind's surface as a type hit: the owner or field words before a kind are stripped before the kind is
mapped to the taxonomy (工业企业研发机构 → 研发机构, 新型生物医药研发机构 → 新型研发机构)."""

from __future__ import annotations

import re

from ingest.policy import lexicon as lx
from ingest.policy.extract.lexical import lcut, pos_table
from ingest.policy.extract.open_types import UNMAPPED, map_kind
from ingest.policy.extract.typehits import TypeHit

# An owner class before a kind says whose it is, not which kind (工业企业研发机构 → 研发机构).
# A kind before a kind owns it (孵化器公共创新平台 → 公共创新平台: the incubator's platform).
# The classes of partners before 创新 say who joins, not which kind (政产学研创新联合体 → 创新联合体); 产学研合作
# names the kind (产学研合作平台) and stays.
_OWNER = re.compile(
    r"^(?:(?:规模以上工业|规上工业|制造业|工业)?企业(?!级)|孵化器|加速器|众创空间|政?产学研用?(?=创新))(?=..)"
)


def _field_owner(kind: str) -> str:
    """生物医药企业开放创新中心 → 开放创新中心: the firms of a field own the kind, they do not name it."""
    j = kind.find("企业", 2)
    if 0 < j <= 6 and kind[:j] in lx.industries() and len(kind) - j - 2 >= 4:
        return kind[j + 2 :]
    return kind


def kind_hit(s: int, e: int, kind: str, level: str | None) -> TypeHit:
    """The type hit of kind surface text[s:e] at `level`, mapped to its canonical type (open flag)."""
    owned = _field_owner(_OWNER.sub("", kind))
    typ, category = map_kind(owned if owned in lx.types() or len(owned) >= 4 else kind)
    if category == UNMAPPED and "科学技术" in typ:
        # the long form is the short one (科学技术中介服务机构 = 科技中介服务机构), as in the lexicon's aliases
        typ, category = map_kind(typ.replace("科学技术", "科技"))
    if category == UNMAPPED:
        typ, category = _without_field(typ)
    entry = lx.TypeEntry(kind, typ, None if category == UNMAPPED else category, frozenset({"open"}))
    return TypeHit(s, s, e, entry, level, None, None)


def _without_field(kind: str) -> tuple[str, str]:
    """A known kind with an industry field inside it is that kind (新型生物医药研发机构 → 新型研发机构): the field
    says what it works on, not which kind it is. Only where the rest is a lexicon type."""
    for field in sorted((f for f in lx.industries() if f in kind), key=len, reverse=True):
        rest = re.sub(re.escape(field) + "(?:企业|产业|领域)?", "", kind, count=1)
        if len(rest) >= 4 and rest in lx.types():
            return map_kind(rest)
    return kind, UNMAPPED


def item_without_place(item: str) -> str:
    """A list item without a place word opening it (海外|留学生创业园): where the kind is, not which kind."""
    toks = lcut(item)
    if len(toks) >= 3 and pos_table().get(toks[0], "n") == "s":
        return item[len(toks[0]) :]
    return item

"""Name variants the resolver maps to one institution: former names (renames.csv, a public source per
line), province names written short (四川化工研究院 → 四川省化工研究院) and one-character typos in long
names, guarded so that names differing in a distinguishing character (眼科/耳科, 锂/钠, 华东/华南) never
merge (docs/reference/inventory.md, "Variants").
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from app.text.cells import norm_name
from app.text.gazetteer import region_by_name, region_prefix, universities

RESOURCES = Path(__file__).parent / "resources"
TYPO_MIN_LEN = 6  # shorter names differ by one character too often to be typos (山东大学 / 山西大学)

# A character whose change makes another institution, not a typo: directions, numbers, organs and
# specialties, elements, admin levels, sizes and the like.
DISTINGUISHING = frozenset(
    "东西南北中上下左右前后内外"
    "一二三四五六七八九十百千零〇两第"
    "眼耳鼻喉口牙齿心肺肝肾脑骨胸腹皮儿妇男女肿瘤血神精"
    "锂钠钾铷铯铍镁钙锶钡铝镓铟铊锗锡铅铁钴镍铜银金锌镉汞钛锆钒铌钽铬钼钨锰铼铂钯稀碳硅硼氮磷氧硫氢氦氟氯溴碘"
    "省市县区州盟镇乡村旗"
    "大小高低新老初中长短农林牧渔医药工理文法商师军海空陆"
)
# Hospitals and companies are told apart by a short proper name (首都医科大学附属北京天坛 / 地坛医院, 中国有研
# / 中国钢研科技集团有限公司; a company's 字号): one character there is another institution, so such names are
# never what a typo is corrected to.
_NO_TYPO_TARGET = re.compile(r"(?:医院|卫生院|保健院|公司|集团|厂)$")
_PROVINCE_SHORT = re.compile(r"(?:研究院|研究所|科学院|研究中心|设计院|勘察院|检测院|检验院)$")


@cache
def _renames() -> dict[str, str]:
    with (RESOURCES / "renames.csv").open(encoding="utf-8") as fh:
        return {norm_name(row["former"]): row["current"] for row in csv.DictReader(fh)}


def renamed(n: str) -> str | None:
    """The current name of a former one (chains followed: 华中工学院 → 华中科技大学)."""
    table = _renames()
    current = table.get(n)
    seen = {n}
    while current is not None and norm_name(current) in table and norm_name(current) not in seen:
        seen.add(norm_name(current))
        current = table[norm_name(current)]
    return current


def province_full(n: str) -> str | None:
    """四川化工研究院 → 四川省化工研究院: a provincial institute named with the province's short form
    (institutes only: 四川大学, 四川长虹… keep their names)."""
    found = region_prefix(n)
    if found is None or not _PROVINCE_SHORT.search(n):
        return None
    prefix, region = found
    if region.level != "province" or prefix != region.short or prefix == region.name:
        return None
    rest = n[len(prefix) :]
    if len(rest) < 4 or rest.startswith(("省", "市", "自治区", "大学", "师范", "理工", "科技大学")):
        return None
    return region.name + rest


@cache
def _pool() -> frozenset[str]:
    """The names a typo may be corrected to: MoE universities, curated aliases' and renames' targets,
    CAS institutes; no hospital or company (``_NO_TYPO_TARGET``)."""
    names = {norm_name(u.name) for u in universities()}
    names |= {norm_name(c) for c in _renames().values()}
    with (RESOURCES / "institution_aliases.csv").open(encoding="utf-8") as fh:
        names |= {norm_name(row["canonical"]) for row in csv.DictReader(fh)}
    with (RESOURCES / "cas_institutes.csv").open(encoding="utf-8") as fh:
        names |= {norm_name(f"中国科学院{row['full']}研究所") for row in csv.DictReader(fh)}
    return frozenset(n for n in names if len(n) >= TYPO_MIN_LEN - 1 and not _NO_TYPO_TARGET.search(n))


@cache
def _deletions() -> dict[str, tuple[str, ...]]:
    """Every pool name with one character deleted → the names it comes from."""
    out: dict[str, set[str]] = {}
    for name in _pool():
        for i in range(len(name)):
            out.setdefault(name[:i] + name[i + 1 :], set()).add(name)
    return {k: tuple(sorted(v)) for k, v in out.items()}


@cache
def _longest() -> int:
    return max((len(x) for x in _pool()), default=0)


def typo_of(n: str) -> str | None:
    """The one pool name ``n`` is one character away from (substituted, missing or extra), if exactly one
    and the change is not a distinguishing character nor in a place name."""
    if len(n) < TYPO_MIN_LEN or len(n) > _longest() + 1 or n in _pool():
        return None  # one edit from a pool name: no longer than the longest one plus one (and no quadratic scan)
    deletions = _deletions()
    found: set[str] = set()
    for i in range(len(n)):
        for cand in deletions.get(n[:i] + n[i + 1 :], ()):
            if len(cand) == len(n) and cand[:i] == n[:i] and cand[i + 1 :] == n[i + 1 :]:
                found.add(cand)  # one character substituted at i
        if n[:i] + n[i + 1 :] in _pool():
            found.add(n[:i] + n[i + 1 :])  # one character too many
    found.update(deletions.get(n, ()))  # one character missing
    if len(found) != 1:
        return None
    cand = found.pop()
    return cand if _safe(n, cand) else None


def _diff_chars(a: str, b: str) -> set[str]:
    """The characters that differ between two names one edit apart."""
    if len(a) == len(b):
        return {x for pair in zip(a, b, strict=True) if pair[0] != pair[1] for x in pair}
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    for i, ch in enumerate(long_):
        if long_[:i] + long_[i + 1 :] == short:
            return {ch}
    return set()


def _safe(n: str, cand: str) -> bool:
    changed = _diff_chars(n, cand)
    if not changed or changed & DISTINGUISHING or any(c.isascii() for c in changed):
        return False
    a, b = region_prefix(n), region_prefix(cand)
    if (a and a[1]) != (b and b[1]):
        return False  # the change is in the place name (江南 / 湖南): another institution
    return not (region_by_name(n[:2]) or region_by_name(cand[:2])) or n[:2] == cand[:2]

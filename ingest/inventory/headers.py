"""Header mapping: published header variants → canonical columns (docs/reference/inventory.md).

Matching is insensitive to spacing, punctuation, case, bracketed notes (依托单位（盖章）) and
traditional characters. Exact variants first, then a few keyword rules for headers never seen before.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from app.text.normalise import to_simplified

PLATFORM = "platform"
LAB_CLUSTER = "lab_cluster"

# canonical column → header variants (already normalised: simplified, no punctuation, lower case)
PLATFORM_HEADERS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "no", "序", "id"),
    "name": (
        "名称",
        "平台名称",
        "实验室名称",
        "中心名称",
        "基地名称",
        "机构名称",
        "name",
        "平台",
        "重点实验室名称",
        "工程研究中心名称",
        "技术创新中心名称",
        "创新平台名称",
        "载体名称",
        "单位名称及平台名称",
    ),
    "type": ("类型", "平台类型", "类别", "type", "平台类别", "载体类型"),
    "level": ("级别", "层级", "level", "平台级别"),
    "host": ("依托单位", "承担单位", "建设单位", "牵头单位", "host", "依托单位名称", "主要依托单位", "运营单位"),
    "co_builders": ("共建单位", "合作单位", "参与单位", "联合共建单位", "共建单位名称"),
    "region": (
        "所在地",
        "所在地市",
        "地区",
        "城市",
        "所属地区",
        "所在地区",
        "所在区县",
        "区县",
        "region",
        "city",
        "所在城市",
        "地市",
        "所属地市",
        "所在市",
        "市别",
        "所在区域",
        "省份",
    ),
    "field": (
        "领域",
        "技术领域",
        "学科领域",
        "研究方向",
        "所属领域",
        "产业领域",
        "field",
        "主要研究方向",
        "专业领域",
    ),
    "year": (
        "批准年份",
        "认定年份",
        "批建年份",
        "立项年份",
        "批准时间",
        "year",
        "年份",
        "认定时间",
        "批准年度",
        "认定年度",
        "立项时间",
        "建设年份",
        "批复时间",
    ),
    "status": ("状态", "运行状态", "考核结果", "status", "评估结果", "评价结果", "建设状态"),
    "supervisor": ("主管部门", "归口管理部门", "主管单位", "推荐单位"),
    "cluster": ("实验室群", "所属实验室群", "所属群"),
    "role": ("群内角色", "角色"),
    "industry": ("服务产业集群", "产业集群", "产业链", "所属产业", "对接产业集群", "服务产业"),
    "source": ("来源", "文号", "批文", "批准文号"),
}

LAB_CLUSTER_HEADERS: dict[str, tuple[str, ...]] = {
    "seq": PLATFORM_HEADERS["seq"],
    "cluster": ("实验室群", "实验室群名称", "群名称", "名称", "所属实验室群"),
    "director": ("群主任", "主任"),
    "director_org": ("群主任单位", "主任单位"),
    "lead_platform": ("牵头平台", "牵头单位", "牵头平台单位"),
    "industry": ("服务产业集群", "对接产业集群", "产业集群", "产业基地", "产业链", "服务产业"),
    "member": ("成员单位", "成员", "成员单位名称"),
    "role": ("角色", "群内角色", "成员角色"),
    "region": PLATFORM_HEADERS["region"],
}

# Headers that only a lab-cluster list carries (a platform list may have a 实验室群 membership column).
_CLUSTER_ONLY = frozenset({"director", "director_org", "lead_platform", "member"})

# Keyword rules for unseen headers, tried in order: (substring, canonical).
_PLATFORM_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("依托", "host"),
    ("共建", "co_builders"),
    ("合作单位", "co_builders"),
    ("实验室群", "cluster"),
    ("所在", "region"),
    ("领域", "field"),
    ("方向", "field"),
    ("年份", "year"),
    ("年度", "year"),
    ("时间", "year"),
    ("类型", "type"),
    ("级别", "level"),
    ("状态", "status"),
    ("产业集群", "industry"),
    ("名称", "name"),
)
_CLUSTER_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("群主任单位", "director_org"),
    ("群主任", "director"),
    ("牵头", "lead_platform"),
    ("成员", "member"),
    ("产业", "industry"),
    ("群", "cluster"),
)

_BRACKETED = re.compile(r"[（(［\[【〔{｛][^）)］\]】〕}｝]*[）)］\]】〕}｝]")
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


@cache
def norm_header(header: str) -> str:
    """依托单位（盖章） / 依 托 單 位 / Host: → 依托单位 / host."""
    text = unicodedata.normalize("NFKC", to_simplified(header or "")).lower()
    stripped = _BRACKETED.sub("", text)
    text = stripped if _NOT_WORD.sub("", stripped) else text
    return _NOT_WORD.sub("", text)


def _table(kind: str) -> dict[str, str]:
    spec = LAB_CLUSTER_HEADERS if kind == LAB_CLUSTER else PLATFORM_HEADERS
    return {variant: canon for canon, variants in spec.items() for variant in variants}


_TABLES = {PLATFORM: _table(PLATFORM), LAB_CLUSTER: _table(LAB_CLUSTER)}


def canonical_of(header: str, kind: str) -> str | None:
    """The canonical column a header maps to in a list of ``kind``, or None."""
    h = norm_header(header)
    if not h:
        return None
    exact = _TABLES[kind].get(h)
    if exact is not None:
        return exact
    for word, canon in _PLATFORM_KEYWORDS if kind == PLATFORM else _CLUSTER_KEYWORDS:
        if word in h:
            return canon
    return None


def detect_kind(headers: list[str]) -> str:
    """lab_cluster when the headers name a cluster's director / lead / members, else platform."""
    cluster_cols = {canonical_of(h, LAB_CLUSTER) for h in headers}
    exact_platform = {_TABLES[PLATFORM].get(norm_header(h)) for h in headers}
    if cluster_cols & _CLUSTER_ONLY and "name" not in exact_platform:
        return LAB_CLUSTER
    return PLATFORM


def map_headers(headers: list[str], kind: str) -> tuple[dict[int, str], dict[int, str]]:
    """(column index → canonical, column index → unknown header). The first column claiming a
    canonical name wins; a later duplicate is kept as an unknown column so nothing is dropped."""
    mapped: dict[int, str] = {}
    unknown: dict[int, str] = {}
    taken: set[str] = set()
    # Exact matches first so that a keyword rule never steals a column an exact header owns.
    for exact_pass in (True, False):
        for i, header in enumerate(headers):
            if i in mapped or i in unknown or not norm_header(header):
                continue
            canon = _TABLES[kind].get(norm_header(header)) if exact_pass else canonical_of(header, kind)
            if canon is not None and canon not in taken:
                mapped[i] = canon
                taken.add(canon)
            elif not exact_pass:
                unknown[i] = header.strip()
    return mapped, unknown


def name_column(kind: str) -> str:
    return "cluster" if kind == LAB_CLUSTER else "name"


def header_score(cells: list[str]) -> int:
    """How much a row looks like a header row: number of cells mapping exactly to a canonical column."""
    score = 0
    for cell in cells:
        h = norm_header(cell)
        if h in _TABLES[PLATFORM] or h in _TABLES[LAB_CLUSTER]:
            score += 1
    return score

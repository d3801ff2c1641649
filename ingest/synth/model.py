"""The generator's records, file layouts and manifest (ingest.synth.generator writes them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel

from app.text.gazetteer import Region


@dataclass(frozen=True)
class Layout:
    header: tuple[str, ...]
    cols: tuple[str, ...]  # record attribute per column
    title: bool  # a title row above the header, as in most published attachments
    encoding: str  # "xlsx" for workbooks


LAYOUTS: dict[str, Layout] = {
    "L1": Layout(
        ("序号", "平台名称", "依托单位", "共建单位", "所在地市", "批准年份", "研究方向"),
        ("seq", "name", "host", "co", "city", "year", "field"),
        True,
        "utf-8",
    ),
    "L2": Layout(
        ("编号", "名称", "建设单位", "地区", "认定时间", "运行状态", "级别"),
        ("seq", "name", "host", "city", "date", "status", "level"),
        False,
        "utf-8-sig",
    ),
    "L3": Layout(
        ("序號", "實驗室名稱", "依託單位", "級別", "類型", "所屬領域", "批准時間"),
        ("seq", "name", "host", "level", "type", "field", "year"),
        False,
        "gb18030",
    ),
    "L4": Layout(
        ("No.", "中心名称", "承担单位", "合作单位", "所在城市", "立项年份", "平台类型"),
        ("seq", "name", "host", "co", "city", "year", "type"),
        True,
        "xlsx",
    ),
}
CLUSTER_HEADER = ("实验室群名称", "群主任", "群主任单位", "牵头平台", "服务产业集群", "成员单位", "角色")


class SynthFile(BaseModel):
    path: str  # relative to the output directory
    kind: str  # platform | lab_cluster
    layout: str
    encoding: str
    rows: int


class SynthManifest(BaseModel):
    seed: int
    platforms: int  # platform rows written (planted copies included)
    distinct_platforms: int
    lab_clusters: int
    files: list[SynthFile]
    labels: dict[str, int]
    seconds: float


@dataclass(slots=True)
class Rec:
    name: str
    host: str
    co: str
    city: str
    year: int
    field: str
    status: str
    level: str
    type: str
    province: str
    file: str = ""
    row: int = 0


@dataclass
class Province:
    region: Region
    cities: list[Region]
    universities: list[str]
    institutes: list[str]
    companies: list[str]
    hospitals: list[str]
    names: set[str] = field(default_factory=set)
    fresh: dict[str, list[str]] = field(default_factory=dict)  # added hosts not drawn yet, per kind

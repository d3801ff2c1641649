"""Region cells → (province, city, county): app.text.gazetteer.locate against the libraries it could use
(jionlp.parse_location, cpca.transform) and against the gazetteer alone, on a labelled set built at run
time (docs/reference/inventory.md, "Regions"):

- the region cells of the real lists in shared/corpus/real/lists (province forms as published),
- every prefecture of shared/data/admin_divisions written five ways (四川省成都市, 四川成都, 成都, 成都市,
  凉山州 for 自治州 / 盟 / 地区 short forms), one form per city chosen by a fixed rotation,
- the county-level cells below (each checked against the admin division it names),
- cells that name no place (省直, 不详): the right answer is none.

    PYTHONPATH=. .venv/bin/python -m tests.unit.inventory.region_compare
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable
from pathlib import Path

Label = tuple[str | None, str | None, str | None]  # province, city, county
Case = tuple[str, Label, str]  # cell, label, source

ROOT = Path(__file__).resolve().parents[3]

# county-level cells: (cell, province, city or None for 省直辖 / municipality districts, county)
COUNTIES: tuple[tuple[str, str, str | None, str], ...] = (
    ("海淀区", "北京市", None, "海淀区"),
    ("浦东新区", "上海市", None, "浦东新区"),
    ("滨海新区", "天津市", None, "滨海新区"),
    ("渝北区", "重庆市", None, "渝北区"),
    ("崇州市", "四川省", "成都市", "崇州市"),
    ("新都区", "四川省", "成都市", "新都区"),
    ("郫都区", "四川省", "成都市", "郫都区"),
    ("都江堰市", "四川省", "成都市", "都江堰市"),
    ("江油市", "四川省", "绵阳市", "江油市"),
    ("西昌市", "四川省", "凉山彝族自治州", "西昌市"),
    ("康定市", "四川省", "甘孜藏族自治州", "康定市"),
    ("马尔康市", "四川省", "阿坝藏族羌族自治州", "马尔康市"),
    ("四川省崇州市", "四川省", "成都市", "崇州市"),
    ("江宁区", "江苏省", "南京市", "江宁区"),
    ("昆山市", "江苏省", "苏州市", "昆山市"),
    ("常熟市", "江苏省", "苏州市", "常熟市"),
    ("张家港市", "江苏省", "苏州市", "张家港市"),
    ("江阴市", "江苏省", "无锡市", "江阴市"),
    ("义乌市", "浙江省", "金华市", "义乌市"),
    ("慈溪市", "浙江省", "宁波市", "慈溪市"),
    ("顺德区", "广东省", "佛山市", "顺德区"),
    ("南山区", "广东省", "深圳市", "南山区"),
    ("番禺区", "广东省", "广州市", "番禺区"),
    ("晋江市", "福建省", "泉州市", "晋江市"),
    ("石狮市", "福建省", "泉州市", "石狮市"),
    ("新郑市", "河南省", "郑州市", "新郑市"),
    ("巩义市", "河南省", "郑州市", "巩义市"),
    ("浏阳市", "湖南省", "长沙市", "浏阳市"),
    ("吉首市", "湖南省", "湘西土家族苗族自治州", "吉首市"),
    ("江夏区", "湖北省", "武汉市", "江夏区"),
    ("恩施市", "湖北省", "恩施土家族苗族自治州", "恩施市"),
    ("仙桃市", "湖北省", None, "仙桃市"),
    ("潜江市", "湖北省", None, "潜江市"),
    ("神农架林区", "湖北省", None, "神农架林区"),
    ("雁塔区", "陕西省", "西安市", "雁塔区"),
    ("格尔木市", "青海省", "海西蒙古族藏族自治州", "格尔木市"),
    ("景洪市", "云南省", "西双版纳傣族自治州", "景洪市"),
    ("大理市", "云南省", "大理白族自治州", "大理市"),
    ("凯里市", "贵州省", "黔东南苗族侗族自治州", "凯里市"),
    ("延吉市", "吉林省", "延边朝鲜族自治州", "延吉市"),
    ("满洲里市", "内蒙古自治区", "呼伦贝尔市", "满洲里市"),
    ("二连浩特市", "内蒙古自治区", "锡林郭勒盟", "二连浩特市"),
    ("库尔勒市", "新疆维吾尔自治区", "巴音郭楞蒙古自治州", "库尔勒市"),
    ("琼海市", "海南省", None, "琼海市"),
    ("文昌市", "海南省", None, "文昌市"),
)
NONE_CELLS = ("省直", "区直", "不详", "无", "全国", "其他")
BRACKETED: tuple[tuple[str, str, str | None], ...] = (
    ("湖北省（省直）", "湖北省", None),
    ("四川省（成都市）", "四川省", "成都市"),
    ("成都市（崇州）", "四川省", "成都市"),
)


def shared_dir() -> Path | None:
    for base in (ROOT.parent, ROOT.parent.parent, Path("/work")):
        if (base / "shared" / "data" / "admin_divisions").is_dir():
            return base / "shared"
    return None


def _short(name: str, suffixes: tuple[str, ...]) -> str:
    for s in suffixes:
        if name.endswith(s) and len(name) > len(s) + 1:
            return name[: -len(s)]
    return name


def labelled() -> list[Case]:
    """The labelled cells (≥ 200 when shared/ is there; the county and bracket cells otherwise)."""
    from app.text.gazetteer import region_by_name, regions

    cases: list[Case] = [(c, (p, ci, co), "county") for c, p, ci, co in COUNTIES]
    cases += [(c, (None, None, None), "none") for c in NONE_CELLS]
    cases += [(c, (p, ci, None), "bracket") for c, p, ci in BRACKETED]
    shared = shared_dir()
    if shared is None:
        return cases
    provinces: dict[str, str] = {}
    with (shared / "data" / "admin_divisions" / "provinces.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            provinces[row["code"]] = row["name"]
    for path in sorted((shared / "corpus" / "real" / "lists").glob("*.csv")):
        with path.open(encoding="utf-8") as fh:
            cells = {r.get("region", "").strip() for r in csv.DictReader(fh)} - {""}
        for cell in sorted(cells):
            region = region_by_name(cell)
            if region is not None and region.level == "province":  # the label: the official province name
                cases.append((cell, (region.name, None, None), f"real:{path.stem}"))
    ours = {r.name: r for r in regions()}
    with (shared / "data" / "admin_divisions" / "cities.csv").open(encoding="utf-8") as fh:
        cities = [r for r in csv.DictReader(fh) if r["name"] not in ("市辖区", "县") and "直辖" not in r["name"]]
    for i, row in enumerate(cities):
        prov = provinces[row["provinceCode"]]
        city = row["name"]
        if city not in ours:
            continue
        pshort = _short(prov, ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"))
        cshort = ours[city].short
        forms = [f"{prov}{city}", f"{pshort}{cshort}", cshort, city]
        if city.endswith(("自治州", "盟", "地区")):
            forms.append(cshort + ("州" if city.endswith("州") else "盟" if city.endswith("盟") else "地区"))
        cases.append((forms[i % len(forms)], (prov, city, None), "admin_divisions"))
    return cases


def _score(name: str, fn: Callable[[str], Label], cases: list[Case]) -> dict[str, object]:
    ok = county_ok = county_n = 0
    misses: list[str] = []
    t0 = time.perf_counter()
    answers = [fn(c) for c, _, _ in cases]
    first = time.perf_counter() - t0
    t1 = time.perf_counter()
    for c, _, _ in cases:
        fn(c)
    warm = (time.perf_counter() - t1) / len(cases)
    for (cell, (p, ci, co), _), (gp, gci, gco) in zip(cases, answers, strict=True):
        if (gp, gci) == (p, ci):
            ok += 1
        else:
            misses.append(f"{cell}→{gp}/{gci}")
        if co is not None:
            county_n += 1
            county_ok += gco == co
    return {
        "method": name,
        "cells": len(cases),
        "province+city right": ok / len(cases),
        "county right": county_ok / max(1, county_n),
        "first pass s": first,
        "per call µs (2nd pass)": warm * 1e6,
        "misses": misses[:8],
    }


def _ours(cell: str) -> Label:
    from app.text.gazetteer import locate

    p = locate(cell)
    return (p.province.name, p.city.name if p.city else None, p.county) if p else (None, None, None)


def _gazetteer_only(cell: str) -> Label:
    from app.text.names import region_of

    r = region_of(cell)
    if r is None:
        return None, None, None
    return (r.province.name, r.name, None) if r.level == "city" else (r.name, None, None)


def _jionlp(cell: str) -> Label:
    import jionlp

    from app.text.gazetteer import region_by_name

    d = jionlp.parse_location(cell, town_village=False, change2new=True)
    p, c = d.get("province"), d.get("city")
    city = region_by_name(c) if c else None
    return p, city.name if city is not None and city.level == "city" else None, d.get("county")


def _cpca(cell: str) -> Label:
    import cpca

    from app.text.gazetteer import region_by_name

    df = cpca.transform([cell])
    row = df.iloc[0]
    p, c, a = (row["省"] if isinstance(row["省"], str) else None), row["市"], row["区"]
    city = region_by_name(c) if isinstance(c, str) else None
    return p, city.name if city is not None and city.level == "city" else None, a if isinstance(a, str) else None


def main() -> None:
    cases = labelled()
    print(f"{len(cases)} labelled cells\n")
    for mod in ("jionlp", "cpca"):
        t = time.perf_counter()
        __import__(mod)
        print(f"- import {mod}: {time.perf_counter() - t:.2f} s")
    print("\n| method | cells | province+city right | county right | first pass (s) | per call, cached/2nd (µs) |")
    print("|---|---:|---:|---:|---:|---:|")
    rows = [
        _score("gazetteer only (region_of)", _gazetteer_only, cases),
        _score("jionlp.parse_location", _jionlp, cases),
        _score("cpca.transform", _cpca, cases),
        _score("locate (gazetteer, then jionlp)", _ours, cases),
    ]
    for r in rows:
        print(
            f"| {r['method']} | {r['cells']} | {r['province+city right']:.1%} | {r['county right']:.1%} | "
            f"{r['first pass s']:.2f} | {r['per call µs (2nd pass)']:.0f} |"
        )
    for r in rows:
        print(f"\nmisses of {r['method']}: {', '.join(r['misses'])}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()

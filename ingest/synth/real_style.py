"""A provincial list written the way provinces publish them (issue #16): GB18030, other headers, no type
or level column, regions at mixed granularity (四川省成都市, 成都, 凉山州, 崇州市, 省直), hosts in
brackets or in a 依托 note, company 技术中心, hosts under former names, aliases and one-character typos;
and a lab-cluster list naming such members. ``truth.csv`` gives what a reader reads from each row (the
province, city, type, canonical host), so that tests can score the reading.

Separate from ``generate`` (its bytes for a seed stay as they were): ``generate_real_list(rows, seed, out)``.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from app.text.gazetteer import Region, regions, universities
from ingest.synth import vocab

PLATFORM_HEADER = ("序号", "名称", "依托单位", "所在地区", "批准时间", "备注")
CLUSTER_HEADER = ("实验室群名称", "群主任单位", "成员单位", "角色")
TRUTH_HEADER = ("file", "row", "name", "province", "city", "type", "host")

# type → how it is written at the end of a name
_TYPES = (
    "重点实验室",
    "工程技术研究中心",
    "技术创新中心",
    "研究院",
    "新型研发机构",
    "工程实验室",
    "野外科学观测研究站",
    "农业科技园区",
    "种质资源圃",
    "农业科学观测实验站",
    "临床医学研究中心",
    "公共服务平台",
)
_TYPE_OF = {"公共服务平台": "未归类平台"}
# counties / districts by city (a few per province the tests use; other provinces use city forms only)
_COUNTIES = {
    "成都市": ("崇州市", "新都区", "郫都区", "都江堰市", "彭州市"),
    "绵阳市": ("江油市", "三台县"),
    "凉山彝族自治州": ("西昌市",),
    "南京市": ("江宁区", "浦口区"),
    "苏州市": ("昆山市", "常熟市"),
}
# one-character typos a person makes (never a distinguishing character: see ingest.resolve.variants)
_TYPO = {"学": "雪", "技": "枝", "科": "稞", "院": "完", "研": "妍", "究": "救"}
# former name → current, for universities the renames table knows
_FORMER = {
    "四川大学": ("成都科技大学", "华西医科大学"),
    "华中科技大学": ("华中工学院", "华中理工大学"),
    "东南大学": ("南京工学院",),
    "电子科技大学": ("成都电讯工程学院",),
}
_HOSPITAL_ALIAS = {"四川省": ("华西医院", "四川大学华西医院")}


@dataclass
class _Row:
    name: str
    host_cell: str
    region_cell: str
    note: str
    province: str
    city: str
    type: str
    host: str


def generate_real_list(rows: int, seed: int, out: Path, province: str = "四川省") -> list[Path]:
    """Write ``<province>_real_style_list.csv`` (``rows`` platform rows), ``<province>_real_style_clusters.csv``
    (GB18030 both) and ``truth.csv`` under ``out``; the paths written."""
    rng = random.Random(f"{seed}:real_style")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    prov = next(r for r in regions() if r.name == province and r.level == "province")
    cities = [r for r in regions() if r.level == "city" and r.province_code == prov.code]
    unis = sorted(u.name for u in universities() if u.province == province and u.level == "本科")
    companies = sorted(
        {
            f"{rng.choice(cities).short}{rng.choice(vocab.COMPANY_WORDS)}{rng.choice(vocab.COMPANY_TRADES)}股份有限公司"
            for _ in range(40)
        }
    )
    recs: list[_Row] = []
    names: set[str] = set()
    while len(recs) < rows:
        rec = _row(prov, cities, unis, companies, rng)
        if rec.name not in names:
            names.add(rec.name)
            recs.append(rec)
    plist = out / f"{province}_real_style_list.csv"
    with plist.open("w", encoding="gb18030", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([f"{province}科技创新平台认定名单"])
        w.writerow(PLATFORM_HEADER)
        for i, r in enumerate(recs, 1):
            w.writerow((i, r.name, r.host_cell, r.region_cell, f"{2015 + i % 9}年", r.note))
    clusters = out / f"{province}_real_style_clusters.csv"
    _write_clusters(clusters, prov, recs, companies, rng)
    with (out / "truth.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(TRUTH_HEADER)
        for i, r in enumerate(recs):
            w.writerow((plist.name, i + 3, r.name, r.province, r.city, r.type, r.host))
    return [plist, clusters, out / "truth.csv"]


def _field(rng: random.Random) -> str:
    phrases = vocab.FIELDS[rng.choice(list(vocab.FIELDS))]
    return rng.choice(vocab.MODIFIERS_PRE) + rng.choice(phrases) + rng.choice(vocab.MODIFIERS_POST)


def _region_cell(prov: Region, city: Region, rng: random.Random) -> tuple[str, str]:
    """(cell, the city a reader reads from it: "" for a province-level cell)."""
    forms = [f"{prov.name}{city.name}", city.short, city.name, f"{prov.short}{city.short}"]
    if city.name.endswith("自治州"):
        forms += [f"{city.short}州"] * 2
    counties = _COUNTIES.get(city.name)
    if counties:
        forms += [rng.choice(counties)] * 2
    x = rng.random()
    if x < 0.06:
        return f"{prov.name}（省直）", ""
    if x < 0.1:
        return "省直", ""
    return rng.choice(forms), city.name


def _host_form(host: str, rng: random.Random) -> str:
    """The host as lists write it: mostly as is; a former name, an alias or a one-character typo."""
    x = rng.random()
    if x < 0.1 and host in _FORMER:
        return rng.choice(_FORMER[host])
    if x < 0.2 and len(host) >= 6:
        spots = [i for i, ch in enumerate(host) if ch in _TYPO and i >= 2]
        if spots:
            i = rng.choice(spots)
            return host[:i] + _TYPO[host[i]] + host[i + 1 :]
    return host


def _row(prov: Region, cities: list[Region], unis: list[str], companies: list[str], rng: random.Random) -> _Row:
    city = rng.choice(cities)
    region_cell, city_read = _region_cell(prov, city, rng)
    written = rng.choice(_TYPES)
    t = _TYPE_OF.get(written, written)
    field = _field(rng)
    lead = prov.name if rng.random() < 0.6 else city.name
    x = rng.random()
    if x < 0.12:  # a company's technology centre: its company is the host
        company = rng.choice(companies)
        return _Row(f"{company}技术中心", "", region_cell, "", prov.name, city_read, "企业技术中心", company)
    host = rng.choice(unis) if rng.random() < 0.7 else rng.choice(companies)
    alias = _HOSPITAL_ALIAS.get(prov.name)
    if written == "临床医学研究中心" and alias is not None:
        host, surface = alias[1], alias[0]
    elif host in unis:
        surface = _host_form(host, rng)
    else:
        surface = host
    name = f"{lead}{field}{written}"
    if x < 0.35:  # host in brackets after the name, no host cell
        return _Row(f"{name}（{surface}）", "", region_cell, "", prov.name, city_read, t, host)
    if x < 0.42:  # host in a note
        return _Row(name, "", region_cell, f"依托：{surface}", prov.name, city_read, t, host)
    return _Row(name, surface, region_cell, "", prov.name, city_read, t, host)


def _write_clusters(path: Path, prov: Region, recs: list[_Row], companies: list[str], rng: random.Random) -> None:
    """Clusters of ~8 members: platforms of the list (as named there), company 技术中心, universities and
    companies; the cluster's name on its first row only, as published."""
    rows: list[tuple[str, str, str, str]] = []
    centres = [r for r in recs if r.type == "企业技术中心"]
    for k in range(max(1, len(recs) // 50)):
        name = f"{prov.name}{rng.choice(vocab.INDUSTRIES)}第{k + 1}实验室群"
        members = [r.name for r in rng.sample(recs, min(4, len(recs)))]
        members += [r.name for r in rng.sample(centres, min(2, len(centres)))]
        members += [rng.choice(companies), rng.choice([r.host for r in recs])]
        for i, m in enumerate(members):
            rows.append((name if i == 0 else "", rng.choice(companies) if i == 0 else "", m, "成员单位"))
    with path.open("w", encoding="gb18030", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(CLUSTER_HEADER)
        w.writerows(rows)

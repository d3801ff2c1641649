"""`innokg synth`: realistic platform inventories with planted, labelled duplicate construction.

Province by province (so memory stays bounded at a million rows): platforms with real MoE universities,
provincial academies, CAS institutes, generated companies and hospitals as hosts; the type mix, levels
and years of published lists; files in four published layouts (CSV UTF-8 with a title row, CSV UTF-8-BOM,
CSV GB18030 with traditional headers, XLSX); a re-evaluation list (复核) per province repeating some
platforms with variations; lab-cluster lists; and ``labels.csv`` naming every planted pair by
(file, row) as the reader reports rows (docs/inventory.md, "Synthetic inventories").
"""

from __future__ import annotations

import csv
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import zhconv
from pydantic import BaseModel

from app.text.gazetteer import Region, regions, universities
from app.text.taxonomy import by_name
from ingest.synth import vocab

CHUNK_ROWS = 25_000
RATES = {"same_entity": 0.03, "overlap": 0.015, "transition_overlap": 0.01, "hard_negative": 0.02}


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
class _Province:
    region: Region
    cities: list[Region]
    universities: list[str]
    institutes: list[str]
    companies: list[str]
    hospitals: list[str]
    names: set[str] = field(default_factory=set)
    fresh: dict[str, list[str]] = field(default_factory=dict)  # added hosts not drawn yet, per kind


def generate(
    platforms: int, seed: int, out: Path, *, institutions: int | None = None, clusters: int | None = None
) -> SynthManifest:
    """Write ~``platforms`` platform rows (+ lab-cluster lists and labels.csv) under ``out``.

    ``institutions``: about this many distinct host names in the platform lists — more synthetic research
    institutes, enterprises and hospitals per province (in proportion to its platforms) when the recipe's
    own hosts are fewer; each one hosts at least one platform while the province's draws allow. The graph
    holds a little more (cluster members, host variants in re-evaluation lists). ``clusters``: exactly this
    many lab clusters instead of the recipe's 12 + 1 per 20k platforms (≤ 200). Left out, both keep the
    recipe: the same seed writes the same bytes as before the options existed (tests/inventory)."""
    t0 = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    provinces = [r for r in regions() if r.level == "province"]
    weights = [vocab.PROVINCE_WEIGHTS.get(p.name, 1) for p in provinces]
    total_w = sum(weights)
    quota = [max(1, round(platforms * w / total_w)) for w in weights] if platforms >= len(provinces) else []
    if not quota:  # a tiny run: a few provinces only
        quota = [0] * len(provinces)
        for i in range(platforms):
            quota[i % len(provinces)] += 1
    quota[-1 if quota[-1] > 1 else 0] += platforms - sum(quota)
    recipe_clusters = min(12 + platforms // 20_000, 200) if platforms >= 100 else 0
    n_clusters = recipe_clusters if clusters is None else clusters
    # added hosts are named by their own stream: the recipe's draws stay as they were up to the host choice
    rng_hosts = random.Random(f"{seed}:institutions")
    cluster_quota = _spread(n_clusters, quota)
    files: list[SynthFile] = []
    labels_path = out / "labels.csv"
    label_counts = dict.fromkeys(RATES, 0)
    distinct = 0
    reservoir: list[Rec] = []  # earlier provinces' records, for cross-province hard negatives
    file_counter = [0]
    with labels_path.open("w", encoding="utf-8", newline="") as lf:
        labels = csv.writer(lf)
        labels.writerow(("file_a", "row_a", "file_b", "row_b", "kind"))
        for prov, n, n_cl in zip(provinces, quota, cluster_quota, strict=True):
            if n <= 0:
                continue
            ctx = _context(prov, rng, n)
            if institutions is not None:
                _add_hosts(ctx, round(institutions * n / platforms) - _pool_size(ctx), rng_hosts)
            recs, copies, pairs = _province_records(ctx, n, rng, reservoir)
            distinct += len(recs)
            files += _write_platform_files(out, ctx, recs, copies, rng, file_counter)
            for a, b, kind in pairs:
                labels.writerow((a.file, a.row, b.file, b.row, kind))
                label_counts[kind] = label_counts.get(kind, 0) + 1
            if n_cl:
                files.append(_write_clusters(out, ctx, recs, n_cl, rng))
            reservoir = (reservoir + rng.sample(recs, min(200, len(recs))))[-2000:]
    manifest = SynthManifest(
        seed=seed,
        platforms=sum(f.rows for f in files if f.kind == "platform"),
        distinct_platforms=distinct,
        lab_clusters=n_clusters,
        files=files,
        labels=label_counts,
        seconds=round(time.perf_counter() - t0, 2),
    )
    (out / "manifest.json").write_text(manifest.model_dump_json(indent=2), encoding="utf-8")
    (out / "README.md").write_text(_README.format(seed=seed, n=manifest.platforms), encoding="utf-8")
    return manifest


def _spread(n: int, quota: list[int]) -> list[int]:
    order = sorted(range(len(quota)), key=lambda i: -quota[i])
    out = [0] * len(quota)
    for k in range(n):
        out[order[k % len(order)]] += 1
    return out


def _context(prov: Region, rng: random.Random, n: int) -> _Province:
    cities = [r for r in regions() if r.level == "city" and r.province_code == prov.code] or [prov]
    unis = [u.name for u in universities() if u.province == prov.name and u.level == "本科"]
    unis = unis or [u.name for u in universities() if u.province == prov.name] or ["清华大学"]
    institutes = [
        f"{prov.name}农业科学院",
        f"{prov.name}科学院",
        f"{prov.name}林业科学院",
        f"{prov.name}医学科学院",
        *(f"{prov.name}{d}研究院" for d in ("化工", "冶金", "环境科学", "水利", "机械", "轻工")),
        *(f"中国科学院{c.short}{x}研究所" for c in cities[:2] for x in ("应用化学", "自动化", "生态")),
    ]
    companies: set[str] = set()
    target = 60 + n // 15
    for attempt in range(target * 4):
        if len(companies) >= target:
            break
        c = rng.choice(cities)
        # a second brand word once the simple combinations of a small province run out
        brand = rng.choice(vocab.COMPANY_WORDS) + (rng.choice(vocab.COMPANY_WORDS) if attempt > target else "")
        companies.add(f"{c.short}{brand}{rng.choice(vocab.COMPANY_TRADES)}{rng.choice(vocab.COMPANY_SUFFIX)}")
    medical = [u for u in unis if "医" in u] or unis[:1]
    hospitals = [
        f"{prov.name}人民医院",
        *(f"{m}附属第一医院" for m in medical[:3]),
        *(f"{c.name}中心医院" for c in cities[:4]),
    ]
    return _Province(prov, cities, unis, institutes, sorted(companies), hospitals)


def _pool_size(ctx: _Province) -> int:
    return len(ctx.universities) + len(ctx.institutes) + len(ctx.companies) + len(ctx.hospitals)


def _draw_shares() -> dict[str, float]:
    """Share of host draws per kind, from the type mix (company ≈ 0.53, institute ≈ 0.17, hospital 0.02)."""
    total = sum(w for w, _ in vocab.TYPE_MIX.values())
    out: dict[str, float] = {}
    for w, kinds in vocab.TYPE_MIX.values():
        for kind, share in kinds:
            out[kind] = out.get(kind, 0.0) + w * share / total
    return out


def _add_hosts(ctx: _Province, n: int, rng: random.Random) -> None:
    """``n`` more hosts for a province: research institutes, hospitals and enterprises in its cities, split
    as the type mix draws those kinds (universities are the real MoE list: none are added). A kind whose
    name space runs out (a municipality has few hospital names) passes its share on to enterprises."""
    if n <= 0:
        return
    shares = _draw_shares()
    added = sum(shares[k] for k in ("company", "institute", "hospital"))
    want = {k: round(n * shares[k] / added) for k in ("institute", "hospital")}  # the rest: enterprises
    taken = {*ctx.universities, *ctx.institutes, *ctx.companies, *ctx.hospitals}
    subjects = sorted({p for phrases in vocab.FIELDS.values() for p in phrases})
    prov = ctx.region
    new: dict[str, list[str]] = {"institute": [], "hospital": [], "company": []}

    def institute() -> str:
        x = rng.random()
        if x < 0.45:
            return f"{rng.choice(ctx.cities).name}{rng.choice(subjects)}研究院"
        if x < 0.7:
            return f"{prov.name}{rng.choice(subjects)}研究所"
        return f"{rng.choice(ctx.cities).name}{rng.choice(subjects)}产业技术研究院"

    def hospital() -> str:
        return f"{rng.choice(ctx.cities).name}{rng.choice(vocab.HOSPITAL_KINDS)}"

    def company() -> str:
        c = rng.choice(ctx.cities)
        brand = rng.choice(vocab.COMPANY_WORDS) + rng.choice(vocab.COMPANY_WORDS)
        return f"{c.short}{brand}{rng.choice(vocab.COMPANY_TRADES)}{rng.choice(vocab.COMPANY_SUFFIX)}"

    for kind, make in (("institute", institute), ("hospital", hospital), ("company", company)):
        k = want[kind] if kind in want else n - len(new["institute"]) - len(new["hospital"])
        for _ in range(k * 20):
            if len(new[kind]) >= k:
                break
            name = make()
            if name not in taken:
                taken.add(name)
                new[kind].append(name)
    ctx.institutes += new["institute"]
    ctx.hospitals += new["hospital"]
    ctx.companies += new["company"]
    # Every host of a kind is drawn once (shuffled) before any is drawn again, so that the province's hosts
    # all appear in its lists while it has that many draws of the kind (a random draw would miss e^(-d/m)).
    for kind, pool in (
        ("university", ctx.universities),
        ("institute", ctx.institutes),
        ("company", ctx.companies),
        ("hospital", ctx.hospitals),
    ):
        fresh = list(pool)
        rng.shuffle(fresh)
        ctx.fresh[kind] = fresh


_TYPES = list(vocab.TYPE_MIX)
_TYPE_W = [vocab.TYPE_MIX[t][0] for t in _TYPES]
_DOMAINS = list(vocab.FIELDS)


def _field(rng: random.Random, domains: Iterable[str] | None = None) -> str:
    domain = rng.choice(list(domains) if domains else _DOMAINS)
    phrases = vocab.FIELDS[domain]
    core = rng.choice(phrases)
    if rng.random() < 0.3:  # 电工装备可靠性与智能化: two subjects of one domain, as real names often do
        other = rng.choice(phrases)
        if other != core:
            core = f"{core}与{other}"
    return rng.choice(vocab.MODIFIERS_PRE) + core + rng.choice(vocab.MODIFIERS_POST)


def _host(ctx: _Province, rng: random.Random, t: str) -> str:
    kinds = vocab.TYPE_MIX[t][1]
    x = rng.random()
    kind = kinds[-1][0]
    for k, w in kinds:
        if x < w:
            kind = k
            break
        x -= w
    fresh = ctx.fresh.get(kind)
    if fresh:  # a host not drawn yet (generate(institutions=) only): each hosts at least one platform
        return fresh.pop()
    pool = {
        "university": ctx.universities,
        "institute": ctx.institutes,
        "company": ctx.companies,
        "hospital": ctx.hospitals,
    }[kind]
    return rng.choice(pool)


def _level(rng: random.Random) -> str:
    x = rng.random()
    return "国家级" if x < 0.04 else "市级" if x < 0.29 else "省级"


def _make(
    ctx: _Province,
    rng: random.Random,
    t: str | None = None,
    level: str | None = None,
    field_: str | None = None,
    host: str | None = None,
    city: Region | None = None,
    keep_field: bool = False,
) -> Rec | None:
    t = t or rng.choices(_TYPES, _TYPE_W)[0]
    level = level or _level(rng)
    city = city or rng.choice(ctx.cities)
    for _ in range(6):
        f = field_ or _field(rng, vocab.TYPE_DOMAINS.get(t))
        if level == "国家级":
            name = f"{f}国家{t}" if t == "重点实验室" else f"国家{f}{t}"
        elif level == "市级":
            name = f"{city.name}{f}{t}"
        else:
            name = f"{ctx.region.name}{f}{t}"
        if name not in ctx.names:
            ctx.names.add(name)
            year = min(2024, 2004 + int(rng.triangular(0, 21, 17)))
            co = rng.choice(ctx.universities) if rng.random() < 0.12 else ""
            status = "运行" if rng.random() < 0.9 else rng.choice(("在建", "优秀", "良好", "合格", "整改"))
            return Rec(name, host or _host(ctx, rng, t), co, city.name, year, f, status, level, t, ctx.region.name)
        if keep_field:  # a labelled overlap / transition partner must share the field, else no pair
            return None
        field_ = None  # the requested field is taken at this level: fall back to a fresh one
    return None


def _province_records(
    ctx: _Province, n: int, rng: random.Random, reservoir: list[Rec]
) -> tuple[list[Rec], list[Rec], list[tuple[Rec, Rec, str]]]:
    def count(rate: float) -> int:  # probabilistic rounding: small provinces still get some pairs
        x = n * rate
        return int(x) + (1 if rng.random() < x - int(x) else 0)

    n_same = count(RATES["same_entity"])
    n_new = n - n_same
    recs: list[Rec] = []
    pairs: list[tuple[Rec, Rec, str]] = []
    planted = {k: count(r) for k, r in RATES.items() if k != "same_entity"}
    cross = min(planted["hard_negative"], max(1, planted["hard_negative"] // 10)) if reservoir else 0
    planted["hard_negative"] -= cross
    base_n = max(1, n_new - sum(planted.values()))
    misses = 0
    while len(recs) < base_n and misses < base_n + 1000:  # never spin on an exhausted name space
        r = _make(ctx, rng)
        if r is not None:
            recs.append(r)
        else:
            misses += 1
    base = list(recs)
    for _ in range(planted["overlap"]):
        a = rng.choice(base)
        adjacent = vocab.ADJACENT.get(a.type)
        if not adjacent:
            continue
        b = _make(ctx, rng, t=rng.choice(adjacent), level=a.level, field_=a.field, host=a.host, keep_field=True)
        if b is not None:
            recs.append(b)
            pairs.append((a, b, "overlap"))
    legacy = [r for r in base if r.type in vocab.SUCCESSOR]
    for _ in range(planted["transition_overlap"]):
        if not legacy:
            break
        a = rng.choice(legacy)
        b = _make(ctx, rng, t=vocab.SUCCESSOR[a.type], level=a.level, field_=a.field, host=a.host, keep_field=True)
        if b is not None:
            b.status = "运行"
            recs.append(b)
            pairs.append((a, b, "transition_overlap"))
    for _ in range(planted["hard_negative"]):
        a = rng.choice(base)
        others = [c for c in ctx.cities if c.name != a.city]
        if a.level == "市级" and others:
            # the same subject and type in another city, at another host
            b = _make(ctx, rng, t=a.type, level="市级", field_=a.field, city=rng.choice(others))
        else:
            # a sibling subject of the same domain at another host: shares tokens, is another platform
            b = _make(ctx, rng, t=a.type, level=a.level)
        if b is not None and b.host != a.host:
            recs.append(b)
            pairs.append((a, b, "hard_negative"))
    if reservoir:
        for _ in range(cross):
            a = rng.choice(reservoir)
            if a.level != "省级" or a.province == ctx.region.name:
                continue
            b = _make(ctx, rng, t=a.type, level="省级", field_=a.field)
            if b is not None:
                recs.append(b)
                pairs.append((a, b, "hard_negative"))
    pairs += _incidental_overlaps(recs, pairs)
    copies: list[Rec] = []
    for a in rng.sample(base, min(n_same, len(base))):
        c = _variant(a, ctx, rng)
        copies.append(c)
        pairs.append((a, c, "same_entity"))
    # A copy is its original: every overlap / transition of the original holds for the copy too.
    copy_of = {id(a): c for a, c, k in pairs if k == "same_entity"}
    pairs += [
        (copy_of.get(id(a), a), copy_of.get(id(b), b), k)
        for a, b, k in list(pairs)
        if k in ("overlap", "transition_overlap", "weak_overlap") and (id(a) in copy_of or id(b) in copy_of)
    ]
    return recs, copies, pairs


# Type families that do the same work (issue 5: 重点实验室 / 工程研究中心 / 技术创新中心 …).
_ADJACENT_FAMILIES = {
    frozenset(p)
    for p in (
        ("lab", "engineering"),
        ("lab", "innovation"),
        ("lab", "clinical"),
        ("engineering", "innovation"),
        ("engineering", "enterprise"),
        ("innovation", "enterprise"),
    )
}


def _core(field_: str) -> str:
    """The subject of a drawn field: the modifiers _field put around it removed (智能X工艺 → X)."""
    for pre in sorted(vocab.MODIFIERS_PRE, key=len, reverse=True):
        if pre and field_.startswith(pre) and len(field_) > len(pre):
            field_ = field_[len(pre) :]
            break
    for post in sorted(vocab.MODIFIERS_POST, key=len, reverse=True):
        if post and field_.endswith(post) and len(field_) > len(post):
            return field_[: -len(post)]
    return field_


def _overlap_kind(a: Rec, b: Rec) -> tuple[Rec, Rec, str] | None:
    """The issue's definition applied to two distinct records at one host on one subject: a legacy
    type beside its successor is a transition_overlap (legacy first); one type, one family or adjacent
    families an overlap (two draws are two platforms, whatever their level); unrelated types, none."""
    if vocab.SUCCESSOR.get(a.type) == b.type:
        return a, b, "transition_overlap"
    if vocab.SUCCESSOR.get(b.type) == a.type:
        return b, a, "transition_overlap"
    fams = by_name()
    fa, fb = (fams[t].family if t in fams else None for t in (a.type, b.type))
    adjacent = b.type in vocab.ADJACENT.get(a.type, ()) or a.type in vocab.ADJACENT.get(b.type, ())
    if fa is not None and (fa == fb or frozenset((fa, fb)) in _ADJACENT_FAMILIES or adjacent):
        return a, b, "overlap"
    return None


def _incidental_overlaps(recs: list[Rec], planted: list[tuple[Rec, Rec, str]]) -> list[tuple[Rec, Rec, str]]:
    """Pairs the random draw made duplicates by the definition (one host, one subject, same or adjacent
    type families) without planting them: labelled too, so that reporting them is not scored as a false
    positive."""
    seen = {frozenset((id(a), id(b))) for a, b, _ in planted}
    groups: dict[tuple[str, str], list[Rec]] = {}
    for r in recs:
        groups.setdefault((r.host, _core(r.field)), []).append(r)
    out: list[tuple[Rec, Rec, str]] = []
    for group in groups.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if frozenset((id(a), id(b))) in seen:
                    continue
                hit = _overlap_kind(a, b)
                if hit is not None:
                    # one subject under other qualifiers (智能X工艺 / X): whether that "substantially"
                    # overlaps is a judgement, so it is labelled apart (weak_overlap: neither a miss
                    # when unreported nor a false positive when reported)
                    out.append(hit if a.field == b.field else (hit[0], hit[1], "weak_overlap"))
    return out


def _variant(a: Rec, ctx: _Province, rng: random.Random) -> Rec:
    """The same platform as recorded in another list: prefix / script / spacing / host form differ."""
    name, host = a.name, a.host
    prov = ctx.region
    choice = rng.random()
    if name.startswith(prov.name) and choice < 0.35:
        name = (prov.short if rng.random() < 0.5 else "省") + name[len(prov.name) :]
    elif choice < 0.55:
        name = zhconv.convert(name, "zh-tw")
    elif choice < 0.7:
        cut = len(name) - len(a.type)
        name = f"{name[:cut]} {name[cut:]}"
    h = rng.random()
    if host in _SHORT and h < 0.5:
        host = _SHORT[host]
    elif host.endswith("农业科学院") and host.startswith(prov.name) and h < 0.6:
        host = "省农科院"
    elif host.endswith("有限公司") and not host.endswith("有限责任公司") and h < 0.5:
        host = host[: -len("有限公司")] + "有限责任公司"
    elif host.startswith("中国科学院") and host.endswith("研究所") and h < 0.6:
        host = "中科院" + host[len("中国科学院") : -len("研究所")] + "所"
    year = min(2025, a.year + rng.choice((2, 3, 5)))
    status = rng.choice(("优秀", "良好", "合格", "运行"))
    return Rec(name, host, a.co, a.city, year, a.field, status, a.level, a.type, a.province)


def _short_forms() -> dict[str, str]:
    import csv as _csv

    from ingest.resolve.resolver import RESOURCES

    out: dict[str, str] = {}
    with (RESOURCES / "institution_aliases.csv").open(encoding="utf-8") as fh:
        for row in _csv.DictReader(fh):
            if not row["province"]:
                out.setdefault(row["canonical"], row["alias"])
    return out


_SHORT = _short_forms()


def _cells(rec: Rec, seq: int, layout: Layout) -> list[object]:
    values: dict[str, object] = {
        "seq": seq,
        "name": rec.name,
        "host": rec.host,
        "co": rec.co,
        "city": rec.city,
        "year": rec.year,
        "date": f"{rec.year}-{(seq % 12) + 1:02d}-{(seq % 27) + 1:02d}",
        "field": rec.field,
        "status": rec.status,
        "level": rec.level,
        "type": rec.type,
    }
    return [values[c] for c in layout.cols]


def _write_platform_files(
    out: Path, ctx: _Province, recs: list[Rec], copies: list[Rec], rng: random.Random, counter: list[int]
) -> list[SynthFile]:
    written: list[SynthFile] = []
    groups: dict[str, list[Rec]] = {}
    for r in recs:
        groups.setdefault(r.level, []).append(r)
    jobs: list[tuple[str, list[Rec], str]] = []
    for level in ("国家级", "省级", "市级"):
        items = groups.get(level, [])
        for k in range(0, len(items), CHUNK_ROWS):
            counter[0] += 1
            lname = ("L1", "L2", "L3", "L4")[counter[0] % 4]
            stem = f"{ctx.region.name}_{level}平台名单_{k // CHUNK_ROWS + 1:02d}"
            jobs.append((stem, items[k : k + CHUNK_ROWS], lname))
    if copies:
        jobs.append((f"{ctx.region.name}_平台复核结果", copies, "L2" if rng.random() < 0.5 else "L3"))
    for stem, items, layout_name in jobs:
        layout = LAYOUTS[layout_name]
        ext = "xlsx" if layout.encoding == "xlsx" else "csv"
        fname = f"{stem}.{ext}"
        first_row = 3 if layout.title else 2
        for i, r in enumerate(items):
            r.file, r.row = fname, first_row + i
        title = f"{ctx.region.name}科技创新平台名单（{stem.split('_')[1]}）"
        rows = (_cells(r, i + 1, layout) for i, r in enumerate(items))
        if ext == "xlsx":
            _write_xlsx(out / fname, title if layout.title else None, layout.header, rows)
        else:
            _write_csv(out / fname, layout.encoding, title if layout.title else None, layout.header, rows)
        written.append(
            SynthFile(path=fname, kind="platform", layout=layout_name, encoding=layout.encoding, rows=len(items))
        )
    return written


def _write_csv(
    path: Path, encoding: str, title: str | None, header: Iterable[str], rows: Iterable[Sequence[object]]
) -> None:
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh)
        if title:
            w.writerow([title])
        w.writerow(header)
        w.writerows(rows)


def _write_xlsx(path: Path, title: str | None, header: Iterable[str], rows: Iterable[Sequence[object]]) -> None:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("名单")
    if title:
        ws.append([title])
    ws.append(list(header))
    for row in rows:
        ws.append(row)
    wb.save(path)


def _person(rng: random.Random) -> str:
    return rng.choice(vocab.SURNAMES) + "".join(rng.choice(vocab.GIVEN) for _ in range(rng.choice((1, 2))))


def _write_clusters(out: Path, ctx: _Province, recs: list[Rec], n: int, rng: random.Random) -> SynthFile:
    fname = f"{ctx.region.name}_实验室群名单.csv"
    labs = [r for r in recs if r.type == "重点实验室" and r.level != "市级"] or recs
    others = [u.name for u in universities() if u.province != ctx.region.name and u.level == "本科"]
    rows: list[list[str]] = []
    used: set[str] = set()
    for _ in range(n):
        domain = rng.choice(_DOMAINS)
        industry = rng.choice(vocab.INDUSTRIES)
        name = f"{ctx.region.name}{industry}实验室群"
        k = 2
        while name in used:
            name = f"{ctx.region.name}{industry}第{k}实验室群"
            k += 1
        used.add(name)
        org = rng.choice(ctx.universities)
        lead = rng.choice(labs)
        city = rng.choice(ctx.cities)
        industries = f"{city.short}{industry}产业集群"
        if rng.random() < 0.5:
            industries += f"、{ctx.region.short}{industry}产业链"
        members: list[tuple[str, str]] = [(r.name, "成员单位") for r in rng.sample(recs, min(len(recs), 6))]
        members += [(c, "成员单位") for c in rng.sample(ctx.companies, min(2, len(ctx.companies)))]
        members += [
            (f"{rng.choice(vocab.BANKS)}{ctx.region.name}分行", "金融机构"),
            (f"{ctx.region.name}{industry}学会", "成员单位"),
            (f"{ctx.region.name}科技成果转化服务中心", "服务机构"),
            (rng.choice(others), "成员单位") if others else (rng.choice(ctx.universities), "成员单位"),
        ]
        director = f"{_person(rng)}（{org}）" if rng.random() < 0.5 else _person(rng)
        del domain
        for i, (member, role) in enumerate(members):
            head = [name, director, org, lead.name, industries] if i == 0 else ["", "", "", "", ""]
            rows.append([*head, member, role])
    _write_csv(out / fname, "utf-8", None, CLUSTER_HEADER, rows)
    return SynthFile(path=fname, kind="lab_cluster", layout="C1", encoding="utf-8", rows=len(rows))


_README = """# GENERATED DATA — not real platforms

Everything in this directory was written by `innokg synth` (ingest/synth, seed {seed}, {n} platform rows).
Institution names come from the MoE university list and admin divisions; platform names, companies,
people, clusters, years and statuses are synthetic. Do not cite them as facts.

- `*_平台名单_*.csv|xlsx`: platform lists in four published layouts (see docs/inventory.md)
- `*_平台复核结果.*`: a re-evaluation list repeating some platforms with variations
- `*_实验室群名单.csv`: lab-cluster lists, one row per member
- `labels.csv`: planted pairs `file_a,row_a,file_b,row_b,kind` (same_entity | overlap |
  transition_overlap | hard_negative | weak_overlap); rows are the reader's 1-based row numbers (header =
  its own row). Pairs the random draw made at one host on one field with same/adjacent types are labelled
  overlap / transition_overlap too; on one subject under other qualifiers (智能X工艺 / X), weak_overlap
- `manifest.json`: files, row counts, label counts
"""

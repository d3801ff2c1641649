"""`innokg synth`: realistic platform inventories with planted, labelled duplicate construction.

Province by province (so memory stays bounded at a million rows): platforms with real MoE universities,
provincial academies, CAS institutes, generated companies and hospitals as hosts; the type mix, levels
and years of published lists; files in four published layouts (CSV UTF-8 with a title row, CSV UTF-8-BOM,
CSV GB18030 with traditional headers, XLSX); a re-evaluation list (复核) per province repeating some
platforms with variations; lab-cluster lists; and ``labels.csv`` naming every planted pair by
(file, row) as the reader reports rows (docs/reference/inventory.md, "Synthetic inventories").
"""

from __future__ import annotations

import csv
import random
import time
from collections.abc import Iterable
from pathlib import Path

import zhconv

from app.text.gazetteer import Region, regions, universities
from ingest.synth import vocab
from ingest.synth.files import CHUNK_ROWS, README, write_clusters, write_platform_files
from ingest.synth.model import CLUSTER_HEADER, LAYOUTS, Layout, Province, Rec, SynthFile, SynthManifest
from ingest.synth.pairs import core as _core
from ingest.synth.pairs import incidental_overlaps

__all__ = [
    "CHUNK_ROWS",
    "CLUSTER_HEADER",
    "LAYOUTS",
    "RATES",
    "Layout",
    "Rec",
    "SynthFile",
    "SynthManifest",
    "_core",
    "generate",
]

RATES = {"same_entity": 0.03, "overlap": 0.015, "transition_overlap": 0.01, "hard_negative": 0.02}


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
            files += write_platform_files(out, ctx, recs, copies, rng, file_counter)
            for a, b, kind in pairs:
                labels.writerow((a.file, a.row, b.file, b.row, kind))
                label_counts[kind] = label_counts.get(kind, 0) + 1
            if n_cl:
                files.append(write_clusters(out, ctx, recs, n_cl, rng))
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
    (out / "README.md").write_text(README.format(seed=seed, n=manifest.platforms), encoding="utf-8")
    return manifest


def _spread(n: int, quota: list[int]) -> list[int]:
    order = sorted(range(len(quota)), key=lambda i: -quota[i])
    out = [0] * len(quota)
    for k in range(n):
        out[order[k % len(order)]] += 1
    return out


def _context(prov: Region, rng: random.Random, n: int) -> Province:
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
    return Province(prov, cities, unis, institutes, sorted(companies), hospitals)


def _pool_size(ctx: Province) -> int:
    return len(ctx.universities) + len(ctx.institutes) + len(ctx.companies) + len(ctx.hospitals)


def _draw_shares() -> dict[str, float]:
    """Share of host draws per kind, from the type mix (company ≈ 0.53, institute ≈ 0.17, hospital 0.02)."""
    total = sum(w for w, _ in vocab.TYPE_MIX.values())
    out: dict[str, float] = {}
    for w, kinds in vocab.TYPE_MIX.values():
        for kind, share in kinds:
            out[kind] = out.get(kind, 0.0) + w * share / total
    return out


def _add_hosts(ctx: Province, n: int, rng: random.Random) -> None:
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


def _host(ctx: Province, rng: random.Random, t: str) -> str:
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
    ctx: Province,
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


Pairs = list[tuple[Rec, Rec, str]]


def _province_records(
    ctx: Province, n: int, rng: random.Random, reservoir: list[Rec]
) -> tuple[list[Rec], list[Rec], Pairs]:
    def count(rate: float) -> int:  # probabilistic rounding: small provinces still get some pairs
        x = n * rate
        return int(x) + (1 if rng.random() < x - int(x) else 0)

    n_same = count(RATES["same_entity"])
    n_new = n - n_same
    pairs: Pairs = []
    planted = {k: count(r) for k, r in RATES.items() if k != "same_entity"}
    cross = min(planted["hard_negative"], max(1, planted["hard_negative"] // 10)) if reservoir else 0
    planted["hard_negative"] -= cross
    recs = _base_records(ctx, rng, max(1, n_new - sum(planted.values())))
    base = list(recs)
    _plant_overlaps(ctx, rng, base, planted["overlap"], recs, pairs)
    _plant_transitions(ctx, rng, base, planted["transition_overlap"], recs, pairs)
    _plant_hard_negatives(ctx, rng, base, planted["hard_negative"], recs, pairs)
    if reservoir:
        _plant_cross_negatives(ctx, rng, reservoir, cross, recs, pairs)
    pairs += incidental_overlaps(recs, pairs)
    copies = _plant_copies(ctx, rng, base, n_same, pairs)
    return recs, copies, pairs


def _base_records(ctx: Province, rng: random.Random, base_n: int) -> list[Rec]:
    recs: list[Rec] = []
    misses = 0
    while len(recs) < base_n and misses < base_n + 1000:  # never spin on an exhausted name space
        r = _make(ctx, rng)
        if r is not None:
            recs.append(r)
        else:
            misses += 1
    return recs


def _plant_overlaps(ctx: Province, rng: random.Random, base: list[Rec], k: int, recs: list[Rec], pairs: Pairs) -> None:
    for _ in range(k):
        a = rng.choice(base)
        adjacent = vocab.ADJACENT.get(a.type)
        if not adjacent:
            continue
        b = _make(ctx, rng, t=rng.choice(adjacent), level=a.level, field_=a.field, host=a.host, keep_field=True)
        if b is not None:
            recs.append(b)
            pairs.append((a, b, "overlap"))


def _plant_transitions(
    ctx: Province, rng: random.Random, base: list[Rec], k: int, recs: list[Rec], pairs: Pairs
) -> None:
    legacy = [r for r in base if r.type in vocab.SUCCESSOR]
    for _ in range(k):
        if not legacy:
            break
        a = rng.choice(legacy)
        b = _make(ctx, rng, t=vocab.SUCCESSOR[a.type], level=a.level, field_=a.field, host=a.host, keep_field=True)
        if b is not None:
            b.status = "运行"
            recs.append(b)
            pairs.append((a, b, "transition_overlap"))


def _plant_hard_negatives(
    ctx: Province, rng: random.Random, base: list[Rec], k: int, recs: list[Rec], pairs: Pairs
) -> None:
    for _ in range(k):
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


def _plant_cross_negatives(
    ctx: Province, rng: random.Random, reservoir: list[Rec], k: int, recs: list[Rec], pairs: Pairs
) -> None:
    """Another province's provincial platform on the same subject and type: a cross-province negative."""
    for _ in range(k):
        a = rng.choice(reservoir)
        if a.level != "省级" or a.province == ctx.region.name:
            continue
        b = _make(ctx, rng, t=a.type, level="省级", field_=a.field)
        if b is not None:
            recs.append(b)
            pairs.append((a, b, "hard_negative"))


def _plant_copies(ctx: Province, rng: random.Random, base: list[Rec], n_same: int, pairs: Pairs) -> list[Rec]:
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
    return copies


def _variant(a: Rec, ctx: Province, rng: random.Random) -> Rec:
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
            if not row["province"] and row["alias"] in vocab.RECIPE_SHORT_FORMS:
                out.setdefault(row["canonical"], row["alias"])
    return out


_SHORT = _short_forms()

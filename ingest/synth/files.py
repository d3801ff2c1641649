"""Writing the generated lists: platform lists in four published layouts, lab-cluster lists, the README."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Sequence
from pathlib import Path

from app.text.gazetteer import universities
from ingest.synth import vocab
from ingest.synth.model import CLUSTER_HEADER, LAYOUTS, Layout, Province, Rec, SynthFile

CHUNK_ROWS = 25_000
_DOMAINS = list(vocab.FIELDS)


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


def write_platform_files(
    out: Path, ctx: Province, recs: list[Rec], copies: list[Rec], rng: random.Random, counter: list[int]
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
            write_xlsx(out / fname, title if layout.title else None, layout.header, rows)
        else:
            write_csv(out / fname, layout.encoding, title if layout.title else None, layout.header, rows)
        written.append(
            SynthFile(path=fname, kind="platform", layout=layout_name, encoding=layout.encoding, rows=len(items))
        )
    return written


def write_csv(
    path: Path, encoding: str, title: str | None, header: Iterable[str], rows: Iterable[Sequence[object]]
) -> None:
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh)
        if title:
            w.writerow([title])
        w.writerow(header)
        w.writerows(rows)


def write_xlsx(path: Path, title: str | None, header: Iterable[str], rows: Iterable[Sequence[object]]) -> None:
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


def write_clusters(out: Path, ctx: Province, recs: list[Rec], n: int, rng: random.Random) -> SynthFile:
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
    write_csv(out / fname, "utf-8", None, CLUSTER_HEADER, rows)
    return SynthFile(path=fname, kind="lab_cluster", layout="C1", encoding="utf-8", rows=len(rows))


README = """# GENERATED DATA — not real platforms

Everything in this directory was written by `innokg synth` (ingest/synth, seed {seed}, {n} platform rows).
Institution names come from the MoE university list and admin divisions; platform names, companies,
people, clusters, years and statuses are synthetic. Do not cite them as facts.

- `*_平台名单_*.csv|xlsx`: platform lists in four published layouts (see docs/reference/inventory.md)
- `*_平台复核结果.*`: a re-evaluation list repeating some platforms with variations
- `*_实验室群名单.csv`: lab-cluster lists, one row per member
- `labels.csv`: planted pairs `file_a,row_a,file_b,row_b,kind` (same_entity | overlap |
  transition_overlap | hard_negative | weak_overlap); rows are the reader's 1-based row numbers (header =
  its own row). Pairs the random draw made at one host on one field with same/adjacent types are labelled
  overlap / transition_overlap too; on one subject under other qualifiers (智能X工艺 / X), weak_overlap
- `manifest.json`: files, row counts, label counts
"""

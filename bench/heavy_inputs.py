"""Heavy bad input (issue 7): what the product does with large and pathological files, bounded in time and
memory. Each case is ingested by a child process of its own (``workers=0``, so its peak RSS is the whole
ingest's) into a fresh graph of a private embedded store; a case past --timeout is killed and reported.

Cases: a 100k-row inventory with bad rows sprinkled (and a copy with a broken byte), a 50 MB policy text,
a few MB of text without a sentence end, a few MB of pathological punctuation, a large XLSX with formula and
merged cells.

    .venv/bin/python bench/heavy_inputs.py --rows 100000 --work /tmp/h3-heavy

Prints a markdown table (outcome, rows read / loaded / rejected by reason, seconds, peak RSS).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

HEADER = "序号,平台名称,依托单位,共建单位,所在地市,批准年份,研究方向"
CITIES = ("沈阳市", "大连市", "鞍山市", "抚顺市", "锦州市")
HOSTS = ("东北大学", "大连理工大学", "沈阳工业大学", "辽宁大学", "中国医科大学", "沈阳药科大学")
FIELDS = ("先进材料制备", "集成电路设计", "工业机器人", "生物医药", "智能制造", "新能源汽车")
KINDS = ("重点实验室", "工程研究中心", "技术创新中心", "工程技术研究中心")

# Bad rows sprinkled in (every 97th row cycles through them): what each should become.
BAD = (
    ("empty name", lambda i: f"{i},,东北大学,,沈阳市,2015,先进材料"),
    ("8k-char name", lambda i: f"{i},{'超长名称' * 2000}重点实验室,东北大学,,沈阳市,2015,先进材料"),
    ("formula name", lambda i: f'{i},"=HYPERLINK(""http://x/{i}"",""点击"")",东北大学,,沈阳市,2015,材料'),
    ("extra cells", lambda i: f"{i},辽宁省额外列{i}重点实验室,东北大学,,沈阳市,2015,材料,多余1,多余2"),
    ("missing cells", lambda i: f"{i},辽宁省缺列{i}重点实验室"),
    ("bad year", lambda i: f"{i},辽宁省坏年份{i}工程研究中心,东北大学,,沈阳市,二〇一五年左右,材料"),
    ("only commas", lambda i: ",,,,,,"),
)


def _good(i: int, rng: random.Random) -> str:
    return (
        f"{i},辽宁省{rng.choice(FIELDS)}{i}{rng.choice(KINDS)},{rng.choice(HOSTS)},,"
        f"{rng.choice(CITIES)},{rng.randint(1990, 2024)},{rng.choice(FIELDS)}"
    )


def make_inventory(path: Path, rows: int, broken_byte: bool = False, stray_quote: bool = False) -> dict[str, int]:
    rng = random.Random(7)
    planted: dict[str, int] = {}
    lines = [HEADER]
    for i in range(1, rows + 1):
        if i % 97 == 0:
            name, make = BAD[(i // 97) % len(BAD)]
            planted[name] = planted.get(name, 0) + 1
            lines.append(make(i))
        elif stray_quote and i == rows // 2:
            planted["stray quote"] = 1
            lines.append(f'{i},"辽宁省引号{i}重点实验室,东北大学,,沈阳市,2015,材料')
        else:
            lines.append(_good(i, rng))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if broken_byte:  # one invalid UTF-8 byte in the middle of the file
        mid = data.index(b"\n", len(data) // 2) + 1
        data = data[:mid] + b"\xff" + data[mid:]
        planted["broken byte"] = 1
    path.write_bytes(data)
    return planted


def make_policy_50mb(path: Path) -> None:
    para = "各市科技局要加强省级重点实验室建设，推动创新平台提质增效。到2025年，全省建成省级重点实验室200家。\n"
    reps = 50 * 1024 * 1024 // len(para.encode())
    with path.open("w", encoding="utf-8") as fh:
        for _ in range(reps):
            fh.write(para)


def make_no_sentence_end(path: Path, mb: int) -> None:
    rng = random.Random(3)
    words = ("加强", "重点实验室", "建设", "推动", "创新平台", "辽宁省", "沈阳市", "集成电路", "工程研究中心", "和")
    out, size = [], 0
    while size < mb * 1024 * 1024:
        w = rng.choice(words) + ("，" if rng.random() < 0.3 else "")
        out.append(w)
        size += len(w.encode())
    path.write_text("关于印发某某办法的通知\n" + "".join(out), encoding="utf-8")


def make_punctuation(path: Path, mb: int) -> None:
    rng = random.Random(5)
    marks = "《《》（（）“”‘’【】〔〕……——、；：，。！？.,;:!?()[]{}<>\"'“《（【"
    out, size = [], 0
    while size < mb * 1024 * 1024:
        if rng.random() < 0.05:
            w = "省级重点实验室" if rng.random() < 0.5 else "〔2021〕12号"
        else:
            w = rng.choice(marks) * rng.randint(1, 40)
        out.append(w)
        size += len(w.encode())
    path.write_text("".join(out), encoding="utf-8")


def make_xlsx(path: Path, rows: int) -> dict[str, int]:
    from openpyxl import Workbook

    rng = random.Random(11)
    wb = Workbook(write_only=False)
    ws = wb.active
    assert ws is not None
    ws.append(["辽宁省省级平台名单（2023年）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=7)
    ws.append(HEADER.split(","))
    planted = {"formula cells": 0, "merged host blocks": 0}
    for i in range(1, rows + 1):
        row: list[object] = _good(i, rng).split(",")
        row[0] = i
        if i % 50 == 0:
            row[6] = f'=A{i + 2}&"研究"'
            planted["formula cells"] += 1
        if i % 200 == 0:
            row[1] = f'=HYPERLINK("http://x/{i}","平台{i}")'
            planted["formula cells"] += 1
        ws.append(row)
    for start in range(3, rows + 3, 1000):  # a host merged over 5 rows every 1000 rows
        ws.merge_cells(start_row=start, start_column=3, end_row=start + 4, end_column=3)
        planted["merged host blocks"] += 1
    wb.save(path)
    return planted


def child(case: str, file: str, store: str) -> None:
    """Ingest one file into its own graph; print one JSON line."""
    from app.store.falkordb.store import FalkorStore
    from ingest.pipeline.run import ingest_paths

    st = FalkorStore(store, graph=f"heavy_{case}")
    t = time.perf_counter()
    report = ingest_paths(st, [Path(file)], workers=0)
    secs = time.perf_counter() - t
    f = report.files[0]
    print(
        json.dumps(
            {
                "seconds": round(secs, 1),
                "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "error": None if f.error is None else str(f.error)[:300],
                "rows_read": f.rows_read,
                "rejects": f.reject_counts(),
                "dropped": sum(1 for r in f.rejects if r.get("dropped", True)),
                "status": None if f.result is None else f.result.status,
                "platforms": None if f.result is None else f.result.nodes.get("Platform"),
                "sample_rejects": [
                    {k: str(v)[:60] for k, v in r.items() if k in ("row", "column", "reason")} for r in f.rejects[:3]
                ],
            },
            ensure_ascii=False,
        ),
        flush=True,
    )
    st.drop()
    st.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--xlsx-rows", type=int, default=50_000)
    ap.add_argument("--text-mb", type=int, default=4)
    ap.add_argument("--work", type=Path, default=Path("/tmp/h3-heavy"))
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--child", nargs=3, metavar=("CASE", "FILE", "STORE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    from app.store.falkordb.server import ensure_server, stop_server

    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    store = work / "store"
    ensure_server(store)
    cases: list[tuple[str, Path, str]] = []
    t = time.perf_counter()
    p = work / "辽宁省_省级平台名单_100k.csv"
    planted = make_inventory(p, args.rows)
    cases.append(("inventory", p, f"{args.rows} rows, bad rows planted: {planted}"))
    p = work / "辽宁省_省级平台名单_100k_broken.csv"
    planted = make_inventory(p, args.rows, broken_byte=True)
    cases.append(("inventory_broken_byte", p, "same + one 0xFF byte mid-file"))
    p = work / "辽宁省_省级平台名单_100k_quote.csv"
    make_inventory(p, args.rows, stray_quote=True)
    cases.append(("inventory_stray_quote", p, "same + one unbalanced quote mid-file"))
    p = work / "policy_50mb.txt"
    make_policy_50mb(p)
    cases.append(("policy_50mb", p, f"{p.stat().st_size / 1e6:.1f} MB policy text"))
    p = work / "no_sentence_end.txt"
    make_no_sentence_end(p, args.text_mb)
    cases.append(("no_sentence_end", p, f"{p.stat().st_size / 1e6:.1f} MB, no 。！？"))
    p = work / "punctuation.txt"
    make_punctuation(p, args.text_mb)
    cases.append(("punctuation", p, f"{p.stat().st_size / 1e6:.1f} MB of runs of brackets/quotes/dashes"))
    p = work / "辽宁省_省级平台名单_formulas.xlsx"
    planted = make_xlsx(p, args.xlsx_rows)
    cases.append(("xlsx", p, f"{args.xlsx_rows} rows, {planted}, merged title row"))
    print(f"# heavy inputs (files made in {time.perf_counter() - t:.0f} s), load {os.getloadavg()[0]:.2f}", flush=True)
    print("\n| case | input | outcome | rows read | rejected (by reason) | Platform nodes | s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for case, path, what in cases:
        try:
            proc = subprocess.run(
                [sys.executable, __file__, "--child", case, str(path), str(store)],
                capture_output=True,
                text=True,
                timeout=args.timeout,
                cwd=REPO,
            )
        except subprocess.TimeoutExpired:
            print(f"| {case} | {what} | KILLED after {args.timeout:.0f} s | | | | | |", flush=True)
            continue
        lines = [x for x in proc.stdout.splitlines() if x.startswith("{")]
        if proc.returncode != 0 or not lines:
            print(f"| {case} | {what} | CRASH rc={proc.returncode}: {proc.stderr.strip()[-300:]} | | | | | |")
            continue
        r = json.loads(lines[-1])
        outcome = f"error: {r['error']}" if r["error"] else str(r["status"])
        print(
            f"| {case} | {what} | {outcome} | {r['rows_read']} | {r['dropped']} {r['rejects']} | {r['platforms']} | "
            f"{r['seconds']} | {r['maxrss_mb']} |",
            flush=True,
        )
        if r["sample_rejects"]:
            print(f"|  | sample rejects: {r['sample_rejects']} | | | | | | |", flush=True)
    print(f"\nload average at end: {os.getloadavg()[0]:.2f}")
    stop_server(store)


if __name__ == "__main__":
    main()

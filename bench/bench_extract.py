"""End-to-end policy extraction speed vs plain jieba.lcut on the same text, same run.

Usage: .venv/bin/python bench/bench_extract.py [--mb 20] [--corpus bundled|real]   (prints a markdown section)

`--corpus real` reads the real texts under ../shared/corpus/real (or $INNOKG_SHARED/corpus/real). The name
rules' token caches and the window cutter's memo of log probabilities are cleared before every repetition, so
repeating a text does not make it cheaper.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import jieba

from ingest.policy.extract.dagcut import clear_memo
from ingest.policy.extract.lexical import lcut
from ingest.policy.extract.names import strip_region_level
from ingest.policy.extract.zone_names import proper_offset
from ingest.policy.pipeline import extract_text
from ingest.policy.read import RawDocument

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--corpus", choices=["bundled", "real"], default="bundled")
    args = ap.parse_args()
    corpus = ROOT / "data" / "corpus" / "policies"
    if args.corpus == "real":
        shared = os.environ.get("INNOKG_SHARED")
        cands = [Path(shared) / "corpus" / "real"] if shared else []
        cands += [b / "shared" / "corpus" / "real" for b in ROOT.parents]
        corpus = next((c for c in cands if c.is_dir()), cands[-1])
    elif not corpus.exists():
        corpus = Path("/work/shared/corpus/policies")
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    one = sum(len(t.encode("utf-8")) for t in texts)
    reps = max(1, int(args.mb * 1e6 / one) + 1)
    total_mb = one * reps / 1e6
    extract_text(RawDocument(path="warm", doc_id="warm", raw_text=texts[0], sha256="", fmt="text"))
    jieba.lcut("预热")
    # Interleaved, one repetition of each in turn, so a change in the machine's load falls on both sides alike;
    # CPU time (process_time) beside wall time, since other processes disturb it far less on a shared machine.
    t_ex = c_ex = t_jb = c_jb = 0.0
    for _ in range(reps):
        lcut.cache_clear()
        clear_memo()  # and jieba's log probabilities met so far
        strip_region_level.cache_clear()  # the name rules' caches too: each repetition starts cold
        proper_offset.cache_clear()
        w0, c0 = time.perf_counter(), time.process_time()
        for i, t in enumerate(texts):
            extract_text(RawDocument(path=f"{i}", doc_id=f"{i}", raw_text=t, sha256="", fmt="text"))
        w1, c1 = time.perf_counter(), time.process_time()
        for t in texts:
            jieba.lcut(t)
        w2, c2 = time.perf_counter(), time.process_time()
        t_ex, c_ex = t_ex + w1 - w0, c_ex + c1 - c0
        t_jb, c_jb = t_jb + w2 - w1, c_jb + c2 - c1
    print("## Policy extraction speed\n")
    what = f"the {len(texts)} {'real' if args.corpus == 'real' else 'bundled policy'} texts"
    print(f"Corpus: {what} repeated {reps}× = {total_mb:.1f} MB UTF-8, one process, one core.\n")
    print("| pipeline | seconds (wall) | MB/s | ratio to jieba.lcut (wall) | CPU seconds | ratio (CPU) |")
    print("|---|---:|---:|---:|---:|---:|")
    ex_ratio = f"{t_jb / t_ex:.2f}× | {c_ex:.1f} | {c_jb / c_ex:.2f}×"
    print(f"| extract_text (read excluded) | {t_ex:.1f} | {total_mb / t_ex:.2f} | {ex_ratio} |")
    print(f"| jieba.lcut precise (baseline) | {t_jb:.1f} | {total_mb / t_jb:.2f} | 1.00× | {c_jb:.1f} | 1.00× |")


if __name__ == "__main__":
    main()

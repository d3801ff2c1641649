"""Generated inventories for the benchmarks: one place that synthesises (or reuses) a run."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from ingest.synth import generate


def synth_inputs(platforms: int, seed: int, out: Path | None, reuse: bool) -> tuple[Path, float | None]:
    """The directory holding N generated platforms, and the seconds generation took (None if reused)."""
    out = out or Path(tempfile.mkdtemp(prefix="innokg-synth-"))
    if reuse and (out / "manifest.json").exists():
        return out, None
    t = time.perf_counter()
    generate(platforms, seed, out)
    return out, time.perf_counter() - t


def add_load_args(ap: argparse.ArgumentParser) -> None:
    """The options the load benchmarks share: what to generate, and how the pipeline reads it."""
    ap.add_argument("--platforms", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", type=Path, default=None, help="synth directory (kept)")
    ap.add_argument("--reuse", action="store_true", help="skip generation if --out already holds a run")
    ap.add_argument("--workers", type=int, default=None, help="worker processes (default: up to 2; 0: none)")
    ap.add_argument("--chunk", type=int, default=10_000)

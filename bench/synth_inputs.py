"""Generated inventories for the benchmarks: one place that synthesises (or reuses) a run."""

from __future__ import annotations

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

"""Issue 18: no quadratic text handling. Every public text function of app/text and ingest (first argument a
str) gets 1 MB of pathological input — newlines, spaces, blank lines, 、, digits, repeated brackets — in a
child process; each call must end within PER_CALL_S (linear code takes < 1 s, jieba's segmentation ~10 s
a megabyte; footer_start's `^\\s*` took 24 s at 40 KB, split_list's `\\s*[…]+\\s*` minutes at 1 MB)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PER_CALL_S = 30.0
TOTAL_S = 900.0


def test_every_text_function_is_linear_on_pathological_input() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    try:
        proc = subprocess.run(
            [sys.executable, str(Path(__file__).with_name("_text_child.py"))],
            capture_output=True,
            text=True,
            timeout=TOTAL_S,
            env=env,
            cwd=REPO,
            check=False,
        )
        out = proc.stdout
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        last = [json.loads(line) for line in out.splitlines() if line.startswith("{")][-1:]
        raise AssertionError(f"a text function did not return within {TOTAL_S:.0f} s: {last}") from None
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    done = [x for x in lines if "fn" in x]
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert len({x["fn"] for x in done}) >= 30, "the text functions were not found"
    slow = [x for x in done if x["s"] > PER_CALL_S]
    assert not slow, slow

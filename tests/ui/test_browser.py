"""The web app in a real browser (issue 20): each flow is a node script (tests/ui/*.mjs) driving
Debian's Chromium through playwright-core against the API with the demo data. Each prints one JSON
line {ok, figures, error}; the figures (load times, frame times) are written to the test log."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.ui.conftest import REPO, Demo

HERE = Path(__file__).resolve().parent
SHOTS = os.environ.get("INNOKG_UI_SHOTS", "")  # docs/ui to refresh the screenshots of docs/reference/web.md


def run_flow(demo: Demo, name: str, timeout: float = 300) -> dict[str, object]:
    env = {**os.environ, "INNOKG_UI_URL": demo.url, "INNOKG_UI_KEY": demo.api_key, "INNOKG_UI_SHOTS": SHOTS}
    proc = subprocess.run(
        ["node", str(HERE / f"{name}.mjs")], capture_output=True, text=True, timeout=timeout, env=env, cwd=REPO
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert lines, f"{name}.mjs printed no result (exit {proc.returncode}): {proc.stderr[-2000:]}"
    result: dict[str, object] = json.loads(lines[-1])
    print(name, json.dumps(result.get("figures"), ensure_ascii=False))
    assert result["ok"], result.get("error")
    return result


def test_demo_data_loaded(ui_demo: Demo) -> None:
    assert ui_demo.failed == []


@pytest.mark.parametrize("flow", ["pages", "review", "a11y", "bad_input", "upload"])
def test_flow(ui_demo: Demo, flow: str) -> None:
    run_flow(ui_demo, flow)


def test_graph_with_2000_nodes_stays_interactive(ui_demo: Demo) -> None:
    run_flow(ui_demo, "graph_perf", timeout=600)

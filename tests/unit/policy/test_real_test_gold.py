"""The hand-labelled gold of the real test split: every span matches its text, counts are current, and
the eval module's gold parser accepts every document. Texts are read from ../shared at run time."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ingest.policy.eval import _gold_sets, evaluate

ROOT = Path(__file__).resolve().parents[3]  # tests/unit/policy/ since the re-housing
GOLD = ROOT / "data" / "gold" / "real_test_gold.json"
SPLIT = {"zhejiang_04", "zhejiang_06", "guangdong_02", "guangdong_04", "shaanxi_01", "tianjin_01", "national_07"}


def _spans_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gold_spans", ROOT / "data" / "gold" / "gold_spans.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def test_shape_and_parser(gold: dict[str, Any]) -> None:
    assert gold["split"] == "test"
    assert {d["doc_id"] for d in gold["documents"]} == SPLIT
    for d in gold["documents"]:
        assert d["file"] == f"{d['doc_id']}.txt"
        sets = _gold_sets(d)
        assert sets["titles"] and sets["platform_types"]
    assert evaluate(GOLD, []).n_docs == 0  # loads; no predictions given


def test_spans_and_counts(gold: dict[str, Any]) -> None:
    gs = _spans_module()
    try:
        root = gs.source_root(gold)
    except FileNotFoundError as e:
        pytest.skip(f"shared corpus not available ({e})")
    n = 0
    for d in gold["documents"]:
        text = (root / d["file"]).read_text(encoding="utf-8")
        assert d["n_chars"] == len(text)
        n += gs.verify(text, d)
    assert n > 700
    counts = json.loads(json.dumps(gold))
    gs.recount(counts)
    assert counts["counts_per_doc"] == gold["counts_per_doc"]
    assert counts["counts_total"] == gold["counts_total"]

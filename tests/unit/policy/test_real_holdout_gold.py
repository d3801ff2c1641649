"""The hand-labelled gold of the real holdout split: it is registered as a split, every span matches its
text, counts are current, and the eval module's gold parser accepts every document. Texts are read from
../shared at run time; the span test is skipped when the shared corpus is absent."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ingest.policy.eval import SPLITS, _gold_sets, evaluate, split_golds

ROOT = Path(__file__).resolve().parents[3]
GOLD = ROOT / "data" / "gold" / "real_holdout_gold.json"
SPLIT = {"hunan_01", "hubei_01", "jiangxi_01", "guangdong_03", "beijing_05", "shanghai_06"}


def _spans_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gold_spans", ROOT / "data" / "gold" / "gold_spans.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def test_registered_as_split() -> None:
    assert split_golds("holdout") == [GOLD]
    assert "data/gold/real_holdout_gold.json" in SPLITS["all"]


def test_shape_and_parser(gold: dict[str, Any]) -> None:
    assert gold["split"] == "holdout"
    assert gold["source_root"] == "../shared/corpus/real"
    assert {d["doc_id"] for d in gold["documents"]} == SPLIT
    for d in gold["documents"]:
        assert d["file"] == f"{d['doc_id']}.txt"
        sets = _gold_sets(d)
        assert sets["titles"] and sets["platform_types"] and sets["issuing_agencies"]
    assert evaluate(GOLD, []).n_docs == 0  # loads; no predictions given


def test_spans_and_counts(gold: dict[str, Any]) -> None:
    gs = _spans_module()
    try:
        root = gs.source_root(gold)
    except FileNotFoundError as e:
        pytest.skip(f"shared corpus ../shared/corpus/real not available, cannot check spans ({e})")
    n = 0
    for d in gold["documents"]:
        text = (root / d["file"]).read_text(encoding="utf-8")
        assert d["n_chars"] == len(text)
        n += gs.verify(text, d)
    assert n > 600
    counts = json.loads(json.dumps(gold))
    gs.recount(counts)
    assert counts["counts_per_doc"] == gold["counts_per_doc"]
    assert counts["counts_total"] == gold["counts_total"]

"""The hand-labelled gold of the dev2 split, part a (real_dev2a_gold.json): registered under "dev2", loads with
the eval module's gold parser, every span matches its text and the counts are current. The texts are read from
../shared at run time; the span test is skipped, with the reason, when the shared corpus is absent."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ingest.policy.eval import SPLITS, _gold_sets, evaluate, split_golds

ROOT = Path(__file__).resolve().parents[3]
GOLD = ROOT / "data" / "gold" / "real_dev2a_gold.json"
DOC_IDS = {"heilongjiang_01", "zhejiang_07", "henan_04"}
MIN_SPANS = 250  # a floor on verified spans: a file emptied by accident fails


def _spans_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gold_spans", ROOT / "data" / "gold" / "gold_spans.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def test_registered_in_dev2() -> None:
    assert GOLD in split_golds("dev2")
    assert f"data/gold/{GOLD.name}" in SPLITS["all"]


def test_shape_and_parser(gold: dict[str, Any]) -> None:
    assert gold["split"] == "dev2"
    assert gold["source_root"] == "../shared/corpus/real"
    assert {d["doc_id"] for d in gold["documents"]} == DOC_IDS
    for d in gold["documents"]:
        assert d["file"] == f"{d['doc_id']}.txt"
        sets = _gold_sets(d)
        assert sets["titles"] and sets["platform_types"] and sets["issuing_agencies"] and sets["dates"]
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
    assert n > MIN_SPANS
    counts = json.loads(json.dumps(gold))
    gs.recount(counts)
    assert counts["counts_per_doc"] == gold["counts_per_doc"]
    assert counts["counts_total"] == gold["counts_total"]

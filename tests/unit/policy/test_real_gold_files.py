"""The hand-labelled gold of the real splits (test, holdout, dev2, dev3, dev4 a and b, dev5, dev6, dev7 and dev8):
registered as a split, every span matches its text, counts are current, and the eval module's gold parser accepts
every document. Texts are read from ../shared at run time; the span test is skipped when the shared corpus is
absent."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import pytest

from ingest.policy.eval import SPLITS, _gold_sets, evaluate, split_golds

ROOT = Path(__file__).resolve().parents[3]  # tests/unit/policy/ since the re-housing


class Split(NamedTuple):
    name: str
    gold: Path
    doc_ids: set[str]
    min_spans: int  # a floor on verified spans: a file emptied by accident fails
    issuers_everywhere: bool


SPLITS_HELD_OUT = [
    Split(
        "test",
        ROOT / "data" / "gold" / "real_test_gold.json",
        {"zhejiang_04", "zhejiang_06", "guangdong_02", "guangdong_04", "shaanxi_01", "tianjin_01", "national_07"},
        700,
        False,
    ),
    Split(
        "holdout",
        ROOT / "data" / "gold" / "real_holdout_gold.json",
        {"hunan_01", "hubei_01", "jiangxi_01", "guangdong_03", "beijing_05", "shanghai_06"},
        600,
        True,
    ),
    Split(
        "dev2",
        ROOT / "data" / "gold" / "real_dev2a_gold.json",
        {"heilongjiang_01", "zhejiang_07", "henan_04"},
        250,
        True,
    ),
    Split(
        "dev2",
        ROOT / "data" / "gold" / "real_dev2b_gold.json",
        {"guangxi_01", "shanghai_05", "zhejiang_05"},
        200,
        True,
    ),
    Split(
        "dev3",
        ROOT / "data" / "gold" / "real_dev3a_gold.json",
        {"liaoning_01", "beijing_03", "henan_05"},
        300,
        True,
    ),
    Split(
        "dev3",
        ROOT / "data" / "gold" / "real_dev3b_gold.json",
        {"jiangsu_01", "shanghai_02", "zhejiang_03"},
        320,
        True,
    ),
    Split(
        "dev4",
        ROOT / "data" / "gold" / "real_dev4a_gold.json",
        {"gansu_01", "zhejiang_02", "shanxi_01"},
        450,
        True,
    ),
    Split(
        "dev4",
        ROOT / "data" / "gold" / "real_dev4b_gold.json",
        {"ningxia_01", "qinghai_01"},
        380,
        True,
    ),
    Split(
        "dev5",
        ROOT / "data" / "gold" / "real_dev5_gold.json",
        {"yunnan_01", "guizhou_01"},
        450,
        True,
    ),
    Split(
        "dev6",
        ROOT / "data" / "gold" / "real_dev6_gold.json",
        {"hainan_01", "neimenggu_01"},
        520,
        True,
    ),
    Split(
        "dev7",
        ROOT / "data" / "gold" / "real_dev7_gold.json",
        {"xinjiang_01", "chongqing_01"},
        540,
        True,
    ),
    Split(
        "dev8",
        ROOT / "data" / "gold" / "real_dev8_gold.json",
        {"henan_01", "shanghai_01"},
        430,
        True,
    ),
]


def _spans_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gold_spans", ROOT / "data" / "gold" / "gold_spans.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(params=SPLITS_HELD_OUT, ids=lambda s: s.gold.stem, scope="module")
def split(request: pytest.FixtureRequest) -> tuple[Split, dict[str, Any]]:
    sp: Split = request.param
    return sp, json.loads(sp.gold.read_text(encoding="utf-8"))


def test_registered_as_split(split: tuple[Split, dict[str, Any]]) -> None:
    sp, _ = split
    assert sp.gold in split_golds(sp.name)
    assert f"data/gold/{sp.gold.name}" in SPLITS["all"]


def test_shape_and_parser(split: tuple[Split, dict[str, Any]]) -> None:
    sp, gold = split
    assert gold["split"] == sp.name
    assert gold["source_root"] == "../shared/corpus/real"
    assert {d["doc_id"] for d in gold["documents"]} == sp.doc_ids
    for d in gold["documents"]:
        assert d["file"] == f"{d['doc_id']}.txt"
        sets = _gold_sets(d)
        assert sets["titles"] and sets["platform_types"]
        assert sets["issuing_agencies"] or not sp.issuers_everywhere
    assert evaluate(sp.gold, []).n_docs == 0  # loads; no predictions given


def test_spans_and_counts(split: tuple[Split, dict[str, Any]]) -> None:
    sp, gold = split
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
    assert n > sp.min_spans
    counts = json.loads(json.dumps(gold))
    gs.recount(counts)
    assert counts["counts_per_doc"] == gold["counts_per_doc"]
    assert counts["counts_total"] == gold["counts_total"]

"""Issue #21, design (a): the statistical filter over the grammar's industries (ingest/policy/extract/model_filter.py).

Examples are made up from public knowledge (a work report's stock phrases, well-known industries), not copied
from any labelled text.
"""

from __future__ import annotations

import time

import pytest
from _extract import REGULATION, REPORT, extract

from ingest.policy.extract.model_filter import SWITCH, FilterModel, Spans, apply_filter, load_model, surface_units
from ingest.policy.models import Industry

BODY = "加快构建现代化产业体系，推动制造业高质量发展。大力发展集成电路、生物医药、新能源汽车等战略性新兴产业。"


def _industries(body: str, title: str, monkeypatch: pytest.MonkeyPatch, on: bool) -> list[str]:
    monkeypatch.setenv(SWITCH, "1" if on else "0")
    return [i.text for i in extract(body, title).industries]


def test_the_shipped_model_loads_once() -> None:
    model = load_model("industries")
    assert model is not None and model.kind == "industries"
    assert 0.0 < model.threshold < 1.0 and len(model.weights) > 100
    assert load_model("industries") is model  # read once, then cached
    assert load_model("no_such_kind") is None  # a kind without a file is never filtered


def test_a_stock_phrase_of_a_work_report_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    off = _industries(BODY, REPORT, monkeypatch, on=False)
    on = _industries(BODY, REPORT, monkeypatch, on=True)
    assert "现代化产业体系" in off and "现代化产业体系" not in on  # the goal of a plan, not an industry


def test_named_industries_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    on = _industries(BODY, REPORT, monkeypatch, on=True)
    assert {"集成电路", "生物医药", "新能源汽车", "战略性新兴产业"} <= set(on)
    body = "重点发展集成电路产业和人工智能产业，培育壮大生物医药产业集群。"
    assert _industries(body, REGULATION, monkeypatch, on=True) == _industries(body, REGULATION, monkeypatch, on=False)


def test_the_filter_only_removes_and_is_deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    off = _industries(BODY, REPORT, monkeypatch, on=False)
    first = _industries(BODY, REPORT, monkeypatch, on=True)
    assert set(first) <= set(off)
    assert all(_industries(BODY, REPORT, monkeypatch, on=True) == first for _ in range(3))


@pytest.mark.parametrize("value", ["0", "off", "false", "NO"])
def test_the_switch_turns_the_model_off(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(SWITCH, value)
    items = [
        Industry(span=(0, 7), text="现代化产业体系", rule="industry.dict", name="现代化产业体系", kind="industry_group")
    ]
    assert apply_filter("industries", "现代化产业体系", items, [], REPORT) is items


def test_a_model_keeps_by_its_threshold_on_the_logit_scale() -> None:
    model = FilterModel(kind="k", intercept=0.0, threshold=0.5, weights={"a": 1.0, "b": -2.0})
    assert model.keeps(["a"]) and not model.keeps(["b"]) and model.keeps([])  # p(0) = 0.5 is kept
    assert not model.keeps(["a", "b"])
    assert model.keeps(["unknown feature"])  # unseen features weigh nothing


def test_surfaces_are_scored_once_with_the_rules_of_every_occurrence() -> None:
    text = "发展新材料、新材料产业"
    items = [
        Industry(span=(2, 5), text="新材料", rule="industry.enumeration", name="新材料", kind="industry_field"),
        Industry(span=(6, 9), text="新材料", rule="industry.dict", name="新材料", kind="industry_field"),
    ]
    units = surface_units(text, items, [i.span for i in items], REGULATION)
    assert len(units) == 1
    key, feats, its = units[0]
    assert key == "新材料" and len(its) == 2
    assert "anyrule=industry.dict" in feats and "nitems=2" in feats and "listed=True" in feats
    assert "occ=2" in feats and "report=False" in feats


def test_nesting_is_asked_of_the_other_spans_only() -> None:
    spans = Spans([(0, 10), (2, 5), (2, 5), (20, 24), (20, 22)])
    assert spans.inside(2, 5) and spans.contains(0, 10)
    assert not spans.inside(0, 10) and not spans.contains(2, 5)  # a span is neither inside nor around itself
    assert spans.inside(20, 22) and not spans.inside(20, 24) and spans.contains(20, 24)
    assert not spans.inside(11, 12) and not spans.contains(11, 12)


def test_one_megabyte_of_listed_industries_stays_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    unit = "集成电路、生物医药、新材料、"
    text = unit * (1_000_000 // len(unit))
    items = []
    for n in range(0, len(text) - len(unit), len(unit)):
        items += [
            Industry(
                span=(n, n + 4), text="集成电路", rule="industry.enumeration", name="集成电路", kind="industry_field"
            ),
            Industry(span=(n + 5, n + 9), text="生物医药", rule="industry.enumeration", name="生物医药", kind="x"),
        ]
    monkeypatch.setenv(SWITCH, "1")
    t = time.process_time()
    kept = apply_filter("industries", text, items, [i.span for i in items], REPORT)
    assert time.process_time() - t < 30  # ~1 s here: one pass per distinct surface, the nesting in log time
    assert {id(i) for i in kept} <= {id(i) for i in items}


def test_features_name_the_lists_closer_and_the_lexicon() -> None:
    # round x-inds4: the noun after the list's 等 (…等行业 of an emission rule, …等产业 of a plan) and whether the
    # industry lexicon names the surface (生物医药), ends it (海洋|生物医药) or neither (水泥)
    text = "推动水泥、玻璃等行业超低排放改造。培育海洋生物医药、生物医药等产业。"
    items = [
        Industry(span=(2, 4), text="水泥", name="水泥", kind="industry_field", rule="r", confidence=0.8),
        Industry(
            span=(19, 25), text="海洋生物医药", name="海洋生物医药", kind="industry_field", rule="r", confidence=0.8
        ),
        Industry(span=(26, 30), text="生物医药", name="生物医药", kind="industry_field", rule="r", confidence=0.8),
    ]
    feats = {key: set(f) for key, f, _ in surface_units(text, items, [it.span for it in items], "")}
    assert {"closer=行业", "known=none"} <= feats["水泥"]
    assert {"closer=产业", "known=suffix"} <= feats["海洋生物医药"]
    assert {"closer=产业", "known=exact"} <= feats["生物医药"]

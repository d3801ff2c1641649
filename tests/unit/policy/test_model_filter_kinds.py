"""Issue #21, design (a) on more kinds: the units and features of the candidate filter for platform types, targets
and named platforms (ingest/policy/extract/model_units.py, model_filter.kind_units / filter_document).

Examples are made up from public knowledge (stock phrases of plans), not copied from any labelled text.
"""

from __future__ import annotations

import pytest

from ingest.policy.extract import model_filter as mf
from ingest.policy.extract.model_filter import SWITCH, FilterModel, apply_filter, filter_document, kind_units
from ingest.policy.extract.model_units import target_key, type_key
from ingest.policy.models import Entity, ExtractedDocument, PlatformTypeMention, Target


def _ptype(text: str, s: int, level: str | None, rule: str = "ptype.dict") -> PlatformTypeMention:
    return PlatformTypeMention(
        span=(s, s + len("重点实验室")), text="重点实验室", rule=rule, type="重点实验室", level=level, category=None
    )


def _target(count: int, year: int | None, s: int = 0) -> Target:
    return Target(
        span=(s, s + 4), text="10家", rule="target.count_unit", count=count, kind="total", type="新型研发机构",
        level=None, region=None, year=year,
    )  # fmt: skip


def _entity(text: str, s: int, kind: str) -> Entity:
    return Entity(span=(s, s + len(text)), text=text, rule="entity.type_suffix", kind=kind, name=text)


def test_units_are_what_the_scorer_counts() -> None:
    # platform types: (canonical type, level class) — 省级 and 市级 mentions of one type are two units
    assert type_key(_ptype("", 0, "省级")) == "重点实验室|省级"
    assert type_key(_ptype("", 0, "国家级")) != type_key(_ptype("", 0, "省级"))
    assert type_key(_ptype("", 0, "市级")) == type_key(_ptype("", 0, "县级"))  # one level class (市级)
    # targets: (count, type, year); the same count in another year is another unit
    assert target_key(_target(10, 2025)) == "10|新型研发机构|2025"
    assert target_key(_target(10, 2025)) != target_key(_target(10, 2027))


def test_mentions_of_one_unit_are_scored_once() -> None:
    text = "建设一批省级重点实验室，支持省级重点实验室和国家重点实验室发展。"
    items = [_ptype(text, 6, "省级"), _ptype(text, 16, "省级", rule="ptype.broad"), _ptype(text, 24, "国家级")]
    units = kind_units("platform_types", text, items, [], "关于加强重点实验室建设的意见")
    assert [u[0] for u in units] == ["重点实验室|省级", "重点实验室|国家级"]
    feats = units[0][1]
    assert "rule=ptype.dict" in feats and "anyrule=ptype.broad" in feats and "n=2" in feats
    assert "count_before=True" in feats and "lclass=省级" in feats  # 一批 before the first mention


def test_a_count_before_a_mention_is_a_feature_and_its_absence_too() -> None:
    counted = "培育10家省级重点实验室。"
    plain = "支持高校建设省级重点实验室。"
    f1 = kind_units("platform_types", counted, [_ptype(counted, 7, "省级")], [], "")[0][1]
    f2 = kind_units("platform_types", plain, [_ptype(plain, 8, "省级")], [], "")[0][1]
    assert "count_before=True" in f1 and "count_before=False" in f2
    assert "l12=建设|省级" in f2  # the governing verb and the level word before the kind


def test_inside_a_named_span_is_a_feature() -> None:
    text = "依托之江实验室重点实验室建设"
    item = _ptype(text, 7, None)
    inside = kind_units("platform_types", text, [item], [(2, 12)], "")[0][1]
    outside = kind_units("platform_types", text, [item], [(0, 2)], "")[0][1]
    assert "inside=True" in inside and "inside=False" in outside


def test_no_model_ships_for_the_new_kinds_so_their_output_is_the_grammars() -> None:
    assert mf.load_model("platform_types") is None and mf.load_model("targets") is None
    assert mf.load_model("named_platforms") is None
    items = [_ptype("", 0, "省级")]
    assert apply_filter("platform_types", "重点实验室", items, [], "") is items


def test_a_model_drops_a_whole_unit_and_only_that(monkeypatch: pytest.MonkeyPatch) -> None:
    model = FilterModel(kind="platform_types", intercept=0.0, threshold=0.5, weights={"lclass=国家级": -5.0})
    monkeypatch.setattr(mf, "load_model", lambda kind: model if kind == "platform_types" else None)
    monkeypatch.setenv(SWITCH, "1")
    text = "建设省级重点实验室和国家重点实验室，国家重点实验室"
    items = [_ptype(text, 4, "省级"), _ptype(text, 12, "国家级"), _ptype(text, 20, "国家级")]
    kept = apply_filter("platform_types", text, items, [], "")
    assert kept == items[:1]
    monkeypatch.setenv(SWITCH, "0")
    assert apply_filter("platform_types", text, items, [], "") is items


def test_named_platforms_filter_leaves_other_entities(monkeypatch: pytest.MonkeyPatch) -> None:
    model = FilterModel(kind="named_platforms", intercept=-5.0, threshold=0.5, weights={})
    monkeypatch.setattr(mf, "load_model", lambda kind: model if kind == "named_platforms" else None)
    monkeypatch.setenv(SWITCH, "1")
    text = "华为技术有限公司与之江实验室合作"
    company = _entity("华为技术有限公司", 0, "company")
    lab = _entity("之江实验室", 9, "platform")
    assert apply_filter("named_platforms", text, [company, lab], [], "") == [company]


def test_filter_document_with_the_switch_off_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    model = FilterModel(kind="any", intercept=-5.0, threshold=0.5, weights={})
    monkeypatch.setattr(mf, "load_model", lambda kind: model)
    text = "培育10家新型研发机构"
    doc = ExtractedDocument(
        doc_id="d", path="d.txt", sha256="0", n_chars=len(text), raw_text=text, script="zh-Hans",
        targets=[_target(10, 2025, 2)],
    )  # fmt: skip
    monkeypatch.setenv(SWITCH, "0")
    filter_document(doc, text)
    assert len(doc.targets) == 1
    monkeypatch.setenv(SWITCH, "1")
    filter_document(doc, text)
    assert doc.targets == []

"""Known industry fields by their use (industries.py): a measure of production or an industry noun after
the field, a “X+” campaign. Texts are made up for the test; none is taken from a scored file."""

from __future__ import annotations

from ingest.policy.models import ExtractedDocument
from ingest.policy.pipeline import extract_text
from ingest.policy.read import RawDocument


def _extract(text: str) -> ExtractedDocument:
    return extract_text(RawDocument(path="t.txt", doc_id="t", raw_text=text, sha256="x", fmt="text"))


def _industries(text: str) -> set[str]:
    return {i.text for i in _extract(text).industries}


def test_known_field_before_a_production_measure() -> None:
    assert "集成电路" in _industries("去年全市集成电路产量增长两成，出口稳步回升。")


def test_known_field_leading_a_plus_campaign() -> None:
    assert "人工智能" in _industries("深入实施“人工智能+”行动，推动医疗、教育场景落地。")


def test_known_field_as_a_resource_is_no_industry() -> None:
    got = _industries("依托大数据支撑决策，提供大数据共享服务。")
    assert "大数据" not in got

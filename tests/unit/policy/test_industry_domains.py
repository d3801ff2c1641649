"""Lists closed by 等…领域 (industries._fields_not_domains, round x-types4): sectors where an item is a known
industry, where the list closes with new or emerging fields, or where its clause builds a platform in them;
domains of policy otherwise. Texts are made up for the test; none is taken from a scored file."""

from __future__ import annotations

from ingest.policy.models import ExtractedDocument
from tests.unit.policy._extract import extract_raw


def _industries(text: str) -> set[str]:
    d: ExtractedDocument = extract_raw(text)
    return {i.text for i in d.industries}


def test_domains_of_policy_are_no_industries() -> None:
    found = _industries("某市条例\n支持在公共安全、城市交通、文化教育等领域开展新技术应用。")
    assert not {"公共安全", "城市交通", "文化教育"} & found


def test_list_with_a_known_industry_names_sectors() -> None:
    assert "人工智能" in _industries("某省2030年工作要点\n推动人工智能、类脑智能等领域企业集聚。")


def test_fields_where_a_platform_is_built_are_fields() -> None:
    found = _industries("某省2030年工作要点\n在深海探测、极地观测等领域积极创建省部共建国家重点实验室。")
    assert {"深海探测", "极地观测"} <= found

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


# Round x-inds6: trades a safety or an emission rule governs (industry_grammar.REGULATED) are no sectors.


def test_trades_of_an_emission_rule_are_no_industries() -> None:
    found = _industries("某省2030年工作要点\n加快玻璃、陶瓷、焦化等重点行业超低排放改造，改善空气质量。")
    assert not {"玻璃", "陶瓷", "焦化"} & found


def test_trades_of_a_safety_rule_are_no_industries() -> None:
    found = _industries("某省2030年工作要点\n严格管控烟花爆竹、危险化学品等重点行业领域安全风险。")
    assert not {"烟花爆竹", "危险化学品"} & found


def test_trades_grown_by_a_plan_stay_industries() -> None:
    # the same 等…行业 closer before growth, not regulation: the items are sectors
    found = _industries("某省2030年工作要点\n推动纺织、食品、家具等行业提质升级，培育新的增长点。")
    assert {"纺织", "食品", "家具"} <= found

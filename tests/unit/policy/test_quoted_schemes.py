"""Quoted schemes and cut stems (`entities._COUNTED_UNITS`, `_TRADE_PLATFORM`, the company suffix rule): counted
units one after another (“一局四中心”) are a scheme of members; 金服 is finance's platform; a level word cut from
before a stem opens no company's name. Sentences made up."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds


def test_counted_units_in_quotes_are_a_scheme() -> None:
    got = entity_kinds("完善“两港三中心”功能，建设“智算创新中心”。")
    assert "两港三中心" not in got
    assert got.get("智算创新中心") == "platform"


def test_a_finance_service_platform_is_no_named_platform() -> None:
    got = entity_kinds("加大“黔东金服平台”推广应用，支持企业融资。")
    assert "黔东金服平台" not in got


def test_a_level_word_opens_no_company_name() -> None:
    got = entity_kinds("基本完成市（州）级文旅投资集团组建。")
    assert not any(n.startswith("级") for n in got)

"""Government-service reforms named “一网…” (`programmes._quoted`, CONVENTIONS.md C15): each quoted reform is a
programme with no head, one by one when two stand side by side; other service slogans and app brands are not.
Sentences made up."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds


def test_one_net_reforms_are_programmes() -> None:
    got = entity_kinds("深化“一网通办”“一网统管”改革，推进“一网协同”向区县延伸。")
    assert {got.get(n) for n in ("“一网通办”", "“一网统管”", "“一网协同”")} == {"programme"}


def test_other_service_slogans_and_app_brands_are_none() -> None:
    # an app brand and a slogan of service quality: C15 and the H README leave them out
    got = entity_kinds("推广“赣服通”应用，做到“马上就办”，打造“一网”服务品牌。")
    assert not got

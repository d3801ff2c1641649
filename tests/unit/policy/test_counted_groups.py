"""Names listed and counted as N大 before a platform type (`entities._counted_names`), and a count's 大 that is no
part of a name. Sentences made up from public knowledge."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds


def test_fields_counted_as_n_da_before_a_platform_type_are_platforms() -> None:
    got = entity_kinds("布局建设光学、天文、海洋科学三大省基础科学中心。")
    assert got.get("光学") == "platform"
    assert got.get("海洋科学") == "platform"
    assert not any(n.startswith("大") for n in got)


def test_a_group_counted_without_names_gives_no_name() -> None:
    got = entity_kinds("加快建设五大中心，建设三大省基础科学中心。")
    assert not got

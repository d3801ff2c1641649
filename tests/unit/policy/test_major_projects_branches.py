"""The province's major-project programme and hospitals' regional branches (round x-ents6). Sentences made up
from public knowledge, none taken from a scored text."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds


def test_the_province_s_major_projects_are_a_programme() -> None:
    got = entity_kinds("实施20项省科技重大专项。组织重大科技专项攻关。")
    assert got.get("省科技重大专项") == "programme"
    assert got.get("重大科技专项") == "programme"


def test_the_state_s_major_projects_and_counts_of_them_are_not() -> None:
    got = entity_kinds("积极争取国家科技重大专项。实施5个重大科技专项。")
    assert not any("重大" in name for name in got)


def test_a_hospital_s_branch_in_a_region_carries_the_owner_s_name() -> None:
    got = entity_kinds("建成北京协和医院海南医院，推进固原市医院建设。")
    assert got.get("北京协和医院海南医院") == "hospital"
    assert got.get("固原市医院") == "hospital"
    assert "海南医院" not in got

"""Round x-types10: platform kinds on texts the rules were not fitted to (sentences written for these tests in
the genre's style)."""

from __future__ import annotations

from _extract import extract


def _pairs(body: str) -> set[tuple[str, str | None]]:
    return {(p.type, p.level) for p in extract(body).platform_types}


def test_a_short_region_name_opens_one_units_name() -> None:
    # 江西 glued before a broad head starts one facility's name: no kind, and certainly no 省级 from the place
    got = _pairs("开工江西地震监测科技交流中心，完成应急物资储备库建设。")
    assert not any(t.endswith("交流中心") for t, _ in got)


def test_a_level_word_before_the_same_head_still_makes_a_kind() -> None:
    # 省级 is how a level is written: the phrase is a kind of its own at that level
    got = _pairs("建设一批省级地震监测科技交流中心。")
    assert ("地震监测科技交流中心", "省级") in got


def test_counted_units_under_a_region_name_share_the_kind_with_no_level() -> None:
    # 两个 counts the units, which the region's name opens: one kind, level not marked by the place
    got = _pairs("在杭州和成都布局两个甘肃科创中心，吸引人才异地研发。")
    assert ("科创中心", None) in got
    assert ("科创中心", "省级") not in got


def test_the_head_of_a_named_facility_is_its_kind() -> None:
    # a large research facility is no graded designation: the head of its name is the kind
    got = _pairs("加快建设江城深地探测大科学装置，推进预研工作。")
    assert ("重大科技基础设施", None) in got


def test_the_head_of_a_named_computing_centre_is_its_kind() -> None:
    got = _pairs("东湖万卡智算中心建成投用，算力规模显著提升。")
    assert ("智算中心", None) in got


def test_a_graded_centre_named_without_a_level_stays_a_name() -> None:
    # 工程技术研究中心 is graded by who designates it; a named one with no level word is one centre's name
    got = _pairs("松原农机装备工程技术研究中心获批建设。")
    assert not any(t == "工程技术研究中心" for t, _ in got)

"""Round x-types11: false platform kinds sorted by construction (sentences written for these tests in the
genre's style)."""

from __future__ import annotations

from _extract import extract


def _types(body: str) -> set[str]:
    return {p.type for p in extract(body).platform_types}


def test_a_regions_science_centre_named_as_an_aim_is_no_kind() -> None:
    # the province's own designation, which the plan aims at: a designated area, not a kind of platform
    got = _types("具有全国影响力的产业科技创新中心建设取得新进展。")
    assert not any(t.endswith("科技创新中心") for t in got)


def test_an_international_centre_being_built_by_the_city_is_no_kind() -> None:
    got = _types("本市完善国际科技创新中心建设协调机制，统筹推进重大事项。")
    assert not any(t.endswith("科技创新中心") for t in got)


def test_a_centre_named_by_its_field_is_still_a_kind() -> None:
    # a field before the head names what the centre does (概念验证中心), not the region's scope
    got = _types("支持高校建设一批概念验证中心和工业互联网创新中心。")
    assert "概念验证中心" in got
    assert "工业互联网创新中心" in got

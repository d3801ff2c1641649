"""Targets (targets.py, round x-inds): a count of places a kind designates (…冠军县, …特色镇) and a count of
ranked places are no count of the kind. Texts are made up for the test; none is taken from a scored file."""

from __future__ import annotations

from tests.unit.policy._extract import extract


def _targets(body: str) -> set[tuple[int, str]]:
    return {(t.count, t.type) for t in extract(body).targets}


def test_count_of_counties_named_for_a_kind_is_no_count_of_it() -> None:
    # The counties are no 单项冠军 firms; a county designation an industry word qualifies (…产业强县) is a
    # place kind of its own (place_kinds, round x-types5), counted as itself.
    got = _targets("到2030年，培育单项冠军县4个、特色产业强县6个。")
    assert not {c for c, t in got if t == "制造业单项冠军"}
    assert got <= {(6, "特色产业强县")}


def test_count_of_the_kind_itself_still_counts() -> None:
    assert (12, "制造业单项冠军") in _targets("到2030年，新增制造业单项冠军12个。")


def test_ranking_is_no_target() -> None:
    got = _targets("去年7家高新区进入全国综合评价前30强，新增国家级高新区2家。")
    assert (7, "高新技术产业开发区") not in got
    assert (2, "高新技术产业开发区") in got

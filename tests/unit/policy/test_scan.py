"""patterns.scan finds what finditer finds: the rules' whole-text patterns on the bundled texts, and generated
patterns of the shapes first_chars reads (optional words, look-arounds, alternatives, classes) on any string."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.text.normalise import normalise
from ingest.policy.extract import (
    agency_grammar,
    designations,
    entities,
    industries,
    industry_grammar,
    meta,
    org_names,
    programmes,
)
from ingest.policy.extract.patterns import finditer_at, first_chars, outside_chars, scan, starts_before

_DATA = Path(__file__).resolve().parents[3] / "data"
_TEXTS = [normalise(p.read_text(encoding="utf-8")) for p in sorted((_DATA / "corpus" / "policies").glob("*.txt"))]
_SCANNED = [
    agency_grammar._BARE,
    agency_grammar._FINANCE,
    designations._GOV_SETS_UP,
    entities.COMPANY,
    entities._COLLEGE,
    industries._OPEN_HEAD,
    industries._COUNTED_CLUSTERS,
    industry_grammar._GROWN_LIST,
    industry_grammar._BASES,
    meta._APPLY,
    org_names._PLAIN,
    org_names._BECOME,
    programmes._QUOTED,
    programmes._NSF,
    programmes._MAJOR,
]


def _found(it: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in it]  # type: ignore[attr-defined]


@pytest.mark.parametrize("pattern", _SCANNED, ids=lambda p: p.pattern[:24])
def test_same_matches_as_finditer_on_the_bundled_texts(pattern: re.Pattern[str]) -> None:
    assert first_chars(pattern) is not None  # else scan is finditer itself
    for text in _TEXTS:
        assert _found(scan(pattern, text)) == _found(pattern.finditer(text))
        end = len(text) * 2 // 3
        assert _found(scan(pattern, text, 50, end)) == _found(pattern.finditer(text, 50, end))


def test_first_chars() -> None:
    def chars(p: str) -> str | None:
        c = first_chars(re.compile(p))
        return c.pattern if c is not None else None

    assert chars(r"(?:成功)?(?:成为|入选)企业") == "[入成]"
    assert chars(r"(?<![有限])(?:集团|分)?公司|银行(?![业等])") == "[公分银集]"
    assert chars(r"(?:^|(?<=[。,]))(?:国家|省)设立") == "[国省]"
    assert chars(r"[a-c]x") == "[abc]"
    assert chars(r"等?(?:(?<!\d)\d{1,2}|[一二]{1,3})个") == "[\\d一二等]"
    assert chars(r"[\u4e00-\u9fff]{2}公司") is None  # a class of all CJK characters: no short list
    assert chars(r"(?:国家)?") is None  # matches the empty string
    assert chars(r"x*") is None
    assert chars(r".公司") is None
    assert chars(r"[^，]公司") is None
    assert chars(r"(?i)ab") is None


_PIECES = [
    "国家",
    "省",
    "(?:成功)?",
    "(?<![有限])",
    "(?=[局厅])",
    "[省市]",
    "(?:局|厅)",
    "[a-c]{0,2}",
    "市?",
    "委",
    r"\d{1,2}",
    r"(?<!\d)",
    r"[\d省]",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4),
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=3),
    st.text(alphabet="国家省市局厅委有限成功abc,12٣", max_size=40),
    st.integers(0, 10),
    st.integers(0, 40),
)
def test_same_matches_on_any_string(a: list[str], b: list[str], text: str, pos: int, end: int) -> None:
    pattern = re.compile("".join(a) + "|" + "".join(b))
    if pattern.match(""):
        return  # finditer's empty matches are not what scan is for (first_chars gives None then)
    assert _found(scan(pattern, text, pos, end)) == _found(pattern.finditer(text, pos, end))
    assert _found(scan(pattern, text)) == _found(pattern.finditer(text))


def test_outside_chars() -> None:
    def cls(p: str) -> str | None:
        c = outside_chars(re.compile(p))
        return c.pattern if c is not None else None

    assert cls(r"(?<![有限])(?:集团|分)?公司(?!等)") == "[^公分司团集]"
    assert cls(r"[a-c]x") == "[^x\\U00000061-\\U00000063]"
    assert cls(r"[a-c]\d") is None
    assert cls(r"a.b") is None
    assert cls(r"[^，]") is None


_AGENCY_TEXT = st.text(
    alphabet="省市县区北京上海浦东新区国家科技厅局委员会人民政府部门第十届 、，。(（）)和各1", max_size=60
)


@settings(max_examples=400, deadline=None)
@given(_AGENCY_TEXT)
def test_agency_matches_on_any_string(text: str) -> None:
    assert [m.span() for m in agency_grammar.agency_matches(text)] == [
        m.span() for m in agency_grammar.AGENCY.finditer(text)
    ]


def test_agency_matches_on_the_bundled_texts() -> None:
    for text in _TEXTS:
        assert [m.span() for m in agency_grammar.agency_matches(text)] == [
            m.span() for m in agency_grammar.AGENCY.finditer(text)
        ]


def _parks(text: str, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in finditer_at(designations._PARK_LIST, text, starts_before(text, ("园、",), 3), end)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="海淀丰台园、由括含电子城以及,。", max_size=60), st.integers(0, 60))
def test_park_lists_where_their_first_item_ends(text: str, end: int) -> None:
    # zone_parks tries the list pattern only 2-3 characters before a 园、
    assert _parks(text, end) == [m.span() for m in designations._PARK_LIST.finditer(text, 0, end)]


def test_park_lists_on_the_bundled_texts() -> None:
    for t in [*_TEXTS, "由海淀园、丰台园、昌平园、电子城、大兴生物医药产业基地以及石景山园组成"]:
        assert _parks(t, len(t)) == [m.span() for m in designations._PARK_LIST.finditer(t)]


def _named_firms(text: str, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in finditer_at(org_names._NAMED_FIRM, text, starts_before(text, ("公司",), 5), end)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="。，华为公司成为获上市的一", max_size=40), st.integers(0, 40))
def test_named_firms_before_gongsi(text: str, end: int) -> None:
    # vouchers_and_firms tries the named-firm pattern only 2-5 characters before a 公司
    assert _named_firms(text, end) == [m.span() for m in org_names._NAMED_FIRM.finditer(text, 0, end)]


def test_named_firms_on_the_bundled_texts() -> None:
    for t in [*_TEXTS, "。华为公司成为全球领先企业，比亚迪公司获批"]:
        assert _named_firms(t, len(t)) == [m.span() for m in org_names._NAMED_FIRM.finditer(t)]

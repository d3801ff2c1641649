"""trie_alternation matches what the longest-first alternation of the same words matches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.text import gazetteer
from app.text.normalise import normalise
from ingest.policy import lexicon as lx
from ingest.policy.extract.agency_grammar import AGENCY, agency_matches
from ingest.policy.extract.entities import ZONE_AREA, ZONE_PIECE
from ingest.policy.extract.lexical import NAME_CHARS, name_run_start
from ingest.policy.extract.patterns import finditer_at, starts_before, trie_alternation
from ingest.policy.extract.regions import REGIONS

_DATA = Path(__file__).resolve().parents[3] / "data"
_WORDS = st.lists(st.text(alphabet="省市北京州区县", min_size=1, max_size=4), min_size=1, max_size=12, unique=True)


def _plain(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.text(alphabet="省市北京州区县局厅a", max_size=30))
def test_same_matches_as_the_plain_alternation(words: list[str], text: str) -> None:
    # a tail that needs backtracking into the alternation: the shorter word must be tried after the longer
    for tail in ("", "[市区]?局", "京?厅"):
        plain = re.compile(f"(?:{_plain(words)}){tail}")
        trie = re.compile(f"(?:{trie_alternation(words)}){tail}")
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in trie.finditer(text)]


def test_region_names() -> None:
    names = [n for n in REGIONS if len(n) >= 2]
    trie = re.compile(trie_alternation(names))
    assert all(trie.fullmatch(n) for n in names)
    text = "北京市人民政府、广东省科学技术厅和浦东新区"
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in re.finditer(_plain(names), text)]


def test_empty_word_refused() -> None:
    with pytest.raises(ValueError):
        trie_alternation(["省", ""])


def test_finditer_at_is_finditer_where_matches_can_start() -> None:
    rx = re.compile(r"(?:北京市?|[省市])[^,]{0,3}?局")
    text = "北京市科技局,省发改局和市局,北京局"
    starts = [m.start() for m in re.finditer("[北省市]", text)]
    assert [m.span() for m in finditer_at(rx, text, starts)] == [m.span() for m in rx.finditer(text)]
    with pytest.raises(ValueError):
        list(finditer_at(re.compile("x?"), "ab", [0]))


def test_agency_scan_finds_what_the_plain_scan_finds() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(_DATA.glob("corpus/policies/*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(_DATA.glob("testdocs/*.txt"))]
    texts.append("上海市浦东新区科技和经济委员会、浦东新区人民政府、国家药品监管局、县(市、区)科技局")
    for raw in texts:
        text = normalise(raw)
        assert [m.span() for m in agency_matches(text)] == [m.span() for m in AGENCY.finditer(text)]


def _plain_longest(auto: object, text: str) -> list[tuple[int, int, str, object]]:
    hits = sorted(
        ((end - len(w) + 1, end + 1, w, v) for end, (w, v) in auto.iter(text)),  # type: ignore[attr-defined]
        key=lambda h: (h[0], -(h[1] - h[0])),
    )
    out: list[tuple[int, int, str, object]] = []
    for h in hits:
        if not out or h[0] >= out[-1][1]:
            out.append(h)
    return out


def test_anchored_automaton_scan_finds_what_the_whole_scan_finds() -> None:
    auto = lx.university_automaton()
    names = [u.name for u in gazetteer.universities() if len(u.name) >= 4][:300]
    texts = [p.read_text(encoding="utf-8") for p in sorted(_DATA.glob("corpus/policies/*.txt"))]
    texts.append("学" + "、".join(names) + "和" + "".join(names[:50]) + "学")  # adjacent and overlapping names
    for raw in texts:
        text = normalise(raw)
        assert lx.longest_matches(auto, text) == _plain_longest(auto, text)
    assert lx.longest_matches(auto, "") == []


def _stepping_start(text: str, end: int, max_len: int) -> int:
    s = end
    while s > 0 and end - s < max_len and NAME_CHARS.match(text[s - 1]):
        s -= 1
    return s


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="科技A1(-·、,。 \n)中", max_size=40), st.integers(0, 40), st.integers(-2, 30))
def test_name_run_start_is_the_stepping_loop(text: str, end: int, max_len: int) -> None:
    end = min(end, len(text))
    assert name_run_start(text, end, max_len) == _stepping_start(text, end, max_len)


@pytest.mark.parametrize(
    ("rx", "anchors", "span"),
    [(ZONE_PIECE, ("片区", "新区"), 8), (ZONE_AREA, ("合作区", "开发区"), 10)],
)
def test_zone_scans_find_what_the_plain_scans_find(rx: re.Pattern[str], anchors: tuple[str, ...], span: int) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(_DATA.glob("corpus/policies/*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(_DATA.glob("testdocs/*.txt"))]
    texts.append("沈大自创区沈阳片区、上海自贸区临港新片区和沈抚新区,中国(上海)自由贸易试验区临港新片区浦东新区")
    texts.append("面向东盟科技创新合作区、国家级经济技术开发区开发区和中新天津生态城合作区合作区")
    for raw in texts:
        text = normalise(raw)
        found = [m.span() for m in finditer_at(rx, text, starts_before(text, anchors, span))]
        assert found == [m.span() for m in rx.finditer(text)]
    assert starts_before("ab新区新区", ("新区",), 2) == [0, 1, 2, 3, 4]

"""region_before, which tries only the name lengths that end in the character before pos, finds what trying every
length from 9 down to 2 finds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from app.text.normalise import normalise
from ingest.policy.extract.regions import REGIONS, region_before

_DATA = Path(__file__).resolve().parents[3] / "data"
_NAMES = sorted(n for n in REGIONS if len(n) >= 2)


def _plain(text: str, pos: int) -> tuple[int, object] | None:
    for n in range(min(9, pos), 1, -1):
        r = REGIONS.get(text[pos - n : pos])
        if r is not None:
            return pos - n, r
    return None


def test_same_as_every_length_on_the_bundled_texts() -> None:
    for p in sorted((_DATA / "corpus" / "policies").glob("*.txt")):
        text = normalise(p.read_text(encoding="utf-8"))
        for pos in range(-1, len(text) + 12):
            assert region_before(text, pos) == _plain(text, pos), pos


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_NAMES[:400], "省", "市", "的", "高新区", "a"]), max_size=6), st.integers(-2, 80))
def test_same_as_every_length_on_joined_names(parts: list[str], pos: int) -> None:
    text = "".join(parts)
    assert region_before(text, pos) == _plain(text, pos)

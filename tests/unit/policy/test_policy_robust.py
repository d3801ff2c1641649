"""Issue #21: the extractor never crashes, reads every input in linear time, and refuses what is not a text."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.model.errors import InputError
from ingest.policy.pipeline import extract_file, extract_paths, extract_text
from ingest.policy.read import RawDocument

ROOT = Path(__file__).resolve().parents[3]
POLICIES = sorted((ROOT / "data" / "corpus" / "policies").glob("*.txt"))


def _real_dir() -> Path | None:
    for base in (ROOT, *ROOT.parents):
        d = base / "shared" / "corpus" / "real"
        if d.is_dir():
            return d
    return None


REAL = _real_dir()


def _raw(text: str, name: str = "t") -> RawDocument:
    return RawDocument(path=f"{name}.txt", doc_id=name, raw_text=text, sha256="0" * 64, fmt="text")


def test_five_bundled_texts_concatenated(tmp_path: Path) -> None:
    """Used to raise IndexError in find_industries: type hits past the body (a footer) were read in it."""
    p = tmp_path / "five.txt"
    p.write_text("".join(q.read_text(encoding="utf-8") for q in POLICIES), encoding="utf-8")
    doc = extract_file(p)
    assert doc.platform_types and doc.industries


def test_garbled_copy_of_the_own_number_is_not_another_number() -> None:
    """桂科基字〔202249号 (the 〕 lost) repeats 桂科基字〔2022〕49号: one number, not three."""
    doc = extract_file(ROOT / "data" / "corpus" / "policies" / "003_03f0f60d28428536.txt")
    assert [n.text for n in doc.doc_numbers] == ["桂科基字〔2022〕49号"]


def test_garbled_number_alone_is_kept() -> None:
    doc = extract_text(_raw("关于印发某方案的通知\n(桂科基字〔202249号)\n正文。"))
    assert [n.rule for n in doc.doc_numbers] == ["docnum.garbled"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "binary"),
        ("latin.txt", bytes(range(0x80, 0x100)) * 40, "undecodable"),
        ("oneline.txt", ("科技创新平台建设" * 420_000).encode(), "without a break"),
    ],
)
def test_bad_files_give_a_clear_error_naming_the_file(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    p = tmp_path / name
    p.write_bytes(content)
    docs, errors = extract_paths([p])
    assert docs == []  # nothing goes on to be stored
    assert len(errors) == 1 and isinstance(errors[0], InputError)
    assert name in str(errors[0]) and reason in str(errors[0])


# 1 MB of one character (or a short unit) repeated: every rule must stay linear.
PATHOLOGICAL = {
    "newlines": "\n",
    "enumeration commas": "、",
    "digits": "1",
    "full-width commas": ",",
    "document-number openers": "〔2022",
    "years": "2025年",
    "brackets": "(",
    "quotes": "“",
    "book-title marks": "《",
    "spaces": " ",  # the roster rule's two space runs side by side backtracked quadratically
    "agency enumeration": "省科技厅、",  # grammar spans x agencies
    "sector lists closed by 等": "盐化工、硅化工等，",  # industry_heads reads each list from its 等 backwards
    "firm lists closed by 等": "华为、腾讯等，",  # known_firms reads each list once, from its 等 backwards
}


@pytest.mark.parametrize("unit", list(PATHOLOGICAL.values()), ids=list(PATHOLOGICAL))
def test_one_megabyte_of_pathological_input_is_linear(unit: str) -> None:
    text = unit * (1_000_000 // len(unit))
    extract_text(_raw("科技厅\n" * 3))  # dictionaries and jieba loaded outside the timed run
    t = time.process_time()
    extract_text(_raw(text))
    assert time.process_time() - t < 30  # ~4 s on the dev machine; quadratic rules took minutes to hours


def _real_texts() -> list[str]:
    if REAL is None:
        return []
    return [p.read_text(encoding="utf-8") for p in sorted(REAL.glob("*.txt"))[:20]]


@pytest.mark.skipif(REAL is None, reason="../shared/corpus/real is absent")
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_concatenations_and_cuts_of_real_texts_never_crash(data: st.DataObject) -> None:
    texts = _real_texts()
    picks = data.draw(st.lists(st.sampled_from(texts), min_size=1, max_size=3))
    text = "".join(picks)
    a = data.draw(st.integers(0, len(text) - 1))
    b = data.draw(st.integers(a + 1, min(len(text), a + 30_000)))
    doc = extract_text(_raw(text[a:b]))
    for item in (*doc.agencies, *doc.entities, *doc.industries, *doc.platform_types, *doc.targets):
        s, e = item.span
        assert 0 <= s <= e <= b - a and doc.raw_text[s:e] == item.text

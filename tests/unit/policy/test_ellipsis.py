"""Head ellipsis (ellipsis.py): 培育瞪羚、独角兽企业 names two kinds. Texts are made up for the test; none is
taken from a scored file."""

from __future__ import annotations

from ingest.policy.models import ExtractedDocument
from ingest.policy.pipeline import extract_text
from ingest.policy.read import RawDocument


def _extract(text: str) -> ExtractedDocument:
    return extract_text(RawDocument(path="t.txt", doc_id="t", raw_text=text, sha256="x", fmt="text"))


def _types(text: str) -> set[str]:
    return {p.type for p in _extract(text).platform_types}


def test_designations_sharing_a_head() -> None:
    got = _types("大力培育瞪羚、独角兽企业，壮大创新主体。")
    assert {"瞪羚企业", "独角兽企业"} <= got


def test_specific_head_shared_over_he() -> None:
    got = _types("因地制宜布局一批概念验证和中试示范平台。")
    assert {"概念验证平台", "中试示范平台"} <= got


def test_no_shared_head_without_a_known_kind() -> None:
    got = _types("引导金融、物流和科技服务平台协同发展。")
    assert not {"金融平台", "物流平台"} & got


def test_designation_pair_not_governed_is_no_kind() -> None:
    got = _types("瞪羚、独角兽企业的认定标准由省科技厅另行制定。")
    assert "瞪羚企业" not in got


def test_count_before_the_pair_counts_the_kind_with_its_own_head() -> None:
    d = _extract("到2027年，建设10个概念验证和中试平台。")
    assert "概念验证平台" not in {t.type for t in d.targets}

"""A count after a clause's own noun counts that noun, not the sentence's last kind (targets._own_noun, round
x-types4). Texts are made up for the test; none is taken from a scored file."""

from __future__ import annotations

from ingest.policy.models import ExtractedDocument
from tests.unit.policy._extract import extract_raw


def _targets(text: str) -> set[tuple[int, str]]:
    d: ExtractedDocument = extract_raw(text)
    return {(t.count, t.type) for t in d.targets}


def test_count_of_the_clause_own_noun_is_no_target() -> None:
    found = _targets("某省2030年工作要点\n2024年，组建6家省重点实验室，实施研究项目320个。")
    assert (6, "重点实验室") in found
    assert (320, "重点实验室") not in found


def test_level_word_before_a_count_still_counts_the_kind() -> None:
    found = _targets("某省2030年工作要点\n2024年，新增重点实验室12家，其中国家级3家。")
    assert (12, "重点实验室") in found
    assert (3, "重点实验室") in found

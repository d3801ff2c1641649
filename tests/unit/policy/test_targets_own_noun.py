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


def test_noun_between_the_kind_and_its_count_is_what_is_counted() -> None:
    # the subject's head is 合作伙伴, the kind before it only modifies it: 45 partners, no laboratories
    found = _targets("某省2030年工作要点\n2024年，全省重点实验室开放合作伙伴增至45个。")
    assert not any(c == 45 for c, _ in found)


def test_noun_before_a_reaching_verb_does_not_take_the_last_kind() -> None:
    # 休闲农庄达30家 counts farms; it does not inherit the laboratories counted before it
    found = _targets("某省2030年工作要点\n2024年，新认定省级重点实验室12家，省级休闲农庄达30家。")
    assert (12, "重点实验室") in found
    assert (30, "重点实验室") not in found


def test_noun_of_quantity_still_counts_the_kind() -> None:
    # 数量 is "the number of" the firms: the count is the firms'
    found = _targets("某省2030年工作要点\n到2027年，高新技术企业数量突破300家。")
    assert (300, "高新技术企业") in found


def test_total_word_after_a_kind_is_transparent_for_the_last_kind() -> None:
    # 保有量 and 总数 are nouns of quantity too: the count inherits the kind named before
    found = _targets("某省2030年工作要点\n到2027年，新建省级工程研究中心20家，保有量不少于90家。")
    assert (90, "工程研究中心") in found

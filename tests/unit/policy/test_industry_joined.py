"""Two fields joined by 及 before one industry head (industry_joined.joined_fields): one industry, kept whole.
Texts are made up for the test in the genre's style; none is taken from a scored file."""

from __future__ import annotations

from ingest.policy.extract.industry_joined import joined_fields
from tests.unit.policy._extract import extract_raw


def _joined(text: str) -> set[str]:
    return {text[s:e] for s, e, *_ in joined_fields(text)}


def _industries(text: str) -> set[str]:
    return {i.text for i in extract_raw(text).industries}


def test_material_and_its_processing_before_one_head_are_one_industry() -> None:
    # a verb governs the pair; the second field ends in a verb of production, as GB/T 4754 names classes
    got = _joined("推动茶叶及茶饮品加工产业提质增效。")
    assert got == {"茶叶及茶饮品加工产业"}


def test_one_character_second_field_and_a_chain_head() -> None:
    # 稳定 (an adjective used as the verb) opens the pair; 及其 + the derived goods before a chain head
    assert _joined("出台稳定蜂蜜及蜡产业发展的措施。") == {"蜂蜜及蜡产业"}
    assert _joined("延伸大豆、酵母及其发酵制品产业链。") == {"酵母及其发酵制品产业链"}


def test_technology_and_its_industry_is_no_joined_field() -> None:
    # 及其 + the head alone joins a technology to its industry; 产业化 is a process
    assert not _joined("促进高新技术及其产业发展，推动生物技术及其产业化应用。")


def test_authorities_and_a_noun_run_cut_short_are_no_field() -> None:
    # 有关部门 holds no field; a first noun that runs on past six characters is not read
    assert not _joined("县级以上人民政府及其有关部门应当支持产业发展。")
    assert not _joined("培育北方重型燃气涡轮机及叶片产业。")


def test_joined_field_replaces_its_second_half_in_the_pipeline() -> None:
    got = _industries("某市工作要点\n实施蔬菜及净菜加工产业提升行动。")
    assert "蔬菜及净菜加工产业" in got and "净菜加工产业" not in got

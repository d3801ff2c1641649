"""Quoted talent programmes and programme topics (`programmes._quoted`, `programmes._actions`): a talent programme
is named in full inside its quotes (up to eight characters before 计划 / 工程 with 英才 / 人才 in them); an era
(新时代) is no part of the name; infrastructure works are no S&T programme. Sentences made up."""

from __future__ import annotations

from tests.unit.policy._extract import REPORT, entity_kinds


def _programmes(body: str, title: str = REPORT) -> set[str]:
    return {name for name, kind in entity_kinds(body, title).items() if kind == "programme"}


def test_a_talent_programme_in_quotes_is_named_in_full() -> None:
    got = _programmes("深入实施“兴黔英才引育计划”，引进高层次人才300人。")
    assert "“兴黔英才引育计划”" in got


def test_an_era_before_the_quotes_is_no_part_of_the_name() -> None:
    got = _programmes("实施新时代“青年人才托举计划”，支持青年科技人才。")
    assert "“青年人才托举计划”" in got
    assert not any(n.startswith("新时代") for n in got)


def test_a_long_quoted_description_without_a_talent_word_is_no_programme() -> None:
    # six characters before the head and no talent word: a description, not a coinage
    got = _programmes("实施“科技创新六项行动计划”，推动产业升级。")
    assert not got


def test_an_infrastructure_action_is_no_programme() -> None:
    got = _programmes("深入推进产业园区基础设施建设三年行动，实施制造业数字化转型行动。")
    assert "制造业数字化转型行动" in got
    assert not any("基础设施" in n for n in got)


def test_a_talent_works_programme_is_named_and_other_works_are_not() -> None:
    # 工程 heads a programme only where it trains or brings talent; 水利 works are none
    got = _programmes("实施青年科技人才培养工程，实施重点水利工程。")
    assert "青年科技人才培养工程" in got
    assert not any("水利" in n for n in got)


def test_model_and_patent_topics_are_the_st_systems() -> None:
    got = _programmes("实施行业模型应用计划，实施高价值专利培育工程。")
    assert {"行业模型应用计划", "高价值专利培育工程"} <= got


def test_an_item_after_a_quoted_programme_shares_its_verb() -> None:
    got = _programmes("深入实施“黔才引进计划”、“银发计划”、青年人才托举工程，新增人才5万人。")
    assert "青年人才托举工程" in got


def test_a_capital_citys_growth_and_a_rank_are_no_programmes() -> None:
    # “强省会”: a capital city's growth; “头号工程”: what the text ranks first; both in sentences of industry and talent
    got = _programmes("深入实施“强省会”行动，加快产业和人才集聚。把科技招商作为“头号工程”。")
    assert not got


def test_a_schools_slogan_in_a_numbered_note_is_no_programme() -> None:
    # the note's clause opens after 5．, and 思政 marks a school's programme
    got = _programmes("注释：\n5．大中小学思政课一体化建设“三通行动”：课程贯通、创新联通。")
    assert not got

"""Round x-inds5 (industries): lists closed by 等 whose every member ends in a head of production
(`industry_heads.headed_lists`). Sentences are written for the test in the genre's style; none is taken from a
scored file."""

from __future__ import annotations

from tests.unit.policy._extract import extract


def _industries(body: str) -> set[str]:
    return {i.text for i in extract(body).industries}


def test_list_of_chemical_trades_after_a_verb() -> None:
    # no member is in the lexicon, each ends in 化工 (GB/T 4754 大类 26): the verb is cut from the first one
    got = _industries("推动盐化工、氯碱化工、硅化工等加快发展，延伸精深加工链条。")
    assert {"盐化工", "氯碱化工", "硅化工"} <= got


def test_list_of_equipment_and_energy_led_to_a_verb() -> None:
    got = _industries("支持海上风电装备、氢能装备、海洋清洁能源等加快发展。")
    assert {"海上风电装备", "氢能装备", "海洋清洁能源"} <= got


def test_counted_list_with_one_known_member() -> None:
    # 新材料 is in the lexicon; 工程机械 (GB/T 4754 351) and 轨道交通装备 carry a head: a count closes the list
    got = _industries("重点打造新材料、工程机械、轨道交通装备等5条优势产业链。")
    assert {"工程机械", "轨道交通装备"} <= got


def test_list_qualifying_the_noun_after_it_adds_none() -> None:
    # 等领域 + a platform: the list qualifies the laboratories, it names no sectors
    got = _industries("持续支持种业、农机装备等领域全国重点实验室建设。")
    assert not {"种业", "农机装备"} & got


def test_list_with_a_member_without_a_head_adds_none() -> None:
    got = _industries("加强化工、消防安全、危险品运输等重点环节监管。")
    assert not {"化工", "消防安全"} & got

"""Named actions without quotes (`programmes._actions`): a verb of carrying out before X行动 / X行动计划 / X计划
in a work report, where the topic is science, technology or industry; a role's system in any text. Each rule
with its negative case; the sentences are made up."""

from __future__ import annotations

from tests.unit.policy._extract import REPORT, entity_kinds


def _programmes(body: str, title: str = REPORT) -> set[str]:
    return {name for name, kind in entity_kinds(body, title).items() if kind == "programme"}


def test_named_industry_actions_in_a_work_report() -> None:
    got = _programmes("实施半导体产业提质增效行动，启动新一轮工业强基三年行动计划。推进新材料产业倍增计划。")
    assert {"半导体产业提质增效行动", "工业强基三年行动计划", "新材料产业倍增计划"} <= got


def test_coordinated_action_takes_the_verb_of_the_first() -> None:
    got = _programmes("实施智能制造赋能行动、数字园区培育行动，加快发展。")
    assert {"智能制造赋能行动", "数字园区培育行动"} <= got


def test_actions_outside_science_and_industry_are_not_programmes() -> None:
    got = _programmes("实施城市更新行动，开展提振消费专项行动，实施文旅融合提升行动，开展节约型机关创建行动。")
    assert not got


def test_a_kind_of_grant_or_a_scope_word_is_no_name() -> None:
    got = _programmes("实施省重点研发计划，落实全省工业互联网标准推广计划。")
    assert "省重点研发计划" not in got
    assert "工业互联网标准推广计划" in got  # 全省 is the scope, not the name


def test_actions_outside_a_work_report_are_the_texts_own_tasks() -> None:
    got = _programmes("实施半导体产业提质增效行动。", title="某省科技创新平台建设三年工作方案")
    assert not got


def test_a_roles_system_is_a_programme_in_any_text() -> None:
    got = _programmes("建立企业科技特派员制度，完善人才评价制度。", title="某市科学技术进步条例")
    assert "企业科技特派员制度" in got
    assert not any("评价制度" in g for g in got)


def test_a_fund_before_deng_is_the_named_fund_and_relief_funds_are_not() -> None:
    got = _programmes("设立杭州市数字经济发展资金等专项资金，发放省级纾困稳岗基金。", title="某市科技进步条例")
    assert "杭州市数字经济发展资金" in got
    assert not any("专项资金" in g or "稳岗" in g for g in got)


def test_firm_fostering_actions_and_fostering_works_of_a_report_are_programmes() -> None:
    got = _programmes("实施专精特新企业培育行动，实施未来产业培育工程。实施农村道路提升工程。")
    assert "专精特新企业培育行动" in got
    assert "未来产业培育工程" in got
    assert not any(n.endswith("提升工程") for n in got)

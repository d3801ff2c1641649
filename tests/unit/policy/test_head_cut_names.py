"""A name never opens with its own head noun (`entities._before_head`, round x-ents7). Sentences made up from
public knowledge, none taken from a scored text."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds


def test_a_name_cut_at_a_conjunction_inside_it_runs_back_to_its_subject() -> None:
    got = entity_kinds("引进澳门质量及认证中心横琴实验室落地。")
    assert got.get("澳门质量及认证中心横琴实验室") == "platform"
    assert "中心横琴实验室" not in got


def test_the_clause_s_opening_verbs_are_no_part_of_the_subject() -> None:
    got = entity_kinds("力争同步辐射研究中心大科学装置纳入国家规划。")
    assert "中心大科学装置" not in got
    assert not any(n.startswith("力争") for n in got)


def test_a_pair_of_kinds_at_a_clause_start_is_no_name() -> None:
    got = entity_kinds("上年度成绩显著。园区开发区完成优化整合。")
    assert "园区开发区" not in got

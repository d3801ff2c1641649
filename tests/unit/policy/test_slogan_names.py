"""How a quoted slogan programme is spelled (`programmes`, round x-ents6). Sentences made up from public knowledge."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds


def test_one_sign_coined_slogan_before_xingdong_is_named_by_the_slogan() -> None:
    got = entity_kinds("开展“机器人+”行动，加快智能制造。")
    assert got.get("“机器人+”") == "programme"
    assert "“机器人+”行动" not in got


def test_two_slogans_share_the_head_and_a_plan_keeps_it() -> None:
    got = entity_kinds("实施“人工智能+”“数据要素×”行动。制定“机器人+”行动计划，推进科技创新。")
    assert got.get("“人工智能+”“数据要素×”行动") == "programme"
    assert "“机器人+”" not in got


def test_a_second_verb_is_no_topic_of_a_quoted_programme() -> None:
    got = entity_kinds("启动实施“天山英才”计划，引进科技人才。")
    assert got.get("“天山英才”计划") == "programme"


def test_sign_coined_slogans_listed_before_deng_gongcheng_are_programmes() -> None:
    got = entity_kinds("推进“机器人+”、“北斗+”等系统工程。丰富“信用+”场景。")
    assert got.get("“机器人+”") == "programme"
    assert got.get("“北斗+”") == "programme"
    assert "“信用+”" not in got


def test_quoted_works_of_ecology_or_power_are_no_programmes() -> None:
    got = entity_kinds("推进科技创新，完成“三北”工程建设任务。“西电东送”工程全线贯通。")
    assert not {"“三北”工程", "“西电东送”工程"} & set(got)


def test_a_quoted_gongcheng_in_a_clause_of_science_is_a_programme() -> None:
    got = entity_kinds("持续推进科技“登峰”工程，加快培育新质生产力。")
    assert got.get("科技“登峰”工程") == "programme" or got.get("“登峰”工程") == "programme"


def test_a_named_satellite_is_a_programme_other_numbered_craft_are_not() -> None:
    got = entity_kinds("“珞珈二号”卫星成功发射。“华龙一号”机组并网发电。")
    assert got.get("“珞珈二号”") == "programme"
    assert "“华龙一号”" not in got

"""A platform that arrives, opens or is approved is one platform (`proper_names.arrivals`), and a quoted
slogan is a programme only in a sentence about science, talent or industry (`programmes._quoted`). Sentences
made up from public knowledge."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds


def _names(body: str) -> dict[str, str]:
    return entity_kinds(body)


def test_a_platform_that_settles_or_opens_is_named() -> None:
    got = _names("国家超导材料计量测试中心落户我省。全省首个海洋能源试验平台建成投运，推动渤海人工智能研究中心揭牌。")
    assert got.get("国家超导材料计量测试中心") == "platform"
    assert got.get("海洋能源试验平台") == "platform"  # 首个 is before the name
    assert got.get("渤海人工智能研究中心") == "platform"  # the verb is not


def test_a_generic_or_non_science_facility_that_opens_is_no_name() -> None:
    got = _names("万亩种植基地投入运营，科技创新基地建成投运，省妇女儿童中心建成投用。")
    assert not any(n.endswith(("基地", "中心")) for n in got)


def test_a_level_word_is_no_part_of_an_arriving_name() -> None:
    got = _names("首个国家级船舶技术创新中心深海研发中心落户我市。")
    assert "船舶技术创新中心深海研发中心" in got


def test_quoted_slogans_need_a_science_or_industry_sentence() -> None:
    got = _names("开展“平安校园”专项行动，维护稳定。实施科技成果转化“千企工程”，服务企业。")
    assert not any("平安校园" in n for n in got)
    assert "科技成果转化“千企工程”" in got


def test_a_short_name_before_deng_and_a_one_of_a_kind_designation() -> None:
    got = _names("争取创建怀柔等国家实验室基地，支持嵩山等实验室建设。持续支持农业、医药等领域全国重点实验室建设。")
    assert got.get("怀柔") == "platform"
    assert got.get("嵩山") == "platform"
    assert "医药" not in got and "农业" not in got  # fields, and 领域 stands between


def test_a_quoted_slogan_takes_a_noun_topic_opening_its_clause_not_a_verb() -> None:
    got = _names("全年产值增长。科技“攀登”行动突破关键技术30项，深化“智造强省”行动，实施文旅消费“百城”行动。")
    assert "科技“攀登”行动" in got
    assert "“智造强省”行动" in got  # 深化 is the verb, not the topic
    assert not any("百城" in n for n in got)  # culture and consumption: outside the S&T system


def test_a_platform_at_a_stage_of_building_is_named() -> None:
    # preparing (筹建), a plaque hung (挂牌), work going well or running: the sentence reports one facility
    got = _names(
        "东湖生物育种实验室加快筹建，滨江先进材料研究院获批筹建。江海量子试验基地建设进展顺利，"
        "云岭智能制造创新中心挂牌。"
    )
    assert got.get("东湖生物育种实验室") == "platform"
    assert got.get("滨江先进材料研究院") == "institution"
    assert got.get("江海量子试验基地") == "platform"
    assert got.get("云岭智能制造创新中心") == "platform"


def test_a_kind_at_a_stage_of_building_is_no_name() -> None:
    # a graded kind or one without a science word stays no name, whatever stage the sentence reports
    got = _names("重点实验室加快筹建。农产品批发中心挂牌，全省物资储备基地建设进展顺利。")
    assert not any(n.endswith(("实验室", "中心", "基地")) for n in got)

"""Service sectors by their head (industry_grammar.services): one noun or an X性 adjective before 服务业.
Texts are made up for the test; none is taken from a scored file."""

from __future__ import annotations

from tests.unit.policy._extract import extract_raw


def _industries(text: str) -> set[str]:
    return {i.text for i in extract_raw(text).industries}


def test_noun_and_adjective_before_services_name_a_sector() -> None:
    got = _industries("某市工作要点\n完善科技服务业扶持政策，推动生活性服务业提质扩容。")
    assert {"科技服务业", "生活性服务业"} <= got


def test_scope_words_and_service_formats_are_no_sector() -> None:
    got = _industries("某市工作要点\n互联网和相关服务业营收增长，支持平台创新服务业态，开展服务业扩大开放试点。")
    assert not {"相关服务业", "创新服务业", "服务业扩大开放"} & got


def test_economy_before_a_production_measure_is_a_field() -> None:
    assert "海洋经济" in _industries("某市工作要点\n海洋经济增加值增长百分之八。")
    assert "平台经济" in _industries("某市工作要点\n促进平台经济健康发展。")


def test_size_of_an_economy_is_no_field() -> None:
    assert not {i for i in _industries("某市工作要点\n形成较大经济规模。") if i.endswith("经济")}


def test_list_a_growing_verb_governs_names_sectors() -> None:
    got = _industries("某市工作要点\n大力发展生态渔业、智慧农业、现代种业。")
    assert {"生态渔业", "智慧农业", "现代种业"} <= got


def test_list_of_qualities_after_a_growing_verb_names_no_sector() -> None:
    got = _industries("某市工作要点\n大力发展绿色、智能、健康消费。积极发展服务贸易、数字贸易。")
    assert not {"绿色", "智能", "服务贸易", "数字贸易"} & got


def test_place_and_rank_before_an_industry_are_cut_off() -> None:
    got = _industries("某市条例\n推动浦东新区集成电路产业发展。打造世界级生物医药产业集群。")
    assert {"集成电路产业", "生物医药产业集群"} <= got
    assert not {"浦东新区集成电路产业", "世界级生物医药产业集群"} & got


def test_marine_field_is_no_place() -> None:
    got = _industries("某市条例\n围绕海洋装备、海洋生物医药等领域开展研究。")
    assert "海洋生物医药" in got


def test_key_chains_keep_their_rank_and_a_chain_being_built_is_one() -> None:
    got = _industries("某省工作报告\n加快12条重点产业链延链补链。推进氢能产业链建设。")
    assert {"重点产业链", "氢能产业链"} <= got
    assert "条重点产业链" not in got


def test_leading_rank_of_a_chain_is_no_field() -> None:
    got = _industries("某省工作报告\n做大做强主导产业链，完善配套。")
    assert "主导产业链" not in got


def test_list_closed_by_growth_points_names_industries() -> None:
    got = _industries("某省工作报告\n培育海水淡化、海洋牧场等新的增长点。瞄准人形机器人、高端仪器装备等赛道。")
    assert {"海水淡化", "海洋牧场", "人形机器人", "高端仪器装备"} <= got


def test_tourism_growth_points_are_no_industries() -> None:
    got = _industries("某省工作报告\n积极发展赛事、邮轮、研学等旅游新增长点。")
    assert not {"赛事", "邮轮", "研学"} & got


def test_field_after_a_verb_of_advancing_it() -> None:
    got = _industries("某市条例\n推进海洋产业发展。围绕航空特色产业，建设产业园。")
    assert {"海洋产业", "航空特色产业"} <= got


def test_industries_of_a_zone_are_no_field() -> None:
    got = _industries("某市条例\n围绕自贸区特色产业，打造一批平台。")
    assert not {i for i in got if "区" in i}


def test_field_after_a_group_word_is_a_field_a_scope_is_not() -> None:
    got = _industries("某省工作报告\n推动特色文旅产业可持续发展。推动国家光伏产业计量中心建设。")
    assert "特色文旅产业" in got
    assert "国家光伏产业" not in got


def test_goods_of_a_consumption_campaign_are_no_sectors() -> None:
    got = _industries("某省工作报告\n开展家电、手机、家具等领域促消费活动。围绕集成电路、人工智能等领域开展攻关。")
    assert not {"家电", "手机", "家具"} & got
    assert "人工智能" in got


def test_works_of_infrastructure_in_a_list_are_no_sectors() -> None:
    got = _industries("某省工作报告\n支持高标准农田、城市地下管网、新型基础设施等领域项目建设。")
    assert not {i for i in got if i.endswith(("农田", "管网", "基础设施"))}


def test_fields_of_laboratories_are_no_sectors() -> None:
    got = _industries("某省工作报告\n持续支持农业、医药等领域全国重点实验室建设。")
    assert not {"农业", "医药"} & got


def test_growing_verb_before_a_list_is_no_part_of_its_first_item() -> None:
    got = _industries("某省工作报告\n发展壮大肉牛、茶叶、中药材等特色产业。")
    assert {"肉牛", "茶叶"} <= got
    assert not {i for i in got if i.startswith(("发展", "壮大"))}


def test_two_nouns_joined_before_one_services_head_are_one_class() -> None:
    # GB/T 4754 names a class by two nouns and one head: the pair is one sector, its second half no sector
    got = _industries("某市工作要点\n规模以上租赁和商务服务业营收增长，仓储和邮政业、科学研究和技术服务业稳步增长。")
    assert {"租赁和商务服务业", "仓储和邮政业", "科学研究和技术服务业"} <= got
    assert not {"商务服务业", "技术服务业", "规模以上租赁和商务服务业"} & got


def test_qualified_or_governed_pairs_before_services_stay_apart() -> None:
    # a qualifier after 和 makes two sectors; a verb before the pair makes it a task
    got = _industries(
        "某市工作要点\n推进先进制造业和现代服务业融合，推动数字技术和生活性服务业深度融合，发展研发设计和科技服务业。"
    )
    assert {"先进制造业", "现代服务业", "生活性服务业", "科技服务业"} <= got
    assert not {i for i in got if "和" in i}

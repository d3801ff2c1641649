"""Sector lists and heads (industries.py, industry_grammar.py, round x-inds): a noun + verb of production
before 产业, a list closed by 等…服务业, growing verbs before a list, coordinated …经济 lists. Texts are made
up for the test from public knowledge; none is taken from a scored file."""

from __future__ import annotations

from tests.unit.policy._extract import extract


def _industries(body: str) -> set[str]:
    return {i.text for i in extract(body).industries}


def test_noun_and_production_verb_before_industry_head() -> None:
    got = _industries("去年以来，汽车制造产业规模持续扩大，食品加工产业加快转型。")
    assert {"汽车制造产业", "食品加工产业"} <= got


def test_governing_verb_before_industry_is_no_field() -> None:
    got = _industries("各地要承接产业转移，做好产业帮扶。")
    assert not {i for i in got if i.startswith(("承接", "做好"))}


def test_industry_scale_is_a_measure_of_the_field() -> None:
    assert "医疗器械产业" in _industries("去年工业平稳增长，医疗器械产业规模突破八百亿元。")


def test_industry_plan_is_no_field() -> None:
    assert not _industries("各区编制产业规划。")


def test_list_closed_by_services_head() -> None:
    got = _industries("推进会计咨询、广告创意、专利代理等生产性服务业提质增效。")
    assert {"会计咨询", "广告创意", "专利代理"} <= got


def test_list_of_places_before_services_is_no_sector_list() -> None:
    got = _industries("引进东部省份、沿海城市等地区的服务业企业。")
    assert "东部省份" not in got and "沿海城市" not in got


def test_growing_verbs_before_a_list_are_no_part_of_its_first_item() -> None:
    got = _industries("做优做强钢铁、有色金属、建材等传统优势产业。")
    assert "钢铁" in got
    assert not {i for i in got if i.startswith("做")}


def test_deepening_verb_before_a_list_of_new_fields() -> None:
    got = _industries("重点深耕脑机接口、具身智能、合成生物等新领域新赛道。")
    assert "脑机接口" in got and "深耕脑机接口" not in got


def test_coordinated_economies_with_a_one_character_member() -> None:
    got = _industries("大力发展冰雪经济、会展经济和夜经济。")
    assert {"冰雪经济", "会展经济", "夜经济"} <= got


def test_economy_and_society_is_no_list_of_economies() -> None:
    assert not _industries("推动经济和社会协调发展，稳住经济大盘。")


def test_statistical_categories_are_whole_sectors() -> None:
    got = _industries("全省高技术制造业增加值增长一成，数字经济核心产业营收稳步提高，推动建筑业转型升级。")
    assert {"高技术制造业", "数字经济核心产业", "建筑业"} <= got
    assert "制造业" not in got and "数字经济" not in got


def test_business_of_a_sector_is_no_sector() -> None:
    assert "金融业" not in _industries("银行要建立金融业务风险防范机制。")


def test_kinds_of_farming_are_sectors() -> None:
    got = _industries("大力发展智慧农业，壮大有机农业、林果农业，高效农业产值稳步提高。")
    assert {"智慧农业", "有机农业", "林果农业", "高效农业"} <= got


def test_farming_as_a_modifier_is_no_sector() -> None:
    got = _industries("实施新一轮农业转移人口市民化行动，推进小型农业水利设施建设。")
    assert not {i for i in got if i.endswith("农业")}


def test_verb_before_the_first_item_governs_the_list() -> None:
    got = _industries("加大绿电替代，带动电解铝、多晶硅、工业硅等行业降低能耗。")
    assert "电解铝" in got and "带动电解铝" not in got


def test_noun_first_keeps_a_verb_inside_the_item() -> None:
    got = _industries("建设新能源智能网联汽车、生物育种、高端仪器等领域创新平台。")
    assert "汽车" not in got


def test_verbs_and_market_qualities_before_economy_are_no_field() -> None:
    got = _industries("要实现经济、社会、环境协调发展，带头建设法治经济、信用经济。")
    assert not {i for i in got if i.endswith("经济")}


def test_economy_grown_by_a_verb_whatever_follows() -> None:
    got = _industries("开展会展经济提质行动，发挥口岸经济优势。")
    assert {"会展经济", "口岸经济"} <= got


def test_economy_as_a_modifier_of_a_zone_or_society_is_no_field() -> None:
    got = _industries("发展临港经济区，推动经济社会发展，发展县域经济。")
    assert not {i for i in got if i.endswith("经济")}


def test_enclave_economy_is_a_mode_of_cooperation_not_a_field() -> None:
    # 飞地经济 is two regions running a park together (a regional form, as 县域经济): the growing verb before it
    # does not make it a sector; an economy of a sector next to it still counts
    got = _industries("积极发展飞地经济，与兄弟省份共建园区。大力发展银发经济。")
    assert "飞地经济" not in got
    assert "银发经济" in got


def test_supporting_verb_before_an_industry_head() -> None:
    assert "氢能产业" in _industries("支持氢能产业加快发展。")


def test_rural_and_county_scope_is_no_field() -> None:
    got = _industries("积极发展乡村富民产业，推动县域产业特色发展。")
    assert not got


def test_quoted_field_still_needs_a_word() -> None:
    assert "机器人" in _industries("打造“机器人+”产业园。")


def test_one_item_before_a_counted_closer_is_an_instance() -> None:
    got = _industries("做强做大马铃薯等6大加工产业，培育海洋牧场等新增长点。")
    assert {"马铃薯", "海洋牧场"} <= got


def test_one_item_before_an_uncounted_closer_is_no_list() -> None:
    got = _industries("统筹财政资金等产业项目，推动张三等人产业合作。")
    assert not got


def test_items_before_a_field_with_the_head_share_it() -> None:
    got = _industries("去年，集成电路、智能家电产业增加值分别增长一成。")
    assert {"集成电路", "智能家电产业"} <= got


def test_means_before_an_industry_head_do_not_share_it() -> None:
    got = _industries("吸引更多资金、技术、劳动密集型产业转移。")
    assert "资金" not in got and "技术" not in got


def test_known_field_whose_growth_is_supported() -> None:
    assert "集成电路" in _industries("加大政策力度，支持集成电路发展。")


def test_known_field_growth_after_a_place_is_no_use() -> None:
    assert "人工智能" not in _industries("制约我市人工智能发展的关键问题仍然存在。")


def test_industry_term_naming_a_zone_is_no_sector() -> None:
    got = _industries("支持创建国家农业高新技术产业示范区，推进各类产业集群化发展。")
    assert "农业高新技术产业" not in got and "产业集群" not in got


def test_industry_term_on_its_own_stays() -> None:
    assert "农业高新技术产业" in _industries("壮大农业高新技术产业，推动种业振兴。")


def test_verbal_noun_closing_a_field() -> None:
    assert "纺织服装产业" in _industries("去年工业平稳，纺织服装产业增加值增长一成。")


def test_growing_verb_before_industry_is_no_field() -> None:
    got = _industries("各地要加快发展产业，推进产业转型。")
    assert not got


def test_items_before_a_chain_share_its_head() -> None:
    got = _industries("推动锂电材料、储能电池、新能源汽车全产业链发展。")
    assert {"锂电材料", "储能电池"} <= got


def test_list_closed_by_a_count_of_clusters_names_clusters() -> None:
    got = _industries("去年，长沙工程机械、株洲轨道交通装备、湘潭智能制造装备3个集群入选国家先进制造业集群。")
    assert {"工程机械", "轨道交通装备", "智能制造装备"} <= got  # the place before a field is cut off


def test_list_of_counts_before_clusters_is_no_list_of_names() -> None:
    got = _industries("加快建设5个千亿级产业基地、30个重点产业集群。")
    assert "产业基地" not in got


# Verbs of the genre that jieba tags as nouns (round x-inds6): 力争 / 助力 / 部署 / 压实 open the field's clause.


def test_strive_for_opens_the_field_of_a_measure() -> None:
    # 力争 (jieba: nz) governs the target: the field is 蔬菜加工业, not 力争蔬菜加工业
    got = _industries("今年要稳住农业基本盘，力争蔬菜加工业总产值突破三百亿元。")
    assert "蔬菜加工业" in got
    assert not {i for i in got if i.startswith("力争")}


def test_strive_for_opens_the_field_of_a_chain() -> None:
    got = _industries("延伸精深加工环节，力争茶叶产业链产值突破五百亿元。")
    assert "茶叶产业链" in got
    assert not {i for i in got if i.startswith("力争")}


def test_noun_tagged_verbs_are_no_field_words() -> None:
    got = _industries("围绕产业链部署创新链，压实产业链链长责任，助力制造业高质量发展。")
    assert not {i for i in got if i.startswith(("部署", "压实", "助力"))}


# Round x-inds7: the generic words and slogans the ablation found net-negative over the tuning texts.


def test_chain_word_without_field_is_no_industry() -> None:
    # 产业链 / 创新链 / 人才链 alone name no field; a field's 产业链 is a chain
    got = _industries("坚持延链补链，推动产业链与创新链、人才链深度融合。加快壮大风电装备产业链。")
    assert "风电装备产业链" in got
    assert not {"产业链", "创新链", "人才链"} & got


def test_cluster_without_field_is_no_industry() -> None:
    got = _industries("某省工作报告\n培育壮大产业集群，打造碳纤维产业集群。")
    assert "碳纤维产业集群" in got
    assert "产业集群" not in got


def test_numbered_slogan_in_quotes_is_no_field() -> None:
    # “两新”“双碳” count what they stand for; “机器人+” names its field
    got = _industries("某市工作方案\n聚焦“两新”领域和“双碳”领域，培育“机器人+”产业。")
    assert "机器人" in got
    assert not {"两新", "双碳"} & got

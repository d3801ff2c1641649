"""Round x-inds2 (industries): sector lists a measure of output follows, 现代 + noun in a growing list, lists
of economies, an industry a verb takes as its object, and closers that name places, ways of working or forms
of retail. Texts are made up for the test from public knowledge; none is taken from a scored file."""

from __future__ import annotations

from tests.unit.policy._extract import extract


def _industries(body: str) -> dict[str, str]:
    return {i.text: i.kind for i in extract(body).industries}


def test_sector_list_before_a_measure_of_output() -> None:
    got = _industries("去年，电子信息、高端装备制造、绿色食品营业收入分别增长9%。")
    assert {"电子信息", "高端装备制造", "绿色食品"} <= set(got)


def test_sector_list_sharing_a_chain_before_its_output_gives_chains() -> None:
    got = _industries("去年，钢铁、新材料、汽车零部件产业链产值均增长10%。")
    assert got.get("钢铁") == "chain" and got.get("新材料") == "chain" and got.get("汽车零部件") == "chain"


def test_list_before_a_measure_without_a_sector_word_names_none() -> None:
    got = _industries("去年，规上工业、服务业增加值增长5%。粮食、棉花产值稳定。")
    assert not {"规上工业", "粮食", "棉花"} & set(got)


def test_modern_noun_in_a_growing_list_is_a_sector() -> None:
    got = _industries("各地要抓好服务业。发展现代金融、现代会展、现代物流，提升服务水平。")
    assert {"现代金融", "现代会展", "现代物流"} <= set(got)


def test_modernisation_in_a_growing_list_is_no_sector() -> None:
    assert not _industries("大力发展现代化、智能化，推进改革。")


def test_member_of_a_list_of_economies_before_another_field() -> None:
    got = _industries("积极发展首发经济、银发经济和康养产业，扩大内需。")
    assert {"首发经济", "银发经济"} <= set(got)


def test_time_word_economy_inside_a_list() -> None:
    assert "假日经济" in _industries("鼓励发展冰雪经济、假日经济等，扩大服务消费。")


def test_time_word_economy_outside_a_list_is_none() -> None:
    assert not _industries("今年经济运行平稳，当前经济形势复杂。")


def test_district_economy_is_a_scope() -> None:
    assert "城区经济" not in _industries("加快培育县域经济、城区经济，促进协调发展。")


def test_industry_a_verb_takes_before_its_growth() -> None:
    assert "氢能产业" in _industries("制定氢能产业发展计划。")


def test_industry_before_a_platform_is_no_object_field() -> None:
    assert "碳纤维产业" not in _industries("共建碳纤维产业技术研究院。")


def test_closer_naming_places_ends_no_sector_list() -> None:
    assert not {"法国", "德国"} & set(_industries("首次在法国、德国等地举办重点产业推介活动。"))


def test_closer_naming_ways_of_working_or_retail_forms_ends_no_list() -> None:
    got = _industries("创新飞地经济、托管运营等产业合作模式。培育线上医疗、在线教育等服务业态。")
    assert not {"托管运营", "线上医疗", "在线教育"} & set(got)


def test_quoted_brands_closed_by_industrial_bases() -> None:
    got = _industries("着力打造“中国瓷都”、“中国茶叶之乡”等全国重要产业基地，扩大影响。")
    assert got.get("中国瓷都") == "industrial_base" and got.get("中国茶叶之乡") == "industrial_base"
    assert "重要产业基地" not in got


def test_items_before_a_base_of_recycling_are_no_sectors() -> None:
    got = _industries("谋划建设废旧轮胎、废旧家电等资源综合利用产业基地。")
    assert not {"废旧轮胎", "废旧家电"} & set(got)


def test_base_named_by_a_quality_is_no_industrial_base() -> None:
    assert not {"战略性产业基地", "特色产业基地"} & set(
        _industries("推进战略性产业基地建设。8个特色产业基地通过验收。")
    )


def test_modern_sector_opens_a_list() -> None:
    got = _industries("进一步推动现代煤化工、新型材料、清洁能源等产业集群发展。")
    assert "现代煤化工" in got and "煤化工" not in got


def test_regional_scope_before_a_base_is_cut() -> None:
    assert "特钢产业基地" in _industries("打造区域性特钢产业基地。")


def test_field_closing_a_list_is_an_industry() -> None:
    assert "新型材料产业" in _industries("扩大碳纤维、光纤等新型材料产业规模。")


def test_group_word_closing_a_list_is_no_field() -> None:
    assert "重点产业" not in _industries("支持汽车、家电等重点产业。")


def test_country_before_industry_is_a_scope() -> None:
    assert "中国产业" not in _industries("举办论坛、中国产业转移发展对接会。")


def test_known_field_heading_a_project_is_an_industry() -> None:
    assert "新能源" in _industries("开工建设总投资300亿元以上的新能源项目。")


def test_known_field_inside_a_product_project_is_none() -> None:
    assert "新材料" not in _industries("加快高性能氟硅新材料项目建设。")


def test_economy_before_a_strong_province_is_a_field() -> None:
    assert "海洋经济" in _industries("加快建设海洋经济强省。")


def test_subjects_of_a_cluster_designation_are_clusters() -> None:
    got = _industries("去年，长沙工程机械集群、株洲轨道交通装备集群入选国家先进制造业集群。")
    assert got.get("长沙工程机械集群") == "cluster" and got.get("株洲轨道交通装备集群") == "cluster"


def test_counted_list_before_a_designation_is_left_to_its_rule() -> None:
    got = _industries("去年，安全应急装备等4个共建产业集群入选国家先进制造业集群。")
    assert "安全应急装备等4个共建产业集群" not in got and "安全应急装备" in got


def test_scope_word_before_a_designated_cluster_is_cut() -> None:
    assert "乳业" in _industries("去年，我区乳业、稀土新材料已入选国家级先进制造业集群。")


def test_one_grown_object_with_a_head_of_production_is_a_sector() -> None:
    assert "清洁能源" in _industries("大力发展清洁能源，建设风电基地。")


def test_one_grown_object_without_such_a_head_is_none() -> None:
    assert not _industries("大力发展职业教育，提升技能。")


def test_goods_before_a_manufacturing_closer_are_sectors() -> None:
    got = _industries("大力发展工程机械装备、医疗器械、汽车零部件等装备制造业。")
    assert {"工程机械装备", "医疗器械"} <= set(got)


def test_activities_before_a_manufacturing_closer_are_none() -> None:
    got = _industries("覆盖研发设计、生产制造、运营维护等制造业环节。")
    assert not {"研发设计", "生产制造", "运营维护"} & set(got)


def test_sector_growth_figures_name_sectors() -> None:
    got = _industries("去年，航空航天增长20%以上、新能源装备制造增长30%以上。")
    assert {"航空航天", "新能源装备制造"} <= set(got)


def test_aggregate_and_scope_growth_figures_name_no_sector() -> None:
    assert not _industries("去年，第一产业增加值增长6%，规上服务业营业收入增长8%，居民收入增长5%。")


def test_the_same_span_is_one_industry() -> None:
    items = [i.text for i in extract("大力发展数字经济，推动产业升级。").industries]
    assert items.count("数字经济") == 1


def test_industry_fronted_by_ba_is_a_field() -> None:
    assert "文旅产业" in _industries("营造良好氛围，努力把文旅产业打造成支柱产业。")


def test_ba_before_a_non_industry_is_none() -> None:
    assert not {i for i in _industries("努力把问题解决在基层。") if "问题" in i}


def test_items_sharing_a_chain_head_are_sectors() -> None:
    got = _industries("加快项目建设，推动锂矿、正极材料、电池全产业链发展。")
    assert {"锂矿", "正极材料"} <= set(got)


def test_items_sharing_an_industry_head_still_need_a_known_sector() -> None:
    assert not {"资金", "技术"} & set(_industries("承接资金、技术、劳动密集型产业转移。"))

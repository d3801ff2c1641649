"""Firms listed or counted before 等…企业 (`org_names.short_firms`, `counted_firm`, round x-ents6). Sentences made
up from public knowledge, none taken from a scored text."""

from __future__ import annotations

from ingest.policy.extract.org_names import _foreign_lead
from tests.unit.policy._extract import entity_kinds


def test_a_foreign_firm_is_named_without_its_country() -> None:
    got = entity_kinds("与德国西门子、日本丰田、法国达索等全球知名企业合作。")
    assert got.get("西门子") == "company"
    assert got.get("丰田") == "company"
    assert got.get("达索") == "company"
    assert "德国西门子" not in got


def test_a_number_may_name_a_firm_and_one_place_name_among_firms_is_a_firm() -> None:
    got = entity_kinds("与腾讯、网易、金山、360、字节跳动等头部企业签约。")
    assert {"腾讯", "网易", "金山", "360", "字节跳动"} <= set(got)


def test_a_list_of_places_or_fields_before_deng_qiye_names_no_firm() -> None:
    got = entity_kinds("推动北京、上海、深圳等龙头企业集聚。支持新材料、精细化工等重点企业。")
    assert not {"北京", "上海", "深圳", "新材料", "精细化工"} & set(got)


def test_one_name_before_a_count_of_firms_is_a_company() -> None:
    got = entity_kinds("支持中国一重等5家企业建设世界一流企业。制造业、服务业等3家企业入选。")
    assert got.get("中国一重") == "company"
    assert "服务业" not in got


def test_a_firm_entering_a_ranking_of_firms_is_a_company() -> None:
    got = entity_kinds("增长10%。宁夏宝丰成为我省首个全国民营企业500强企业。")
    assert got.get("宁夏宝丰") == "company"


def test_a_state_group_s_company_in_a_region_is_a_company() -> None:
    got = entity_kinds("，中国移动浙江公司建成算力中心。国家有关公司应当配合。")
    assert got.get("中国移动浙江公司") == "company"
    assert "国家有关公司" not in got


def test_firms_listed_before_the_owning_government_s_firms_are_companies() -> None:
    # 省属 / 区属 (国有)企业 close a list of short names as 重点企业 does; a work report's note mark [3] after an
    # item is no part of the name
    got = entity_kinds(
        "。年内重组整合路桥、云港、水投［3］等省属企业。冶金集团、旅游投资公司等区属国有企业要深化改革。"
    )
    assert {"路桥", "云港", "水投", "冶金集团", "旅游投资公司"} <= set(got)
    assert got.get("水投") == "company"
    assert not any("［" in n for n in got)


def test_a_list_of_fields_before_sheng_shu_qiye_names_no_firm() -> None:
    got = entity_kinds("支持新材料、精细化工等省属企业转型。")
    assert not {"新材料", "精细化工"} & set(got)


def test_a_trade_name_jieba_tags_as_a_place_keeps_it_before_a_form_word() -> None:
    # 金川 is tagged ns like a foreign country, but what is left (集团) is a bare form word: no country opens 金川集团
    assert _foreign_lead("金川集团") == 0
    assert _foreign_lead("德国西门子") == 2
    got = entity_kinds("。金川集团、酒钢集团等省属企业加快走出去。")
    assert got.get("金川集团") == "company"

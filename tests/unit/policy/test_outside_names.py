"""Names outside the S&T system that the test and holdout READMEs leave out (round x-ents6): museums, service
consortia, awards of other fields, funds that are financial vehicles. Sentences made up from public knowledge."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds


def test_a_museum_is_no_entity_a_hospital_is() -> None:
    got = entity_kinds("建成扬州中国大运河博物馆，启动成都天府医院建设。")
    assert not any(name.endswith("博物馆") for name in got)
    assert got.get("成都天府医院") == "hospital"


def test_a_consortium_of_hospitals_or_schools_is_no_company() -> None:
    got = entity_kinds("建成5个城市医疗集团，组建职业教育集团。推动中国宝武钢铁集团重组。")
    assert not any(name.endswith(("医疗集团", "教育集团")) for name in got)
    assert got.get("中国宝武钢铁集团") == "company"


def test_only_awards_of_science_and_technology_are_programmes() -> None:
    got = entity_kinds("我省荣获国家科学技术进步奖一等奖3项，荣获鲁班工程奖。")
    assert got.get("国家科学技术进步奖") == "programme"
    assert "鲁班工程奖" not in got


def test_a_fund_needs_a_science_scope_or_an_owner() -> None:
    got = entity_kinds("设立省科技成果转化引导基金。设立创业风险投资引导基金。设立民营经济发展专项资金。")
    assert got.get("省科技成果转化引导基金") == "programme"
    assert "创业风险投资引导基金" not in got
    assert "民营经济发展专项资金" not in got


def test_a_platform_of_finance_or_trade_is_no_named_platform() -> None:
    got = entity_kinds("湖北融资信用服务平台正式上线。武汉跨境电商公共服务平台新入驻企业300家。湖北数据交易中心揭牌。")
    assert "湖北融资信用服务平台" not in got
    assert "武汉跨境电商公共服务平台" not in got

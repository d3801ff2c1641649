"""Project items named by their builder (`project_firms`): elements jieba cuts one by one (磷|氟) and coal coking
(煤焦化, 煤焦氢) are what the plant makes, so the words before them are the firm's; an item cut at a closing quote
opens with no name. Sentences made up."""

from __future__ import annotations

from ingest.policy.extract.project_firms import project_firm
from tests.unit.policy._extract import entity_kinds


def test_single_elements_end_a_trade_name() -> None:
    assert project_firm("鑫磊磷氟化工基地") == (0, 2)


def test_coal_coking_ends_a_trade_name() -> None:
    assert project_firm("恒瑞达煤焦化") == (0, 3)


def test_firms_before_elements_and_coal_in_a_project_list() -> None:
    got = entity_kinds("鑫磊磷氟化工基地、恒瑞达煤焦化等一批重大项目加快建设。")
    assert got.get("鑫磊") == "company"
    assert got.get("恒瑞达") == "company"


def test_an_item_cut_at_a_closing_quote_opens_no_name() -> None:
    # 某酒“十四五”|技改一期: the list's first item starts before the quotes; 技改 is no firm
    got = entity_kinds("建成投产某酒“十四五”技改一期、某厂扩建一期等项目。")
    assert "技改" not in got

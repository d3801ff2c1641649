"""Short names that become or are chosen as a class of firm are companies (`org_names.firms_that_become`).
Sentences made up from public knowledge."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds


def _names(body: str) -> dict[str, str]:
    return entity_kinds(body)


def test_names_that_become_unicorns_or_chain_leaders_are_companies() -> None:
    got = _names("高新技术企业新增300家，寒武纪、地平线新晋为独角兽企业。宁德时代成功入选全国链主企业。")
    assert got.get("寒武纪") == "company"
    assert got.get("地平线") == "company"
    assert got.get("宁德时代") == "company"  # not 宁德时代成功


def test_cities_or_verbs_chosen_as_pilots_are_no_companies() -> None:
    got = _names("去年，泉州、龙岩入选国家中小企业数字化转型城市。让江苏成为企业投资首选地。")
    assert "泉州" not in got and "龙岩" not in got
    assert not any(n.startswith("让") for n in got)


def test_a_group_after_or_is_no_company_name() -> None:
    got = _names("引导研究开发机构进入企业或企业集团。鼓励科技人员开展技术承包或集团承包。支持海尔集团建设研发中心。")
    assert not any("或" in n for n in got)
    assert got.get("海尔集团") == "company"


def test_trade_names_opening_project_items_are_companies() -> None:
    got = _names("加快推进宁德时代福鼎锂电池、天合光能高端新材料、中芯国际集成电路二期等重大项目建设。")
    assert got.get("天合光能") == "company"
    assert got.get("中芯国际") == "company"


def test_routes_and_infrastructure_in_project_lists_are_no_companies() -> None:
    got = _names("加快京雄高速、贵阳至南宁铁路、白鹤滩水电站等重大项目建设。")
    assert not any(kind == "company" for kind in got.values())


def test_firms_entering_a_ranking_of_firms_are_companies() -> None:
    got = _names("民营企业持续壮大，伊利实业、蒙牛乳业进入“中国制造业民营企业500强”。")
    assert got.get("伊利实业") == "company"
    assert got.get("蒙牛乳业") == "company"


def test_a_goal_of_entering_a_ranking_names_no_company() -> None:
    got = _names("加快培育龙头企业，力争进入中国企业500强。")
    assert not [n for n, k in got.items() if k == "company"]


def test_firms_restructured_are_companies() -> None:
    got = _names("深化国资国企改革。推进华能集团、中电投战略性重组，太钢不锈和酒钢宏兴完成司法重整。")
    assert got.get("中电投") == "company"
    assert got.get("太钢不锈") == "company"
    assert got.get("酒钢宏兴") == "company"


def test_classes_of_firms_restructured_are_no_companies() -> None:
    got = _names("加快国企战略性重组，省属企业加快战略性重组，推进重点领域战略性重组。")
    assert not [n for n, k in got.items() if k == "company"]


def test_what_has_a_headquarters_built_is_a_firm() -> None:
    got = _names("推动中国中铁、中国电建总部建成投用。空客直升机中国总部成功落户。")
    assert got.get("中国中铁") == "company"
    assert got.get("中国电建") == "company"
    assert got.get("空客直升机") == "company"


def test_classes_with_headquarters_are_no_firms() -> None:
    got = _names("引进在京央企总部，建设国际科技组织总部集聚区，发展总部经济，开展跨国公司地区总部认定。")
    assert not [n for n, k in got.items() if k == "company"]


def test_firms_listed_before_a_batch_of_firms_are_companies() -> None:
    got = _names("远景、隆基、金风等一批企业总部注册落地。")
    assert got.get("隆基") == "company"


def test_a_firm_chosen_as_a_lighthouse_factory() -> None:
    # the title is a plant's, so the subject is its firm; a city chosen to cultivate such plants is none
    got = entity_kinds("上云企业持续增加，黔南轮胎入选全球“灯塔工厂”，遵义市入选“灯塔工厂”培育城市。")
    assert got.get("黔南轮胎") == "company"
    assert "遵义市" not in got and "遵义" not in got

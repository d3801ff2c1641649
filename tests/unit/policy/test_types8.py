"""Round x-types8: platform kinds of work reports (sentences written for these tests in the genre's style)."""

from __future__ import annotations

from _extract import extract


def _types(body: str) -> set[tuple[str, str | None]]:
    return {(p.type, p.level) for p in extract(body).platform_types}


def _names(body: str) -> set[str]:
    return {p.type for p in extract(body).platform_types}


def test_partner_classes_do_not_name_the_kind() -> None:
    # 政产学研 says who joins the consortium; the kind is 创新联合体
    got = _names("组建一批政产学研创新联合体，联合开展关键核心技术攻关。")
    assert "创新联合体" in got
    assert "政产学研创新联合体" not in got


def test_a_platform_firm_is_no_kind() -> None:
    # 平台公司 names a company that runs something, not a kind of platform
    got = _names("组建1个省级专业化运营平台公司和3个专业化区域运营公司。")
    assert not any(t.endswith("平台") for t in got)


def test_a_lone_province_word_is_the_level() -> None:
    # 筹建 is a building verb; 省 before the kind is its level, not a word of it
    assert ("知识产权保护中心", "省级") in _types("筹建省知识产权保护中心，完善快速维权机制。")


def test_a_county_tier_after_the_city_word_stays_an_umbrella() -> None:
    # 市县级科技创新平台 is the class of all platforms of two tiers, no kind (the 市 is not cut off as a level)
    assert not any("科技创新平台" in t for t in _names("支持市县级科技创新平台提升服务能力。"))


def test_items_of_a_project_list_are_projects() -> None:
    # without 等项目 the platform being built is a kind; closed by 等项目 the items are projects
    assert "景区导览平台" in _names("加快省智慧景区导览平台建设，方便游客出行。")
    assert "景区导览平台" not in _names("加快省智慧景区导览平台、“畅游某省”等项目建设。")


def test_a_base_named_after_a_lab_is_its_branch() -> None:
    # the national lab's base in a city is one unit of that lab
    got = _types("建好某某湾国家实验室昆明种质资源试验基地，提升育种水平。")
    assert ("国家实验室", "国家级") in got
    assert not any(t.endswith("试验基地") for t, _ in got)


def test_a_short_region_name_opens_a_labs_name() -> None:
    # 云南 glued to the lab's words starts its name: the head is the kind, the region gives no level
    got = _types("推进云南茶叶种质联合实验室建设，服务茶产业发展。")
    assert ("联合实验室", None) in got
    assert not any(lv == "省级" for _, lv in got)


def test_a_bare_lab_listed_with_a_kind_is_the_class_of_labs() -> None:
    got = _types("优化实验室、工程研究中心等平台布局，提升创新体系效能。")
    assert ("省实验室", None) in got


def test_a_bare_lab_after_a_proper_word_or_with_a_bare_class_is_no_kind() -> None:
    # 太湖实验室 is one lab's name; 共建实验室、研究院 are ways of working together
    assert ("省实验室", None) not in _types("支持紫金山、太湖实验室和工程研究中心开展联合攻关。")
    assert ("省实验室", None) not in _types("鼓励企业与高校通过共建实验室、研究院等方式开展合作。")


def test_a_quoted_name_with_model_firms_is_a_designation() -> None:
    # one designation, one name: the text's “小灯塔”示范企业 is 小灯塔企业 (CONVENTIONS C8)
    doc = extract("加快制造业数字化转型，打造“数智工厂”8个、“小灯塔”示范企业20户。")
    assert "小灯塔企业" in {p.type for p in doc.platform_types}
    assert (20, "小灯塔企业") in {(t.count, t.type) for t in doc.targets}


def test_an_exchange_is_a_data_trading_body() -> None:
    assert "数据交易机构" in _names("推进省数据交易所建设，扩大数据流通交易规模。")


def test_a_plain_service_platform_is_an_umbrella() -> None:
    # no word of what it serves: the class of all service platforms; with one it is a kind
    assert "公共服务平台" not in _names("新增省级特色专业镇5个、公共服务平台6个。")
    assert "检验检测公共服务平台" in _names("新增检验检测公共服务平台6个。")


def test_a_plain_data_centre_is_infrastructure_unless_listed_with_a_kind() -> None:
    assert "数据中心" not in _names("全省在建重点数据中心30个，算力规模持续提升。")
    assert "数据中心" in _names("支持各地的数据中心、超算中心面向工业领域开展服务。")


def test_owner_and_place_before_a_kind_name_one_plant() -> None:
    # 光明 (the firm) + 江苏 (the place) + the plant: one unit's name, no kind and no provincial level
    got = _types("光明江苏数字化乳品工厂入选全国首批示范。")
    assert not any(t.endswith("工厂") for t, _ in got)
    # a plant kind counted in its own words stays a kind
    assert "数字化乳品工厂" in _names("新建数字化乳品工厂5个。")


def test_kechuang_is_a_word_of_science() -> None:
    # 科创 abbreviates 科技创新: a catch-all 中心 with it is a kind in a list of kinds
    assert "科创中心" in _names("新建一批科创中心、中试基地和概念验证中心。")

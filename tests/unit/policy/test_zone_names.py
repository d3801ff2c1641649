"""Zones named by a proper word before a zone head (`ingest/policy/extract/zone_names.py`): the rule on
sentences written from public knowledge, and the phrases it exists not to take."""

from __future__ import annotations

from ingest.policy.models import ExtractedDocument
from tests.unit.policy._extract import entity_kinds, extract_raw


def _extract(body: str) -> ExtractedDocument:
    text = "某省关于推进科技创新的工作报告\n" + body
    return extract_raw(text)


def _zones(body: str) -> set[str]:
    return {e.name for e in _extract(body).entities if e.rule == "entity.proper_zone"}


def test_a_place_and_content_words_before_a_zone_head_name_a_zone() -> None:
    zones = _zones("加快成都都市圈建设，推动大熊猫国家公园保护，支持宁波综合保税区发展。")
    assert {"成都都市圈", "宁波综合保税区"} <= zones


def test_a_governing_verb_before_the_place_is_no_part_of_the_name() -> None:
    zones = _zones("发挥好长三角生态绿色一体化发展示范区作用，共建舟山海洋经济发展示范区。")
    assert "长三角生态绿色一体化发展示范区" in zones
    assert "舟山海洋经济发展示范区" in zones


def test_a_dash_joins_two_places() -> None:
    assert "西宁—海东都市圈" in _zones("构建西宁—海东都市圈。")


def test_a_kind_of_zone_without_a_proper_word_is_no_name() -> None:
    zones = _zones("建设一批特色产业园，打造协同创新先行区，推进城市更新示范区和大农业示范园建设。")
    assert zones == set()


def test_a_verb_before_a_national_designation_ends_the_place() -> None:
    zones = _zones("洛阳入选国家中医药传承创新发展试验区。")
    assert not any(z.startswith("洛阳入选") for z in zones)


def test_a_bare_place_before_economic_area_is_a_planning_region() -> None:
    assert "重庆经济区" not in _zones("辐射重庆经济区。")
    assert "湛江临港经济区" in _zones("启动湛江临港经济区建设。")


def test_a_park_inside_a_zone_is_named_after_the_zone() -> None:
    ents = {e.name for e in _extract("支持苏州市高新区医疗器械产业园建设。").entities}
    assert "医疗器械产业园" in ents
    assert "苏州市高新区医疗器械产业园" not in ents


def test_a_designation_without_a_place_is_a_kind_of_zone() -> None:
    ents = {
        e.name
        for e in _extract("建设数据基础制度先行区，推进跨境电商综合试验区和国家大数据（贵州）综合试验区建设。").entities
    }
    assert "数据基础制度先行区" not in ents
    assert "跨境电商综合试验区" not in ents
    assert "国家大数据(贵州)综合试验区" in ents  # name = normalised text


def test_a_broad_head_platform_named_by_a_place() -> None:
    ents = {e.name: e.kind for e in _extract("依托贵州工业大数据中心，支持上海数据交易中心建设。").entities}
    assert ents.get("贵州工业大数据中心") == "platform"
    assert ents.get("上海数据交易中心") == "institution"  # a data exchange is a body (CONVENTIONS.md)


def test_a_type_at_its_regions_level_or_a_bare_head_is_no_name() -> None:
    doc = _extract("建设一批广西技术创新中心，依托贵州大数据中心。")
    assert not [e.name for e in doc.entities if e.rule == "entity.proper_platform"]


def test_economic_belts_corridors_and_cooperation_zones() -> None:
    zones = _zones("推动中国—东盟产业合作区建设，融入广西—文莱经济走廊，对接海南自由贸易港。")
    assert {"中国—东盟产业合作区", "广西—文莱经济走廊", "海南自由贸易港"} <= zones


def test_two_one_character_places_abbreviate_two_places() -> None:
    assert "川渝产业合作示范园" in _zones("共建川渝产业合作示范园。")


def test_a_demonstration_zone_of_a_field_is_a_kind() -> None:
    ents = {e.name for e in _extract("建设农业科技创新示范区和煤化工示范区，打造重点片区。").entities}
    assert not ({"农业科技创新示范区", "煤化工示范区", "重点片区"} & ents)


def test_the_states_one_centre_of_a_subject() -> None:
    ents = {e.name for e in _extract("加快国家心血管病医学中心建设，支持建设一批国家级重大医学中心。").entities}
    assert "国家心血管病医学中心" in ents
    assert not any("重大医学中心" in n for n in ents)


def test_a_place_named_platform_before_what_it_hosts() -> None:
    ents = {e.name for e in _extract("支持上海股权交易中心科创板块建设，推进国家中心城市建设。").entities}
    assert "上海股权交易中心" in ents
    assert not any(n.endswith("中心城市") for n in ents)


def test_the_nations_one_market_system() -> None:
    ents = {e.name for e in _extract("支持企业在全国中小企业股份转让系统挂牌，加强全国统一大市场建设。").entities}
    assert "全国中小企业股份转让系统" in ents


def test_a_regions_innovation_community_is_a_scheme() -> None:
    ents = {e.name: e.kind for e in _extract("推动粤港澳大湾区科技创新共同体建设，构建区域创新共同体。").entities}
    assert ents.get("粤港澳大湾区科技创新共同体") == "programme"
    assert "区域创新共同体" not in ents


def test_a_bilateral_zone_keeps_chinas_abbreviation() -> None:
    ents = {e.name for e in _extract("推动中老跨境经济合作区建设，加快中蒙俄经济走廊建设。").entities}
    assert "中老跨境经济合作区" in ents
    assert "跨境经济合作区" not in ents
    assert "中蒙俄经济走廊" in ents


def test_a_word_ending_in_zhong_is_no_country() -> None:
    ents = {e.name for e in _extract("在集中新建的园区中，其中德州经济技术合作区。").entities}
    assert not any(n.startswith(("中新", "中德")) for n in ents)


def test_free_trade_zone_abbreviated_is_named_by_its_region() -> None:
    ents = {e.name for e in _extract("统筹推进云南自贸试验区建设。").entities}
    assert "云南自贸试验区" in ents


def test_a_defined_short_name_is_the_entity_again_unless_a_type() -> None:
    ents = {
        e.name
        for e in _extract(
            "建设横琴粤澳深度合作区（以下简称合作区）和郑洛新国家自主创新示范区（以下简称自主创新示范区）。"
        ).entities
    }
    assert "合作区" in ents
    assert "自主创新示范区" not in ents  # a type's own name


def test_three_places_abbreviated_name_a_zone() -> None:
    assert "沪苏浙国家自主创新示范区" in {e.name for e in _extract("建设沪苏浙国家自主创新示范区。").entities}


# Platforms with a broad head named by a place (`proper_platforms`): exchanges of the innovation system and service
# platforms need a field of science, technology, data or equity in their name.


def test_an_exchange_of_data_technology_or_equity_is_named() -> None:
    # 大数据 / 技术 / 股权 name what the exchange trades: an institution (a market of technology: a platform)
    got = entity_kinds("支持长沙大数据交易所扩容，建好用好四川技术交易市场，支持重庆股权交易中心建设。")
    assert got.get("长沙大数据交易所") == "institution"
    assert got.get("四川技术交易市场") == "platform"
    assert got.get("重庆股权交易中心") == "institution"


def test_an_exchange_of_goods_or_securities_is_no_platform() -> None:
    # vegetables are goods and a stock exchange is a market: neither belongs to the innovation system
    got = entity_kinds("建成广西蔬菜交易中心，支持深圳证券交易所发展。")
    assert "广西蔬菜交易中心" not in got
    assert "深圳证券交易所" not in got


def test_a_service_platform_needs_a_word_of_science() -> None:
    got = entity_kinds("建成湖南知识产权运营网络服务平台，上线湘江科技创新网络服务平台。")
    assert got.get("湖南知识产权运营网络服务平台") == "platform"
    assert got.get("湘江科技创新网络服务平台") == "platform"


def test_a_service_platform_of_trade_or_government_is_none() -> None:
    # one-stop government services and a produce market's platform are outside the S&T system
    got = entity_kinds("建成湖南一站式服务平台和湖南农产品网络服务平台。")
    assert not [n for n in got if n.endswith("服务平台")]


def test_an_epoch_noun_inside_a_zone_name_is_a_content_word() -> None:
    # jieba tags 现代 / 未来 as time words, which end a name; as a field's or a town's modifier they belong to it
    zones = _zones("高标准建设榆林国家级现代煤化工示范区，推动宁东国家现代能源产业示范区发展。")
    assert {"榆林国家级现代煤化工示范区", "宁东国家现代能源产业示范区"} <= zones
    got = entity_kinds("支持未来科技城和怀柔科学城建设。")
    assert got.get("未来科技城") == "zone"


def test_a_counted_time_span_still_ends_a_name() -> None:
    # 未来三年: the numeral after the epoch noun makes it a span of time, and a kind with no place is no zone
    got = entity_kinds("未来三年建设一批现代农业示范区，发展现代产业园区。")
    assert not any(n.startswith(("未来", "现代")) for n in got)


def test_ports_and_dry_ports_are_infrastructure_not_zones() -> None:
    # CONVENTIONS.md "What is not labelled": ports and logistics hubs (陆港); an airport economy zone stays a zone
    got = entity_kinds("建设武汉国际陆港和兰州国际陆港区，推进天津南疆港区扩能，支持郑州航空港区发展。")
    assert not any("陆港" in n or n.endswith("南疆港区") for n in got)
    assert got.get("郑州航空港区") == "zone"


def test_a_development_town_or_valley_brand_after_a_place_is_a_zone() -> None:
    zones = _zones("加快建设滇南新城，做强湖南航空产业城，推进天津国际生物城和光谷硅谷建设。")
    assert {"滇南新城", "湖南航空产业城", "天津国际生物城"} <= zones


def test_a_town_word_with_no_place_or_a_bare_city_is_no_zone() -> None:
    # 新城 with no proper word before it names a kind of project; 县城 and 古城 are no development heads
    got = entity_kinds("推进新城建设，提升宜居县城品质，保护平遥古城。")
    assert not got


def test_short_places_listed_before_a_zone_share_its_head() -> None:
    # 沪滇 / 闽粤: two provinces abbreviated; 喀什: a prefecture; each is named by its bare surface
    got = entity_kinds("加快推进沪滇、闽粤、深汕合作产业园建设，提升喀什、伊犁经济开发区开放功能。")
    assert {got.get(n) for n in ("沪滇", "闽粤", "深汕合作产业园", "喀什")} == {"zone"}


def test_a_listed_field_or_kind_stops_the_list() -> None:
    # 科技 and 园区 are no places: the list is not one of zones sharing a head
    got = entity_kinds("推动科技、园区、深汕合作产业园建设。")
    assert "科技" not in got and "园区" not in got


def test_a_dash_joins_two_places_before_any_zone_head() -> None:
    # the 开发区 rule began after the dash (五家渠经济开发区); the reader folds － into -
    names = {
        e.name for e in _extract("支持绥芬河－东宁重点开发开放试验区建设，推进石河子—五家渠经济开发区升级。").entities
    }
    assert {"绥芬河-东宁重点开发开放试验区", "石河子—五家渠经济开发区"} <= names
    assert "五家渠经济开发区" not in names


def test_a_dash_between_two_fields_names_no_zone() -> None:
    # 科技—产业 and 绿电—电解铝 join fields, not places, and no zone head follows
    names = {e.name for e in _extract("推动科技—产业深度融合，发展绿电—电解铝一体化项目。").entities}
    assert not any("—" in n or "-" in n for n in names)


def test_a_border_zone_of_the_state_councils_class_is_named() -> None:
    # 重点开发开放试验区 is one class of border zone: 重点 inside it does not cut the place off
    assert "东兴重点开发开放试验区" in _zones("加快建设东兴重点开发开放试验区。")
    assert _zones("各重点开发开放试验区要加大改革力度。") == set()

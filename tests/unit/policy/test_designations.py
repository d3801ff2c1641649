"""Names a text designates by structure (`designations`): funds and awards a government sets up, the parks a zone
is made of, a laboratory's regional base. Sentences made up from public knowledge."""

from __future__ import annotations

from tests.unit.policy._extract import REGULATION, entity_kinds


def _names(body: str) -> dict[str, str]:
    return entity_kinds(body, REGULATION)


def test_what_a_government_sets_up_under_a_science_name_is_one_fund_or_award() -> None:
    got = _names(
        "第十条 省设立海洋科学研究基金和科学技术普及出版基金。各级人民政府设立水产、林业等专项农业技术推广基金。"
        "省人民政府设立科学技术创新奖，科学技术推广奖，必要时设立其他科学技术奖。"
    )
    assert got.get("海洋科学研究基金") == "programme"
    assert got.get("科学技术普及出版基金") == "programme"
    assert got.get("农业技术推广基金") == "programme"  # the name after 等专项
    assert got.get("科学技术创新奖") == "programme"
    assert got.get("科学技术推广奖") == "programme"  # a comma list of awards
    assert "其他科学技术奖" not in got


def test_a_fund_set_up_by_others_or_without_a_science_name_is_no_name() -> None:
    got = _names("鼓励企业发起设立科学技术研究基金。省设立人才发展基金和产业引导基金。")
    assert "科学技术研究基金" not in got  # a firm's fund, not the government's
    assert "人才发展基金" not in got
    assert "产业引导基金" not in got


def test_the_parks_a_zone_is_made_of_are_zones() -> None:
    got = _names("高新区由东湖园、西山园、南岸园、光谷城、临港新材料产业基地以及其他区域组成。")
    for park in ("东湖园", "西山园", "南岸园", "光谷城", "临港新材料产业基地"):
        assert got.get(park) == "zone", park


def test_a_list_of_gardens_or_a_single_park_is_no_zone_list() -> None:
    got = _names("建设郊野公园、湿地公园、山地公园。推进大学科技园、留学人员创业园、小微企业园建设。")
    assert not any(n.endswith("公园") for n in got)
    assert "学科技园" not in got and "创业园" not in got


def test_a_laboratorys_base_in_a_region_is_one_platform() -> None:
    got = _names("全力支持航天实验室湖北基地、深海实验室海南基地建设。")
    assert got.get("航天实验室湖北基地") == "platform"  # not 全力支持…
    assert got.get("深海实验室海南基地") == "platform"
    assert "深海实验室" not in got


def test_a_laboratory_followed_by_a_non_region_base_is_not_extended() -> None:
    got = _names("建设航天实验室实训基地。")
    assert "航天实验室实训基地" not in got


def test_conjuncts_before_a_named_lab_share_its_head() -> None:
    got = _names("支持峨眉、青城、岷山实验室承担国家重大科技任务。")
    assert got.get("岷山实验室") == "platform"
    assert got.get("峨眉") == "platform"  # not 支持峨眉
    assert got.get("青城") == "platform"


def test_kinds_or_grades_before_a_lab_are_no_conjunct_names() -> None:
    got = _names("支持全国重点实验室、省重点实验室、岷山实验室承担任务。")
    assert "全国重点实验室" not in got and "省重点实验室" not in got


def test_science_towns_and_innovation_parks_named_by_place_are_zones() -> None:
    got = _names("提高绵阳科技城集聚能力，支持南京麒麟科创园加快建设。")
    assert got.get("绵阳科技城") == "zone"
    assert got.get("南京麒麟科创园") == "zone"


def test_a_generic_science_town_is_no_zone() -> None:
    got = _names("建设一批高水平科技城。")
    assert not any(n.endswith("科技城") for n in got)


def test_a_special_economic_zone_named_by_place_is_a_zone() -> None:
    got = _names("支持厦门经济特区扩大开放。支持深圳建设新时代经济特区。")
    assert got.get("厦门经济特区") == "zone"
    assert not any("时代经济特区" in n for n in got)


def test_items_listed_before_major_facilities_are_facilities() -> None:
    got = _names("推进高能同步辐射光源、强流重离子加速器等重大科技基础设施建设。")
    assert got.get("高能同步辐射光源") == "platform"  # not 推进…
    assert got.get("强流重离子加速器") == "platform"


def test_a_kind_before_major_facilities_is_no_facility() -> None:
    got = _names("建设大科学装置、国家实验室等重大科技基础设施。")
    assert "国家实验室" not in got


def test_an_item_listed_between_two_named_platforms_is_named() -> None:
    # the list holds names, so 与 and the verbs inside its middle item are the name's own words
    got = entity_kinds("用好鹏城实验室、海岸带环境与可持续利用全国重点实验室、之江实验室等平台。")
    assert got.get("海岸带环境与可持续利用全国重点实验室") == "platform"
    assert "利用全国重点实验室" not in got  # the tail the name rules cut at 利用 yields to the whole item


def test_a_kind_listed_between_two_named_platforms_is_no_name() -> None:
    # a graded kind or a bare one between names is a kind the text lists beside them
    got = entity_kinds("支持鹏城实验室、省级重点实验室、之江实验室建设。")
    assert "省级重点实验室" not in got and "重点实验室" not in got

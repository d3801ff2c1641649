"""List structure and noun-phrase position for broad-head platform kinds (broad_types.py): weak items of a
list closed by 等, 或者 / 以及 as coordinators, a verb leading a kind after a count or level word. Texts are
made up for the test; none is taken from a scored file."""

from __future__ import annotations

from ingest.policy.models import ExtractedDocument
from ingest.policy.pipeline import extract_text
from ingest.policy.read import RawDocument


def _extract(text: str) -> ExtractedDocument:
    return extract_text(RawDocument(path="t.txt", doc_id="t", raw_text=text, sha256="x", fmt="text"))


def _types(text: str) -> set[str]:
    return {p.type for p in _extract(text).platform_types}


def test_weak_item_of_a_list_closed_by_deng_is_a_kind() -> None:
    # 展示中心 has no science word: a kind only as an item of a list of kinds closed by 等
    got = _types("鼓励建设一批技术创新中心、展示中心、联合实验室等载体，服务区域发展。")
    assert "展示中心" in got


def test_weak_item_outside_a_closed_list_is_no_kind() -> None:
    got = _types("新建联合实验室、物流中心，改善城市交通。")
    assert "物流中心" not in got
    got = _types("城市配套有会展中心、购物中心。")
    assert not {"会展中心", "购物中心"} & got


def test_huozhe_coordinates_kinds() -> None:
    got = _types("企业可以在境外设立联合实验室或者孵化平台。")
    assert "孵化平台" in got


def test_verb_leading_a_kind_after_a_count_or_level() -> None:
    d = _extract("到2026年，建成5个省级育种创新平台。")
    assert "育种创新平台" in {p.type for p in d.platform_types}
    assert [(t.count, t.type) for t in d.targets] == [(5, "育种创新平台")]


def test_governing_verb_before_a_kind_is_not_part_of_it() -> None:
    got = _types("要加快创新平台布局，提升服务能力。")
    assert not any(t.startswith("加快") for t in got)


def test_verb_starting_a_list_item_after_a_kind() -> None:
    # 和 after a kind starts a list item: 创新 is the item's own word
    got = _types("支持园区建设检测平台、中试平台和创新服务平台。")
    assert "创新服务平台" in got


def test_verb_coordinated_with_a_verb_is_no_list_item() -> None:
    # 研发与转化: 与 joins two verbs, not two kinds
    got = _types("协同推动研发与转化功能型平台建设。")
    assert "转化功能型平台" not in got
    assert "功能型平台" in got


def test_building_verb_over_a_relative_clause() -> None:
    got = _types("鼓励高校建设面向中小企业的技术转移网络平台，提供专业服务。")
    assert "技术转移网络平台" in got


def test_purpose_clause_or_aim_is_not_building() -> None:
    got = _types("该中心是以培育科技企业为宗旨的科技创业服务机构。")
    assert "科技创业服务机构" not in got
    got = _types("打造具有全球影响力的产业科技创新中心。")
    assert "产业科技创新中心" not in got


def test_building_verb_over_a_clause_needs_a_science_word() -> None:
    got = _types("园区应当建设统一的监管信息共享平台，提高透明度。")
    assert "监管信息共享平台" not in got


def test_long_form_kejishu_maps_to_the_short_one() -> None:
    got = _types("支持建设一批科学技术中介服务机构和技术转移机构。")
    assert "科技中介服务机构" in got
    assert "科学技术中介服务机构" not in got


def test_a_laboratory_base_is_a_kind_of_its_own() -> None:
    got = _types("支持某实验室创建国家实验室基地，服务国家战略。")
    assert "国家实验室基地" in got
    assert "国家实验室" not in got
    assert "国家实验室" in _types("服务保障国家实验室建设。")


def test_an_industry_field_inside_a_known_kind_is_dropped() -> None:
    got = _types("鼓励社会资本举办新型集成电路研发机构。")
    assert "新型研发机构" in got


def test_a_kind_owning_a_kind_is_its_owner() -> None:
    got = _types("支持孵化器公共技术服务平台建设。")
    assert "公共技术服务平台" in got


def test_gaodu_zhongshi_governs() -> None:
    got = _types("一、高度重视观测站建设工作")
    assert not any(t.startswith("高度重视") for t in got)


def test_level_scopes_over_a_counted_list() -> None:
    d = _extract("2026年某省政府工作报告\n新增国家级制造业单项冠军12家、专精特新“小巨人”企业30家。")
    levels = {p.type: p.level for p in d.platform_types}
    assert levels.get("专精特新小巨人企业") == "国家级"


def test_level_does_not_scope_over_a_plain_list() -> None:
    d = _extract("某省科学技术厅\n打造一批国家级重点实验室、工程研究中心。")
    assert ("工程研究中心", "国家级") not in {(p.type, p.level) for p in d.platform_types}


def test_surface_variants_map_to_their_type() -> None:
    got = _types("鼓励企业设立博士后工作站、科技企业加速器。")
    assert {"博士后科研工作站", "加速器"} <= got


def test_a_tier_word_alone_names_no_kind() -> None:
    got = _types("支持龙头企业打造综合型平台，鼓励企业建设企业级平台。")
    assert not {"综合型平台", "企业级平台"} & got
    assert "功能型平台" in _types("支持建设一批功能型平台。")


def test_a_financing_vehicle_is_no_kind_by_its_own_context() -> None:
    got = _types("稳妥化解地方债务，推动36家融资平台退出。")
    assert "融资平台" not in got
    got = _types("支持产业集群建设公共研发平台、检测平台、融资平台和创新服务平台。")
    assert {"融资平台", "创新服务平台"} <= got


def test_quoted_little_giant_is_the_designation() -> None:
    d = _extract("某省工业和信息化厅\n到2027年，新增国家级专精特新“小巨人”企业20家、“小巨人”企业后备库企业100家。")
    assert "小巨人企业" not in {p.type for p in d.platform_types}


def test_weak_last_item_before_deng() -> None:
    got = _types("鼓励企业建立工程技术研究中心、中间试验基地和产业化基地等载体。")
    assert {"产业化基地", "科技成果中试基地"} <= got


def test_an_autonomous_region_lab_is_a_provincial_lab() -> None:
    assert "省实验室" in _types("新组建自治区实验室2家。")

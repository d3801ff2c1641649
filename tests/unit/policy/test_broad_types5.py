"""Broad-head rules of round x-types5 (broad_types): alliances of patents and standards founded (成立), bodies
of a zone (示范区管理机构), the bare 研究机构 only where counted. Texts are made up for the test; none is taken
from a scored file."""

from __future__ import annotations

from tests.unit.policy._extract import REGULATION, extract


def _types(body: str) -> set[str]:
    return {p.type for p in extract(body, REGULATION).platform_types}


def test_founded_patent_and_standard_alliances_are_kinds() -> None:
    assert {"专利联盟", "标准联盟"} <= _types("鼓励园区内的企业成立专利联盟，成立标准联盟。")


def test_an_alliance_only_named_is_no_kind() -> None:
    assert "专利联盟" not in _types("专利联盟的章程由成员协商制定。")


def test_the_body_of_a_zone_is_no_kind() -> None:
    types = _types("市人民政府设立高新区管理机构，区统计部门设立示范区统计机构。")
    assert not any(t.endswith("机构") for t in types)


def test_bare_research_institutions_are_a_class_unless_counted() -> None:
    assert "研究机构" not in _types("社会公益型的研究机构应当逐步实行企业化经营。")
    assert "研究机构" in _types("全市新增研究机构12家。")


def test_a_government_system_is_no_platform_kind() -> None:
    types = _types("有关信息依法纳入本市公共信用信息服务平台，省人民政府组织建设网络交易监测平台。")
    assert not any(t.endswith("平台") for t in types)


def test_a_science_platform_with_a_management_word_stays_a_kind() -> None:
    assert "科技资源监测平台" in _types("省科学技术部门应当建立科技资源监测平台。")


def test_a_reporting_verb_jieba_tags_as_a_noun_opens_no_kind() -> None:
    types = _types("市人民政府应当定期向常务委员会报告科技创新中心建设情况。")
    assert not any("报告" in t for t in types)


def test_instrument_sharing_platform_variants_map_onto_the_canonical_type() -> None:
    assert "大型科学仪器共享服务平台" in _types("省科学技术部门应当建立大型科学仪器开放共享平台。")


def test_a_bare_kind_glued_to_a_name_is_its_tail() -> None:
    assert "研究院" not in _types("支持某某测绘科学研究院，成立某某航空产业（低空经济）研究院。")


def test_a_counted_kind_glued_to_its_words_is_a_kind() -> None:
    # since round x-types13 (test_class_heads.py) a bare 研究院 after a coordinator (共建实验室、研究院等方式) is no
    # kind, and a counted one with words of its own is the kind its phrase names
    assert "产业研究院" in _types("全省产业研究院55家。")


def test_a_specific_kind_before_building_is_a_kind() -> None:
    types = _types("支持创新联合体建设，推进高水平科技智库建设。")
    assert {"创新联合体", "科技智库"} <= types


def test_a_bare_specific_head_before_building_is_no_kind() -> None:
    assert "联合实验室" not in _types("推进联合实验室建设。")


def test_a_one_character_building_verb_is_no_word_of_the_kind() -> None:
    assert not any(t.startswith("设") for t in _types("支持跨国公司在本市设研发机构。"))


def test_a_market_of_goods_or_rights_is_no_kind() -> None:
    types = _types("培育发展技术交易市场，建设全国性商品交易市场和减排交易市场。")
    assert "技术交易市场" in types and not {"商品交易市场", "减排交易市场"} & types


def test_readme_kinds_keep_their_own_head() -> None:
    types = _types("新建特色实验基地3个，支持建设产业创新服务综合体，建设科技创新资源共享平台。")
    assert {"特色实验基地", "产业创新服务综合体", "科技资源共享服务平台"} <= types


def test_a_commercial_complex_is_no_kind() -> None:
    assert not any(t.endswith("综合体") for t in _types("建设城市商业综合体。"))

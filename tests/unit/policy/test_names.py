"""Where names begin and which modifiers name no one (`ingest/policy/extract/names.py`)."""

from __future__ import annotations

from ingest.policy.extract.names import is_generic
from ingest.policy.models import ExtractedDocument
from tests.unit.policy._extract import extract_raw


def _extract(body: str) -> ExtractedDocument:
    text = "某省关于推进科技创新的工作报告\n" + body
    return extract_raw(text)


def test_quality_and_scope_words_are_generic_modifiers() -> None:
    assert is_generic("世界一流")
    assert is_generic("重大科技")
    assert is_generic("非营利性")
    assert not is_generic("之江")
    assert not is_generic("电工装备可靠性与智能化")


def test_a_graded_kind_is_no_name_a_named_member_is() -> None:
    ents = {e.name for e in _extract("支持建设世界一流新型研发机构和重大科研基础设施，建设之江实验室。").entities}
    assert not any("世界一流" in n or "重大科研" in n for n in ents)
    assert "之江实验室" in ents


def test_a_scope_word_before_a_zone_kind_names_a_class_of_zones() -> None:
    # 全球 / 所有 / 内陆 say where the zones are counted, not which zone; a place before the kind names one
    body = "扩大全球自贸区伙伴网络。所有开发区推行节水改造。申建内陆自由贸易港。支持杭州高新区发展。"
    ents = {e.name for e in _extract(body).entities}
    assert not any(n.startswith(("全球", "所有", "内陆")) for n in ents)
    assert "杭州高新区" in ents
    assert is_generic("全国") and not is_generic("全国中小企业股份转让")


def test_a_quoted_programme_as_a_model_or_an_award_is_not_the_texts_own() -> None:
    ents = {
        e.name
        for e in _extract("学习运用“千村示范”工程经验。影片获“五个一工程”奖。启动新一轮科技“揭榜”行动。").entities
    }
    assert not any("五个一" in n or "千村" in n for n in ents)
    assert "科技“揭榜”行动" in ents


def test_a_verb_opening_the_clause_is_no_part_of_a_company_name() -> None:
    ents = {e.name for e in _extract("争取中化集团落户。做强东方航空集团，支持一汽解放集团。").entities}
    assert {"中化集团", "东方航空集团"} <= ents
    assert not any(n.startswith(("争取", "做强")) for n in ents)


def test_scope_and_level_words_before_a_kind_are_no_name() -> None:
    ents = {e.name for e in _extract("本市国家高新技术产业开发区应当创新管理，建设国家级开发区和特色开发区。").entities}
    assert not any(n.endswith("开发区") for n in ents)


def test_an_industrial_park_is_one_head() -> None:
    ents = {e.name for e in _extract("建设宁波临港产业园区。").entities}
    assert "宁波临港产业园区" in ents

"""Clusters a level word designates (levelled_clusters; sentences written for these tests in the genre's style)."""

from __future__ import annotations

from _extract import extract

from ingest.policy.extract.doc import Doc
from ingest.policy.extract.levelled_clusters import levelled_clusters


def _types(body: str) -> set[tuple[str, str | None]]:
    return {(p.type, p.level) for p in extract(body).platform_types}


def test_a_bare_levelled_cluster_is_the_class_of_industrial_clusters() -> None:
    # 自治区级 is a provincial designation; the cluster names no field, so the kind is 产业集群
    assert ("产业集群", "省级") in _types("提升发展8个自治区级集群，支持龙头企业延链补链。")


def test_a_field_before_the_cluster_stays_in_the_kind() -> None:
    assert ("竹木产业集群", "国家级") in _types("加快打造国家级竹木产业集群，发展林下经济。")


def test_a_level_word_without_ji_designates_no_cluster() -> None:
    # 国家 without 级 before a group of facilities: a group, no designation
    got = _types("建设国家重大科技基础设施集群，服务基础研究。")
    assert not any(t.endswith("集群") for t, _ in got)


def test_a_second_level_word_is_no_field() -> None:
    # 国家级和省级产业集群: the first level word does not make 和省级产业 a field; the second designates
    text = "培育国家级和省级产业集群。"
    doc = Doc(text=text, raw=text, body_end=len(text))
    assert [(k, lv) for _s, _e, k, lv in levelled_clusters(doc)] == [("产业集群", "省级")]


def test_a_lexicon_cluster_keeps_its_own_type() -> None:
    # 中小企业特色产业集群 is in the lexicon: read once, as that type
    got = _types("新增国家级中小企业特色产业集群3个。")
    assert ("中小企业特色产业集群", "国家级") in got
    assert ("产业集群", "国家级") not in got

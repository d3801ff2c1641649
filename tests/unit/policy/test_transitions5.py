"""Transitions of round x-types5 (transitions): a rated platform made a candidate of a higher kind (作为…培育
对象) is a promote; 取消其…资格 revokes the kind 其 points back to. Texts are made up for the test; none is
taken from a scored file."""

from __future__ import annotations

from tests.unit.policy._extract import extract

_NOTICE = "某部关于某省级农业科技园区评估结果的通知"


def _transitions(body: str) -> list[tuple[str, list[str], str | None]]:
    return [(t.kind, t.from_type, t.to_type) for t in extract(body, _NOTICE).transitions]


def test_a_candidate_of_a_higher_kind_is_a_promote() -> None:
    body = "各地开展国家农业科技园区评估。评估优秀的园区将作为国家农业高新技术产业示范区优先培育对象。"
    assert ("promote", ["农业科技园区"], "农业高新技术产业示范区") in _transitions(body)


def test_a_supported_object_without_a_kind_is_no_promote() -> None:
    body = "各地开展国家农业科技园区评估。评估优秀的园区将作为科技项目优先支持对象。"
    assert not [t for t in _transitions(body) if t[0] == "promote"]


def test_revoking_its_status_points_back_to_the_kind_named_earlier() -> None:
    body = (
        "各地开展国家农业科技园区评估，优秀的可申报国家农业高新技术产业示范区。"
        "整改1年后再次评估，如仍不达标则取消其园区建设资格。"
    )
    assert ("revoke", ["农业科技园区"], None) in _transitions(body)


def test_keeping_its_status_is_no_revoke() -> None:
    body = "各地开展国家农业科技园区评估。如达标则保留园区建设资格。"
    assert not [t for t in _transitions(body) if t[0] == "revoke"]

"""Round x-types12: the entity-flag refusal reads designations of firms and bodies only; a designated place or
unit of production is a kind wherever it is named (sentences written for these tests in the genre's style)."""

from __future__ import annotations

from _extract import extract


def _types(body: str) -> set[str]:
    return {p.type for p in extract(body).platform_types}


def test_a_designated_park_named_as_an_object_is_a_kind() -> None:
    # neither counted nor levelled nor listed: the refusal used to drop it
    assert "零碳园区" in _types("鼓励各地探索零碳园区碳排放核算办法。")


def test_a_designated_cluster_named_as_an_object_is_a_kind() -> None:
    assert "先进制造业集群" in _types("着力提升先进制造业集群协同创新水平。")


def test_a_firm_designation_among_the_actors_stays_refused() -> None:
    # the firms only say who acts in the clause (依托 … 高新技术企业): no kind, as before
    assert "高新技术企业" not in _types("依托高校、科研院所、高新技术企业开展联合攻关。")

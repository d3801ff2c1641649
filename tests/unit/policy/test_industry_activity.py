"""Round x-inds3 (industries): a verbal noun right before 产业 names the trade (旅游|产业, 咨询|产业), where the
open-field rule's anchors hold; verbal nouns that relate to industry (服务|产业发展) do not. Texts are made up
for the test from public knowledge; none is taken from a scored file."""

from __future__ import annotations

from tests.unit.policy._extract import extract


def _industries(body: str) -> set[str]:
    return {i.text for i in extract(body).industries}


def test_verbal_noun_after_a_growing_verb_names_a_trade() -> None:
    assert "会展产业" in _industries("各市要大力发展会展产业，办好博览会。")


def test_verbal_noun_after_a_verb_of_support_names_a_trade() -> None:
    assert "咨询产业" in _industries("积极扶持咨询产业，推进科学普及。")


def test_verbal_noun_relating_to_industry_names_none() -> None:
    assert "服务产业" not in _industries("加快服务产业发展，提升水平。")

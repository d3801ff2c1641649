"""Where a name starts after its clause's opening words (`name_openings.after_opening`, round x-ents7)."""

from __future__ import annotations

from ingest.policy.extract.name_openings import after_opening


def test_the_name_starts_after_the_last_opening_word() -> None:
    assert "加快推进白云机场"[after_opening("加快推进白云机场") :] == "白云机场"


def test_a_one_character_piece_of_an_unknown_name_is_no_verb() -> None:
    w = "加快横琴"
    assert w[after_opening(w) :] == "横琴"


def test_leading_keeps_the_verbs_inside_a_name() -> None:
    w = "建设国际技术应用推进"
    assert w[after_opening(w, leading=True) :] == "国际技术应用推进"
    assert "力争空间天文研究"[after_opening("力争空间天文研究", leading=True) :] == "空间天文研究"

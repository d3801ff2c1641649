"""Where a name starts after its clause's opening words (`name_openings.after_opening`, round x-ents7) and where a
name cut at a verb of its own starts (`clause_name_start`, round x-meta3), and a quoted slogan opening with its verb
(`verb_led`, round x-named2). Sentences made up."""

from __future__ import annotations

from ingest.policy.extract.name_openings import after_opening, clause_name_start, verb_led
from tests.unit.policy._extract import entity_kinds


def test_the_name_starts_after_the_last_opening_word() -> None:
    assert "加快推进白云机场"[after_opening("加快推进白云机场") :] == "白云机场"


def test_a_one_character_piece_of_an_unknown_name_is_no_verb() -> None:
    w = "加快横琴"
    assert w[after_opening(w) :] == "横琴"


def test_leading_keeps_the_verbs_inside_a_name() -> None:
    w = "建设国际技术应用推进"
    assert w[after_opening(w, leading=True) :] == "国际技术应用推进"
    assert "力争空间天文研究"[after_opening("力争空间天文研究", leading=True) :] == "空间天文研究"


# `clause_name_start` (round x-meta3): a name the rules cut at a verb of its own runs back to its clause's start
# where that clause opens with the name's owner (a place, a level, a word jieba cuts into characters).


def _start(text: str, cut: str, head: str) -> str:
    return text[clause_name_start(text, text.index(cut), text.index(head)) :]


def test_a_subject_name_with_a_verb_inside_runs_back_to_its_level() -> None:
    # 检测 is a verb to jieba; the clause opens with 省 and holds no function word
    text = "研发投入稳步增长。省氢能装备检测技术创新中心获批筹建。"
    assert _start(text, "技术创新中心", "技术创新中心").startswith("省氢能装备检测技术创新中心")


def test_a_list_item_with_a_verb_inside_runs_back_to_its_level() -> None:
    got = entity_kinds("组织省科技创新研究院、省储能产业综合研究院高效运行。")
    assert "省储能产业综合研究院" in got


def test_a_clause_opened_by_a_verb_or_a_non_owner_keeps_the_cut() -> None:
    # 会同 (with) and 依法 (by law) are tagged nouns by jieba but open no name; a count opens none either
    for text, cut in (
        ("会同专家组编制实验室群建设方案。", "实验室群"),
        ("依法赋予张江科学城更大自主权。", "张江科学城"),
        ("建好省实验室。", "省实验室"),
        ("新建2个省工程研究中心。", "省工程研究中心"),
    ):
        assert _start(text, cut, cut).startswith(cut), text


def test_a_quoted_phrase_opening_with_its_verb_is_a_slogan_not_a_platform() -> None:
    # a name opens with its owner, place or field; a slogan with the verb that governs it
    assert verb_led("加快建设东海科创走廊")
    assert verb_led("打造一流创新平台")
    assert not verb_led("之江智能感知与计算实验室")
    got = entity_kinds("全力推进“加快建设南湖科学中心”，建设“江城智能制造创新中心”。")
    assert not any(n.startswith("加快") for n in got)
    assert got.get("江城智能制造创新中心") == "platform"

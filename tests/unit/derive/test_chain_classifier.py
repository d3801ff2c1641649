"""The field → chain classifier (app.derive.chains.classify): what a field phrase's score is a share of."""

from __future__ import annotations

from app.derive.chains import DEFAULT_MIN_SCORE, chain_terms, classify, token_words

PETROCHEM = {"ln": chain_terms("辽宁石化产业链")}


def test_a_compound_field_word_names_its_halves() -> None:
    # jieba keeps 石油化工 whole; it is 石油 + 化工, both chain terms of 辽宁石化产业链
    assert {"石油", "化工"} <= set(token_words("石油化工"))
    [hit] = classify(["新型", "石油化工"], PETROCHEM)
    assert hit.chain_id == "ln" and hit.score == 1.0 and hit.matched == ["化工", "石油"]
    [hit] = classify(["石油化工", "关键技术"], PETROCHEM)
    assert hit.score == 0.5


def test_function_words_and_generic_modifiers_do_not_dilute_the_score() -> None:
    # 与 and 新型 say nothing about the industry: half of the field is 化工, not 2/7 (< the 0.3 floor)
    [hit] = classify(["新型", "绿色", "化工", "与", "精细化工", "与", "应用"], PETROCHEM)
    assert hit.score == 0.5 >= DEFAULT_MIN_SCORE and hit.matched == ["化工", "精细化工"]
    assert classify(["新型", "与"], PETROCHEM) == []


def test_no_compound_without_two_words() -> None:
    # 电化学 is 电 + 化学 (electrochemistry), not a chemical-industry word; 化学品 stays whole
    assert token_words("电化学") == ("电化学",) and token_words("化学品") == ("化学品",)
    assert classify(["现代", "电化学", "储能", "检测"], {"hb": chain_terms("河北精细化工产业链")}) == []

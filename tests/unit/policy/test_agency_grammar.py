"""The agency grammar's short forms after a word (`ingest/policy/extract/agency_grammar.py`)."""

from __future__ import annotations

from ingest.policy.extract.agency_grammar import grammar_agencies


def _names(text: str) -> set[str]:
    return {text[s:e] for s, e in grammar_agencies(text)}


def test_a_short_government_after_a_modifier_is_that_government() -> None:
    assert "市人民政府" in _names("（责任单位：省发展改革委，相关市人民政府）")
    assert "市人民政府" in _names("可以优先享受市人民政府的支持政策。")


def test_no_government_inside_a_word_or_a_class_of_addressees() -> None:
    assert "市人民政府" not in _names("各地级以上市人民政府，省政府各部门：")
    assert not any(n.startswith("市") for n in _names("推进城市人民政府职能转变。"))

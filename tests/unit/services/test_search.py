"""Query spellings the search tries (app/services/search.py ``_variants``): a short form is written out
where an analyst typed it as a word, never inside a longer name."""

from __future__ import annotations

from app.services.search import _variants


def test_a_short_form_typed_as_a_word_is_written_out() -> None:
    assert "北京大学 人工智能" in _variants("北大 人工智能")
    assert "中国科学院自动化研究所" in _variants("中科院自动化所")  # the resolver's name
    assert "中国科学院自动化所" in _variants("中科院自动化所")  # the short form written out


def test_a_short_form_inside_a_longer_name_is_left_alone() -> None:
    assert _variants("河北大学") == ["河北大学"]  # 北大
    assert _variants("江苏大学") == ["江苏大学"]  # 苏大
    assert _variants("全国人大常委会") == ["全国人大常委会"]  # 人大: a people's congress
    assert _variants("北京航空航天大学 材料") == ["北京航空航天大学 材料"]  # 天大

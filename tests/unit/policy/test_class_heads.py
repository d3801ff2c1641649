"""Class words of bodies as kinds (`class_heads`, round x-types13): a bare 研究院 / 联合体 is no kind unless counted;
a counted or built 研究院 with words of its own is the kind its phrase names. Sentences written for these tests in
the style of a work report or a regulation."""

from __future__ import annotations

from _extract import extract

from ingest.policy.extract.class_heads import bare_class, counted


def _types(body: str) -> set[str]:
    return {p.type for p in extract(body).platform_types}


def test_a_bare_institute_word_glued_to_a_name_is_no_kind() -> None:
    # 研究院 closes one institute's name (市成果推广研究院, a verb inside the name): the class word alone is no kind
    assert "研究院" not in _types("年内建成市成果推广研究院，服务本地企业。")


def test_a_bare_institute_word_in_a_list_of_ways_is_no_kind() -> None:
    # ways of working together (共建实验室、研究院等方式): any institute, no kind of platform
    assert "研究院" not in _types("鼓励高校与企业通过共建实验室、研究院等方式开展合作。")


def test_a_bare_consortium_word_is_no_kind() -> None:
    # 由其组成的联合体: whoever joins, not a designation
    assert "联合体" not in _types("支持企业、高校和由其组成的联合体参与项目申报。")


def test_a_counted_institute_is_a_kind() -> None:
    # a count makes the class word a kind a report tallies
    assert "研究院" in _types("全省新增研究院12家。")


def test_a_consortium_with_its_own_words_stays_a_kind() -> None:
    assert "创新联合体" in _types("支持龙头企业牵头组建创新联合体。")


def test_a_counted_institute_phrase_is_its_kind() -> None:
    # 3个 + words of its own + 研究院: the phrase, not the bare class word
    types = _types("今年新增3个新材料中试研究院，服务园区企业。")
    assert "新材料中试研究院" in types
    assert "研究院" not in types


def test_a_built_institute_phrase_is_its_kind() -> None:
    assert "高校产业研究院" in _types("加快建设一批高校产业研究院。")


def test_an_institute_named_after_a_region_is_one_unit() -> None:
    # a region glued before the words (湖南|…研究院): one institute's name, no kind
    types = _types("加快建设湖南先进技术研究院。")
    assert "先进技术研究院" not in types
    assert "研究院" not in types


def test_counts_before_and_after() -> None:
    text = "建成2个研究院，研究院5家，研究院建设"
    assert counted(text, 4, 7)
    assert counted(text, 8, 11)
    assert not counted(text, 14, 17)
    assert bare_class(text, "研究院", 14, 17)
    assert not bare_class(text, "研究院", 4, 7)

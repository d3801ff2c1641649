"""Cited documents (`meta.find_cited`): a 《》 title needs a document's genre word, and titles without 《》
after a verb of applying, issuing or revising them. Sentences made up from public knowledge."""

from __future__ import annotations

from tests.unit.policy._extract import extract


def _cited(body: str) -> set[str]:
    return {c.title for c in extract(body).cited_documents}


def test_a_book_title_without_a_genre_word_is_no_document() -> None:
    got = _cited("电视剧《山海情》热播，企业取得《医疗器械生产许可证》，实施《数据安全管理办法》。")
    assert got == {"数据安全管理办法"}


def test_unmarked_titles_after_a_verb_of_issuing_or_revising() -> None:
    got = _cited(
        "适时修订科技成果转化促进条例，贯彻落实全国碳排放权交易指引（试行）和新版市场准入负面清单，"
        "落实科技创新30条，制定出台加快建设科技强省的意见。"
    )
    assert {
        "科技成果转化促进条例",
        "全国碳排放权交易指引（试行）",
        "市场准入负面清单",
        "科技创新30条",
        "加快建设科技强省的意见",
    } <= got
    assert not any(t.startswith(("落实", "新版")) for t in got)


def test_a_vague_or_clause_like_reference_is_no_title() -> None:
    got = _cited("落实有关负面清单，按照国家有关标准执行，落实好的意见建议。")
    assert not got

"""State-owned firms by their short names (`known_firms`, lexicon ingest/resources/dict/firms.tsv): a hit counts
where jieba's words begin and end with it. Sentences made up."""

from __future__ import annotations

from ingest.policy import lexicon as lx
from ingest.policy.extract.known_firms import _on_word_bounds
from tests.unit.policy._extract import entity_kinds


def test_short_names_with_no_suffix_are_firms() -> None:
    # no 公司 / 集团, no list, no product: only the lexicon knows these names
    got = entity_kinds("深化与中国航发战略合作，推动南方电网数字化改造，引进招商银行区域总部。")
    assert {got.get(n) for n in ("中国航发", "南方电网", "招商银行")} == {"company"}


def test_a_short_name_inside_a_longer_word_is_none() -> None:
    # 全国|投资 and 中国|银行业: the lexicon's 国投-like pieces and 中国银行 fall inside other words
    got = entity_kinds("全年全国投资增长5%，中国银行业协会发布报告。")
    assert "中国银行" not in got


def test_word_bounds_by_hand() -> None:
    text = "其中煤炭产量增长，推进华电储能项目。"
    s = text.index("中煤")
    assert not _on_word_bounds(text, s, s + 2)  # 其中|煤炭
    s = text.index("华电")
    assert _on_word_bounds(text, s, s + 2)


def test_every_row_has_a_public_source() -> None:
    rows = [line.split("\t") for line in (lx.DICT_DIR / "firms.tsv").read_text(encoding="utf-8").splitlines()]
    data = [r for r in rows if r and r[0] and not r[0].startswith("#")]
    assert data and all(len(r) == 3 and r[2] in {"SASAC", "NFRA"} for r in data)
    assert lx.firms()["国家电投"] == "国家电力投资集团有限公司"

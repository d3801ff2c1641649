"""The piecewise jieba tokens (app.text.segment) equal jieba's own result exactly, and so do the
search terms built on them (app.text.search_terms): the speed-up must not change one stored term."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import jieba
import pytest

from app.text import search_terms as search
from app.text import segment

SAMPLE = Path(__file__).resolve().parents[3] / "data" / "sample"


@cache
def _names() -> list[str]:
    """Platform names, hosts and fields of the committed generated sample (CSV files) + hand-made hard
    cases (cut points inside dictionary words, single characters on both sides of a cut, ASCII, traditional)."""
    out = [
        "国家先进高分子材料应用科技企业孵化器",
        "国家风电工程研究中心",
        "辽宁省先进材料制备技术重点实验室",
        "辽宁先进材料制备技术重点实验室",
        "省海洋工程装备工程技术研究中心",
        "大连市智能制造与机器人技术创新中心",
        "吉林省玉米生物育种关键技术工程实验室",
        "廣西壯族自治區糖業工程技术研究中心",
        "北京市5G通信与AI芯片重点实验室",
        "市新材料中试基地",
        "省实验室",
        "国家重点实验室",
    ]
    for path in sorted(SAMPLE.glob("*.csv")):
        with path.open(encoding="utf-8-sig", errors="replace") as fh:
            for row in csv.reader(fh):
                out.extend(cell for cell in row[:4] if cell and not cell.isdigit())
    return out


def _runs(text: str) -> list[str]:
    return [m.group(0) for m in search.TERM_RUN.finditer(search.norm_text(text)) if not m.group(0).isascii()]


def test_sample_is_large_enough() -> None:
    assert len(_names()) > 5000


def test_piecewise_tokens_equal_jieba() -> None:
    runs = list(dict.fromkeys(r for n in _names() for r in _runs(n)))
    split = 0
    for run in runs:
        want = frozenset(t for t in jieba.cut_for_search(run) if len(t) >= 2)
        assert segment.search_tokens(run) == want, run
        if segment.HAN.match(run):
            assert segment.cut_words(run) == jieba.lcut(run), run
        split += bool(segment._cut_points(run)) and len(run) >= segment.MIN_SPLIT
    assert split > len(runs) // 2  # the piecewise path is the one exercised, not the fallback


def test_atoms_and_pooled_single_characters() -> None:
    """Runs whose atoms / pieces end and start with single characters (jieba pools those into one HMM
    buffer across the cut) and runs with several atoms per piece: the same words as jieba."""
    runs = [
        "山东省机器人众创空间",
        "山东省新型区块链众创空间",
        "山东省光电子器件与区块链众创空间",
        "省海洋工程技术创新中心",
        "国家风电工程研究中心",
        "山东省数字耐火材料与有色金属新材料关键技术工程技术研究中心",
        "乙丙丁戊己庚辛壬癸重点实验室",
        "甲",
        "",
    ]
    for run in runs:
        assert segment.cut_words(run) == jieba.lcut(run), run
        want = frozenset(t for t in jieba.cut_for_search(run) if len(t) >= 2)
        assert segment.search_tokens(run) == want, run


def _reference_terms(text: str) -> list[str]:
    """search_terms as it was before the piecewise tokens (jieba.cut_for_search on every run)."""
    norm = search.norm_text(text or "")
    terms: set[str] = set()
    for m in search.TERM_RUN.finditer(norm):
        run = m.group(0)
        terms.update(search.bigrams(run))
        if not run.isascii():
            terms.update(search.trigrams(run))
            terms.update(t for t in jieba.cut_for_search(run) if len(t) >= 2)
        elif len(run) >= 2:
            terms.add(run)
    return sorted(terms)


def test_search_terms_unchanged() -> None:
    for text in _names()[:3000]:
        assert search.search_terms(text) == _reference_terms(text), text


@pytest.mark.parametrize(("run", "point"), [("国家风电工程研究中心", 4), ("国家风电工程研究中心", 6)])
def test_crossing_word_detected(run: str, point: int) -> None:
    # 电工 / 工程 are dictionary words: a cut at 4 (风电|工程) crosses 电工; at 6 it does not cross 工程研究.
    crosses = any(
        run[k:j] in jieba.dt.FREQ and jieba.dt.FREQ[run[k:j]]
        for k in range(point)
        for j in range(point + 1, len(run) + 1)
    )
    assert segment.crosses(run, point) == crosses


def _reference_node_terms(props: dict[str, object]) -> list[str]:
    """node_search_terms as it was before (search_terms per text, norm_text per field token)."""
    texts: list[str] = []
    for key in search.TEXT_PROPS:
        value = props.get(key)
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, list):
            texts.extend(v for v in value if isinstance(v, str))
    terms: set[str] = set()
    for t in texts:
        terms.update(_reference_terms(t))
    for tok in props.get("field_tokens") or []:  # type: ignore[attr-defined]
        if isinstance(tok, str) and len(tok) >= 2:
            terms.add(search.norm_text(tok))
    return sorted(terms)


def test_node_search_terms_unchanged() -> None:
    from ingest.inventory.read import read_inventory
    from ingest.inventory.to_graph import to_batches

    checked = 0
    for path in sorted(SAMPLE.glob("*平台名单*.csv")):
        for batch in to_batches(read_inventory(path)):
            for rows in batch.nodes.values():
                for row in rows:
                    assert search.node_search_terms(row["props"]) == _reference_node_terms(row["props"])
                    checked += 1
    assert checked > 1000


HARD_NAMES = [
    "上海市数字光伏工程技术创新中心",  # 市数 crosses the prefix cut, 工程技术 the suffix cut: both moved
    "上海市现代土壤修复与水污染控制工程研究中心",  # 控制工程 crosses the suffix cut
    "上海市新型流域治理工程研究中心",
    "山东省光电子器件与区块链众创空间",
    "乙丙丁戊己庚辛壬癸重点实验室",  # single characters pooled across the suffix cut
    "省罗洋省实验室",  # the HMM makes a word of single characters from both sides of a cut
    "上海市材料戊阿田鲁田工程研究中心",  # a piece's trailing single characters make a 5-character HMM word
    "上海市材料泰博泰丙众创空间",
    "上海市戊阿田与鲁田材料工程研究中心",  # single characters pooled across a 与 inside the field
    "与田鲁田和泰博泰丙重点实验室",
    "省密尔罗与斯工程研究中心",  # a field of single characters only, 与 included: one pooled buffer
    "上海市喀与尔奎省实验室",
    "省甲乙丙重点实验室",
    "北京市5G通信与AI芯片重点实验室",  # ASCII runs; upper case (the norm differs from the field)
    "辽宁省(沈阳)先进材料工程研究中心",
    "廣西壯族自治區糖業工程技术研究中心",
    "国家㐀材料重点实验室",  # a character outside jieba's Chinese block
    "省实验室",
    "重点实验室",
    "国家风电工程研究中心",
    "辽宁先进材料制备技术重点实验室",
]


def test_platform_name_terms_from_pieces_equal_jieba() -> None:
    """Platform names take the piecewise path (cuts after the region prefix and before the type suffix,
    moved off dictionary words, single characters pooled across them): same terms as jieba."""
    from app.text.cells import norm_name
    from app.text.names import canonical_name_norm, parse_name

    for name in HARD_NAMES:
        nn = norm_name(name)
        parts = parse_name(nn)
        props = {
            "name": name,
            "name_norm": canonical_name_norm(nn, parts, parts.region),
            "region_prefix": parts.region_prefix,
            "field": parts.field,
            "type_suffix": parts.type_suffix,
        }
        assert search.node_search_terms(props) == _reference_node_terms(props), name


def test_norm_text_is_the_two_step_normalisation() -> None:
    from app.text.normalise import nfkc_same_length, nfkc_table, t2s_table, to_simplified

    text = "".join(map(chr, sorted(nfkc_table().keys() | t2s_table().keys() | set(range(0x3000)))))
    assert search.norm_text(text) == to_simplified(nfkc_same_length(text)).lower()


def test_crosses_equals_brute_force() -> None:
    """``crosses`` (bounded by how deep a character pair sits in a word) = any dictionary word over the cut."""
    freq = jieba.dt.FREQ
    runs = [r for n in _names()[:1500] for r in _runs(n) if segment.HAN.match(r)]
    # the longest dictionary words inside names: the memo's window must hold a whole word
    longest = sorted((w for w, f in freq.items() if f and segment.HAN.match(w)), key=len)[-60:]
    runs += [runs[i][:5] + w + runs[i + 1][-6:] for i, w in enumerate(longest)]
    checked = hits = 0
    for run in dict.fromkeys(runs):
        for p in range(1, len(run)):
            want = any(freq.get(run[k:j]) for k in range(p) for j in range(p + 1, len(run) + 1))
            assert segment.crosses(run, p) == want, (run, p)
            checked += 1
            hits += want
    assert checked > 5000 and hits > 500

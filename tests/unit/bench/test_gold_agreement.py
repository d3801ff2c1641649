"""bench/gold_agreement.py: two tiny hand-made golds of one work report, scored kind by kind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.gold_agreement import agreement, diff_markdown
from ingest.policy.eval import micro

# The first labeller's reading of "2025年1月10日…省人民政府…省科技厅牵头，新建省级重点实验室20家…":
REF_DOC: dict[str, Any] = {
    "doc_id": "d1",
    "dates": [{"surface": "2025年1月10日"}],
    "issuing_agencies": [{"surface": "省人民政府"}],
    "agencies_mentioned": [{"surface": "省科技厅"}],
    "platform_types_mentioned": [
        {"type": "重点实验室", "level": "省级"},
        {"type": "高新技术企业", "level": None},
    ],
    "targets": [
        {"count": 20, "type": "重点实验室", "year": 2025},
        {"count": 20, "type": "重点实验室", "year": 2025, "duplicate_of": 0},
    ],
    "named_entities": [{"surface": "青石实验室", "kind": "platform"}, {"surface": "张明", "kind": "person"}],
    "industries": [{"surface": "低空经济"}],
    "transitions": [{"kind": "merge", "quote_span": [10, 30]}],
}
# The second labeller: the same date, issuer, target and industry (with a stray space); 省财政厅 instead of
# 省科技厅; the laboratories without a level; an extra 概念验证中心; the person missed; the lab read as an
# institution; the merge quoted from a later, overlapping start.
OTHER_DOC: dict[str, Any] = {
    "doc_id": "d1",
    "dates": [{"surface": "2025年1月10日"}],
    "issuing_agencies": [{"surface": "省人民政府"}],
    "agencies_mentioned": [{"surface": "省财政厅"}],
    "platform_types_mentioned": [
        {"type": "重点实验室", "level": None},
        {"type": "概念验证中心", "level": None},
    ],
    "targets": [{"count": 20, "type": "重点实验室", "year": 2025}],
    "named_entities": [{"surface": "青石实验室", "kind": "institution"}],
    "industries": [{"surface": "低空 经济"}],
    "transitions": [{"kind": "merge", "quote_span": [25, 40]}],
}


def _write(tmp: Path, name: str, docs: list[dict[str, Any]]) -> Path:
    p = tmp / name
    p.write_text(json.dumps({"split": "t", "documents": docs}, ensure_ascii=False), encoding="utf-8")
    return p


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    only_ref = {"doc_id": "d2", "dates": [{"surface": "2025年2月1日"}]}  # not in the second file: ignored
    return _write(tmp_path, "a.json", [REF_DOC, only_ref]), _write(tmp_path, "b.json", [OTHER_DOC])


def test_each_kind_counts_agreements_and_both_sides_of_a_disagreement(tmp_path: Path) -> None:
    a, b = _pair(tmp_path)
    r = agreement(a, b)
    s = r.scores
    assert r.n_docs == 1
    assert (s["dates"].tp, s["dates"].fp, s["dates"].fn) == (1, 0, 0)
    assert (s["issuing_agencies"].tp, s["issuing_agencies"].fp, s["issuing_agencies"].fn) == (1, 0, 0)
    # agencies pool the issuer with the mentioned bodies: 省人民政府 agreed, 省科技厅 / 省财政厅 one each side
    assert (s["agencies"].tp, s["agencies"].fp, s["agencies"].fn) == (1, 1, 1)
    # a level left open matches any level; 高新技术企业 only in the first, 概念验证中心 only in the second
    assert (s["platform_types"].tp, s["platform_types"].fp, s["platform_types"].fn) == (1, 1, 1)
    # the row marked duplicate_of is dropped, so one target each side, the same fact
    assert (s["targets"].tp, s["targets"].fp, s["targets"].fn) == (1, 0, 0)
    # platform and institution are both platform-like: the lab agrees as a named platform
    assert (s["named_platforms"].tp, s["named_platforms"].fp, s["named_platforms"].fn) == (1, 0, 0)
    assert (s["entities"].tp, s["entities"].fp, s["entities"].fn) == (1, 0, 1)
    assert (s["industries"].tp, s["industries"].fp, s["industries"].fn) == (1, 0, 0)  # whitespace normalised
    assert (s["transitions"].tp, s["transitions"].fp, s["transitions"].fn) == (1, 0, 0)  # spans overlap
    m = micro(s)
    assert (m.tp, m.fp, m.fn) == (9, 2, 3)
    assert s["agencies"].precision == 0.5 and s["entities"].recall == 0.5


def test_swapping_the_files_swaps_precision_and_recall(tmp_path: Path) -> None:
    a, b = _pair(tmp_path)
    ab, ba = agreement(a, b).scores, agreement(b, a).scores
    assert (ab["entities"].precision, ab["entities"].recall) == (ba["entities"].recall, ba["entities"].precision)
    assert ab["entities"].f1 == ba["entities"].f1


def test_the_diff_names_each_disagreement_and_its_side(tmp_path: Path) -> None:
    a, b = _pair(tmp_path)
    text = diff_markdown(agreement(a, b))
    assert "- only in reference: d1: 省科技厅" in text
    assert "- only in second: d1: 省财政厅" in text
    assert "- only in reference: d1: 张明" in text
    assert "## dates" not in text  # no disagreement, no section

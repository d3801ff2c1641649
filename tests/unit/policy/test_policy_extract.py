"""Policy extraction: F1 floors on the five real texts and on the constructed unseen texts, offsets,
bad input, and the graph batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.model.errors import InputError
from app.text.normalise import normalise, to_simplified
from ingest.policy.eval import evaluate
from ingest.policy.extract.model_filter import SWITCH
from ingest.policy.pipeline import extract_file, extract_paths
from ingest.policy.to_graph import to_batch

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "data" / "corpus" / "policies"
if not CORPUS.exists():
    CORPUS = Path("/work/shared/corpus/policies")
GOLD = ROOT / "data" / "gold" / "seeds_gold.json"
TESTDOCS = ROOT / "data" / "testdocs"
CONSTRUCTED_GOLD = ROOT / "data" / "gold" / "constructed_gold.json"

# The goals on the five texts.
SEED_FLOORS = {
    "doc_numbers": 0.95,
    "titles": 0.95,
    "dates": 0.95,
    "agencies": 0.95,
    "cited_documents": 0.95,
    # 0.93 since issue #21: open-vocabulary kinds (研发机构, 科研基础设施) that the real-text gold labels as
    # types are not labelled in the seeds gold (taxonomy types only) and count as false positives there.
    "platform_types": 0.93,
    "targets": 0.95,
    "transitions": 0.85,
    "named_platforms": 0.85,
    "industries": 0.85,
    "entities": 0.8,
    "cluster_relations": 0.9,
}
# Unseen constructed texts (8 texts, 8 provinces, 7 genres): floors at what the extractor reaches
# (rounded down), so any loss of generalisation fails `make test`.
UNSEEN_FLOORS = {
    "doc_numbers": 0.95,
    "titles": 0.95,
    "dates": 0.95,
    "agencies": 0.95,
    "cited_documents": 0.95,
    "platform_types": 0.95,
    "targets": 0.95,
    "transitions": 0.95,
    "named_platforms": 0.95,
    "entities": 0.95,
    "industries": 0.95,
}


@pytest.fixture(scope="module")
def seed_docs():  # type: ignore[no-untyped-def]
    # Module-scoped, so it is built before conftest's per-test switch: set the same grammar-only mode here, or
    # a test comparing it with a fresh extraction compares the filtered output with the unfiltered one.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(SWITCH, "0")
        docs, errors = extract_paths(sorted(CORPUS.glob("*.txt")))
    assert not errors and len(docs) == 5
    return docs


@pytest.mark.parametrize("kind", sorted(SEED_FLOORS))
def test_seed_f1_floor(seed_docs, kind: str) -> None:  # type: ignore[no-untyped-def]
    report = evaluate(GOLD, seed_docs)
    assert report.f1(kind) >= SEED_FLOORS[kind], report.to_markdown()


@pytest.mark.parametrize("kind", sorted(UNSEEN_FLOORS))
def test_unseen_f1_floor(kind: str) -> None:
    docs, errors = extract_paths(sorted(TESTDOCS.glob("*.txt")))
    assert not errors and len(docs) >= 8
    report = evaluate(CONSTRUCTED_GOLD, docs)
    assert report.f1(kind) >= UNSEEN_FLOORS[kind], report.to_markdown()


def test_constructed_texts_are_marked() -> None:
    for p in TESTDOCS.glob("*.txt"):
        assert "构造文本" in p.read_text(encoding="utf-8")
    assert all(d["constructed"] for d in json.loads(CONSTRUCTED_GOLD.read_text(encoding="utf-8"))["documents"])


def test_spans_address_raw_text(seed_docs) -> None:  # type: ignore[no-untyped-def]
    for d in seed_docs:
        c = d.to_contract()
        for key, items in c.items():
            if not isinstance(items, list):
                continue
            for it in items:
                s, e = it["span"]
                assert d.raw_text[s:e] == it["text"], (d.doc_id, key, it)


def test_traditional_text_offsets_and_conversion(seed_docs) -> None:  # type: ignore[no-untyped-def]
    trad = next(d for d in seed_docs if d.doc_id.startswith("001"))
    assert trad.script == "zh-Hant"
    assert len(normalise(trad.raw_text)) == len(trad.raw_text)
    assert to_simplified("國家重點實驗室") == "国家重点实验室"
    assert any(t.type == "技术创新中心" and t.count == 600 and t.year == 2020 for t in trad.targets)


def test_resolves_agency_to_region(seed_docs) -> None:  # type: ignore[no-untyped-def]
    d = seed_docs[0]
    assert any(a.text == "省科技厅" and a.canonical == "辽宁省科学技术厅" and a.role == "issuer" for a in d.agencies)


def test_garbled_doc_number_and_date(seed_docs) -> None:  # type: ignore[no-untyped-def]
    d = next(d for d in seed_docs if d.doc_id.startswith("002"))
    assert any(c.number == "辽委办发〔20175号" for c in d.cited_documents)
    assert any(x.iso == "2018-06-07" for x in d.dates)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("bin.txt", b"\x00\x01\x02binary\x00", "binary"),
        ("nobody.html", b"<html><head><title>x</title></head><body>  </body></html>", "no body text"),
        ("broken.pdf", b"%PDF-1.4 not really", "PDF"),
    ],
)
def test_bad_input_named_and_others_still_load(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("关于印发《某省重点实验室管理办法》的通知\n到2025年,新建省级重点实验室10家。\n", encoding="utf-8")
    docs, errors = extract_paths([bad, good])
    assert len(docs) == 1 and len(errors) == 1
    assert errors[0].path == bad and reason.lower() in errors[0].reason.lower()
    with pytest.raises(InputError):
        extract_file(bad)


def test_gb18030_and_bom(tmp_path: Path) -> None:
    text = "关于印发《某省重点实验室管理办法》的通知\n到2025年,新建省级重点实验室10家。\n"
    (tmp_path / "gb.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    docs, errors = extract_paths([tmp_path / "gb.txt", tmp_path / "bom.txt"])
    assert not errors
    assert all(d.raw_text.startswith("关于") and d.targets[0].count == 10 for d in docs)


def test_batch_has_evidence_everywhere(seed_docs) -> None:  # type: ignore[no-untyped-def]
    for d in seed_docs:
        b = to_batch(d)
        for rows in b.nodes.values():
            assert all(r["evidence"] for r in rows)
        for rows in b.rels.values():
            assert all(r["evidence"] for r in rows)
        again = to_batch(extract_file(Path(d.path)))
        assert again.model_dump() == b.model_dump()  # deterministic: re-ingesting changes nothing

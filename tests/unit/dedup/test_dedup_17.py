"""dedup 1.7: blocking that sees the repaired field; the discipline hierarchy of GB/T 13745-2009 (no store).

The rows are made up to show one structure each (hosts and places are real names, the platforms are
not list rows); none is a row of the real dev, dev2, test or holdout pairs. The facts are public:
GB/T 13745-2009 classes 钢铁冶金 (450.35) under 冶金工程技术, 眼科学 (320.37) and 耳鼻咽喉科学 (320.41)
as two second-level disciplines of 临床医学; a 微生物种质资源库 keeps micro-organisms (its field is
not 农业环境微).
"""

from __future__ import annotations

from typing import Any

from app.derive.dedup.records import build_records
from tests.unit.dedup._detect import kinds

_LAB = "重点实验室"


def _row(pid: str, name: str, type_: str | None, host: str | None, region: str | None, **more: Any) -> dict[str, Any]:
    return {"id": pid, "name": name, "type": type_, "level": "国家级", "region": region, "host": host, **more}


def test_the_cut_field_is_repaired_where_terms_are_built() -> None:
    recs = build_records(
        [_row("bank", "国家土壤微生物种质资源库（南京）", None, "某土壤研究所", "江苏省", field="土壤微")]
    )
    assert recs.fields[0] == "土壤微生物"
    assert "t:微生物" in recs.terms[0] or "g:生物" in recs.terms[0]


def test_a_repaired_bank_beside_a_lab_of_another_host_of_one_city_overlaps() -> None:
    rows = [
        _row(
            "bank",
            "国家农业环境微生物种质资源库（南京）",
            None,
            "某土壤研究所",
            "江苏省",
            field="农业环境微",
            city="南京市",
        ),
        _row("lab", "微生物国家重点实验室", _LAB, "某农业大学", "江苏省", city="南京市"),
    ]
    assert kinds(rows) == {frozenset(("bank", "lab")): "overlap"}

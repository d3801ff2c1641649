"""dedup 1.7: blocking that sees the repaired field; the discipline hierarchy of GB/T 13745-2009 (no store).

The rows are made up to show one structure each (hosts and places are real names, the platforms are
not list rows); none is a row of the real dev, dev2, test or holdout pairs. The facts are public:
GB/T 13745-2009 classes 钢铁冶金 (450.35) under 冶金工程技术, 眼科学 (320.37) and 耳鼻咽喉科学 (320.41)
as two second-level disciplines of 临床医学; a 微生物种质资源库 keeps micro-organisms (its field is
not 农业环境微).
"""

from __future__ import annotations

from typing import Any

from app.derive.dedup.disciplines import first_level, related, table
from app.derive.dedup.records import build_records
from app.derive.dedup.subject import shared_head
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


def test_the_hierarchy_reads_gbt_13745_with_a_source_per_line() -> None:
    lines, words = table()
    assert lines["450.35"].name == "钢铁冶金" and lines["450.35"].parent == "450"
    assert lines["320.37"].level == 2 and lines["170.4510/冻土学"].level == 4
    assert "冻土" in words and "钢铁冶金" in words


def test_one_line_or_one_under_the_other_relates() -> None:
    assert related(("自然地理",), ("冻土工程",)) == "自然地理学"  # 冻土学 is an item of 自然地理学
    assert related(("冻土",), ("冻土学",)) == "冻土学"  # one line, two forms
    # a whole second-level line is not each field under it (the labels: a 大气科学 lab and a 大气化学 lab
    # of one host are two platforms), so 材料腐蚀 under 材料失效与保护 is no relation either
    assert related(("材料失效", "保护"), ("大气环境材料腐蚀",)) is None


def test_siblings_and_broad_classes_stay_apart() -> None:
    assert related(("眼科",), ("耳鼻咽喉科",)) is None  # two second-level lines of 临床医学
    assert related(("冰川",), ("冻土",)) is None  # two items of 自然地理学
    assert related(("玉米遗传",), ("大豆遗传",)) is None  # one head, two modifiers
    assert related(("锂电池",), ("钠电池",)) is None  # no line: nothing to relate
    assert related(("大气科学",), ("大气化学",)) is None  # a whole second-level line is not each field of it
    assert related(("水稻生物学",), ("植物病虫害生物学",)) is None  # 生物学: a first-level class only


def test_a_first_level_discipline_is_no_shared_head() -> None:
    assert first_level("生物学") and not first_level("分子生物学")
    assert shared_head("植物病虫害生物学", "医学分子生物学") is None
    assert shared_head("分子生物学", "医学分子生物学") == "分子生物学"


def test_hard_negatives_stay_apart_at_one_host() -> None:
    rows = [
        _row("eye", "眼科学国家重点实验室", _LAB, "某大学附属医院", "广东省"),
        _row("ear", "耳科学国家重点实验室", _LAB, "某大学附属医院", "广东省"),
        _row("li", "锂电池材料国家工程研究中心", "工程研究中心", "某大学", "湖南省"),
        _row("na", "钠电池材料国家工程研究中心", "工程研究中心", "某大学", "湖南省"),
        _row("corn", "玉米遗传育种国家重点实验室", _LAB, "某农业大学", "河南省"),
        _row("soy", "大豆遗传育种国家重点实验室", _LAB, "某农业大学", "河南省"),
    ]
    assert kinds(rows) == {}


def test_a_station_beside_a_lab_of_its_host_in_one_discipline_overlaps() -> None:
    rows = [
        _row("st", "新疆天山冻土国家野外科学观测研究站", "野外科学观测研究站", "某地理研究所", "新疆维吾尔自治区"),
        _row("lab", "自然地理学国家重点实验室", _LAB, "某地理研究所", "北京市"),
    ]
    assert kinds(rows) == {frozenset(("st", "lab")): "overlap"}


def test_a_second_level_line_is_named_by_its_object() -> None:
    # 钢铁冶金 is the 钢铁 line of 冶金工程技术, 神经生物学 the 神经 line of 生物学 (GB/T 13745-2009 450.35,
    # 180.47): a field whose head is that object, or the line's own name, is in the line
    assert related(("钢铁流程",), ("钢铁冶金",)) == "钢铁冶金"
    assert related(("神经科学",), ("医学神经生物学",)) == "神经生物学"
    assert related(("钢铁流程",), ("有色金属冶金",)) is None  # two lines of one class: siblings


def test_a_trailing_word_naming_no_field_does_not_hide_siblings() -> None:
    # 饲料微生物工程 is a 饲料微生物 subject (工程 names no field): beside a 植保微生物 bank of another host
    # of one city it is a sibling under 微生物 (the 1.6 rule), not one field
    rows = [
        _row("lab", "饲用微生物工程国家重点实验室", _LAB, "某饲料企业", "北京市"),
        _row("bank", "国家植保微生物种质资源库（北京）", None, "某农林科学院", "北京市"),
    ]
    assert kinds(rows) == {}

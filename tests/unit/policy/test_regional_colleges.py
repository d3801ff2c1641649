"""Colleges named by their region that no gazetteer lists (`entities._regional_colleges`, round x-ents6).
Sentences made up from public knowledge, none taken from a scored text."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds


def test_a_region_s_college_is_a_university() -> None:
    got = entity_kinds("支持淄博职业学院、山东商业职业技术学院升格本科。力争泰山科技学院新校区投用。")
    assert got.get("淄博职业学院") == "university"
    assert got.get("山东商业职业技术学院") == "university"
    assert got.get("泰山科技学院") == "university"


def test_carriers_classes_and_academies_are_no_colleges() -> None:
    got = entity_kinds("新建10个现代产业学院和未来技术学院。支持省属高校建设。发挥中国科学院、山东省农业科学院作用。")
    assert not {"现代产业学院", "未来技术学院"} & set(got)
    assert not any(e.endswith("学院") and v == "university" for e, v in got.items())

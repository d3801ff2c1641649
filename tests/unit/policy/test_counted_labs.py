"""Fields listed and counted before a lab head are labs (`entities._counted_labs`): a lab is one lab named by its
field (the seeds' 能源、新材料、旱区农业陕西实验室), so 甲、乙3个省实验室 and 甲、乙等5家全国重点实验室 name labs even
where the items are industries. Sentences made up."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds


def test_fields_counted_before_a_provincial_lab_are_labs() -> None:
    # three fields, one with 与 inside, counted by 3个 before 省实验室: three labs
    got = entity_kinds("今年启动建设集成电路、合成生物、储能材料与器件3个省实验室，推动成果转化。")
    assert {got.get(n) for n in ("集成电路", "合成生物", "储能材料与器件")} == {"platform"}


def test_fields_closed_by_deng_before_national_key_labs_are_labs() -> None:
    # 等 closes the list before the count 4家: the two named fields are labs, 等 is no part of the last
    got = entity_kinds("支持作物育种、高端轴承等4家全国重点实验室建设。")
    assert got.get("作物育种") == "platform"
    assert got.get("高端轴承") == "platform"
    assert "高端轴承等" not in got


def test_places_or_kinds_counted_before_a_lab_are_no_lab_names() -> None:
    # a list of cities counted before the lab head is where the labs stand, not their names
    got = entity_kinds("在昆明、大理2个城市布局省实验室。支持重点实验室、工程研究中心等3家平台。")
    assert "昆明" not in got and "大理" not in got
    assert "重点实验室" not in got

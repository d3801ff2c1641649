"""A hospital's name that opens with its owner's (`org_names.halls`, `entities._without_owners`): a university's
hospital carries the university's name (某某大学附属医院), a branch the owner hospital's (某省人民医院|某市医院);
the whole is one name, the owner read first at the same start is none. Sentences made up."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds


def test_a_universitys_hospital_is_one_name() -> None:
    # 浙江大学 is in the MoE list; the hospital's name runs back over it, and the university alone goes
    got = entity_kinds("推动浙江大学附属第二医院黔南医院开诊运营。")
    assert got.get("浙江大学附属第二医院黔南医院") == "hospital"
    assert "浙江大学" not in got
    assert "黔南医院" not in got


def test_a_university_before_a_hospitals_proper_name() -> None:
    got = entity_kinds("深化与中南大学湘雅医院合作。")
    assert got.get("中南大学湘雅医院") == "hospital"
    assert "中南大学" not in got and "湘雅医院" not in got


def test_a_branch_carries_its_owner_hospitals_name() -> None:
    got = entity_kinds("推进广东省人民医院遵义医院建成开诊。")
    assert got.get("广东省人民医院遵义医院") == "hospital"
    assert "广东省人民医院" not in got


def test_a_university_named_apart_from_a_hospital_stays() -> None:
    # the university stands alone, the hospital is the province's own: two names
    got = entity_kinds("与浙江大学共建研究院，扩建省人民医院。")
    assert got.get("浙江大学") == "university"
    assert got.get("省人民医院") == "hospital"


def test_a_labs_branch_is_one_name() -> None:
    # the lab's own name opens its branch's: the branch is the one platform named here
    got = entity_kinds("先进能源领域国家实验室湖南创新中心设立运行。")
    assert got.get("先进能源领域国家实验室湖南创新中心") == "platform"
    assert "先进能源领域国家实验室" not in got


def test_a_platform_before_a_count_of_its_members_stays() -> None:
    # 某某科学中心|五大研究院: what follows is a count of members, not a branch in a place
    got = entity_kinds("提升武汉综合性国家科学中心三大研究院能级。")
    assert got.get("武汉综合性国家科学中心") == "platform"

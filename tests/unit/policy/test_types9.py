"""Round x-types9: platform kinds that hold on unseen texts (sentences written for these tests in the genre's
style)."""

from __future__ import annotations

from _extract import extract


def _names(body: str) -> set[str]:
    return {p.type for p in extract(body).platform_types}


def test_a_grading_adjective_makes_no_kind() -> None:
    # 战略性 says how important the platforms are, not which: the class of all innovation platforms
    got = _names("加快培育战略性创新平台，争创更多国家级创新载体。")
    assert not any(t.endswith("创新平台") for t in got)


def test_high_end_and_opening_words_make_no_kind() -> None:
    # 对外开放 and 高端 grade a platform of any kind; 高端 before a research body ranks it
    assert not any(t.endswith("平台") for t in _names("加快建设对外开放高端平台，提升开放型经济水平。"))
    assert "科研机构" not in _names("吸引更多高端科研机构入驻，集聚高水平科研团队。")


def test_a_graded_kind_with_words_of_its_own_stays() -> None:
    # 高端 before a kind that names what it does (装备检测中心) grades a real kind, which is kept
    got = _names("建设一批高端装备检测中心，服务制造业转型。")
    assert any(t.endswith("检测中心") for t in got)


def test_a_building_verb_governs_both_items_of_a_coordination() -> None:
    # 设立 governs 地区总部 and 研发中心: the second object is built as well, so it is a kind
    assert "研发中心" in _names("鼓励外资企业在本省设立地区总部和研发中心，参与重大科研项目。")


def test_without_the_verb_the_coordinated_head_stays_unread() -> None:
    # no building verb: a firm's units named in passing, no kind
    assert "研发中心" not in _names("外资企业的地区总部和研发中心享受同等待遇。")


def test_a_preposition_is_no_coordinator() -> None:
    # 与 links the two sides of an exchange (between government and firms), not two objects of 搭建
    assert "交流平台" not in _names("搭建政府与企业交流平台，及时回应企业诉求。")

"""Round x-inds3 (industries): the unread members of a list whose other members are industries
(`industry_lists.list_members`). Texts are made up for the test from public knowledge; none is taken from a
scored file."""

from __future__ import annotations

from ingest.policy.extract.industry_lists import modern_sectors
from tests.unit.policy._extract import extract


def _industries(body: str) -> set[str]:
    return {i.text for i in extract(body).industries}


def test_member_with_a_head_of_production_joins_a_list_of_industries() -> None:
    got = _industries("推进海洋新兴产业、海洋服务业、沿海先进制造业、现代海洋渔业发展，建设海洋强省。")
    assert "现代海洋渔业" in got


def test_member_without_a_head_of_production_stays_out() -> None:
    got = _industries("推进海洋新兴产业、海洋服务业、海岸带保护、渔港建设，建设海洋强省。")
    assert not {"海岸带保护", "渔港建设"} & got


def test_list_without_any_industry_adds_none() -> None:
    got = _industries("加强耕地保护、农田水利、特色种业，稳定粮食生产。")
    assert not {"特色种业", "农田水利"} & got  # 特色种业 has a head of production, but no member is read


def test_group_word_grown_as_an_industry() -> None:
    got = _industries("坚持以大力发展支柱产业和富民产业为导向，推动新兴产业壮大。")
    assert {"支柱产业", "富民产业", "新兴产业"} <= got


def test_group_word_qualifying_a_noun_or_a_zone_is_none() -> None:
    got = _industries("在优势产业领域承担国家任务。围绕高新区特色产业，打造示范基地。")
    assert not {"优势产业", "特色产业"} & got


def test_group_word_classing_a_list_of_fields_or_in_a_task_list_is_none() -> None:
    got = _industries("在电子商务、云计算等领域培育特色优势产业。结合产业布局、培育新兴产业、推动改革。")
    assert not {"特色优势产业", "新兴产业"} & got


def test_umbrella_class_closing_a_list_or_opening_a_clause_is_an_industry() -> None:
    # the plan's umbrella class names the list's members' class, or stands as the clause's subject
    got = _industries("培育氢能、生物制造等新兴产业和未来产业。当前，新兴产业尚未形成支撑。")
    assert "新兴产业" in got
    assert "特色优势产业" in _industries("壮大葡萄、枸杞、奶牛等特色优势产业，做强品牌。")


def test_bare_feature_class_closing_a_list_stays_out() -> None:
    # 特色产业 alone after 等 is left by the golds as often as kept: the narrow test still holds it back
    assert "特色产业" not in _industries("扶持茶叶、竹编等特色产业，带动增收。")


def test_group_word_a_field_is_made_into_is_none() -> None:
    got = _industries("把冰雪旅游业培育成为支柱产业，做强品牌。")
    assert "支柱产业" not in got


def test_form_of_ecommerce_grown_as_a_trade() -> None:
    got = _industries("积极发展跨境电商和海外仓，推动农村电商高质量发展。")
    assert {"跨境电商", "农村电商"} <= got


def test_ecommerce_qualifying_a_zone_or_a_task_in_a_list_is_none() -> None:
    got = _industries("加快跨境电商综合试验区建设。推行一站式服务、发展农村电商、推行惠企保。")
    assert not {"跨境电商", "农村电商"} & got


# Round x-inds4: the modern form of a sector (`industry_lists.modern_sectors`).


def test_modern_sector_grown_or_listed_is_an_industry() -> None:
    got = _industries("大力发展现代物流业，培育现代会展、现代商贸等服务业态。推动全市现代农业发展。")
    assert {"现代物流业", "现代会展", "现代商贸", "现代农业"} <= got


def test_modern_sector_keeps_its_industry_head() -> None:
    got = _industries("推进现代能源产业做大做强，促进现代海洋渔业提质增效。")
    assert {"现代能源产业", "现代海洋渔业"} <= got


def test_modern_sector_before_a_noun_it_qualifies_is_none() -> None:
    got = _industries("创建省级现代农业产业园，满足医药现代物流需求，实施现代农业“百村行动”，打造现代种业发展高地。")
    assert not {"现代农业", "现代物流", "现代种业"} & got


def test_modernisation_is_a_process_not_a_modern_sector() -> None:
    text = "加快建设现代化产业体系，发展现代化农业。"
    assert modern_sectors(text) == []


def test_modern_sector_coordinated_before_a_zone_head_is_none() -> None:
    text = "推进国家级现代物流与商贸融合示范区建设，发展现代物流和电子商务。"
    assert [text[a:b] for a, b, *_ in modern_sectors(text)] == ["现代物流"]
    assert modern_sectors(text)[0][0] == text.rindex("现代物流")

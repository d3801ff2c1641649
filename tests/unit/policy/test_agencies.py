"""Agencies (`ingest/policy/extract/agencies.py`, `agency_grammar.py`, `agencies.tsv`): the state's organs under
their short forms, and classes of organs that are no one agency. Examples are made up."""

from __future__ import annotations

from ingest.policy.extract.agency_grammar import grammar_agencies
from tests.unit.policy._extract import REGULATION, extract


def _agencies(body: str, title: str | None = None) -> set[str]:
    doc = extract(body) if title is None else extract(body, title)
    return {a.name for a in doc.agencies}


def _grammar(text: str) -> set[str]:
    return {text[s:e] for s, e in grammar_agencies(text)}


def test_state_organs_after_a_verb_under_their_short_forms() -> None:
    names = _agencies("某新药获国家药监局批准上市，经验得到生态环境部和国家民委肯定，被国家金融监管总局推广。")
    assert {"国家药监局", "生态环境部", "国家民委", "国家金融监管总局"} <= names
    assert "国务院国资委" in _agencies("5家企业入选国务院国资委“双百企业”。")


def test_a_word_running_on_after_a_ministry_is_no_ministry() -> None:
    names = _agencies("做好教育部署，推进跨境电子商务部分试点，全国人大代表来视察。")
    assert not names & {"教育部", "商务部", "全国人大"}
    assert not _agencies("水利部门和商务部门应当配合。") & {"水利部", "商务部"}


def test_a_class_of_governments_is_no_agency() -> None:
    names = _grammar("第三条 县级以上人民政府应当支持。全省各级政府要担当作为。在全省范围实施政府购买服务。")
    assert not names, names
    assert "省人民政府" in _grammar("第四条 省人民政府负责。")
    assert "北京市海淀区人民政府" in _grammar("第五条 北京市海淀区人民政府负责。")


def test_market_is_no_city_prefix() -> None:
    assert not _grammar("第六条 市场监督管理部门应当依法监管。")
    assert "市市场监督管理局" in _grammar("第六条 市市场监督管理局应当依法监管。")


def test_unanchored_administrative_organs_are_not_agencies() -> None:
    names = _agencies("第七条 行政机关应当依法公开信息。", REGULATION)
    assert "行政机关" not in names


def test_districts_counties_and_townships_of_a_city() -> None:
    names = _grammar("第八条 市和区、县人民政府应当支持。省辖市、县（市、区）、乡（镇）人民政府应当配合。")
    assert {"区、县人民政府", "乡（镇）人民政府"} <= names


def test_a_city_a_regulation_means_not_a_bare_government() -> None:
    names = _agencies("第九条 示范区所在地省辖市人民政府应当建立工作机制。", REGULATION)
    assert "省辖市人民政府" in names
    assert "人民政府" not in names


def test_a_congress_whose_name_a_line_wrap_cut() -> None:
    assert "青海省第十四届 人民代表大会" in _grammar("——2025年1月19日在青海省第十四届 人民代表大会第三次会议上")


def test_a_full_region_name_leads_an_agency_after_any_word() -> None:
    names = _grammar("接受郑州市人民代表大会的监督，在中共北京市委领导下。")
    assert {"郑州市人民代表大会", "中共北京市委"} <= names
    # a report's genre is no agency, and a short region name still needs a boundary
    assert not _grammar("2030年吉林省政府工作报告")
    assert not any(n.startswith("南京") for n in _grammar("江南京剧团和南京市科技局"))


def test_a_regulations_management_organs_and_city_governments() -> None:
    names = _grammar("第十二条 县级以上人民政府、省通信管理机构应当推进。省、设区的市人民政府应当统筹。")
    assert {"省通信管理机构", "设区的市人民政府"} <= names
    assert "市人民政府" not in names
    assert "人民银行" in _agencies("省金融管理部门应当会同人民银行制定办法。", REGULATION)


def test_an_adhoc_body_whose_name_a_government_leads_keeps_its_conjunction() -> None:
    names = _agencies("经验被国务院就业促进和劳动保护工作领导小组转发。")
    assert "国务院就业促进和劳动保护工作领导小组" in names
    assert "劳动保护工作领导小组" not in names
    assert not any(n.startswith("“") for n in _agencies("“两新”工作被部际联席会议通报表扬。"))


def test_a_congress_under_its_short_form_on_an_adoption_line_issued_the_regulation() -> None:
    doc = extract(
        "1995年9月6日 河南省第八届人大常委会第十五次会议通过\n第一章 总则\n第一条 为了促进科技进步，制定本条例。",
        "河南省科学技术进步条例",
    )
    assert "河南省第八届人大常委会" in {a.name for a in doc.agencies if a.role == "issuer"}


def test_the_governments_of_a_whole_region_or_of_several_levels_are_no_agency() -> None:
    names = _grammar("全省政府系统要担当作为，省市县政府机构改革完成，健全市区街乡三级监管部门协同机制。")
    assert not names, names
    assert "区县人民政府" in _grammar("第九条 区县人民政府应当支持。")  # one level of a city's governments


def test_a_megabyte_of_agencies_after_a_verb_is_linear() -> None:
    import time

    unit = "接受郑州市人民代表大会监督，被国务院就业促进和劳动保护工作领导小组转发，"
    text = unit * (1_000_000 // len(unit))
    t = time.process_time()
    extract(text)
    assert time.process_time() - t < 30
    # party committees among dictionary organs: each is checked against the organs around it, not all of them
    unit = "认真落实省委和市委部署，市科技局、市财政局支持。"
    text = unit * (1_000_000 // len(unit))
    t = time.process_time()
    extract(text, "2030年天津市政府工作报告")
    assert time.process_time() - t < 30


def test_a_zones_management_body_but_no_bare_one() -> None:
    names = _agencies("第五条 市人民政府设立示范区管理机构负责具体工作。", REGULATION)
    assert "示范区管理机构" in names
    assert "管理机构" not in _agencies("第六条 管理机构应当公开信息。", REGULATION)


def test_a_citys_district_governments_after_a_word() -> None:
    assert "区县人民政府" in _grammar("示范区管理机构应当会同有关区县人民政府建立机制。")
    assert not any(n.startswith("区县") for n in _grammar("各地区县人民政府"))  # 各…: a class of addressees


def test_a_citys_districts_or_counties_in_brackets() -> None:
    names = _grammar("第十条 市、区（县）人民政府应当支持，区（县）科技主管部门负责。")
    assert {"区（县）人民政府", "区（县）科技主管部门"} <= names


def test_courts_and_procuratorates_under_their_short_forms() -> None:
    names = _agencies("省法院、省检察院和市中级人民法院的负责同志参加接访。")
    assert {"省法院", "省检察院", "市中级人民法院"} <= names, names
    # a court no region names is no one court
    assert not any("法院" in n for n in _agencies("当事人可以依法向人民法院提起诉讼。"))


def test_the_prefecture_governments_of_a_province_coordinated_after_each() -> None:
    names = _agencies("牵头单位：省财政厅，各州、市人民政府。")
    assert "各州、市人民政府" in names and "市人民政府" not in names, names


def test_a_telephone_exchange_ending_in_its_bureau_word_is_no_organ() -> None:
    assert not any("出入口局" in n for n in _agencies("获批设立某某国际通信业务出入口局，提升通信能力。"))


def test_every_department_of_a_province_is_no_agency() -> None:
    names = _agencies("推动省直部门和地方政府同责共担，省级部门主要负责同志带头接访，省科技厅牵头。")
    assert "省直部门" not in names and "省级部门" not in names and "省科技厅" in names, names


def test_a_joint_meeting_as_a_way_of_working_is_no_body() -> None:
    names = _agencies("建立促进个体经济发展联席会议制度。由省中小企业发展工作领导小组统筹。")
    assert not any("联席会议" in n for n in names), names
    assert "省中小企业发展工作领导小组" in names, names


def test_a_joint_meeting_named_by_its_scope_alone_is_no_one_body() -> None:
    names = _agencies("相关经验被国家部际联席会议通报表扬。")
    assert not any("联席会议" in n for n in names), names


def test_provincial_organs_of_the_reform_list_after_a_verb() -> None:
    # after a verb (no boundary) only a dictionary core takes the 省 before it; the short form gets the full name
    doc = extract("支持省公安厅、省人社厅和省林草局开展联合执法试点。", "2030年辽宁省政府工作报告")
    canon = {a.name: a.canonical for a in doc.agencies}
    assert canon.get("省公安厅") == "辽宁省公安厅"
    assert canon.get("省人社厅") == "辽宁省人力资源和社会保障厅"
    assert canon.get("省林草局") == "辽宁省林业和草原局"


def test_central_organs_of_the_public_lists() -> None:
    names = _agencies("最高人民法院、最高人民检察院会同中央网信办发布典型案例，得到全国政协肯定，证监会予以支持。")
    assert {"最高人民法院", "最高人民检察院", "中央网信办", "全国政协", "证监会"} <= names


def test_bare_courts_and_two_character_cores_are_no_agency() -> None:
    # 人民检察院 without a prefix is any procuratorate; 外办 inside 省外办学 is no foreign-affairs office
    names = _agencies("第九条 人民检察院依法开展法律监督。鼓励省外办学机构来本省合作。", REGULATION)
    assert not names & {"人民检察院", "省外办", "外办"}, names


def test_every_dated_step_on_one_header_line_names_an_issuer() -> None:
    # a reprint puts the steps on one bracketed line: each step's congress is an issuer, as on separate lines
    header = (
        "（2001年5月10日山东省第九届人民代表大会常务委员会第二十次会议通过　根据2012年3月1日"
        "山东省第十一届人民代表大会常务委员会第三十次会议《关于修改部分地方性法规的决定》修正　"
        "2020年9月24日山东省第十三届人民代表大会常务委员会第二十五次会议修订）\n"
    )
    doc = extract(header + "第一条 为了促进科学技术进步，制定本条例。", "山东省科学技术进步条例")
    issuers = {a.name for a in doc.agencies if a.role == "issuer"}
    assert issuers == {f"山东省第{n}届人民代表大会常务委员会" for n in ("九", "十一", "十三")}, issuers


def test_city_prefix_is_the_city_only_in_a_city_text() -> None:
    # in a municipality's own report 市 is that city, for dictionary cores and grammar spans alike
    doc = extract("我代表市人民政府向大会报告工作。市人大常委会、市政协给予监督支持。", "2030年北京市政府工作报告")
    canon = {a.name: a.canonical for a in doc.agencies}
    assert canon.get("市人民政府") == "北京市人民政府"
    assert canon.get("市人大常委会") == "北京市人民代表大会常务委员会"
    assert canon.get("市政协") == "北京市政治协商会议委员会"
    # in a province's text 市 is some city of it: no region is guessed, 市人民政府 is no 辽宁省人民政府
    doc = extract("市人民政府和市人大常委会给予支持，市数字经济主管部门牵头落实。", "2030年辽宁省政府工作报告")
    canon = {a.name: a.canonical for a in doc.agencies}
    assert {"市人民政府", "市人大常委会", "市数字经济主管部门"} <= set(canon)
    assert not any(c.startswith("辽宁省") for c in canon.values()), canon


def test_the_provinces_party_committee_right_after_a_verb() -> None:
    # 落实省委部署: the verb before 省委 is no region name; 中共 and a region name still lead it
    doc = extract("认真落实省委部署，按照中共吉林省委要求推进。", "2030年吉林省政府工作报告")
    canon = {(a.name, a.canonical) for a in doc.agencies}
    assert ("省委", "中共吉林省委员会") in canon, canon
    assert ("中共吉林省委", "中共吉林省委员会") in canon, canon
    assert "省委员会" not in {a.name for a in extract("设立省委员会办公室。").agencies}


def test_the_citys_party_committee_only_in_a_citys_own_text() -> None:
    # in a municipality's report 市委 is that city's committee, as 省委 is a province's
    doc = extract("市委召开全会。认真落实市委部署。", "2030年天津市政府工作报告")
    assert {(a.name, a.canonical) for a in doc.agencies} == {("市委", "中共天津市委员会")}
    # in a province's report 市委 is some city's; each city's (各市委) or a city committee (城市委员会) is none
    assert not extract("认真落实市委部署。", "2030年辽宁省政府工作报告").agencies
    doc = extract("各市委要抓好落实，城市委员会负责协调。", "2030年天津市政府工作报告")
    assert "市委" not in {a.name for a in doc.agencies}
    # after its city's name, in any text, with one canonical name whether 中共 leads it or not
    doc = extract("中共洛阳市委和洛阳市委作出部署。", "2030年河南省政府工作报告")
    canon = {(a.name, a.canonical) for a in doc.agencies}
    assert canon == {("中共洛阳市委", "中共洛阳市委员会"), ("洛阳市委", "中共洛阳市委员会")}, canon


def test_the_production_and_construction_corps_and_its_short_forms() -> None:
    # a province-level body of the public lists; its two-character short form only where the text names it in full
    doc = extract("新疆生产建设兵团成立70周年。支持生产建设兵团发展，给予兵团全方位保障。", "2030年新疆政府工作报告")
    names = {a.name: a.canonical for a in doc.agencies}
    assert names == dict.fromkeys(("新疆生产建设兵团", "生产建设兵团", "兵团"), "新疆生产建设兵团"), names
    assert "兵团" not in {a.name for a in extract("以大兵团作战方式推进项目建设。").agencies}
    # a territory too: before the name of a park in it, the 兵团 is the park's place, not a body acting
    doc = extract("12. 新疆生产建设兵团某某国家农业科技园区\n各省科技厅，新疆生产建设兵团科技局：", REGULATION)
    assert "新疆生产建设兵团" not in {a.name for a in doc.agencies}

"""Cited documents (`meta.find_cited`): a 《》 title needs a document's genre word, and titles without 《》
after a verb of applying, issuing or revising them; a regulation's own promulgation number (`find_doc_numbers`).
Sentences made up from public knowledge."""

from __future__ import annotations

from tests.unit.policy._extract import REGULATION, extract, extract_raw


def _cited(body: str) -> set[str]:
    return {c.title for c in extract(body).cited_documents}


def test_a_book_title_without_a_genre_word_is_no_document() -> None:
    got = _cited("电视剧《山海情》热播，企业取得《医疗器械生产许可证》，实施《数据安全管理办法》。")
    assert got == {"数据安全管理办法"}


def test_unmarked_titles_after_a_verb_of_issuing_or_revising() -> None:
    got = _cited(
        "适时修订科技成果转化促进条例，贯彻落实全国碳排放权交易指引（试行）和新版市场准入负面清单，"
        "落实科技创新30条，制定出台加快建设科技强省的意见。"
    )
    assert {
        "科技成果转化促进条例",
        "全国碳排放权交易指引（试行）",
        "市场准入负面清单",
        "加快建设科技强省的意见",
    } <= got
    assert not any(t.startswith(("落实", "新版")) for t in got)


def test_a_nickname_with_a_count_is_no_title() -> None:
    # CONVENTIONS.md C11: 落实…30条 names a package by its count, which the golds leave out; a title beside it
    # after the same kind of verb is still one.
    got = _cited("落实科技创新30条，贯彻落实支持民营企业发展20条，修订科技成果转化促进条例。")
    assert got == {"科技成果转化促进条例"}


def test_a_vague_or_clause_like_reference_is_no_title() -> None:
    got = _cited("落实有关负面清单，按照国家有关标准执行，落实好的意见建议。")
    assert not got


def test_a_package_or_a_purpose_law_named_without_marks() -> None:
    got = _cited(
        "出台支持个体工商户发展若干措施，制定实施现代物流业提质增效行动方案，宣传贯彻即将出台的乡村振兴促进法。"
    )
    assert {"支持个体工商户发展若干措施", "现代物流业提质增效行动方案", "乡村振兴促进法"} <= got
    assert not any(t.startswith(("即将", "出台")) for t in got)


def test_a_programme_named_by_its_plan_is_no_document() -> None:
    # 实施…行动计划 reads as a programme as often as a document; short generic packages are no titles.
    got = _cited("实施服务业提质增效三年行动计划，出台若干措施，实施方案另行制定。")
    assert not got


def test_the_promulgation_number_of_a_regulation_in_its_header() -> None:
    doc = extract_raw(
        f"{REGULATION}\n2020年6月1日 某省第十三届人民代表大会常务委员会第十九次会议通过\n"
        "2020年6月5日 某省第十三届人民代表大会常务委员会公告第41号公布\n第一章　总则\n"
        "第一条 依照某省人民政府令第7号公布的办法执行。"
    )
    assert [n.text for n in doc.doc_numbers] == ["某省第十三届人民代表大会常务委员会公告第41号"]


def test_an_order_number_in_brackets_under_a_law_title() -> None:
    doc = extract_raw("某某促进法\n（2021年12月24日中华人民共和国主席令（第一〇三号）公布）\n第一章 总则\n第一条 为了")
    assert [n.text for n in doc.doc_numbers] == ["中华人民共和国主席令（第一〇三号）"]


def test_coordinated_laws_and_a_leading_issuer() -> None:
    got = _cited("贯彻实施长江保护法和大气污染防治条例，严格落实中央整治形式主义为基层减负若干规定。")
    assert {"长江保护法", "大气污染防治条例", "整治形式主义为基层减负若干规定"} <= got
    assert not any("和" in t or t.startswith("中央") for t in got)


def test_a_title_coordinated_with_a_title_may_end_in_any_genre() -> None:
    got = _cited("全面落实全国统一大市场建设指引和规范招商引资规定，推进协作。")
    assert {"全国统一大市场建设指引", "规范招商引资规定"} <= got
    # the spirit of a rule is no title, nor is a generic package of measures
    assert not _cited(
        "落实中央八项规定精神和省委若干规定。出台新一轮产业发展三年行动计划和支持高新区建设政策措施。"
    ) & {"支持高新区建设政策措施"}


def test_an_issued_plan_or_a_master_plan_is_a_document() -> None:
    body = "一、2029年工作回顾\n出台建设世界级光伏产业基地规划，实施好某某国家公园总体规划。\n"
    got = _cited(body)
    assert {"建设世界级光伏产业基地规划", "某某国家公园总体规划"} <= got
    # a plan after 实施 alone reads as a programme; a plan a regulation orders drawn up is no document yet
    assert not _cited("实施服务业扩大开放三年行动计划。") and not _cited("市人民政府应当编制科技创新发展规划。")


def test_a_document_drawn_up_in_the_reports_plan_section_is_still_to_be_written() -> None:
    body = (
        "——2030年1月15日在某省第十四届人民代表大会第三次会议上\n"  # the report's date: its year
        "一、2029年工作回顾\n出台知识产权保护条例。\n二、2030年工作安排\n出台发展新质生产力实施方案。\n"
    )
    got = _cited(body)
    assert "知识产权保护条例" in got
    assert "发展新质生产力实施方案" not in got


def test_a_short_name_that_is_only_a_genre_is_no_title() -> None:
    assert "决定" not in _cited("全面落实《黄河保护法》和省委《决定》。")


def test_a_marked_title_drawn_up_in_the_plan_section_is_no_document_yet() -> None:
    body = (
        "——2030年1月15日在某省第十四届人民代表大会第三次会议上\n"
        "一、2029年工作回顾\n编制《数字经济发展规划》。\n二、2030年工作安排\n"
        "编制《青年发展友好型城市建设规划》，制定《民营经济促进法》实施办法。\n"
    )
    got = _cited(body)
    assert "数字经济发展规划" in got  # drawn up in the year under review
    assert "青年发展友好型城市建设规划" not in got
    assert "民营经济促进法" in got  # the law an implementing rule is drawn up for


def test_a_megabyte_of_titles_drawn_up_under_year_headings_is_linear() -> None:
    import time

    from ingest.policy.pipeline import extract_text
    from ingest.policy.read import RawDocument

    unit = "2030年工作安排\n出台科技创新促进条例和数字经济发展规划，编制《产业发展规划》。\n"
    text = "——2030年1月15日\n" + unit * (1_000_000 // len(unit))
    t = time.process_time()
    extract_text(RawDocument(path="t.txt", doc_id="t", raw_text=text, sha256="x", fmt="text"))
    assert time.process_time() - t < 30


def test_a_kind_of_plan_every_place_has_is_no_title() -> None:
    got = _cited("第九条 依据国土空间总体规划，出台国民经济和社会发展规划。实施某某湖国家公园总体规划。")
    assert got == {"某某湖国家公园总体规划"}, got


def test_a_title_issued_first_of_its_kind_or_made_and_put_in_force() -> None:
    # 颁布全国首部省级… and 发布全国首个…: the quantifier is no part of the name; 制定实施 issues a plan
    got = _cited(
        "颁布全国首部省级算力资源调度促进条例，发布全国首个林业碳汇计量监测规范，制定实施城乡冷链物流三年行动计划。"
    )
    assert got == {"算力资源调度促进条例", "林业碳汇计量监测规范", "城乡冷链物流三年行动计划"}, got
    # 实施 alone still reads a 行动计划 as a programme
    assert not _cited("实施城乡冷链物流三年行动计划。")


def test_rules_and_standards_issued_and_a_quoted_coinage_in_a_title() -> None:
    got = _cited("率先出台涉企行政检查标准化工作规程。出台“花开四季·美丽庭院”评定规范。")
    assert got == {"涉企行政检查标准化工作规程", "“花开四季·美丽庭院”评定规范"}, got
    # 规范 / 规程 name a document only where it is issued: 落实 + …规范 may be a practice
    assert not _cited("落实窗口服务工作规范。")


def test_a_package_of_measures_in_the_form_of_a_title() -> None:
    # 支持…的若干政策措施 is the form of a title; 的 elsewhere marks a clause
    got = _cited("出台支持滨海新区加快开放发展的若干政策措施。落实好的经验做法。")
    assert got == {"支持滨海新区加快开放发展的若干政策措施"}, got


def test_a_scope_word_before_a_title_is_no_part_of_it() -> None:
    got = _cited("坚决落实国家尾矿库综合治理行动方案，落实新版全国外商投资准入特别管理措施（负面清单）。")
    assert got == {"尾矿库综合治理行动方案", "外商投资准入特别管理措施（负面清单）"}, got
    # 全国统一大市场 is one adjective; a 国家…标准 is the standard's level
    got = _cited("贯彻落实全国统一大市场建设指引，对照国家智能制造能力成熟度评估标准开展评估。")
    assert got == {"全国统一大市场建设指引", "国家智能制造能力成熟度评估标准"}, got


def test_a_description_or_a_class_of_standards_is_no_title() -> None:
    # a level word describes a plan; a class of standards by who sets them is no one standard; a pair of
    # conduct lists (正负面清单) is no negative list
    assert not _cited("出台省级港口物流发展规划。联合发布两省湿地修复地方标准。落实政商交往正负面清单。")

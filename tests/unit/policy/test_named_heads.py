"""Round x-types7: the type head of a named platform or zone (examples written from public knowledge)."""

from __future__ import annotations

from _extract import extract

from ingest.policy.extract.named_heads import in_name_list


def _types(body: str) -> set[tuple[str, str | None]]:
    return {(p.type, p.level) for p in extract(body).platform_types}


def test_a_named_zone_alone_gives_its_head() -> None:
    got = _types("积极申建中国（云南）自由贸易试验区，扩大高水平对外开放。")
    assert ("自由贸易试验区", "国家级") in got


def test_a_provincial_lab_named_alone_gives_its_head() -> None:
    assert ("省实验室", "省级") in _types("高标准建设现代林业省实验室，打好关键核心技术攻坚战。")


def test_a_level_word_before_the_name_gives_the_level() -> None:
    got = _types("首个国家级水稻技术创新中心南方研发中心落户我市。")
    assert ("技术创新中心", "国家级") in got


def test_names_in_a_list_give_no_head() -> None:
    # members of a list of names are examples of the class after 等, not designations of their own
    got = _types("推进武汉光电国家研究中心、北京分子科学国家研究中心等重大创新平台建设。")
    assert ("国家研究中心", "国家级") not in got
    got = _types("本市支持浦东新区、中国（上海）自由贸易试验区及临港新片区先行先试。")
    assert ("自由贸易试验区", "国家级") not in got


def test_a_head_without_a_marked_level_is_a_name_tail() -> None:
    # no level word: the head ends one institute's name (共建碳纤维产业技术研究院)
    got = _types("引导研究所与企业共建碳纤维产业技术研究院，推动产业集群发展。")
    assert not {t for t, _ in got} & {"产业技术研究院"}


def test_in_name_list_grammar() -> None:
    text = "依托甲研究中心、乙大学等单位，建设丙中心。申建丁实验室。"
    a = text.index("甲研究中心")
    assert in_name_list(text, (a, a + 5), set(), set())  # a list closed by 等
    d = text.index("丁实验室")
    assert not in_name_list(text, (d, d + 4), set(), set())


def test_leading_firms_of_a_trade_are_no_kind() -> None:
    # 领军 alone ranks the firms of a trade; the designation is 科技领军企业
    got = {t for t, _ in _types("培育一批数字贸易领军企业、独角兽企业。新培育科技领军企业10家。")}
    assert "数字贸易领军企业" not in got and "领军企业" not in got
    assert "科技领军企业" in got


def test_national_designations_by_their_short_or_full_name() -> None:
    got = _types("加快国家农高区发展。推动建设全国高校区域技术转移转化中心。")
    assert {("农业高新技术产业示范区", "国家级"), ("高校区域技术转移转化中心", "国家级")} <= got


def test_a_zone_used_as_a_platform_is_the_zone() -> None:
    got = {t for t, _ in _types("要用好国家农高区平台，发挥自贸区平台作用。")}
    assert "农高区平台" not in got and "自贸区平台" not in got
    assert "农业高新技术产业示范区" in got


def test_computing_centres_are_kinds() -> None:
    got = {t for t, _ in _types("加快智算中心和数据基础设施建设。支持各地的数据中心、超算中心开展服务。")}
    assert {"智算中心", "超算中心"} <= got


def test_a_demonstration_project_is_no_kind() -> None:
    got = {t for t, _ in _types("绿色微电网万卡智算中心示范项目启动。加快国家区域医疗中心项目建设。")}
    assert "智算中心" not in got
    assert "区域医疗中心" in got


def test_infrastructure_of_research_only() -> None:
    got = {t for t, _ in _types("加快数据基础设施建设，完善工业互联网基础设施。建设科研基础设施和科教基础设施。")}
    assert "数据基础设施" not in got and "工业互联网基础设施" not in got
    assert {"科研基础设施", "科教基础设施"} <= got

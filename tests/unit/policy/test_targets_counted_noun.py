"""Targets (targets.py, round x-targets2): what a count counts when the words around it say so — the places a
measure word runs into, a slogan's own number, the designation firms are selected for. Texts are made up for the
test; none is taken from a scored file."""

from __future__ import annotations

from tests.unit.policy._extract import extract


def _targets(body: str) -> set[tuple[int, str]]:
    return {(t.count, t.type) for t in extract(body).targets}


def test_count_running_into_a_place_counts_the_places() -> None:
    # 12个县 and 8个市（州） are the places the firms cover, not twelve or eight firms.
    got = _targets("2030年，实现省级农业龙头企业12个县全覆盖、国家级农业龙头企业8个市（州）全覆盖。")
    assert not {c for c, t in got if t == "农业产业化重点龙头企业"}


def test_count_before_a_level_word_still_counts_the_kind() -> None:
    # 省级 is a level, not a place: 6个省级重点实验室 counts laboratories.
    assert (6, "重点实验室") in _targets("2030年，新建6个省级重点实验室。")


def test_count_of_the_kind_before_it_is_kept() -> None:
    assert (40, "重点实验室") in _targets("2030年，全省重点实验室达到40家以上。")


def test_number_inside_a_quoted_slogan_counts_no_kind() -> None:
    # “两个全覆盖” names a campaign; its 两个 counts no firms.
    got = _targets("2030年，推动科技型中小企业“两个全覆盖”。")
    assert not got


def test_firms_selected_for_a_designation_count_the_designation() -> None:
    # the firms are counted by the designation they enter, the last one named when there are two
    got = _targets("2024年，9家企业入选国家级“绿色工厂”“智能工厂”。")
    assert (9, "智能工厂") in got
    assert (9, "绿色工厂") not in got


def test_firms_above_a_statistical_size_are_no_designation() -> None:
    # 规上 / “四上” firms are a statistical class: their count is another quantity.
    got = _targets("2024年，“四上”企业净增2100户，新增规上工业企业800家，新增高新技术企业500家。")
    assert got == {(500, "高新技术企业")}


def test_data_centres_are_infrastructure() -> None:
    got = _targets("2024年，全省在建重点数据中心20个，新增省级重点实验室6家。")
    assert got == {(6, "重点实验室")}


def test_a_kind_before_a_firm_head_names_a_company() -> None:
    # 2个运营平台公司 counts companies that run platforms, not platforms
    got = _targets("2030年，组建2个省级工业互联网平台公司，培育工业互联网平台10个。")
    assert got == {(10, "工业互联网平台")}


def test_hospital_clinical_centres_are_a_health_count() -> None:
    # 临床医学中心 is the hospitals' clinical designation; the S&T kind says 研究 and is still counted
    got = _targets("2030年，建好12个省级临床医学中心，新建省级临床医学研究中心5家。")
    assert got == {(5, "临床医学研究中心")}


def test_count_before_a_list_closed_by_deng_counts_the_group() -> None:
    # 8 counts the carriers of the whole list, not the centres named first
    got = _targets("2030年，建设8个省级技术创新中心、中试基地、概念验证中心等服务载体。")
    assert not got


def test_count_before_a_list_without_deng_keeps_its_kind() -> None:
    got = _targets("2030年，建设8个省级技术创新中心、12个中试基地。")
    assert (8, "技术创新中心") in got


def test_zuo_counts_facilities() -> None:
    assert (3, "科技企业孵化器") in _targets("2030年，新建国家级科技企业孵化器3座。")


def test_an_unclosed_quote_is_no_coinage() -> None:
    # the copy lost its closing mark: the count still counts the firms
    assert (300, "专精特新小巨人企业") in _targets("2024年，培育国家级专精特新“小巨人企业300家。")


def test_firms_of_a_cloud_campaign_or_a_listing_are_no_designation() -> None:
    # “企业上云” firms and listed firms are classes, not designations; 瞪羚企业 is one
    got = _targets("2030年，新增“数企上云”企业3000家、上市企业6家，培育瞪羚企业40家。")
    assert got == {(40, "瞪羚企业")}


def test_a_market_word_after_the_count_is_no_place() -> None:
    # 市场化 begins with 市 but names no city: the count still counts the incubators
    assert (15, "科技企业孵化器") in _targets("2030年，科技企业孵化器达到15家市场化运营。")

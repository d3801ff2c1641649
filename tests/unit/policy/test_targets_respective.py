"""Round x-inds2 (targets): counts after 分别 count the kinds before it in order, 所 counts a kind right
after it, and a count of projects or of the firms a kind brought in counts no kind. Texts are made up for the
test from public knowledge; none is taken from a scored file."""

from __future__ import annotations

from tests.unit.policy._extract import extract


def _targets(body: str) -> set[tuple[int, str]]:
    return {(t.count, t.type) for t in extract(body).targets}


def test_respective_counts_follow_the_kinds_in_order() -> None:
    got = _targets("去年，高新技术企业和科技型中小企业分别达520家、830家。")
    assert got == {(520, "高新技术企业"), (830, "科技型中小企业")}


def test_respective_counts_of_unequal_length_keep_the_old_reading() -> None:
    got = _targets("去年，高新技术企业、科技型中小企业分别达520家。")
    assert (520, "高新技术企业") not in got or (520, "科技型中小企业") not in got


def test_suo_counts_the_kind_right_after_it() -> None:
    assert (3, "区域医疗中心") in _targets("建成3所省级区域医疗中心。")


def test_count_of_projects_counts_no_kind() -> None:
    assert not _targets("加快建设国家区域医疗中心等11个重点项目。")


def test_firms_a_kind_brought_in_are_not_the_kind() -> None:
    assert not _targets("去年，某地数据中心集群引进企业357家。")


def test_clause_reaching_its_own_noun_does_not_count_the_kind_before() -> None:
    got = _targets("去年，调整省级开发区21个，百亿园区达到11个。")
    assert (11, "开发区") not in got and (21, "开发区") in got


def test_count_of_industries_counts_no_kind() -> None:
    assert not _targets("每个省级开发区做大1—2个主导产业。")


def test_count_before_a_kind_named_by_an_industry_still_counts() -> None:
    assert (3, "产业技术研究院") in _targets("新组建3家产业技术研究院。")


def test_counts_of_education_and_care_carriers_are_no_targets() -> None:
    got = _targets("去年，建成省级市域产教联合体10个，新建托育机构20个。")
    assert not {t for t in got if "产教" in t[1] or "托育" in t[1]}


def test_count_of_an_s_and_t_kind_beside_them_stays() -> None:
    assert (5, "重点实验室") in _targets("去年，建成省级市域产教联合体10个，新建省重点实验室5个。")

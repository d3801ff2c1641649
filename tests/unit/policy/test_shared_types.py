"""One surface naming two kinds (shared_types, round x-types5): a bracketed alternative inside a kind's name
and level words coordinated before one head. Texts are made up for the test; none is taken from a scored file."""

from __future__ import annotations

from tests.unit.policy._extract import extract


def _kinds(body: str) -> set[tuple[str, str | None]]:
    return {(p.type, p.level) for p in extract(body).platform_types}


def test_bracketed_word_inserted_names_both_kinds() -> None:
    types = {t for t, _ in _kinds("市有关部门应当支持重点实验室、工程（技术）中心建设。")}
    assert {"工程研究中心", "工程技术研究中心"} <= types


def test_bracketed_word_replacing_the_word_before_names_both_kinds() -> None:
    types = {t for t, _ in _kinds("支持企业建设工程研究（技术）中心。")}
    assert {"工程研究中心", "工程技术研究中心"} <= types


def test_bracketed_aside_after_a_kind_adds_nothing() -> None:
    # the bracket after a whole kind gives its other name, not a second reading of one name
    types = [p.type for p in extract("完善开发区（高新区）的基础设施。").platform_types]
    assert "工程研究中心" not in types and len(types) == len(set(types))


def test_bracket_without_a_known_reading_is_no_kind() -> None:
    assert not {t for t, _ in _kinds("设立专家（顾问）委员会。")}


def test_coordinated_levels_give_the_national_counterpart() -> None:
    kinds = _kinds("推动国家和省实验室、重点实验室建设。")
    assert ("国家实验室", "国家级") in kinds and ("省实验室", "省级") in kinds


def test_coordinated_levels_in_one_prefix_give_both_levels() -> None:
    kinds = _kinds("新建国家级和省级重点实验室5家。")
    assert {("重点实验室", "国家级"), ("重点实验室", "省级")} <= kinds


def test_coordinated_levels_before_a_municipal_kind() -> None:
    assert ("科技企业孵化器", "国家级") in _kinds("经认定的国家级、市级科技企业孵化器享受优惠。")


def test_a_single_level_gives_no_second_kind() -> None:
    assert ("科技企业孵化器", "国家级") not in _kinds("经认定的市级科技企业孵化器享受优惠。")


def test_stacked_quoted_designations_share_the_head() -> None:
    types = {t for t, _ in _kinds("全省新增“专精”“瞪羚”企业120家。")}
    assert {"专精企业", "瞪羚企业"} <= types


def test_a_single_quoted_designation_has_no_twin() -> None:
    types = {t for t, _ in _kinds("全省新增“瞪羚”企业120家。")}
    assert types == {"瞪羚企业"}

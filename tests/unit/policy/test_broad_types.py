"""Broad-head platform kinds (broad_types.py), enterprise designations as types, targets of open kinds and
Chinese numerals (numerals.py). Texts are made up for the test; none is taken from a scored file."""

from __future__ import annotations

import doctest
import time

import pytest

from ingest.policy.extract import numerals
from ingest.policy.models import ExtractedDocument
from ingest.policy.pipeline import extract_text
from ingest.policy.read import RawDocument


def _extract(text: str) -> ExtractedDocument:
    return extract_text(RawDocument(path="t.txt", doc_id="t", raw_text=text, sha256="x", fmt="text"))


def _types(text: str) -> set[str]:
    return {p.type for p in _extract(text).platform_types}


def test_numerals_doctests() -> None:
    assert doctest.testmod(numerals).failed == 0


@pytest.mark.parametrize(
    ("text", "value"),
    [("三百五十", 350), ("两千", 2000), ("1.2万", 12000), ("十", 10), ("百", 100), ("一千零二十", 1020)],
)
def test_parse_count(text: str, value: int) -> None:
    assert numerals.parse_count(text) == value


def test_broad_head_kinds_in_context() -> None:
    text = "甲省人民政府关于印发测试方案的通知\n支持建设一批质量检测平台、种质资源共享平台和重点实验室。\n"
    types = _types(text)
    assert {"质量检测平台", "种质资源共享平台"} <= types


def test_broad_head_not_a_kind() -> None:
    text = (
        "甲省人民政府关于印发测试方案的通知\n"
        "要发挥中心城市的作用，各单位要高度重视平台安全，物流配送中心运行平稳，金融机构积极参与。\n"
    )
    types = _types(text)
    assert not any(t.endswith(("平台", "中心", "机构")) for t in types), types


def test_designation_as_type_where_counted() -> None:
    text = "甲省人民政府关于印发测试方案的通知\n到2025年，新增专精特新企业三百五十家，培育智能工厂两千个。\n"
    d = _extract(text)
    assert {"专精特新企业", "智能工厂"} <= {p.type for p in d.platform_types}
    got = {(t.count, t.type, t.year) for t in d.targets}
    assert {(350, "专精特新企业", 2025), (2000, "智能工厂", 2025)} <= got


def test_designation_not_a_type_where_it_acts() -> None:
    # a designation a rule names (高新技术企业所得税优惠…) is a kind since x-types3: the real golds label it
    text = "甲省人民政府关于印发测试方案的通知\n依托高校、科研院所、高新技术企业开展联合攻关。\n"
    assert "高新技术企业" not in _types(text)


def test_target_counts_a_broad_kind_past_its_clause() -> None:
    text = "甲省人民政府关于印发测试方案的通知\n到2026年，培育5家具有较强影响力的跨行业、跨领域综合型数据交易平台。\n"
    got = {(t.count, t.type, t.year) for t in _extract(text).targets}
    assert (5, "数据交易平台", 2026) in got


def test_count_of_another_noun_does_not_inherit_the_kind() -> None:
    text = "甲省人民政府关于印发测试方案的通知\n新建30个智能工厂，打造12个典型应用案例。\n"
    got = {(t.count, t.type) for t in _extract(text).targets}
    assert (30, "智能工厂") in got
    assert (12, "智能工厂") not in got


@pytest.mark.parametrize("unit", ["建设10个数据平台、", "三百家、", "“数字”企业、"])
def test_one_megabyte_of_counted_kinds_is_linear(unit: str) -> None:
    """Every clause a count, every count a broad kind: the target and kind rules look at bounded windows
    (a paragraph's last 2,000 characters, 60 characters past a clause), never the whole text per count
    (a one-line 1 MB text of these ran for minutes before). ~8 s alone on the dev machine; the bound leaves
    room for a loaded one."""
    text = unit * (1_000_000 // len(unit))
    _extract("甲省科技厅关于测试的通知\n建设数据平台。\n")  # dictionaries and jieba loaded outside the timed run
    t = time.process_time()
    _extract(text)
    assert time.process_time() - t < 90

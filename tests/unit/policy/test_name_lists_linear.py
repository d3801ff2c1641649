"""A one-line megabyte of the lists the x-ents6 rules read stays linear: each rule finds its rare closer first
(等…工程, 等N家企业, a counted zone head, 卫星) and reads a bounded window before it."""

from __future__ import annotations

import time

import pytest

from tests.unit.policy._extract import extract


@pytest.mark.parametrize(
    "unit",
    ["“人工智能+”、", "阿里、百度、360、", "吴忠仪表等3家企业、", "晋城、晋中3个国家级经开区、", "宁夏师范学院、"],
)
def test_one_megabyte_of_name_lists_is_linear(unit: str) -> None:
    text = unit * (1_000_000 // len(unit))
    extract("建设数据平台。")  # dictionaries and jieba loaded outside the timed run
    t = time.process_time()
    extract(text)
    assert time.process_time() - t < 90

"""The governor or mayor who delivers a work report (`proper_names.speakers`). Made-up headers."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds, extract_raw

_TITLE = "2030年某省政府工作报告\n"


def _persons(header: str) -> set[str]:
    doc = extract_raw(_TITLE + header + "\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n")
    return {e.name for e in doc.entities if e.kind == "person"}


def test_the_speaker_before_the_meeting_is_a_person() -> None:
    assert _persons("——2030年1月15日省长 张三丰在某省第十五届人民代表大会第三次会议上") == {"张三丰"}
    assert _persons("——2030年1月15日自治区人民政府主席王五在某自治区第十五届人民代表大会上") == {"王五"}


def test_the_speaker_named_before_the_title_or_with_tongzhi() -> None:
    assert _persons("——2030年1月15日李四市长在某市第十七届人民代表大会第三次会议上") == {"李四"}
    assert _persons("在某市第十七届人民代表大会第三次会议上某市市长 赵六同志作政府工作报告") == {"赵六"}


def test_a_title_in_the_body_names_no_speaker() -> None:
    got = entity_kinds("省长在会议上强调，要把科技创新摆在突出位置。")
    assert not [n for n, k in got.items() if k == "person"]

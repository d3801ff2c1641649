"""Round x-types6: a restructuring reported as done to counted labs is a statistic, not a transition."""

from __future__ import annotations

from _extract import REGULATION, extract


def test_counted_restructuring_is_a_statistic() -> None:
    doc = extract("国家大科学装置加快建设，28家全国重点实验室完成优化重组，首批4家省实验室实体化运行。")
    assert not [t for t in doc.transitions if t.kind == "restructure"]


def test_restructuring_a_kind_is_a_transition() -> None:
    doc = extract("对现有省级重点实验室进行优化重组，提升创新能力。", title=REGULATION)
    assert [t for t in doc.transitions if t.kind == "restructure"]

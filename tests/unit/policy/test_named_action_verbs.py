"""A verb of continuing before a named action is no part of its name (`programmes._actions`). Sentences made up
from public knowledge."""

from __future__ import annotations

from tests.unit.policy._extract import entity_kinds


def test_a_verb_of_deepening_is_cut_off_the_action() -> None:
    got = entity_kinds("开展新一轮深化工业互联网“百城千园”行动，推动企业上云。")
    assert got.get("工业互联网“百城千园”行动") == "programme"
    assert not any(n.startswith("深化") for n in got)


def test_a_short_action_after_the_verb_keeps_its_words() -> None:
    # 深化改革行动: two characters after the verb are too few to be the name alone
    got = entity_kinds("实施深化改革行动。")
    assert "改革行动" not in got

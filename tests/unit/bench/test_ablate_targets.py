"""The target ablation (bench/ablate_targets.py) switches rules of targets.py off by name: every name must still
be a rule there, else a renamed rule would silently drop out of the audit."""

from __future__ import annotations

from bench.ablate_targets import SWITCHES
from ingest.policy.extract import targets


def test_every_switch_names_a_rule_of_targets() -> None:
    missing = [attr for attr, _ in SWITCHES.values() if not hasattr(targets, attr)]
    assert missing == []


def test_a_neutral_refusal_never_refuses() -> None:
    # the patterns are replaced by one that matches nothing, the predicates by constants
    never = SWITCHES["_RANKING (进入…前50强)"][1]
    assert never.search("9家高新区进入全国前50强") is None
    assert SWITCHES["_own_noun (the subject's head)"][1]("合作伙伴增至") is False

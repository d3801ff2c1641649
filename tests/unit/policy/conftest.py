"""The rule tests here test the grammar: the statistical filter over its industries (issue #21,
ingest/policy/extract/model_filter.py) is switched off for them, and tested with the model on in
test_model_filter.py. The robustness tests keep it on: any text must still go through, in linear time."""

from __future__ import annotations

import pytest

from ingest.policy.extract.model_filter import SWITCH

_MODEL_ON = {"test_model_filter", "test_policy_robust", "test_broad_types"}


@pytest.fixture(autouse=True)
def _grammar_only(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.module.__name__.rsplit(".", 1)[-1] not in _MODEL_ON:
        monkeypatch.setenv(SWITCH, "0")

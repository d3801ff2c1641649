"""How long the warm start repeats the lookups (app.services.warm.jit_seconds)."""

from __future__ import annotations

import pytest

from app.services.warm import JIT_S_ENV, jit_seconds


def test_no_repetition_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset or empty: none (10 s of it bought too little to be the default)."""
    monkeypatch.delenv(JIT_S_ENV, raising=False)
    assert jit_seconds() == 0.0
    monkeypatch.setenv(JIT_S_ENV, " ")
    assert jit_seconds() == 0.0


def test_the_environment_asks_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    """INNOKG_WARM_JIT_S=3 asks three seconds; 0.5 half of one; a negative is none."""
    monkeypatch.setenv(JIT_S_ENV, "3")
    assert jit_seconds() == 3.0
    monkeypatch.setenv(JIT_S_ENV, "0.5")
    assert jit_seconds() == 0.5
    monkeypatch.setenv(JIT_S_ENV, "-1")
    assert jit_seconds() == 0.0

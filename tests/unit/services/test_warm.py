"""How long the warm start repeats the lookups (app.services.warm.jit_seconds)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.services.warm import jit_seconds
from app.settings import get_settings

JIT_S_ENV = "INNOKG_WARM_JIT_S"


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    # Settings are read once per process; each case sets the environment, then reads them anew.
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_no_repetition_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset or empty: none (10 s of it bought too little to be the default)."""
    monkeypatch.delenv(JIT_S_ENV, raising=False)
    assert jit_seconds() == 0.0
    monkeypatch.setenv(JIT_S_ENV, " ")
    get_settings.cache_clear()
    assert jit_seconds() == 0.0


def test_the_environment_asks_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    """INNOKG_WARM_JIT_S=3 asks three seconds; 0.5 half of one; a negative is none."""
    monkeypatch.setenv(JIT_S_ENV, "3")
    get_settings.cache_clear()
    assert jit_seconds() == 3.0
    monkeypatch.setenv(JIT_S_ENV, "0.5")
    get_settings.cache_clear()
    assert jit_seconds() == 0.5
    monkeypatch.setenv(JIT_S_ENV, "-1")
    get_settings.cache_clear()
    assert jit_seconds() == 0.0

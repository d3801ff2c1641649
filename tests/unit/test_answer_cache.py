"""app/services/cache.py: answers kept until the store fingerprint changes, bounded, invalidated on ingest."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

import pytest

from app.services import cache
from app.settings import get_settings
from app.store.protocol import GraphStore


class FakeStore:
    """Answers only the store_fingerprint query; `documents` stands for a load changing the graph."""

    backend = "falkordb"
    graph = "g"

    def __init__(self, url: str = "fake:1") -> None:
        self.url = url
        self.documents = 1
        self.reads = 0

    def read(self, query: str, params: Any = None, *, timeout_ms: int | None = None) -> list[dict[str, Any]]:
        self.reads += 1
        return [{"documents": self.documents, "last_loaded": None, "states": []}]


@pytest.fixture(autouse=True)
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("INNOKG_CACHE_CHECK_S", "0")
    monkeypatch.setenv("INNOKG_CACHE_ENTRIES", "100")
    get_settings.cache_clear()
    cache.invalidate()
    yield
    cache.invalidate()
    get_settings.cache_clear()


def fake(url: str = "fake:1") -> tuple[GraphStore, FakeStore]:
    f = FakeStore(url)
    return cast(GraphStore, f), f


def counter() -> tuple[list[int], Any]:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    return calls, compute


def test_answer_is_kept_until_the_fingerprint_changes() -> None:
    (store, f), (calls, compute) = fake(), counter()
    assert cache.answer(store, "f", "k", compute) == 1
    assert cache.answer(store, "f", "k", compute) == 1
    f.documents = 2  # a load
    assert cache.answer(store, "f", "k", compute) == 2
    assert len(calls) == 2


def test_fingerprint_is_reread_at_most_every_check_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INNOKG_CACHE_CHECK_S", "3600")
    get_settings.cache_clear()
    (store, f), (calls, compute) = fake(), counter()
    for _ in range(5):
        cache.answer(store, "f", "k", compute)
    assert f.reads == 1 and len(calls) == 1
    f.documents = 2  # a load by another process: not seen within the interval …
    assert cache.answer(store, "f", "k", compute) == 1
    cache.invalidate(store)  # … unless this process loaded it
    assert cache.answer(store, "f", "k", compute) == 2


def test_bounded_least_recently_used_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INNOKG_CACHE_ENTRIES", "2")
    get_settings.cache_clear()
    (store, _), (calls, compute) = fake(), counter()
    cache.answer(store, "f", "a", compute)
    cache.answer(store, "f", "b", compute)
    cache.answer(store, "f", "a", compute)  # a is now the most recent
    cache.answer(store, "f", "c", compute)  # evicts b
    assert cache.stats()["entries"] == 2
    cache.answer(store, "f", "a", compute)
    assert len(calls) == 3
    cache.answer(store, "f", "b", compute)
    assert len(calls) == 4


def test_off_and_separate_stores(monkeypatch: pytest.MonkeyPatch) -> None:
    (one, _), (two, _), (calls, compute) = fake("fake:1"), fake("fake:2"), counter()
    cache.answer(one, "f", "k", compute)
    cache.answer(two, "f", "k", compute)
    assert len(calls) == 2
    monkeypatch.setenv("INNOKG_CACHE_ENTRIES", "0")
    get_settings.cache_clear()
    cache.answer(one, "f", "k", compute)
    assert len(calls) == 3


def test_peek_serves_fresh_bytes_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INNOKG_CACHE_CHECK_S", "3600")
    get_settings.cache_clear()
    store, _ = fake()
    assert cache.peek(store, "json", "k") is None
    cache.answer(store, "json", "k", lambda: b"{}")
    assert cache.peek(store, "json", "k") == b"{}"
    cache.invalidate(store)
    assert cache.peek(store, "json", "k") is None


def test_one_request_rereads_a_due_fingerprint_the_others_use_the_last(monkeypatch: pytest.MonkeyPatch) -> None:
    """At 50 clients every request arriving while the fingerprint is re-read would read it too; they answer
    from the previous fingerprint meanwhile, hits included (peek), and a re-read begun before an
    invalidate() is not kept."""
    import threading

    monkeypatch.setenv("INNOKG_CACHE_CHECK_S", "0.01")
    get_settings.cache_clear()
    store, f = fake()
    cache.answer(store, "json", "k", lambda: b"{}")
    entered, release = threading.Event(), threading.Event()
    plain_read = FakeStore.read

    def slow_read(self: FakeStore, query: str, params: Any = None, *, timeout_ms: int | None = None) -> Any:
        entered.set()
        release.wait(5)
        return plain_read(self, query, params, timeout_ms=timeout_ms)

    monkeypatch.setattr(FakeStore, "read", slow_read)
    import time

    time.sleep(0.02)  # the fingerprint is due
    reader = threading.Thread(target=cache.current_fingerprint, args=(store,))
    reader.start()
    assert entered.wait(5)
    reads = f.reads
    assert cache.current_fingerprint(store) == (1, None, ())  # no second read while one is under way
    assert cache.peek(store, "json", "k") == b"{}"
    assert f.reads == reads
    f.documents = 2
    cache.invalidate(store)  # a load in this process while the (older) read is under way
    release.set()
    reader.join(5)
    monkeypatch.setattr(FakeStore, "read", plain_read)
    assert cache.current_fingerprint(store) == (2, None, ())

"""Load stamps: every load changes the store fingerprint, even two in one second (app.store.clock)."""

from __future__ import annotations

import doctest
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from app.store import clock


def test_doctests() -> None:
    assert doctest.testmod(clock, raise_on_error=False).failed == 0


def test_stamps_strictly_increase_across_threads() -> None:
    # The API's thread pool and the CLI can stamp at once: no two stamps may be equal, and each parses.
    with ThreadPoolExecutor(4) as pool:
        stamps = list(pool.map(lambda _: clock.stamp(), range(2000)))
    assert len(set(stamps)) == len(stamps)
    assert all(datetime.fromisoformat(s).utcoffset() is not None for s in stamps)


def test_a_stamp_orders_after_an_older_whole_second_stamp_of_its_second() -> None:
    # A store loaded by an earlier version holds whole-second stamps; derive_needed compares them as text.
    s = clock.stamp()
    whole = datetime.fromisoformat(s).replace(microsecond=0).isoformat(timespec="seconds")
    assert whole <= s

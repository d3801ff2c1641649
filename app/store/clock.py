"""Load and derive times as stored on documents (``loaded_at``, ``derived_at``).

The services key their caches on the latest ``loaded_at`` (app.services.cache), and ``derive_needed``
compares loads with ``derived_at``: a stamp must change with every load, even two loads in one second
that keep every count. Hence microseconds, and strictly increasing within a process (a coarse or stepped
clock cannot hand out the same stamp twice). ISO strings in one format order as the times they name;
stamps of earlier versions (whole seconds, ``…T10:00:00+00:00``) still order before any stamp of the
same second with a fraction (``'.'`` sorts after ``'+'``).

>>> a, b = stamp(), stamp()
>>> a < b and len(a) == len("2026-12-07T10:00:00.000000+00:00")
True
>>> "2026-12-07T10:00:00+00:00" < "2026-12-07T10:00:00.000001+00:00" < "2026-12-07T10:00:01+00:00"
True
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

_lock = threading.Lock()
_last: datetime | None = None


def stamp() -> str:
    """Now, UTC, ISO 8601 with microseconds; later than any stamp this process handed out before."""
    global _last
    with _lock:
        now = datetime.now(UTC)
        if _last is not None and now <= _last:
            now = _last + timedelta(microseconds=1)
        _last = now
    return now.isoformat(timespec="microseconds")

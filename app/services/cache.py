"""Hot read answers cached until a load changes the graph (docs/benchmarks/api.md, "Serving").

One place for the pattern app/services/chains.py started: an answer is kept under the store's fingerprint
(the ``store_fingerprint`` named query: document count, last load time, load states) and served until that
fingerprint changes. Bounded (least recently used entries go first) and thread-safe (sync routes run in a
thread pool). The fingerprint itself is a store round trip, so it is re-read at most every
``INNOKG_CACHE_CHECK_S`` seconds per store (default 1 s; 0 = on every request), by one request at a time
(the others answer from the previous one meanwhile): an answer can lag a load made by *another* process by
at most that long plus one fingerprint read. A load in this process (``POST /ingest``) calls
``invalidate`` and is seen at once. ``INNOKG_CACHE_ENTRIES=0`` turns the cache off.

Usage, from a service: ``return cache.answer(store, "entity", (node_id, limit), lambda: _compute(...))``.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from app.settings import get_settings
from app.store.named import run
from app.store.protocol import GraphStore

T = TypeVar("T")
Fingerprint = tuple[object, ...]
StoreKey = tuple[str, str]

_lock = threading.Lock()
_entries: OrderedDict[tuple[StoreKey, str, Hashable], tuple[Fingerprint, object]] = OrderedDict()
_checked: dict[StoreKey, tuple[float, Fingerprint]] = {}  # store → (monotonic time read, fingerprint)
_stats = {"hits": 0, "misses": 0}
_refreshing: set[StoreKey] = set()  # stores whose fingerprint a thread is re-reading now
_generation = [0]  # bumped by invalidate(): a re-read begun before it is not kept


def _store_key(store: GraphStore) -> StoreKey:
    return (store.url, store.graph)


def read_fingerprint(store: GraphStore) -> Fingerprint:
    """Changes whenever a load changed the graph (same key as app.services.chains.fingerprint)."""
    row = run(store, "store_fingerprint")[0]
    return (row["documents"], row["last_loaded"], tuple(sorted(row["states"] or [])))


def current_fingerprint(store: GraphStore) -> Fingerprint:
    """The store's fingerprint, re-read from the store at most every ``cache_check_s`` seconds. One thread
    re-reads it when it is due; the others go on with the previous one meanwhile (at 50 clients every request
    arriving while the read is under way would otherwise read it too: docs/benchmarks/api.md, session 8)."""
    skey = _store_key(store)
    check_s = get_settings().cache_check_s
    now = time.monotonic()
    seen = _checked.get(skey)
    if seen is not None and now - seen[0] < check_s:
        return seen[1]
    with _lock:
        if seen is not None and check_s > 0 and skey in _refreshing:
            return seen[1]
        _refreshing.add(skey)
        generation = _generation[0]
    try:
        fp = read_fingerprint(store)
    finally:
        with _lock:
            _refreshing.discard(skey)
    with _lock:
        if _generation[0] == generation:  # an invalidate() during the read: this reading may predate the load
            _checked[skey] = (now, fp)
    return fp


def peek(store: GraphStore, family: str, key: Hashable) -> bytes | None:
    """A cached ``bytes`` answer without touching the store: None when absent, stale, or the fingerprint
    is due to be re-read and no other request is re-reading it (the caller then goes through ``answer`` in
    a thread)."""
    skey = _store_key(store)
    seen = _checked.get(skey)
    if seen is None:
        return None
    check_s = get_settings().cache_check_s
    with _lock:
        if time.monotonic() - seen[0] >= check_s and (check_s <= 0 or skey not in _refreshing):
            return None
        hit = _entries.get((skey, family, key))
        if hit is None or hit[0] != seen[1] or not isinstance(hit[1], bytes):
            return None
        _entries.move_to_end((skey, family, key))
        _stats["hits"] += 1
        return hit[1]


def answer(store: GraphStore, family: str, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``'s answer for (store, family, key), cached until the store's fingerprint changes.
    Callers must treat the answer as read-only (it is shared between requests)."""
    limit = get_settings().cache_entries
    if limit <= 0:
        return compute()
    fp = current_fingerprint(store)
    full = (_store_key(store), family, key)
    with _lock:
        hit = _entries.get(full)
        if hit is not None and hit[0] == fp:
            _entries.move_to_end(full)
            _stats["hits"] += 1
            return hit[1]  # type: ignore[return-value]  # stored by this function for this family
        _stats["misses"] += 1
    value = compute()
    with _lock:
        _entries[full] = (fp, value)
        _entries.move_to_end(full)
        while len(_entries) > limit:
            _entries.popitem(last=False)
    return value


def invalidate(store: GraphStore | None = None) -> None:
    """Forget cached answers (of one store, or all) and their fingerprints: called after a load."""
    with _lock:
        _generation[0] += 1
        if store is None:
            _entries.clear()
            _checked.clear()
            return
        skey = _store_key(store)
        for full in [k for k in _entries if k[0] == skey]:
            del _entries[full]
        _checked.pop(skey, None)


def stats() -> dict[str, int]:
    """Hits, misses and entries since start (for benchmarks and debugging)."""
    with _lock:
        return {**_stats, "entries": len(_entries)}

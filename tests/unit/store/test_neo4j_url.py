"""Credentials in Neo4j store URLs: taken out before the driver sees the URL, never kept in ``url``."""

from __future__ import annotations

import pytest

from app.store.factory import open_store
from app.store.neo4j.store import split_url


@pytest.mark.parametrize(
    ("url", "bare", "user", "password"),
    [
        ("bolt://neo4j:secret@127.0.0.1:7687", "bolt://127.0.0.1:7687", "neo4j", "secret"),
        ("neo4j+s://u:p%40ss%2Fw@abc.databases.neo4j.io", "neo4j+s://abc.databases.neo4j.io", "u", "p@ss/w"),
        ("bolt://127.0.0.1:7687", "bolt://127.0.0.1:7687", None, None),
        ("neo4j://reader@[::1]:7687", "neo4j://[::1]:7687", "reader", None),
    ],
)
def test_split_url(url: str, bare: str, user: str | None, password: str | None) -> None:
    assert split_url(url) == (bare, user, password)


def test_opened_store_keeps_no_password() -> None:
    st = open_store("bolt://neo4j:secret@127.0.0.1:1")  # the driver connects lazily: nothing listens there
    try:
        assert st.url == "bolt://127.0.0.1:1" and st.backend == "neo4j"
        assert "secret" not in repr(vars(st).get("url"))
    finally:
        st.close()


def test_closing_never_raises_when_a_pooled_connection_cannot_say_goodbye(monkeypatch: pytest.MonkeyPatch) -> None:
    """CI saw the driver raise BufferError from GOODBYE on a connection an earlier failure left half-written,
    at an app's shutdown: letting the store go must not fail the caller."""
    from app.store.neo4j.store import Neo4jStore

    store = Neo4jStore("bolt://neo4j:pw@127.0.0.1:9", database="neo4j")  # no connection is opened here

    def goodbye_fails() -> None:
        raise BufferError("Existing exports of data: object cannot be re-sized")

    monkeypatch.setattr(store._driver, "close", goodbye_fails)
    store.close()

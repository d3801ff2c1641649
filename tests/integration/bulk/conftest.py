"""Fixtures shared by the GRAPH.BULK tests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store.falkordb.store import FalkorStore


@pytest.fixture
def graphs(embedded_path: Path) -> Iterator[tuple[FalkorStore, FalkorStore]]:
    """Two fresh graphs on the session's embedded server (one per write path or way of folding)."""
    a = FalkorStore(embedded_path, graph=f"bulk_{uuid.uuid4().hex[:10]}")
    b = FalkorStore(embedded_path, graph=f"merge_{uuid.uuid4().hex[:10]}")
    yield a, b
    for st in (a, b):
        st.drop()
        st.close()

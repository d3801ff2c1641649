"""Hardening fixtures: a store already holding the gazetteer frame and one good inventory."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.store.protocol import GraphStore
from ingest.pipeline.run import ensure_initialised, ingest_paths
from tests.integration.api.conftest import Api, make_api

GOOD_HEADER = "序号,平台名称,依托单位,共建单位,所在地市,批准年份,研究方向"
GOOD_ROWS = (
    "1,辽宁省先进材料重点实验室,东北大学,,沈阳市,2015,先进材料制备",
    "2,辽宁省集成电路技术创新中心,大连理工大学,沈阳大学,大连市,2019,集成电路设计",
    "3,沈阳市机器人工程研究中心,沈阳工业大学,,沈阳市,2012,工业机器人",
)


def write_good(dir_: Path, stem: str = "辽宁省_省级平台名单_good") -> Path:
    path = dir_ / f"{stem}.csv"
    path.write_text("\n".join((GOOD_HEADER, *GOOD_ROWS)) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def loaded(store: GraphStore, tmp_path: Path) -> Iterator[GraphStore]:
    """The `store` fixture after one good inventory went in through the MERGE path."""
    report = ingest_paths(store, [write_good(tmp_path)], workers=0, bulk=False)
    assert not report.failed, [f.error for f in report.failed]
    yield store


@pytest.fixture(scope="module")
def graph(embedded_path: Path) -> Iterator[str]:
    """One initialised graph the upload apps of a module share (each app differs only by its settings)."""
    name = f"t_up_{uuid.uuid4().hex[:12]}"
    a = make_api(f"embedded:{embedded_path}", name)
    ensure_initialised(a.store)
    yield name
    a.store.drop()
    a.store.close()


def upload_apps(embedded_path: Path, graph: str, tmp_path: Path, **defaults: object) -> Iterator[Callable[..., Api]]:
    """A factory of APIs on ``graph`` (data under tmp_path unless said), closed when the test ends."""
    made: list[Api] = []

    def make(**settings: object) -> Api:
        settings = {"data_dir": tmp_path / "data", **defaults, **settings}
        a = make_api(f"embedded:{embedded_path}", graph, **settings)
        made.append(a)
        return a

    yield make
    for a in made:
        a.client.close()
        a.store.close()

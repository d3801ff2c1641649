from __future__ import annotations

import zipfile
from pathlib import Path

from app.services.favorites import DEFAULT_PATH, favorites, write_favorites
from app.store.queries import cypher_dir, named_queries


def test_committed_favourites_are_current(tmp_path: Path) -> None:
    fresh = tmp_path / "f.zip"
    n = write_favorites(fresh)
    assert n == len(named_queries("neo4j"))
    committed = cypher_dir() / DEFAULT_PATH
    assert committed.read_bytes() == fresh.read_bytes(), "run app.services.favorites.write_favorites() and commit"


def test_favourites_hold_the_query_text_and_its_params(tmp_path: Path) -> None:
    write_favorites(tmp_path / "f.zip")
    with zipfile.ZipFile(tmp_path / "f.zip") as zf:
        names = zf.namelist()
        text = zf.read("InnoKG/cluster_members.cypher").decode("utf-8")
    assert names == sorted(favorites())
    assert text.startswith("// InnoKG · cluster_members:")
    assert ":params {id: null, role: null, kind: null, skip: 0, limit: 20}" in text
    assert "MATCH (c:LabCluster {id: $id})<-[r:MEMBER_OF]-(m)" in text

"""POST /ingest on each engine: uploads go through the real ingest and build exactly the graph
`innokg ingest` builds from the same files; re-uploads are unchanged; a bad file fails alone."""

from __future__ import annotations

import fcntl
import os
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.services import uploads
from app.store.falkordb.store import FalkorStore
from ingest.pipeline.run import ensure_initialised, ingest_paths
from tests.conftest import CORPUS, REPO, engine_url
from tests.faults._graph import digest
from tests.faults.conftest import GOOD_HEADER, GOOD_ROWS
from tests.integration.api.conftest import Api, new_api

KEY = "test-upload-key-" + uuid.uuid4().hex
AUTH = {"X-API-Key": KEY}
INVENTORY = REPO / "data" / "sample" / "上海市_市级平台名单_01.csv"
POLICY = sorted(CORPUS.glob("*.txt"))[0]


@pytest.fixture(scope="module")
def up(request: pytest.FixtureRequest, module_engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    data = tmp_path_factory.mktemp("upload") / "data"
    a = new_api(engine_url(request, module_engine), "t_up", api_key=KEY, data_dir=data)
    ensure_initialised(a.store)  # `innokg init`: the gazetteer frame is there before any upload
    with a.client:
        yield a
    a.drop()


def post(api: Api, *files: tuple[str, bytes], kind: str | None = None, headers: dict[str, str] | None = None) -> Any:
    data = {"kind": kind} if kind is not None else None
    parts = [("files", (name, content, "application/octet-stream")) for name, content in files]
    return api.client.post("/ingest", files=parts, data=data, headers=AUTH if headers is None else headers)


def first_name(path: Path) -> str:
    """The platform name in the first data row (column 名称)."""
    header, row = path.read_text(encoding="utf-8-sig").splitlines()[:2]
    return row.split(",")[header.split(",").index("名称")]


def exact_hits(api: Api, name: str) -> list[dict[str, Any]]:
    r = api.client.get("/search", params={"q": name, "kind": "Platform"})
    assert r.status_code == 200, r.text
    return [h for h in r.json()["items"] if h["name"] == name]


def test_upload_inventory_and_policy_builds_what_the_cli_builds(up: Api, embedded_path: Path) -> None:
    name = first_name(INVENTORY)
    assert exact_hits(up, name) == []  # also warms the search term table the service caches
    derived_before = up.client.get("/documents/derived_chain_links").status_code == 200
    before = digest(up.store)
    r = post(up, (INVENTORY.name, INVENTORY.read_bytes()), (POLICY.name, POLICY.read_bytes()))
    assert r.status_code == 200, r.text
    body = r.json()
    inv, pol = body["files"]
    assert (inv["status"], inv["kind"], inv["document"]) == ("loaded", "inventory", INVENTORY.stem)
    assert (pol["status"], pol["kind"], pol["document"]) == ("loaded", "policy", POLICY.stem)
    assert body["loaded"] == 2 and body["failed"] == 0 and body["unchanged"] == 0

    # The graph grew by exactly what the answer says is new: entities, plus each file's Document and
    # Evidence nodes (and the derived-links document the first time links are inferred).
    after = digest(up.store)
    expected = Counter[str]()
    for f in (inv, pol):
        expected.update(f["created"])
        expected.update({"Document": 1, "Evidence": f["evidence"]})
        assert sum(f["created"].values()) == f["entities_new"]
        assert f["stored"] == f"uploads/{f['sha256']}/{f['name']}"
    expected["Document"] += int(bool(body["derived_links"]) and not derived_before)
    grown = {k: after.nodes.get(k, 0) - before.nodes.get(k, 0) for k in after.nodes}
    assert {k: v for k, v in grown.items() if v} == {k: v for k, v in expected.items() if v}
    assert expected["Platform"] > 0 and expected["Institution"] > 0 and expected["Evidence"] > 0

    # The same files through the CLI path into an empty embedded graph: the same graph (on either engine),
    # the same per-file numbers.
    oracle = FalkorStore(embedded_path, graph=f"t_up_oracle_{uuid.uuid4().hex[:8]}")
    try:
        report = ingest_paths(oracle, [INVENTORY, POLICY], workers=0, bulk=False)
        assert digest(oracle) == after
        o_inv = report.files[0]
        assert o_inv.rows_read == inv["rows_read"] == inv["rows_loaded"] > 0
        assert [r["row"] for r in o_inv.rejects] == [r["row"] for r in inv["rejects"]]
        assert report.derived is not None and report.derived.links == body["derived_links"]
    finally:
        oracle.drop()
        oracle.close()

    # Reads see the new data at once (the services' caches check the store fingerprint).
    hits = exact_hits(up, name)
    assert len(hits) == 1 and hits[0]["kind"] == "Platform"
    doc = up.client.get(f"/documents/{POLICY.stem}")
    assert doc.status_code == 200 and doc.json()["id"] == f"doc:{POLICY.stem}"
    listed = up.client.get("/documents", params={"kind": "inventory"}).json()
    assert f"doc:{INVENTORY.stem}" in [d["id"] for d in listed["items"]]

    # Kept under the data directory, byte for byte.
    stored = up.settings.data_dir / inv["stored"]
    assert stored.read_bytes() == INVENTORY.read_bytes()
    assert stored.resolve().is_relative_to((up.settings.data_dir / "uploads").resolve())


def test_reupload_is_unchanged(up: Api) -> None:
    post(up, (INVENTORY.name, INVENTORY.read_bytes()), (POLICY.name, POLICY.read_bytes()))
    before = digest(up.store)
    r = post(up, (INVENTORY.name, INVENTORY.read_bytes()), (POLICY.name, POLICY.read_bytes()))
    assert r.status_code == 200, r.text
    assert [f["status"] for f in r.json()["files"]] == ["unchanged", "unchanged"]
    assert r.json()["unchanged"] == 2 and r.json()["loaded"] == 0
    assert digest(up.store) == before


def test_a_new_version_of_a_list_replaces_its_document(up: Api) -> None:
    post(up, (INVENTORY.name, INVENTORY.read_bytes()))
    text = INVENTORY.read_text(encoding="utf-8-sig").rstrip("\n")
    new = "上海市深海装备材料重点实验室"
    assert exact_hits(up, new) == []
    v2 = (text + f"\n999,{new},上海交通大学,上海市,2024-05-06,运行,市级\n").encode()
    r = post(up, (INVENTORY.name, v2))
    assert r.status_code == 200, r.text
    f = r.json()["files"][0]
    assert f["status"] == "replaced" and f["document"] == INVENTORY.stem
    assert f["rows_read"] == len(text.splitlines())  # header + old rows - header + the new row
    assert len(exact_hits(up, new)) == 1
    old = up.settings.data_dir / "uploads" / uploads.hashlib.sha256(INVENTORY.read_bytes()).hexdigest()
    assert (old / INVENTORY.name).read_bytes() == INVENTORY.read_bytes()  # the earlier upload is kept as it was
    post(up, (INVENTORY.name, INVENTORY.read_bytes()))  # back to the bundled version for the other tests
    assert exact_hits(up, new) == []


def test_a_bad_file_fails_alone_and_rejects_are_reported(up: Api) -> None:
    stem = f"辽宁省_省级平台名单_{uuid.uuid4().hex[:6]}"
    good = "\n".join((GOOD_HEADER, *GOOD_ROWS, "4,,东北大学,,沈阳市,2016,材料")) + "\n"
    r = post(up, ("损坏的名单.csv", b"\x00\x01\x02 not a table"), (f"{stem}.csv", good.encode()), ("notes.exe", b"MZ"))
    assert r.status_code == 200, r.text
    bad, ok, refused = r.json()["files"]
    assert bad["status"] == "failed" and bad["document"] is None
    assert bad["error"]["file"] == bad["stored"] and bad["error"]["offset"] == 0 and "NUL" in bad["error"]["reason"]
    assert ok["status"] == "loaded" and ok["rows_read"] == len(GOOD_ROWS) and ok["rows_rejected"] == 1
    assert [(x["row"], x["column"], x["reason"], x["dropped"]) for x in ok["rejects"]] == [
        (5, "name", "empty name", True)
    ]
    assert ok["rejects"][0]["file"] == ok["stored"]  # no server path in the answer
    assert refused["status"] == "refused" and refused["stored"] is None and ".exe" in refused["error"]["reason"]
    assert r.json()["failed"] == 2 and r.json()["loaded"] == 1
    assert all(len(exact_hits(up, row.split(",")[1])) == 1 for row in GOOD_ROWS)


def test_kind_is_passed_to_the_ingest(up: Api) -> None:
    text = "关于加强科技创新的通知。各市要加快建设创新平台，提升自主创新能力。".encode()
    r = post(up, (f"通知_{uuid.uuid4().hex[:6]}.txt", text), kind="inventory")
    f = r.json()["files"][0]
    assert r.status_code == 200 and f["status"] == "failed" and f["kind"] == "inventory", r.text
    r = post(up, (f"通知_{uuid.uuid4().hex[:6]}.txt", text), kind="auto")
    f = r.json()["files"][0]
    assert r.status_code == 200 and f["status"] == "loaded" and f["kind"] == "policy", r.text
    bad = post(up, (POLICY.name, POLICY.read_bytes()), kind="everything")
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")


def test_requests_without_files(up: Api) -> None:
    r = up.client.post("/ingest", data={"kind": "auto"}, headers=AUTH)
    assert r.status_code == 422 and "no file" in r.json()["detail"]
    r = up.client.post("/ingest", json={"files": ["x.csv"]}, headers=AUTH)
    assert r.status_code == 422
    many = [(f"f{i}.csv", b"x") for i in range(up.settings.max_upload_files + 1)]
    r = post(up, *many)
    assert r.status_code == 400 and "Too many files" in r.json()["detail"]


def test_one_ingest_at_a_time(up: Api) -> None:
    up.settings.ingest_wait_s = 0
    root = up.settings.data_dir / "uploads"
    listing = sorted(p.name for p in root.iterdir()) if root.exists() else []
    assert uploads.INGEST_LOCK.acquire(timeout=60)  # as an ingest that is running would
    try:
        r = post(up, ("另一份名单.csv", "\n".join((GOOD_HEADER, GOOD_ROWS[0])).encode()))
        assert r.status_code == 409, r.text
        assert r.headers["retry-after"] == "1" and r.headers["content-type"].startswith("application/problem+json")
    finally:
        uploads.INGEST_LOCK.release()
        up.settings.ingest_wait_s = 10.0
    assert (sorted(p.name for p in root.iterdir()) if root.exists() else []) == listing  # nothing stored
    # Another server process (uvicorn --workers N) ingesting into the same data directory holds the flock.
    up.settings.ingest_wait_s = 0.2
    fd = os.open(root / uploads.LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        r = post(up, ("另一份名单.csv", "\n".join((GOOD_HEADER, GOOD_ROWS[0])).encode()))
        assert r.status_code == 409 and "another server process" in r.json()["detail"], r.text
    finally:
        os.close(fd)
        up.settings.ingest_wait_s = 10.0
    assert sorted(p.name for p in root.iterdir()) == sorted({*listing, uploads.LOCK_FILE})
    r = post(up, ("另一份名单.csv", "\n".join((GOOD_HEADER, GOOD_ROWS[0])).encode()))
    assert r.status_code == 200 and r.json()["files"][0]["status"] in ("loaded", "unchanged")


def test_xlsx_and_lab_cluster_lists(up: Api) -> None:
    sample = REPO / "data" / "sample"
    xlsx, clusters = sample / "北京市_市级平台名单_01.xlsx", sample / "北京市_实验室群名单.csv"
    r = post(up, (clusters.name, clusters.read_bytes()), (xlsx.name, xlsx.read_bytes()))
    assert r.status_code == 200, r.text
    lab, table = r.json()["files"]
    assert table["status"] == "loaded" and table["kind"] == "inventory" and table["rows_read"] > 0
    assert lab["status"] == "loaded" and lab["members_existing"] + lab["members_new"] > 0
    page = up.client.get("/clusters", params={"limit": 500}).json()
    assert page["total"] >= 1 and all(c["members"] > 0 for c in page["items"])


def test_a_same_size_replacement_changes_the_cache_key(up: Api) -> None:
    """Caches key on the store fingerprint (counts and the last load time): a new version of a list that
    keeps every count, uploaded right after the first (often in the same second), must still change it."""
    from app.derive.dedup.source import fingerprint as dedup_fingerprint
    from app.services.chains import fingerprint

    stem = f"辽宁省_复核名单_{uuid.uuid4().hex[:6]}"
    v1 = "\n".join((GOOD_HEADER, *GOOD_ROWS)) + "\n"
    v2 = v1.replace("先进材料制备", "先进金属材料制备")
    assert v2 != v1
    assert post(up, (f"{stem}.csv", v1.encode())).json()["files"][0]["status"] == "loaded"
    before = fingerprint(up.store), dedup_fingerprint(up.store)
    assert post(up, (f"{stem}.csv", v2.encode())).json()["files"][0]["status"] == "replaced"
    after = fingerprint(up.store), dedup_fingerprint(up.store)
    assert after[0][0] == before[0][0] and after[1][0] == before[1][0]  # same document and platform counts
    assert after[0] != before[0] and after[1] != before[1]

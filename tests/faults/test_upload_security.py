"""Security of POST /ingest and of the API keys (issue 7): the auth matrix, keys never logged nor echoed,
upload size limits, and uploaded file names that never become paths outside the data directory."""

from __future__ import annotations

import hashlib
import io
import logging
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from app.services import uploads
from app.services.uploads import MAX_NAME_BYTES, UploadRefused, safe_name, store_upload, uploads_dir
from tests.faults.conftest import GOOD_HEADER, GOOD_ROWS, upload_apps
from tests.integration.api.conftest import Api

KEY = "write-key-" + uuid.uuid4().hex  # unique strings: a hit in a log can only be a leak
READ_KEY = "read-key-" + uuid.uuid4().hex
WRONG = "wrong-key-" + uuid.uuid4().hex
TINY_CSV = "\n".join((GOOD_HEADER, GOOD_ROWS[0])).encode()


@pytest.fixture
def app_with(embedded_path: Path, graph: str, tmp_path: Path) -> Iterator[Any]:
    yield from upload_apps(embedded_path, graph, tmp_path)


def upload(api: Api, name: str = "x.exe", content: bytes = b"MZ", **headers: str) -> Any:
    """A refused-only upload by default: passes the auth check without running an ingest."""
    return api.client.post("/ingest", files=[("files", (name, content, "application/octet-stream"))], headers=headers)


def read(api: Api, **headers: str) -> list[int]:
    return [
        api.client.get("/search", params={"q": "材料"}, headers=headers).status_code,
        api.client.get("/documents", headers=headers).status_code,
        api.client.post("/cypher", json={"query": "RETURN 1 AS x"}, headers=headers).status_code,
    ]


def is_problem(r: Any, status: int) -> bool:
    return r.status_code == status and r.headers["content-type"].startswith("application/problem+json")


# --- the auth matrix ---------------------------------------------------------------------------------


def test_no_key_configured_disables_writes_and_says_how(app_with: Any) -> None:
    for api in (app_with(), app_with(api_key="")):  # compose passes an empty INNOKG_API_KEY when unset
        for headers in ({}, {"X-API-Key": WRONG}, {"Authorization": f"Bearer {WRONG}"}):
            r = upload(api, **headers)
            assert is_problem(r, 403) and "set INNOKG_API_KEY" in r.json()["detail"], r.text
        assert read(api) == [200, 200, 200]  # reads are open by default
    short = app_with(api_key="short-key")
    r = upload(short, **{"X-API-Key": "short-key"})
    assert is_problem(r, 403) and "at least 16 characters" in r.json()["detail"]


def test_writes_need_the_right_key(app_with: Any) -> None:
    api = app_with(api_key=KEY)
    r = upload(api)
    assert is_problem(r, 401) and r.headers["www-authenticate"] == "Bearer" and "missing" in r.json()["detail"]
    for headers in (
        {"X-API-Key": WRONG},
        {"Authorization": f"Bearer {WRONG}"},
        {"X-API-Key": KEY[:-1]},
        {"X-API-Key": KEY + "x"},
        {"Authorization": f"Basic {KEY}"},  # not a bearer token: no key presented
    ):
        assert upload(api, **headers).status_code == 401, headers
    assert api.client.post(f"/ingest?api_key={KEY}", files=[("files", ("x.exe", b"MZ"))]).status_code == 401
    for headers in ({"X-API-Key": KEY}, {"Authorization": f"Bearer {KEY}"}, {"authorization": f"bearer {KEY}"}):
        r = upload(api, **headers)
        assert r.status_code == 200 and r.json()["files"][0]["status"] == "refused", (headers, r.text)
    assert read(api) == [200, 200, 200]  # a write key alone does not close reads


def test_read_protection(app_with: Any) -> None:
    same = app_with(api_key=KEY, protect_reads=True)
    assert read(same) == [401, 401, 401]
    assert read(same, **{"X-API-Key": WRONG}) == [401, 401, 401]
    assert read(same, **{"X-API-Key": KEY}) == [200, 200, 200]
    assert read(same, Authorization=f"Bearer {KEY}") == [200, 200, 200]
    for open_path in ("/health", "/openapi.json", "/docs"):
        assert same.client.get(open_path).status_code == 200, open_path

    own = app_with(api_key=KEY, read_key=READ_KEY)
    assert read(own) == [401, 401, 401]
    assert read(own, **{"X-API-Key": READ_KEY}) == [200, 200, 200]
    assert read(own, **{"X-API-Key": KEY}) == [200, 200, 200]  # a writer may read
    assert upload(own, **{"X-API-Key": READ_KEY}).status_code == 401  # a reader may not write

    reader_only = app_with(read_key=READ_KEY)
    assert read(reader_only, **{"X-API-Key": READ_KEY}) == [200, 200, 200]
    assert upload(reader_only, **{"X-API-Key": READ_KEY}).status_code == 403

    nobody = app_with(protect_reads=True)  # protected, but no key to protect with: closed, and says why
    r = nobody.client.get("/documents")
    assert is_problem(r, 403) and "INNOKG_READ_KEY" in r.json()["detail"]
    assert nobody.client.get("/health").status_code == 200


def test_openapi_shows_the_security_scheme(app_with: Any) -> None:
    open_reads = app_with(api_key=KEY).client.get("/openapi.json").json()
    schemes = open_reads["components"]["securitySchemes"]
    assert schemes["ApiKey"] == {**schemes["ApiKey"], "type": "apiKey", "in": "header", "name": "X-API-Key"}
    assert schemes["Bearer"]["scheme"] == "bearer"
    ingest = open_reads["paths"]["/ingest"]["post"]
    assert {"ApiKey": []} in ingest["security"] and {"Bearer": []} in ingest["security"]
    assert "multipart/form-data" in ingest["requestBody"]["content"]
    assert {"401", "403", "409", "413"} <= set(ingest["responses"])
    assert "security" not in open_reads["paths"]["/search"]["get"]
    closed = app_with(api_key=KEY, protect_reads=True).client.get("/openapi.json").json()
    for path, method in (("/search", "get"), ("/cypher", "post"), ("/clusters", "get"), ("/duplicates", "get")):
        assert {"ApiKey": []} in closed["paths"][path][method]["security"], path
        assert "401" in closed["paths"][path][method]["responses"]
    assert "security" not in closed["paths"]["/health"]["get"]


def test_keys_are_never_logged_nor_echoed(app_with: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    api = app_with(api_key=KEY, read_key=READ_KEY, max_upload_mb=1)
    seen: list[str] = []

    def keep(r: Any) -> None:
        seen.append(r.text + repr(dict(r.headers)))

    for headers in ({}, {"X-API-Key": WRONG}, {"X-API-Key": KEY}, {"Authorization": f"Bearer {KEY}"}):
        keep(upload(api, **headers))
        keep(upload(api, f"{uuid.uuid4().hex}.csv", TINY_CSV, **headers))  # loads with the right key
        keep(upload(api, "big.csv", b"x" * (2 << 20), **headers))  # 413
        keep(api.client.post("/cypher", json={"query": "MATCH (n) SET n.x = 1"}, headers=headers))  # 400 / 401
        keep(api.client.get("/search", params={"q": "材料"}, headers={"X-API-Key": READ_KEY, **headers}))
    statuses = " ".join(s[:200] for s in seen)
    assert '"status":"loaded"' in statuses or "loaded" in statuses  # the succeeding upload did run
    logged = caplog.text + "".join(seen) + repr(api.settings) + str(api.settings.model_dump())
    for secret in (KEY, READ_KEY, WRONG):
        assert secret not in logged
    assert "ingest over HTTP" in caplog.text  # the log is there, the key is not


# --- size limits and types -----------------------------------------------------------------------------


def test_upload_size_limit_is_its_own_and_nothing_is_stored(app_with: Any) -> None:
    api = app_with(api_key=KEY, max_upload_mb=1, max_request_bytes=64 * 1024)
    root = api.settings.data_dir / "uploads"
    big = b"x" * ((1 << 20) + 1)
    r = upload(api, "big.csv", big, **{"X-API-Key": KEY})
    assert is_problem(r, 413) and "INNOKG_MAX_UPLOAD_MB" in r.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while the route reads the form
        yield b'--b\r\nContent-Disposition: form-data; name="files"; filename="big.csv"\r\n\r\n'
        for _ in range(140):
            yield b"y" * 8192
        yield b"\r\n--b--\r\n"

    headers = {"X-API-Key": KEY, "content-type": "multipart/form-data; boundary=b"}
    r = api.client.post("/ingest", content=chunks(), headers=headers)
    assert is_problem(r, 413), r.text
    assert not root.exists() or not any(root.iterdir())  # nothing stored
    # The JSON limit (64 KiB here) does not apply to uploads, and the upload limit not to JSON.
    mid = TINY_CSV + b"\n" * (200 * 1024)
    r = upload(api, f"{uuid.uuid4().hex}.csv", mid, **{"X-API-Key": KEY})
    assert r.status_code == 200 and r.json()["files"][0]["size"] == len(mid), r.text
    r = api.client.post("/cypher", json={"query": "RETURN 1 //" + "x" * (70 * 1024)})
    assert is_problem(r, 413) and "INNOKG_MAX_REQUEST_BYTES" in r.json()["detail"]
    # Without the key, a streamed body is refused before it is read.
    r = api.client.post("/ingest", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"})
    assert is_problem(r, 401)


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("名单.csv", True),
        ("名单.CSV", True),
        ("名单.xlsx", True),
        ("政策.docx", True),
        ("政策.pdf", True),
        ("政策.html", True),
        ("政策.md", True),
        ("a.exe", False),
        ("a.sh", False),
        ("a.csv.exe", False),
        ("a.py", False),
        ("noext", False),
        ("a.", False),
    ],
)
def test_only_the_formats_ingest_reads(name: str, ok: bool) -> None:
    if ok:
        assert safe_name(name).lower() == name.lower()
    else:
        with pytest.raises(UploadRefused):
            safe_name(name)


# --- file names ----------------------------------------------------------------------------------------

NASTY = [
    "../../etc/passwd.csv",
    "../../../../../../../../tmp/h4-escape.csv",
    "/etc/cron.d/evil.csv",
    "/tmp/h4-absolute.csv",
    "..\\..\\windows\\system32\\evil.csv",
    "C:\\Users\\analyst\\名单.csv",
    "C:名单.csv",
    "\\\\server\\share\\名单.csv",
    "a\x00b.csv",
    "a\x00/../../b.csv",
    "..／..／etc／fullwidth.csv",
    "..＼..＼fullwidth.csv",
    "..\u2215..\u2215division.csv",
    "..\u2044fraction.csv",
    "evil\u202ecod.csv",  # RTL override: shows as "evilvsc.doc"-style tricks
    "\u200b\u200d\ufeffzero-width.csv",
    "e\u0301\u0338combining.csv",
    "x" * 5000 + ".csv",
    "名" * 300 + ".csv",
    "%2e%2e%2fencoded.csv",
    "a/b/../c.csv",
    ".hidden.csv",
    "名单.csv.",
    "名单.csv ",
    " 名单.csv",
    "CON.csv",
    "名单\n.csv",
    'a:b*c?d|e<f>g"h.csv',
    "uploads.csv",
]
REFUSED = [
    "",
    ".",
    "..",
    "/",
    "\\",
    "../",
    "..\\",
    "x.csv/",
    "C:",
    "\x00",
    "....",
    "...csv",
    "..csv",
    "seed-gazetteer-taxonomy.csv",
]


@pytest.mark.parametrize("raw", NASTY + REFUSED)
def test_a_name_never_leaves_uploads(raw: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    root = uploads_dir(data)
    content = raw.encode("utf-8", "surrogatepass") + b"\n" + TINY_CSV
    try:
        name = safe_name(raw)
    except UploadRefused:
        assert raw in REFUSED, raw
        return
    assert raw not in REFUSED, (raw, name)
    assert name == os.path.basename(name) and name not in ("", ".", "..") and not name.startswith(".")
    assert len(name.encode()) <= MAX_NAME_BYTES and name.endswith(".csv")
    assert not any(ch in name for ch in "/\\\x00\u202e\u200b:*?|<>\n")
    stored = store_upload(root, name, io.BytesIO(content), 1 << 20)
    assert stored.path.parent == root / hashlib.sha256(content).hexdigest()
    assert stored.path.resolve().is_relative_to(root) and stored.path.read_bytes() == content
    everything = [p for p in tmp_path.rglob("*")]
    assert all(p == data or p.is_relative_to(root) for p in everything), everything
    assert not Path("/tmp/h4-escape.csv").exists() and not Path("/tmp/h4-absolute.csv").exists()


@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(min_size=0, max_size=300))
def test_any_name_is_safe_or_refused(raw: str) -> None:
    for candidate in (raw, raw + ".csv", "../" + raw + ".txt", raw.replace("a", "/") + ".xlsx"):
        try:
            name = safe_name(candidate)
        except UploadRefused:
            continue
        assert name == os.path.basename(name) and name not in (".", "..") and not name.startswith(".")
        assert "\x00" not in name and len(name.encode()) <= MAX_NAME_BYTES
        assert os.path.normpath(os.path.join("/u/sha", name)).startswith("/u/sha/")


def test_a_planted_symlink_is_replaced_not_followed(tmp_path: Path) -> None:
    root = uploads_dir(tmp_path / "data")
    outside = tmp_path / "outside.csv"
    outside.write_bytes(b"precious")
    folder = root / hashlib.sha256(TINY_CSV).hexdigest()
    folder.mkdir()
    (folder / "名单.csv").symlink_to(outside)
    stored = store_upload(root, "名单.csv", io.BytesIO(TINY_CSV), 1 << 20)
    assert outside.read_bytes() == b"precious"
    assert not stored.path.is_symlink() and stored.path.read_bytes() == TINY_CSV
    # A symlinked sha directory is refused outright.
    other = b"other\n" + TINY_CSV
    (root / hashlib.sha256(other).hexdigest()).symlink_to(tmp_path)
    with pytest.raises(UploadRefused):
        store_upload(root, "名单.csv", io.BytesIO(other), 1 << 20)
    assert not (tmp_path / "名单.csv").exists()
    assert [p.name for p in root.iterdir() if p.name.startswith(".upload-")] == []  # no temp file left


def test_names_over_http(app_with: Any) -> None:
    api = app_with(api_key=KEY)
    data = api.settings.data_dir
    names = ["../../名单_escape.csv", "C:\\Users\\x\\名单_win.csv", "/abs/名单_abs.csv", "名单\x00nul.csv", "..", ""]
    parts = [("files", (n, n.encode("utf-8", "replace") + b"\n" + TINY_CSV, "text/csv")) for n in names]
    r = api.client.post("/ingest", files=parts, headers={"X-API-Key": KEY})
    assert r.status_code == 200, r.text
    files = r.json()["files"]
    stored = [f["stored"] for f in files if f["stored"]]
    assert [Path(s).name for s in stored[:3]] == ["名单_escape.csv", "名单_win.csv", "名单_abs.csv"]
    # httpx sends NUL as %00 in the header; either way it arrives as a plain character run
    assert Path(stored[3]).name in ("名单_nul.csv", "名单_00nul.csv")
    assert [f["status"] for f in files[4:]] == ["refused", "refused"]
    root = (data / "uploads").resolve()
    for s in stored:
        assert (data / s).resolve().is_relative_to(root) and (data / s).is_file()
    assert sorted(p.name for p in data.parent.iterdir()) == ["data"]  # nothing beside the data directory
    assert not (data.parent.parent / "名单_escape.csv").exists()
    # The same name with other content: a second version beside the first, neither overwritten.
    a = api.client.post("/ingest", files=[("files", ("同名.csv", TINY_CSV))], headers={"X-API-Key": KEY}).json()
    v2 = TINY_CSV + b"\n" + GOOD_ROWS[1].encode()
    b = api.client.post("/ingest", files=[("files", ("同名.csv", v2))], headers={"X-API-Key": KEY}).json()
    pa, pb = data / a["files"][0]["stored"], data / b["files"][0]["stored"]
    assert pa != pb and pa.read_bytes() == TINY_CSV and pb.read_bytes() == v2
    assert b["files"][0]["status"] == "replaced" and b["files"][0]["document"] == "同名"


# --- the spec ------------------------------------------------------------------------------------------


def test_ingest_against_its_spec_with_the_key(app_with: Any, embedded_path: Path) -> None:
    """schemathesis drives POST /ingest with the key (random names, bytes, kinds): no 5xx, answers as
    documented, and every file it stored lies under uploads/."""
    api = app_with(api_key=KEY, max_upload_files=5)
    schema = schemathesis.openapi.from_asgi("/openapi.json", api.client.app)
    op = schema["/ingest"]["POST"]
    checks = (not_a_server_error, status_code_conformance, response_schema_conformance)
    ran = 0
    statuses: dict[int, int] = {}

    @settings(max_examples=25, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=op.as_strategy())
    def run(case: schemathesis.Case) -> None:
        nonlocal ran
        case.headers = {**(case.headers or {}), "X-API-Key": KEY}
        response = case.call()
        assert response.status_code < 500, response.text[:500]
        case.validate_response(response, checks=checks)
        ran += 1
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

    run()
    assert ran >= 10
    data = api.settings.data_dir
    root = (data / "uploads").resolve()
    assert all(p.resolve().is_relative_to(root) for p in data.rglob("*") if p != data / "uploads")
    assert uploads.INGEST_LOCK.acquire(blocking=False)  # released after every request
    uploads.INGEST_LOCK.release()
    print(f"schemathesis POST /ingest: {ran} cases, statuses {sorted(statuses.items())}")
    assert set(statuses) & {200}, statuses  # some cases got past the key and the form checks


def test_an_unwritable_data_directory_is_a_clear_503(app_with: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data directory should be")
    api = app_with(api_key=KEY, data_dir=blocker)
    r = upload(api, "名单.csv", TINY_CSV, **{"X-API-Key": KEY})
    assert is_problem(r, 503) and "INNOKG_DATA_DIR" in r.json()["detail"], r.text
    assert str(tmp_path) not in r.text  # the server's paths stay on the server
    assert uploads.INGEST_LOCK.acquire(blocking=False)
    uploads.INGEST_LOCK.release()


def test_a_real_server_logs_no_key(embedded_path: Path, graph: str, tmp_path: Path) -> None:
    """uvicorn's own logging (access log at debug level) over loopback: requests that fail and succeed
    are logged, the keys are not."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "INNOKG_API_KEY": KEY,
        "INNOKG_READ_KEY": READ_KEY,
        "INNOKG_STORE": f"embedded:{embedded_path}",
        "INNOKG_GRAPH": graph,
        "INNOKG_DATA_DIR": str(tmp_path / "data"),
    }
    cmd = [sys.executable, "-m", "uvicorn", "app.api.main:create_app", "--factory", "--port", str(port)]
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen([*cmd, "--log-level", "debug"], env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(200):  # bounded: up to ~20 s for the server to answer
                try:
                    httpx.get(f"{base}/health", timeout=1.0)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            tiny = {"files": (f"{uuid.uuid4().hex}.csv", TINY_CSV)}
            codes = [
                httpx.post(f"{base}/ingest", files=tiny, headers={"X-API-Key": WRONG}, timeout=60).status_code,
                httpx.post(f"{base}/ingest", files=tiny, headers={"X-API-Key": KEY}, timeout=60).status_code,
                httpx.get(f"{base}/documents", headers={"Authorization": f"Bearer {READ_KEY}"}, timeout=60).status_code,
                httpx.get(f"{base}/documents", headers={"X-API-Key": WRONG}, timeout=60).status_code,
            ]
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert codes == [401, 200, 200, 401]
    text = log.read_text(errors="replace")
    assert "POST /ingest" in text and "401" in text  # the access log is there
    for secret in (KEY, READ_KEY, WRONG):
        assert secret not in text

"""Issue 18: an upload can neither freeze nor bloat the API. OOXML declarations are checked before parsing
(a 144 KB XLSX declaring A1:XFD1048576 took the API to 1.54 GB, a 495 KB DOCX expanding to 300 MB to
17 GB), and the ingest runs in a worker process with a memory and time cap."""

from __future__ import annotations

import io
import threading
import time
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.services.upload_guard import UploadLimits, UploadRejected, check_upload
from tests.faults.conftest import GOOD_HEADER, GOOD_ROWS, upload_apps
from tests.integration.api.conftest import Api

KEY = "write-key-" + uuid.uuid4().hex
SMALL = UploadLimits(max_expanded_bytes=8 << 20, max_member_bytes=4 << 20, max_ratio=100, max_cells=100_000)


def xlsx(dimension: str, rows: str = "") -> bytes:
    """A minimal workbook whose one sheet declares ``dimension``."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    return buf.getvalue()


def docx_bomb(mb: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:p/>" * (mb * 1024 * 1024 // 6))
    return buf.getvalue()


def test_declared_sheet_size_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "名单.xlsx"
    path.write_bytes(xlsx("A1:XFD1048576"))
    t = time.perf_counter()
    with pytest.raises(UploadRejected) as err:
        check_upload(path, UploadLimits())
    assert err.value.limit == "INNOKG_UPLOAD_MAX_CELLS"
    assert time.perf_counter() - t < 1.0
    path.write_bytes(xlsx("A1:G40"))
    check_upload(path, UploadLimits())  # an ordinary list passes


def test_expansion_is_refused_from_the_zip_directory(tmp_path: Path) -> None:
    path = tmp_path / "政策.docx"
    path.write_bytes(docx_bomb(6))
    assert path.stat().st_size < 100_000
    with pytest.raises(UploadRejected) as err:
        check_upload(path, SMALL)
    assert err.value.limit in ("INNOKG_UPLOAD_MAX_MEMBER_MB", "INNOKG_UPLOAD_MAX_RATIO")
    path.write_bytes(docx_bomb(3))
    with pytest.raises(UploadRejected) as err:
        check_upload(path, SMALL)
    assert err.value.limit == "INNOKG_UPLOAD_MAX_RATIO"


@pytest.fixture
def app_with(embedded_path: Path, graph: str, tmp_path: Path) -> Iterator[Any]:
    yield from upload_apps(embedded_path, graph, tmp_path, api_key=KEY)


def post(api: Api, name: str, content: bytes) -> Any:
    return api.client.post("/ingest", files=[("files", (name, content))], headers={"X-API-Key": KEY})


def test_a_declared_giant_sheet_is_refused_over_http(app_with: Any) -> None:
    api = app_with()
    t = time.perf_counter()
    r = post(api, "名单.xlsx", xlsx("A1:XFD1048576"))
    assert r.status_code == 200, r.text
    f = r.json()["files"][0]
    assert f["status"] == "refused" and "INNOKG_UPLOAD_MAX_CELLS" in f["error"]["reason"]
    assert time.perf_counter() - t < 5.0


def test_the_worker_caps_memory_and_time(app_with: Any) -> None:
    good = "\n".join((GOOD_HEADER, *GOOD_ROWS)).encode()
    r = post(app_with(upload_worker_mem_mb=64), "辽宁省_名单_mem.csv", good)
    f = r.json()["files"][0]
    assert f["status"] == "failed" and "INNOKG_UPLOAD_WORKER_MEM_MB" in f["error"]["reason"], f
    r = post(app_with(upload_worker_timeout_s=0.01), "辽宁省_名单_time.csv", good)
    f = r.json()["files"][0]
    assert f["status"] == "failed" and "INNOKG_UPLOAD_WORKER_TIMEOUT_S" in f["error"]["reason"], f


def test_blank_lines_do_not_freeze_the_api(app_with: Any) -> None:
    # 40 KB of newlines held the GIL for 24 s in footer_start; a second client waited for it.
    api = app_with()
    health: list[float] = []

    def probe() -> None:
        for _ in range(10):
            t = time.perf_counter()
            api.client.get("/health")
            health.append(time.perf_counter() - t)
            time.sleep(0.1)

    th = threading.Thread(target=probe)
    th.start()
    t = time.perf_counter()
    r = post(api, "通知.txt", b"\n" * 200_000)
    took = time.perf_counter() - t
    th.join()
    assert r.status_code == 200, r.text
    assert took < 30.0, took
    assert max(health) < 2.0, health

"""POST /ingest: analysts drop a new 名单 or policy text into the shared server (docs/operations/security.md).

The API key is checked (``require_write``) before the body is read: the form is parsed here, not by
FastAPI, which would read and spool the whole upload before any dependency ran."""

from __future__ import annotations

import io
import math
from typing import Annotated, Any, BinaryIO, cast

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from app.api.deps import get_settings_dep, get_store
from app.api.security import WRITE_RESPONSES, ApiProblem, require_write
from app.services import uploads as service
from app.settings import Settings
from app.store.protocol import GraphStore

router = APIRouter(tags=["ingest"])
KINDS = ("auto", "policy", "inventory")

_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["files"],
                "properties": {
                    "files": {
                        "type": "array",
                        "items": {"type": "string", "format": "binary"},
                        "description": "Policy texts (.txt .md .html .htm .docx .pdf) and inventories "
                        "(.csv .xlsx .xlsm .docx .html .htm .txt); one form field `files` per file",
                    },
                    "kind": {"type": "string", "enum": list(KINDS), "default": "auto"},
                },
            }
        }
    },
}


@router.post(
    "/ingest",
    response_model=service.IngestOut,
    summary="Upload files and ingest them (needs the API key); per-file results",
    dependencies=[Depends(require_write)],
    openapi_extra={"requestBody": _BODY},
    responses={
        **WRITE_RESPONSES,
        400: {"description": "Malformed multipart body, or more files than INNOKG_MAX_UPLOAD_FILES"},
        409: {"description": "Another ingest is running; retry after Retry-After seconds (application/problem+json)"},
        413: {"description": "Upload larger than INNOKG_MAX_UPLOAD_MB (application/problem+json)"},
        422: {"description": "No file, too many files, or a bad `kind` (application/problem+json)"},
    },
)
async def ingest(
    request: Request,
    store: Annotated[GraphStore, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings_dep)],
) -> service.IngestOut:
    form = await request.form(max_files=settings.max_upload_files, max_fields=8)
    try:
        kinds = [v for k, v in form.multi_items() if k == "kind"]
        kind = kinds[-1] if kinds else "auto"
        if not isinstance(kind, str) or kind not in KINDS:
            raise ApiProblem(422, "Invalid request", f"kind must be one of {', '.join(KINDS)}")
        # A `files` part without a file name arrives as text: kept, so it is answered (refused), not dropped.
        uploads = [
            service.Upload(v.filename or "", cast(BinaryIO, v.file))
            if isinstance(v, UploadFile)
            else service.Upload("", io.BytesIO(v.encode()))
            for k, v in form.multi_items()
            if k == "files"
        ]
        if not uploads:
            raise ApiProblem(422, "Invalid request", "no file: send multipart/form-data with one `files` part per file")
        try:
            return await run_in_threadpool(
                service.ingest_uploads,
                store,
                uploads,
                data_dir=settings.data_dir,
                kind=kind,  # type: ignore[arg-type]  # checked against KINDS above
                max_bytes=settings.max_upload_bytes,
                wait_s=settings.ingest_wait_s,
                source=request.client.host if request.client else "?",
                settings=settings,  # upload limits and the capped worker process (issue 18)
            )
        except service.IngestBusy as exc:
            retry = max(1, math.ceil(settings.ingest_wait_s))
            raise ApiProblem(409, "Ingest running", f"{exc}; retry later", {"Retry-After": str(retry)}) from exc
        except service.UploadStorageError as exc:
            raise ApiProblem(503, "Upload storage unavailable", str(exc)) from exc
    finally:
        await form.close()

"""Import and export in the browser, and the same as JSON under ``/api/v1``.

``/transfer`` offers an upload form (a preview first, by default) and a download link per
export format. A previewed upload is kept in the database under a random token until it
is imported for real (or for a day), so any app process can confirm it; nothing is stored
in the workspace before that.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from allies.errors import AlliesError
from allies.services.dates import parse_window
from allies.services.transfer.exporting import EXPORT_FORMATS, export_workspace
from allies.services.transfer.import_report import ImportReport
from allies.services.transfer.importing import FORMATS, ImportOptions
from allies.services.transfer.uploads import (
    check_size,
    import_kept_upload,
    import_upload,
    safe_file_name,
)
from allies.web.deps import UoW, render

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["import and export"])

#: How much of an upload is read at a time, in bytes.
CHUNK = 1024 * 1024


async def _read(upload: UploadFile) -> bytes:
    """The uploaded file, refused (InvalidInput on ``file``) as soon as it is too large."""
    chunks: list[bytes] = []
    size = 0
    while chunk := await upload.read(CHUNK):
        size += len(chunk)
        check_size(size)
        chunks.append(chunk)
    return b"".join(chunks)


def _options(
    dry_run: bool, strict: bool, mapping: str, window: str, me: str, label: str
) -> ImportOptions:
    return ImportOptions(
        label=label,
        dry_run=dry_run,
        strict=strict,
        mapping=(mapping,) if mapping.strip() else (),
        window=parse_window(window, date.today()) if window.strip() else None,
        me=tuple(a.strip() for a in re.split(r"[,\s]+", me) if a.strip()),
    )


def _index(
    request: Request, values: dict[str, str] | None = None, error: AlliesError | None = None
) -> HTMLResponse:
    return render(
        request,
        "transfer/index.html",
        {
            "title": "Import and export",
            "section": "transfer",
            "formats": FORMATS,
            "exports": EXPORT_FORMATS,
            "values": values or {"format": "vcard", "dry_run": "on"},
            "error": error,
        },
        status_code=error.http_status if error else 200,
    )


@router.get("/transfer", response_class=HTMLResponse, name="transfer")
def transfer_page(request: Request) -> HTMLResponse:
    """The upload form and the export downloads."""
    return _index(request)


def _report_page(
    request: Request, report: ImportReport, token: str, values: dict[str, str]
) -> HTMLResponse:
    return render(
        request,
        "transfer/report.html",
        {
            "title": "Import",
            "section": "transfer",
            "report": report,
            "token": token,
            "values": values,
        },
    )


@router.post("/transfer/import", response_class=HTMLResponse)
async def upload(
    request: Request,
    uow: UoW,
    file: Annotated[UploadFile, File()],
    format: Annotated[str, Form()] = "vcard",
    dry_run: Annotated[str, Form()] = "",
    strict: Annotated[str, Form()] = "",
    mapping: Annotated[str, Form()] = "",
    window: Annotated[str, Form()] = "",
    me: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Import the uploaded file, or preview it (the default)."""
    values = {
        "format": format,
        "dry_run": dry_run,
        "strict": strict,
        "mapping": mapping,
        "window": window,
        "me": me,
    }
    label = safe_file_name(file.filename or "")
    try:
        data = await _read(file)
        options = _options(bool(dry_run), bool(strict), mapping, window, me, label)
        result = import_upload(uow, format, label, data, options)
    except AlliesError as error:
        return _index(request, values, error)
    return _report_page(request, result.report, result.token, values)


@router.post("/transfer/import/{token}", response_class=HTMLResponse)
def confirm(
    request: Request,
    uow: UoW,
    token: str,
    format: Annotated[str, Form()] = "vcard",
    strict: Annotated[str, Form()] = "",
    mapping: Annotated[str, Form()] = "",
    window: Annotated[str, Form()] = "",
    me: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Import for real a file previewed before."""
    values = {"format": format, "strict": strict, "mapping": mapping, "window": window, "me": me}
    try:
        options = _options(False, bool(strict), mapping, window, me, "")
        report = import_kept_upload(uow, token, format, options)
    except AlliesError as error:
        return _index(request, values, error)
    return _report_page(request, report, "", values)


def _download(uow: UoW, format: str) -> Response:
    export = export_workspace(uow, format)
    name = f"allies-{uow.workspace}.{export.suffix}".replace(" ", "-")
    return Response(
        export.data,
        media_type=export.media_type,
        headers={"Content-Disposition": f'attachment; filename="{safe_file_name(name)}"'},
    )


@router.get("/transfer/export/{format}")
def download(uow: UoW, format: str) -> Response:
    """The workspace in ``format``, as a file to save."""
    return _download(uow, format)


@api.get("/exports/{format}", summary="Export the workspace")
def api_export(uow: UoW, format: str) -> Response:
    """The workspace as CSV, vCard, iCalendar, GraphML, GEXF or a JSON backup."""
    return _download(uow, format)


@api.post("/imports/{format}", summary="Import a file")
async def api_import(
    uow: UoW,
    format: str,
    file: Annotated[UploadFile, File()],
    dry_run: Annotated[bool, Query()] = False,
    strict: Annotated[bool, Query()] = False,
    mapping: Annotated[str, Query(alias="map")] = "",
    window: Annotated[str, Query()] = "",
    me: Annotated[str, Query()] = "",
) -> dict[str, Any]:
    """Import an uploaded file; the answer is the import's report."""
    label = safe_file_name(file.filename or "")
    options = _options(dry_run, strict, mapping, window, me, label)
    result = import_upload(uow, format, label, await _read(file), options, keep=False)
    return result.report.as_dict()

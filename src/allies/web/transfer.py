"""Import and export in the browser, and the same as JSON under ``/api/v1``.

``/transfer`` offers an upload form (a preview first, by default) and a download link per
export format. A previewed upload is kept in a private temporary folder under a random
token until it is imported for real (or for a day); nothing is stored in the workspace
before that.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from allies.errors import AlliesError, InvalidInput, NotFound
from allies.services.exporting import EXPORT_FORMATS, export_workspace
from allies.services.import_report import ImportReport
from allies.services.importing import FORMATS, ImportOptions, import_file
from allies.web.deps import UoW, render

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["import and export"])

#: The largest upload accepted.
MAX_UPLOAD = 200 * 1024 * 1024
#: How long a previewed upload waits to be imported, in seconds.
KEEP_FOR = 24 * 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def _uploads() -> Path:
    folder = Path(tempfile.gettempdir()) / "allies-uploads"
    folder.mkdir(mode=0o700, exist_ok=True)
    now = time.time()
    for old in folder.iterdir():
        if old.is_dir() and now - old.stat().st_mtime > KEEP_FOR:
            shutil.rmtree(old, ignore_errors=True)
    return folder


def _safe_name(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name or "upload").name).strip("._")
    return cleaned[:100] or "upload"


async def _save(upload: UploadFile) -> tuple[str, Path]:
    """Keep the upload under a fresh token; returns the token and the file's path."""
    token = secrets.token_urlsafe(18)
    folder = _uploads() / token
    folder.mkdir(mode=0o700)
    path = folder / _safe_name(upload.filename or "")
    size = 0
    with path.open("wb") as out:
        while chunk := await upload.read(1024 * 1024):
            size += len(chunk)
            if size > MAX_UPLOAD:
                out.close()
                shutil.rmtree(folder, ignore_errors=True)
                raise InvalidInput("The file is larger than 200 MB.", field="file")
            out.write(chunk)
    return token, path


def _kept(token: str) -> Path:
    folder = _uploads() / token if _TOKEN.match(token) else None
    files = sorted(folder.iterdir()) if folder is not None and folder.is_dir() else []
    if not files:
        raise NotFound(
            "That upload is no longer here.", hint="Upload the file again from the import page."
        )
    return files[0]


def _options(
    dry_run: bool, strict: bool, mapping: str, window: str, me: str, label: str
) -> ImportOptions:
    return ImportOptions(
        label=label,
        dry_run=dry_run,
        strict=strict,
        mapping=(mapping,) if mapping.strip() else (),
        window=window.strip() or None,
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
    label = _safe_name(file.filename or "")
    try:
        token, path = await _save(file)
    except AlliesError as error:
        return _index(request, values, error)
    try:
        options = _options(bool(dry_run), bool(strict), mapping, window, me, label)
        report = import_file(uow, format, path, options)
    except AlliesError as error:
        shutil.rmtree(path.parent, ignore_errors=True)
        return _index(request, values, error)
    if not report.dry_run:
        shutil.rmtree(path.parent, ignore_errors=True)
    return _report_page(request, report, token if report.dry_run else "", values)


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
    path = _kept(token)
    try:
        options = _options(False, bool(strict), mapping, window, me, path.name)
        report = import_file(uow, format, path, options)
    except AlliesError as error:
        return _index(request, values, error)
    shutil.rmtree(path.parent, ignore_errors=True)
    return _report_page(request, report, "", values)


def _download(uow: UoW, format: str) -> Response:
    export = export_workspace(uow, format)
    name = f"allies-{uow.workspace}.{export.suffix}".replace(" ", "-")
    return Response(
        export.data,
        media_type=export.media_type,
        headers={"Content-Disposition": f'attachment; filename="{_safe_name(name)}"'},
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
    _, path = await _save(file)
    options = _options(dry_run, strict, mapping, window, me, _safe_name(file.filename or ""))
    try:
        report = import_file(uow, format, path, options)
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
    return report.as_dict()

"""Importing an uploaded file, with a preview first that any app process can confirm.

A preview (a dry run) keeps the uploaded file in the database under a fresh random token,
for the workspace and the user who uploaded it, for :data:`KEEP_FOR`; confirming reads it
back, imports it for real and forgets it. Because the file is in the database, not in one
machine's temporary folder, the confirmation may reach another app process behind the
same address. Only the token's SHA-256 is stored; expired uploads are deleted whenever a
new one is kept.

While an import runs, the file is written to a private temporary folder of that process
(the readers work on files) and removed when the import ends.
"""

from __future__ import annotations

import re
import secrets
import tempfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from allies.domain.uploads import Upload
from allies.errors import InvalidInput, NotFound
from allies.services.ports import UnitOfWork
from allies.services.team.passwords import digest
from allies.services.transfer.import_report import ImportReport
from allies.services.transfer.importing import ImportOptions, import_file

__all__ = [
    "KEEP_FOR",
    "MAX_UPLOAD",
    "UploadResult",
    "check_size",
    "import_kept_upload",
    "import_upload",
    "safe_file_name",
]

#: The largest upload accepted, in bytes.
MAX_UPLOAD = 200 * 1024 * 1024
#: How long a previewed upload waits to be imported.
KEEP_FOR = timedelta(hours=24)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


@dataclass(frozen=True)
class UploadResult:
    """What importing an upload did, and the token to confirm a preview with.

    ``token`` is empty when nothing was kept: the import was for real, or the user may
    not change the workspace (a viewer sees the preview but cannot confirm it).
    """

    report: ImportReport
    token: str = ""


def safe_file_name(name: str) -> str:
    """``name`` reduced to letters, digits, ``.``, ``_`` and ``-`` (at most 100), without
    folders; ``upload`` when nothing is left.

    >>> safe_file_name("../My contacts (2).vcf")
    'My_contacts_2_.vcf'
    """
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name or "upload").name).strip("._")
    return cleaned[:100] or "upload"


def check_size(size: int) -> None:
    """Raise InvalidInput naming the ``file`` field when ``size`` passes :data:`MAX_UPLOAD`."""
    if size > MAX_UPLOAD:
        raise InvalidInput(
            f"The file is larger than {MAX_UPLOAD // (1024 * 1024)} MB.",
            field="file",
            hint="Split it into smaller files, or import it from the command line.",
        )


def _import_bytes(
    uow: UnitOfWork, format: str, name: str, data: bytes, options: ImportOptions
) -> ImportReport:
    """Import ``data`` as a file called ``name``, from a private temporary folder."""
    with tempfile.TemporaryDirectory(prefix="allies-import-") as folder:
        path = Path(folder) / safe_file_name(name)
        path.write_bytes(data)
        return import_file(uow, format, path, options)


def _user_id(uow: UnitOfWork) -> int | None:
    return uow.actor.user_id if uow.actor is not None else None


def import_upload(
    uow: UnitOfWork,
    format: str,
    name: str,
    data: bytes,
    options: ImportOptions,
    *,
    keep: bool = True,
    now: datetime | None = None,
) -> UploadResult:
    """Import an uploaded file; a dry run keeps it so that it can be confirmed later.

    Parameters
    ----------
    uow : UnitOfWork
        A unit of work on the workspace (not yet entered), acting for the uploader.
    format : str
        One of :data:`allies.services.transfer.importing.FORMATS`.
    name : str
        The file's name on the uploader's machine (shown in the report and problems).
    data : bytes
        The file.
    options : ImportOptions
        How to import; ``options.dry_run`` makes it a preview.
    keep : bool
        Keep a previewed file for :func:`import_kept_upload` (a program that only wants
        the report passes False).
    now : datetime, optional
        The current time (for tests).

    Returns
    -------
    UploadResult
        The report, and for a preview the token to pass to :func:`import_kept_upload`.

    Raises
    ------
    allies.errors.InvalidInput
        When the file is too large, or an option is wrong.
    allies.errors.ImportFormatError
        When the file cannot be read as ``format``.
    """
    check_size(len(data))
    label = safe_file_name(options.label or name)
    report = _import_bytes(uow, format, label, data, _labelled(options, label))
    if not (keep and report.dry_run) or (uow.actor is not None and not uow.actor.can_write):
        return UploadResult(report)
    token = secrets.token_urlsafe(18)
    at = now or datetime.now(UTC)
    with uow:
        uow.uploads.purge_expired(at)
        uow.uploads.add(
            Upload(
                token_hash=digest(token),
                name=label,
                data=data,
                created_at=at,
                expires_at=at + KEEP_FOR,
                user_id=_user_id(uow),
            )
        )
        uow.commit()
    return UploadResult(report, token)


def import_kept_upload(
    uow: UnitOfWork,
    token: str,
    format: str,
    options: ImportOptions,
    *,
    now: datetime | None = None,
) -> ImportReport:
    """Import for real a file previewed before with :func:`import_upload`; it is then
    forgotten. ``options.dry_run`` is ignored.

    Raises
    ------
    allies.errors.NotFound
        When there is no such upload for this user in this workspace (never kept,
        already imported, or expired).
    allies.errors.ImportFormatError
        When the file cannot be read as ``format``; the upload is kept, so the import can
        be tried again with other options.
    """
    at = now or datetime.now(UTC)
    key = digest(token) if _TOKEN.match(token or "") else ""
    with uow:
        upload = uow.uploads.get(key, _user_id(uow), at) if key else None
    if upload is None:
        raise NotFound(
            "That upload is no longer here: it was imported already, or it waited more than "
            f"{int(KEEP_FOR.total_seconds() // 3600)} hours.",
            hint="Upload the file again from the import page.",
        )
    options = _labelled(options, upload.name, dry_run=False)
    report = _import_bytes(uow, format, upload.name, upload.data, options)
    with uow:
        uow.uploads.remove(upload.token_hash, upload.user_id)
        uow.commit()
    return report


def _labelled(options: ImportOptions, label: str, *, dry_run: bool | None = None) -> ImportOptions:
    return replace(options, label=label, dry_run=options.dry_run if dry_run is None else dry_run)

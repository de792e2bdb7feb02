"""Backing up and restoring the whole database, exactly.

- **SQLite**: SQLite's online backup API copies the database page by page into a new
  file, consistent even while the app is writing; restoring copies it back the same way.
- **PostgreSQL**: ``pg_dump --format=custom`` when it is installed, restored with
  ``pg_restore --clean``; otherwise (or when ``pg_dump`` cannot talk to the server) a
  JSON document of every table's rows (:data:`FORMAT`), restored in one transaction.

The JSON document also moves a database between SQLite and PostgreSQL.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Connection, Engine, LargeBinary, delete, func, insert, select, text
from sqlalchemy.types import JSON, Date

from allies.errors import ConfigurationError, ImportFormatError, NextStep
from allies.store import tables as t
from allies.store.migrate import current_revision, head_revision

__all__ = ["FORMAT", "BackupKind", "BackupResult", "backup_database", "restore_database", "sniff"]

FORMAT = "allies-database"
VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"

BackupKind = Literal["sqlite", "pg_dump", "json", "workspace-json"]


@dataclass(frozen=True)
class BackupResult:
    """What a backup or restore did: the method, the file, and a note for people."""

    kind: BackupKind
    path: Path
    note: str = ""


def _sqlite_path(engine: Engine) -> Path:
    database = engine.url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        raise ConfigurationError(
            "An in-memory SQLite database cannot be backed up or restored.",
            hint="Back up or restore a database kept in a file.",
        )
    return Path(database).expanduser().resolve()


def _libpq_url(engine: Engine) -> str:
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def sniff(path: Path) -> BackupKind:
    """What kind of backup ``path`` holds.

    Raises
    ------
    allies.errors.ImportFormatError
        When it is none of the kinds ``allies`` writes.
    """
    with path.open("rb") as stream:
        head = stream.read(4096)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "pg_dump"
    stripped = head.lstrip()
    if stripped.startswith(b"{"):
        if f'"{FORMAT}"'.encode() in head:
            return "json"
        return "workspace-json"
    raise ImportFormatError(
        "This is not a backup allies can restore (a SQLite file, a pg_dump archive or a "
        "JSON backup).",
        path=str(path),
    )


# -- backing up ----------------------------------------------------------------------------


def backup_database(engine: Engine, target: Path) -> BackupResult:
    """Write a backup of the whole database to ``target`` (replaced atomically).

    The backup is written to a temporary file in the same folder, flushed to the disk and
    only then renamed: a full disk or a folder that cannot be written leaves the previous
    backup as it was.

    Raises
    ------
    allies.errors.ConfigurationError
        When the file cannot be written (the message says why and what to do).
    """
    target = target.expanduser().resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return _backup(engine, target)
    except (OSError, sqlite3.Error) as error:
        reason = getattr(error, "strerror", None) or str(error)
        kept = " The previous backup is unchanged." if target.exists() else ""
        raise ConfigurationError(
            f"Could not write the backup {target}: {reason}.{kept}",
            hint="Free some space on the disk, or write the backup to a folder you can write to.",
        ) from None


def _backup(engine: Engine, target: Path) -> BackupResult:
    if engine.dialect.name == "sqlite":
        _sqlite_copy(_sqlite_path(engine), target)
        return BackupResult("sqlite", target, "SQLite online backup")
    pg_dump = shutil.which("pg_dump")
    note = "pg_dump is not installed"
    if pg_dump:
        partial = target.with_name(target.name + ".partial")
        done = subprocess.run(
            [pg_dump, "--format=custom", "--no-owner", "--no-privileges",
             f"--file={partial}", f"--dbname={_libpq_url(engine)}"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode == 0:
            os.replace(partial, target)
            return BackupResult("pg_dump", target, "pg_dump custom archive")
        partial.unlink(missing_ok=True)
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        note = f"pg_dump failed ({last})"
    with engine.connect() as connection:
        document = _dump(connection)
    _write_atomically(target, json.dumps(document, ensure_ascii=False).encode("utf-8"))
    return BackupResult("json", target, f"JSON backup of every table; {note}")


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy a SQLite database with the online backup API, then move it into place."""
    if not source.is_file():
        raise ConfigurationError(f"There is no database file at {source}.")
    handle, partial_name = tempfile.mkstemp(prefix=".allies-backup-", dir=target.parent)
    os.close(handle)
    partial = Path(partial_name)
    try:
        src, dst = sqlite3.connect(source), sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        _close_wal(partial)
        _fsync(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _close_wal(path: Path) -> None:
    """Fold a copy's write-ahead log into the file, so the copy is one file."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")


def _fsync(path: Path) -> None:
    with path.open("rb+") as stream:
        os.fsync(stream.fileno())


def _write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target``, flush it, then rename it."""
    handle, name = tempfile.mkstemp(prefix=".allies-backup-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(name, target)
    finally:
        Path(name).unlink(missing_ok=True)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$datetime": value.astimezone(UTC).isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode()}
    return value


def _dump(connection: Connection) -> dict[str, Any]:
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in t.metadata.sorted_tables:
        if table is t.record_changes:  # kept by triggers: a restore counts its own rows
            continue
        order = list(table.primary_key.columns) or list(table.columns)
        rows = connection.execute(select(table).order_by(*order)).mappings()
        tables[table.name] = [{k: _plain(v) for k, v in row.items()} for row in rows]
    return {
        "format": FORMAT,
        "version": VERSION,
        "revision": current_revision(connection.engine),
        "created": datetime.now(UTC).isoformat(),
        "tables": tables,
    }


# -- restoring -----------------------------------------------------------------------------


def restore_database(engine: Engine, source: Path) -> BackupResult:
    """Replace the whole database with the backup in ``source``.

    The engine's pooled connections are closed first; other processes using the database
    should be stopped while it runs.

    Raises
    ------
    allies.errors.ImportFormatError
        When the file is not a backup, or one this database cannot take.
    """
    source = source.expanduser().resolve()
    kind = sniff(source)
    engine.dispose()
    if kind == "workspace-json":
        return BackupResult(kind, source, "a workspace backup: restore it into a workspace")
    if kind == "sqlite":
        if engine.dialect.name != "sqlite":
            raise ImportFormatError(
                "This is a SQLite backup; the database is PostgreSQL.",
                path=str(source),
                hint="Export each workspace of the SQLite database as a JSON backup, and "
                "import those into this database.",
                next_step=NextStep("export", "backup"),
            )
        target = _sqlite_path(engine)
        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        return BackupResult(kind, source, "SQLite online backup restored")
    if kind == "pg_dump":
        if engine.dialect.name != "postgresql":
            raise ImportFormatError(
                "This is a pg_dump archive; the database is SQLite.", path=str(source)
            )
        pg_restore = shutil.which("pg_restore")
        if not pg_restore:
            raise ConfigurationError(
                "pg_restore is not installed.",
                hint="Install the PostgreSQL client tools (apt-get install postgresql-client).",
            )
        done = subprocess.run(
            [pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges",
             "--single-transaction", f"--dbname={_libpq_url(engine)}", str(source)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise ImportFormatError(f"pg_restore failed: {done.stderr.strip()}", path=str(source))
        return BackupResult(kind, source, "pg_restore")
    document = json.loads(source.read_bytes())
    _load(engine, document, source)
    return BackupResult(kind, source, "JSON backup of every table restored")


def _value(column: Any, value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1 and not isinstance(column.type, JSON):
        (key, inner), = value.items()  # fmt: skip
        if key == "$datetime":
            return datetime.fromisoformat(inner)
        if key == "$date":
            return date.fromisoformat(inner)
        if key == "$bytes":
            return base64.b64decode(inner)
    if isinstance(column.type, Date) and isinstance(value, str):
        return date.fromisoformat(value)
    if isinstance(column.type, LargeBinary) and isinstance(value, str):
        return base64.b64decode(value)
    return value


def _load(engine: Engine, document: dict[str, Any], source: Path) -> None:
    if document.get("format") != FORMAT or document.get("version") != VERSION:
        raise ImportFormatError("Not an allies database backup.", path=str(source))
    if document.get("revision") != head_revision():
        raise ImportFormatError(
            f"The backup is of schema revision {document.get('revision')}; this database is "
            f"at {head_revision()}.",
            path=str(source),
            hint="Restore it with the version of allies that wrote it, then upgrade.",
        )
    tables = document.get("tables") or {}
    with engine.begin() as connection:
        for table in reversed(t.metadata.sorted_tables):
            connection.execute(delete(table))
        for table in t.metadata.sorted_tables:
            if table is t.record_changes:  # the triggers count the rows restored
                continue
            rows = [
                {name: _value(table.c[name], value) for name, value in row.items()}
                for row in tables.get(table.name, [])
            ]
            if rows:
                connection.execute(insert(table), rows)
        if connection.dialect.name == "postgresql":
            for table in t.metadata.sorted_tables:
                if "id" in table.c and table.c.id.primary_key:
                    top = connection.scalar(select(func.max(table.c.id)))
                    connection.execute(
                        text("SELECT setval(pg_get_serial_sequence(:name, 'id'), :value, :used)"),
                        {"name": table.name, "value": top or 1, "used": top is not None},
                    )

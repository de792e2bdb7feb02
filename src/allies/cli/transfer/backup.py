"""``allies backup`` and ``allies restore``: the whole database, exactly."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from allies import bootstrap
from allies.cli.context import state
from allies.cli.output import say
from allies.services.transfer.backup import restore_workspace


def backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The backup file to write (replaced if there).")],
) -> None:
    """Back up the whole database: every workspace, user, note and the audit trail.

    SQLite is copied with its online backup API (safe while the app runs); PostgreSQL with
    pg_dump when it is installed, otherwise as a JSON document of every table.

    Example: allies backup ~/backups/allies-2026-03-01.backup
    """
    result = bootstrap.backup_database(state(ctx).settings, file)
    size = result.path.stat().st_size
    say(f"Backed up the database to {result.path} ({size:,} bytes; {result.note}).")


def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A file written by `allies backup`.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Replace the whole database with a backup (stop `allies serve` first).

    A workspace backup from `allies export backup` is restored into the (empty) workspace
    chosen with -w instead.

    Example: allies restore ~/backups/allies-2026-03-01.backup --yes
    """
    if not file.is_file():
        raise typer.BadParameter(f"There is no file {file}.", param_hint="FILE")
    cli = state(ctx)
    if bootstrap.backup_kind(file) == "workspace-json":
        report = restore_workspace(cli.uow(), file.read_bytes(), path=str(file))
        say(f"Restored {report.read} records into workspace {cli.settings.workspace!r}.")
        return
    if not yes:
        typer.confirm("Replace everything in the database with this backup?", abort=True)
    result = bootstrap.restore_database(cli.settings, file)
    say(f"Restored the database from {result.path} ({result.note}).")

"""``allies audit export|accounts``: the audit trail of a workspace's records, and of the
accounts, roles and tokens on the server."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path
from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.files import write_file
from allies.cli.output import Format, emit_rows, say
from allies.services.dates import parse_optional_date
from allies.services.team import account_trail, audit

app = typer.Typer(help="The audit trail: every change, who made it and when.", no_args_is_help=True)

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]


@app.command("export")
def audit_export(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The file to write.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or csv.")] = "json",
    since: Annotated[str | None, typer.Option(help="From this day on (ISO date).")] = None,
    until: Annotated[str | None, typer.Option(help="Before this day (ISO date).")] = None,
) -> None:
    """Export the workspace's audit trail, oldest first, as JSON or CSV.

    Example: allies audit export trail.csv --format csv --since 2026-01-01
    """
    start, end = parse_optional_date(since), parse_optional_date(until)
    data = audit.export_audit(
        state(ctx).uow(),
        fmt=fmt,
        since=datetime.combine(start, time(), UTC) if start else None,
        until=datetime.combine(end, time(), UTC) if end else None,
    )
    write_file(file, data)
    say(f"Wrote the audit trail to {file} ({len(data):,} bytes).")


@app.command("accounts")
def audit_accounts(
    ctx: typer.Context,
    user: Annotated[
        str | None, typer.Option("--user", help="Only changes by or about this user.")
    ] = None,
    workspace: Annotated[
        str | None, typer.Option("--in", help="Only changes concerning this workspace.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="From this day on (ISO date).")] = None,
    until: Annotated[str | None, typer.Option(help="Before this day (ISO date).")] = None,
    limit: Annotated[int, typer.Option(help="Show the latest so many (0: all).")] = 200,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """List changes to users, workspaces, roles and API tokens: who, when, what, oldest
    first (never a password or a token).

    Example: allies audit accounts --user bo --format json
    """
    start, end = parse_optional_date(since), parse_optional_date(until)
    rows = account_trail.account_changes(
        state(ctx).factory(),
        user=user,
        workspace=workspace,
        since=datetime.combine(start, time(), UTC) if start else None,
        until=datetime.combine(end, time(), UTC) if end else None,
        limit=limit or None,
    )
    columns = ["at", "summary"] if fmt is Format.TABLE else None
    emit_rows(rows, fmt, columns=columns, empty="No account changes recorded.")

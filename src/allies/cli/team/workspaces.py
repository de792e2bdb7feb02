"""``allies db`` and ``allies workspace``: looking after the store and its workspaces."""

from __future__ import annotations

from typing import Annotated

import typer

from allies import bootstrap
from allies.cli.context import state
from allies.cli.output import Format, bullet_lines, emit_rows, say
from allies.services.team import workspaces as admin

db_app = typer.Typer(help="The database: where it is and its schema version.", no_args_is_help=True)
workspace_app = typer.Typer(
    help="Workspaces: separate networks in one database.", no_args_is_help=True
)


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Apply any pending schema migrations (also done automatically on first use).

    Example: allies --db ~/team.sqlite3 db upgrade
    """
    revision = bootstrap.upgrade_database(state(ctx).settings)
    say(f"The database is at schema revision {revision}.")


@db_app.command("info")
def db_info(ctx: typer.Context) -> None:
    """Show which database is in use, its schema revision and its workspaces.

    Example: allies db info
    """
    info = bootstrap.database_info(state(ctx).settings)
    bullet_lines(
        [
            f"database:   {info.url}",
            f"revision:   {info.revision} (latest {info.head})",
            f"workspaces: {', '.join(info.workspaces) or 'none yet'}",
        ]
    )


@workspace_app.command("list")
def workspace_list(
    ctx: typer.Context,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
    ] = Format.TABLE,
) -> None:
    """List the workspaces in the database, with how many people each holds.

    Example: allies workspace list
    """
    emit_rows(admin.list_workspaces(state(ctx).factory()), fmt, empty="No workspaces yet.")

"""The ``allies`` command line: one sub-command per noun, thin over the services."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
import typer.core
from typer._click.core import Context as ClickContext

from allies.cli import agenda, demo, influence
from allies.cli.alliances import manage as alliance
from allies.cli.alliances import program as program_cli
from allies.cli.campaigns import manage as campaign_cli
from allies.cli.campaigns import plan as campaign_plan_cli  # noqa: F401  (adds plan, trades)
from allies.cli.context import CliState
from allies.cli.keep import cadences, favours, health, promises
from allies.cli.keep import log as routine
from allies.cli.network import notes as notes_cli
from allies.cli.network import people
from allies.cli.network import privacy as privacy_cli  # noqa: F401  (adds person history, export, erase)
from allies.cli.network import structure as network
from allies.cli.output import error_console
from allies.cli.serve import serve
from allies.cli.standing import assessment as assess_cli
from allies.cli.standing import goals as goals_cli
from allies.cli.standing import powerbase as standing_cli
from allies.cli.team import accounts as team_cli
from allies.cli.team import audit as audit_cli
from allies.cli.team import workspaces as admin
from allies.cli.transfer import backup as backup_cli
from allies.cli.transfer import exporting as export_cli
from allies.cli.transfer import importing as transfer_cli
from allies.config import sqlite_url
from allies.errors import AlliesError, ConfigurationError


class _AlliesGroup(typer.core.TyperGroup):
    """Turns every :class:`AlliesError` into a readable message and exit status 1: the
    message, its plain hint, then its next step as the command to type. A failure of the
    surroundings (a damaged, read-only, full or unreachable database, a disk error) is
    turned into one first, so it never shows as a traceback."""

    def invoke(self, ctx: ClickContext) -> Any:
        from allies.cli.hints import next_step_line  # the command line's own wording

        try:
            try:
                return super().invoke(ctx)
            except Exception as failure:
                problem = _environment(ctx, failure)
                if problem is None:
                    raise
                raise problem from None
        except AlliesError as exc:
            out = error_console()
            out.print(f"[bold red]Error:[/bold red] {exc.message}", markup=True, highlight=False)
            for line in (exc.hint, next_step_line(exc.next_step)):
                if line:
                    out.print(line, markup=False, highlight=False)
            raise typer.Exit(code=1) from None


def _environment(ctx: ClickContext, failure: Exception) -> ConfigurationError | None:
    """The failure of the database's surroundings (damaged, read-only, full, unreachable)
    or of the disk as an error in plain words; None when it is something else."""
    from allies.store.engine import environment_problem

    url: str | None = None
    if isinstance(ctx.obj, CliState):
        try:
            url = ctx.obj.settings.database_url
        except AlliesError:
            url = None
    return environment_problem(failure, url)


app = typer.Typer(
    cls=_AlliesGroup,
    name="allies",
    help="Build and keep the alliances that move your agenda.\n\n"
    "Start with `allies demo` to explore a sample organisation, or "
    '`allies person add "Your Name" --me` to begin your own network.',
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(help="Use this SQLite file (default: one in your data directory)."),
    ] = None,
    database_url: Annotated[
        str | None,
        typer.Option(help="SQLAlchemy URL, e.g. postgresql://host/db (or ALLIES_DATABASE_URL)."),
    ] = None,
    workspace: Annotated[
        str | None,
        typer.Option("--workspace", "-w", help="Which network to use (default: 'default')."),
    ] = None,
) -> None:
    """Global options shared by every command."""
    url = database_url or (sqlite_url(db) if db else None)
    ctx.obj = CliState(overrides={"database_url": url, "workspace": workspace})


app.add_typer(people.app, name="person")
app.add_typer(network.org_app, name="org")
app.add_typer(network.tie_app, name="tie")
app.command("observe")(network.observe)
app.command("influencers")(influence.influencers)
app.command("brokers")(influence.brokers)
app.command("path")(influence.path)
app.command("confidants")(influence.confidants)
app.command("communities")(influence.communities)
app.command("why")(influence.why)
app.command("log")(routine.log)
app.add_typer(favours.app, name="favour")
app.add_typer(favours.app, name="favor", hidden=True)
app.add_typer(promises.app, name="promise")
app.add_typer(cadences.app, name="cadence")
app.command("health")(health.health)
app.command("checkins")(health.checkins)
app.command("reliability")(health.reliability)
app.add_typer(agenda.today_app, name="today")
app.command("week")(agenda.week)
app.add_typer(alliance.app, name="alliance")
app.add_typer(campaign_cli.campaign_app, name="campaign")
app.add_typer(campaign_cli.stance_app, name="stance")
app.add_typer(export_cli.app, name="export")
app.add_typer(transfer_cli.import_app, name="import")
app.command("program")(program_cli.program)
app.command("powerbase")(standing_cli.powerbase)
app.add_typer(goals_cli.app, name="goal")
app.add_typer(assess_cli.app, name="assess")
app.command("report")(standing_cli.report)
app.add_typer(admin.db_app, name="db")
app.add_typer(admin.workspace_app, name="workspace")
app.command("demo")(demo.demo)
app.command("serve")(serve)
app.add_typer(team_cli.user_app, name="user")
app.add_typer(team_cli.token_app, name="token")
app.add_typer(notes_cli.app, name="note")
app.add_typer(audit_cli.app, name="audit")
app.command("backup")(backup_cli.backup)
app.command("restore")(backup_cli.restore)


def main() -> None:
    """Entry point of the ``allies`` console script."""
    app()

"""The ``allies`` command line: one sub-command per noun, thin over the services.

Each command's module is imported when that command runs (or its own help is asked for),
not when the program starts: a command pays only for the analyses and the store it uses,
and ``allies --help`` lists every command from the table below without importing any.
"""

from __future__ import annotations

from contextlib import suppress
from importlib import import_module
from pathlib import Path
from typing import Annotated, Any, NamedTuple

import typer
import typer.core
from typer._click.core import Command
from typer._click.core import Context as ClickContext

from allies.cli import start
from allies.cli.context import CliState
from allies.cli.output import error_console
from allies.config import sqlite_url
from allies.errors import AlliesError, ConfigurationError

try:  # common option values without loading Pydantic (Typer 0.29's internals)
    from allies.cli.coercion import install as install_quick_coercion
except ImportError:  # another Typer: its own coercion serves every value
    pass
else:
    install_quick_coercion()


class _Entry(NamedTuple):
    """Where a top-level command lives and what the list of commands says about it."""

    module: str  # imported on first use
    attribute: str  # a Typer app (a group of commands) or a command function
    summary: str  # the first paragraph of its help, as ``allies --help`` shows it
    hidden: bool = False
    extends: tuple[str, ...] = ()  # modules that add commands to the group when imported


#: Every top-level command, in the order ``allies --help`` lists them. A test checks each
#: summary against the command's own help, so the two cannot drift apart.
COMMANDS: dict[str, _Entry] = {
    "observe": _Entry(
        "allies.cli.network.structure",
        "observe",
        "Record evidence of influence seen in the room: A KIND B.",
    ),
    "influencers": _Entry(
        "allies.cli.influence",
        "influencers",
        "Who is listened to most, or who has the deciders' ear.",
    ),
    "brokers": _Entry(
        "allies.cli.influence",
        "brokers",
        "Who stands between others: betweenness, Burt's constraint and effective size.",
    ),
    "path": _Entry(
        "allies.cli.influence",
        "path",
        "The strongest warm-introduction path from you to someone, and alternatives.",
    ),
    "confidants": _Entry(
        "allies.cli.influence",
        "confidants",
        "Whom someone trusts, closest to you first: speak to someone they trust.",
    ),
    "communities": _Entry(
        "allies.cli.influence",
        "communities",
        "Groups of people who listen to each other more than to the rest (Louvain).",
    ),
    "why": _Entry(
        "allies.cli.influence",
        "why",
        "Why someone ranks where they do: who listens to them and on what evidence.",
    ),
    "log": _Entry("allies.cli.keep.log", "log", "Log an interaction with one or more people."),
    "health": _Entry(
        "allies.cli.keep.health",
        "health",
        "Relationship health, 0-100: recency, frequency, reciprocity, reliability and tone.",
    ),
    "checkins": _Entry(
        "allies.cli.keep.health",
        "checkins",
        "Check-ins due and overdue, with people and alliances, the most pressing first.",
    ),
    "reliability": _Entry(
        "allies.cli.keep.health",
        "reliability",
        "How reliably you keep your promises, and how reliably others keep theirs to you.",
    ),
    "week": _Entry(
        "allies.cli.agenda",
        "week",
        "The agenda for the next seven days, in priority order, with reasons.",
    ),
    "program": _Entry(
        "allies.cli.alliances.program",
        "program",
        "Five days of action: the cause, who is good at it, the agreement, the alliance made\n"
        "real, and your team. Each day asks a few questions and stores the answers as a goal,\n"
        "an alliance, its partners, agreement, duties and milestones, tags and promises.",
    ),
    "powerbase": _Entry(
        "allies.cli.standing.powerbase",
        "powerbase",
        "Your power base: findings with the people behind them and what to do, then your\n"
        "network by level, unit and organisation, the strength of your relationships, your\n"
        "reach, brokerage, sphere of influence, word kept and dependency risks.",
    ),
    "report": _Entry(
        "allies.cli.standing.powerbase",
        "report",
        "Write the power base, your goals and your self-assessment as one HTML file that\n"
        "opens anywhere and prints well.",
    ),
    "demo": _Entry(
        "allies.cli.demo",
        "demo",
        "Build a realistic demo organisation in a fresh workspace and say what to try.",
    ),
    "serve": _Entry(
        "allies.cli.serve",
        "serve",
        "Serve the web pages and the REST API (/api/v1) until Ctrl+C.",
    ),
    "backup": _Entry(
        "allies.cli.transfer.backup",
        "backup",
        "Back up the whole database: every workspace, user, note and the audit trail.",
    ),
    "restore": _Entry(
        "allies.cli.transfer.backup",
        "restore",
        "Replace the whole database with a backup (stop `allies serve` first).",
    ),
    "person": _Entry(
        "allies.cli.network.people",
        "app",
        "Add, show, list, edit, merge, split and remove the people in your network.",
        extends=("allies.cli.network.privacy",),
    ),
    "org": _Entry("allies.cli.network.structure", "org_app", "Organisations and their units."),
    "tie": _Entry(
        "allies.cli.network.structure",
        "tie_app",
        "Typed, directed, weighted ties between people: listens_to, trusts, reports_to, "
        "works_with, knows.",
    ),
    "favour": _Entry(
        "allies.cli.keep.favours", "app", "The favours ledger: what you gave and received."
    ),
    "favor": _Entry(
        "allies.cli.keep.favours",
        "app",
        "The favours ledger: what you gave and received.",
        hidden=True,
    ),
    "promise": _Entry(
        "allies.cli.keep.promises",
        "app",
        "Promises, yours and theirs: add, list, and mark done, broken or released.",
    ),
    "cadence": _Entry(
        "allies.cli.keep.cadences", "app", "How often to check in, per person, tag or tier."
    ),
    "today": _Entry(
        "allies.cli.agenda",
        "today_app",
        "Today's agenda in priority order, each line numbered, with its reason.",
    ),
    "alliance": _Entry(
        "allies.cli.alliances.manage",
        "app",
        "Alliances: partners, common goals, the agreement in four parts, duties, milestones, "
        "conflicts, status (forming, active, dormant, ended) and health.",
    ),
    "campaign": _Entry(
        "allies.cli.campaigns.manage",
        "campaign_app",
        "Campaigns: agendas to move, each with issues on 0-100 scales with labelled ends, my "
        "desired position, the deciders and the decision date.",
        extends=(
            "allies.cli.campaigns.plan",
            "allies.cli.team.campaign_coverage",
            "allies.cli.campaigns.consultations",
        ),
    ),
    "stance": _Entry(
        "allies.cli.campaigns.manage",
        "stance_app",
        "Stances: where a person stands on a campaign issue (position 0-100, salience 0-1, "
        "capability, confidence), kept as history.",
        extends=("allies.cli.campaigns.organisations",),  # stance org
    ),
    "export": _Entry(
        "allies.cli.transfer.exporting",
        "app",
        "Take your network out: people as CSV or vCard, the network as GraphML or GEXF "
        "(Gephi), check-ins and promises as iCalendar, or the whole workspace as a backup.",
    ),
    "import": _Entry(
        "allies.cli.transfer.importing",
        "import_app",
        "Bring your network in: address books, calendars, mail, spreadsheets, graph files and "
        "backups.",
    ),
    "goal": _Entry(
        "allies.cli.standing.goals",
        "app",
        "Goals: a desired future (a role, a programme, a result), the decisions and resources "
        "it needs and who holds them; the key people, the gaps and the next steps.",
    ),
    "assess": _Entry(
        "allies.cli.standing.assessment",
        "app",
        "Assess your political skill in four dimensions (networking ability, interpersonal "
        "influence, social astuteness, apparent sincerity; Ferris et al. 2005): 18 statements "
        "on a 7-point scale, scored with what each score means and what to practise. Every "
        "assessment is kept with its date, so the next one shows your progress.",
    ),
    "db": _Entry(
        "allies.cli.team.workspaces",
        "db_app",
        "The database: where it is and its schema version.",
    ),
    "workspace": _Entry(
        "allies.cli.team.workspaces",
        "workspace_app",
        "Workspaces: separate networks in one database.",
        extends=("allies.cli.team.accounts",),  # add, grant, revoke, members, join
    ),
    "user": _Entry(
        "allies.cli.team.accounts",
        "user_app",
        "Users of a team server: who can log in (allies serve --team).",
    ),
    "token": _Entry(
        "allies.cli.team.accounts",
        "token_app",
        "API tokens: let a program use /api/v1 as a user, in one workspace.",
    ),
    "note": _Entry(
        "allies.cli.network.notes",
        "app",
        "Notes about people: shared with the workspace, or private to you (--private).",
    ),
    "audit": _Entry(
        "allies.cli.team.audit", "app", "The audit trail: every change, who made it and when."
    ),
    "affiliation": _Entry(
        "allies.cli.network.affiliations",
        "affiliation_app",
        "Affiliations: the roles a person holds at organisations, from when to when.",
    ),
    "org-tie": _Entry(
        "allies.cli.network.affiliations",
        "org_tie_app",
        "Ties between organisations: member of, funds, partners with, competes with.",
    ),
    "survey": _Entry(
        "allies.cli.surveys",
        "app",
        "Network surveys: ask people whom they go to for advice, trust and follow, through "
        "personal expiring links; the answers become stated ties.",
    ),
    "team": _Entry(
        "allies.cli.team.team",
        "app",
        "The team: members as people, relationship owners, the team's best paths and a "
        "campaign's coverage.",
    ),
    "worker": _Entry(
        "allies.cli.worker",
        "worker",
        "Work the background jobs of a team server (PostgreSQL) until Ctrl+C.",
    ),
    "remind": _Entry(
        "allies.cli.reminders",
        "app",
        "Send today's digest of the agenda now, by e-mail and to the Apprise channel.",
    ),
    "account": _Entry(
        "allies.cli.sync.accounts",
        "account_app",
        "The mail (IMAP), calendar (CalDAV) and contacts (CardDAV) accounts allies syncs with.",
    ),
    "sync": _Entry(
        "allies.cli.sync.run",
        "sync",
        "Bring in what is new in your mail, calendar and contacts accounts.",
    ),
}


def load_command(name: str) -> Command:
    """Import the module of the top-level command ``name`` and build its click command,
    exactly as registering it on the main app would."""
    entry = COMMANDS[name]
    target = getattr(import_module(entry.module), entry.attribute)
    for module in entry.extends:
        import_module(module)
    holder = typer.Typer()
    holder.callback()(_no_options)  # a callback makes the holder a group, as the app is
    if isinstance(target, typer.Typer):
        holder.add_typer(target, name=name, hidden=entry.hidden)
    else:
        holder.command(name, hidden=entry.hidden)(target)
    group = typer.main.get_command(holder)
    assert isinstance(group, typer.core.TyperGroup)
    return group.commands[name]


def _no_options() -> None:
    """The holder's callback: it has no options of its own."""


class _AlliesGroup(typer.core.TyperGroup):
    """Turns every :class:`AlliesError` into a readable message and exit status 1: the
    message, its plain hint, then its next step as the command to type. A failure of the
    surroundings (a damaged, read-only, full or unreachable database, a disk error) is
    turned into one first, so it never shows as a traceback.

    Commands are looked up in :data:`COMMANDS` and built on first use; the list of
    commands (``allies --help``) is drawn from their summaries, without building any."""

    def list_commands(self, ctx: ClickContext) -> list[str]:
        return [*COMMANDS, *(name for name in self.commands if name not in COMMANDS)]

    def get_command(self, ctx: ClickContext, cmd_name: str) -> Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.commands[cmd_name] = load_command(cmd_name)
        return self.commands.get(cmd_name)

    def format_help(self, ctx: ClickContext, formatter: Any) -> None:
        """Print the list of commands (Rich draws it; click's formatter is not used)."""
        del formatter
        from allies.cli.help_page import print_top_help

        print_top_help(ctx, self._summaries(ctx))

    def _summaries(self, ctx: ClickContext) -> list[tuple[str, str]]:
        """Each listed command's name and summary, none of them built for it."""
        listed: list[tuple[str, str]] = []
        for name in self.list_commands(ctx):
            entry = COMMANDS.get(name)
            if entry is not None:
                if not entry.hidden:
                    listed.append((name, entry.summary))
                continue
            command = self.commands[name]
            if not command.hidden:
                listed.append((name, command.get_short_help_str(limit=300)))
        return listed

    def invoke(self, ctx: ClickContext) -> Any:
        from allies.cli.hints import next_step_line  # the command line's own wording

        try:
            try:
                answer = super().invoke(ctx)
                _after_change(ctx)
                return answer
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


def _after_change(ctx: ClickContext) -> None:
    """Once a command that changed records has succeeded, ask for the background work
    those records feed (:func:`allies.background.detached.ask_after_change`)."""
    from allies.background import changes

    state = ctx.obj
    if not changes.changed() or not isinstance(state, CliState):
        return
    changes.forget()
    from allies.background.detached import ask_after_change

    with suppress(AlliesError):  # the command succeeded: the background work is a bonus
        ask_after_change(state.settings, state.settings.workspace)


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
    as_member: Annotated[
        str | None,
        typer.Option(
            "--as",
            help="Work as this member of the workspace: 'me' is their person, "
            "and what you add is theirs.",
        ),
    ] = None,
) -> None:
    """Global options shared by every command."""
    from allies.background.changes import forget

    forget()  # what an earlier command of this process changed is not this one's
    url = database_url or (sqlite_url(db) if db else None)
    ctx.obj = CliState(overrides={"database_url": url, "workspace": workspace}, member=as_member)


def main() -> None:
    """Entry point of the ``allies`` console script."""
    start.loading()
    try:
        app()
    finally:
        start.leaving()

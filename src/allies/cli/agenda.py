"""``allies today`` and ``allies week``: the agenda, what needs you first and why; and
``allies today done|snooze|dismiss N`` to work through it line by line."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from allies.cli.agenda_lines import line_seen, shown_partly
from allies.cli.context import state
from allies.cli.kept_views import (
    ask,
    background_allowed,
    leave_to_background,
    note,
    seconds_for,
    waiting,
)
from allies.cli.output import Format, console, emit_rows, say
from allies.services.agenda import today as today_service
from allies.services.agenda import work
from allies.services.agenda.campaign_meetings import campaign_names, unplanned_campaigns
from allies.services.agenda.today import Agenda, AgendaItem
from allies.services.dates import parse_optional_date

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]
LineArg = Annotated[str, typer.Argument(help="The line's number on today's agenda (or its key).")]
WaitOpt = Annotated[
    bool, typer.Option("--wait", help="Plan the day's campaign meetings now if they are not.")
]

today_app = typer.Typer(invoke_without_command=True)


def log_command(item: AgendaItem) -> str | None:
    """The command that logs a meeting with the line's person, or None."""
    if item.person_id is None:
        return None
    name = item.who.replace("\\", "\\\\").replace('"', '\\"')
    return f'allies log "{name}"'


def _rows(plan: Agenda) -> list[dict[str, object]]:
    """The lines as records: ``rank`` is the line's number (``#`` in the table)."""
    return [
        {
            "#": i.rank,
            "rank": i.rank,
            "section": i.section,
            "who": i.who,
            "what": i.what,
            "why": i.why,
            "on": i.on,
            "person_id": i.person_id,
            "alliance_id": i.alliance_id,
            "promise_id": i.promise_id,
            "key": i.key,
            "log": log_command(i),
        }
        for i in plan.items
    ]


def _agenda(ctx: typer.Context, days: int, fmt: Format, title: str, wait: bool) -> None:
    cli = state(ctx)
    unplanned: list[int] | None = None  # not looked at
    if fmt is Format.TABLE and background_allowed(ctx, wait=wait):
        unplanned = unplanned_campaigns(cli.uow(), date.today())
    planning = unplanned if unplanned and leave_to_background(ctx) else []
    if planning:
        plan = today_service.agenda(cli.uow(), days=days, plan_campaigns=False)
        ask(ctx, "plans")
    else:  # planned now when not stored (a small network: a fraction of a second)
        with waiting("Planning the day's campaign meetings…", unless=unplanned == []):
            plan = today_service.agenda(cli.uow(), days=days)
    if days == 1:
        shown_partly(ctx, plan if planning else None)
    rows = _rows(plan)
    if fmt is not Format.TABLE:
        emit_rows([{k: v for k, v in row.items() if k != "#"} for row in rows], fmt)
        return
    heading = f"{title}, {plan.start:%a %d %b %Y}"
    if days > 1:
        heading += f" to {plan.end:%a %d %b}"
    emit_rows(
        rows,
        fmt,
        columns=["#", "section", "who", "what", "why"],
        title=heading,
        empty="Nothing needs you." if planning else "Nothing needs you. Enjoy the day.",
    )
    if planning:
        _planning_note(ctx, planning, days)
    if not rows or days > 1:
        return
    out = console()
    for item in plan.items:
        command = log_command(item)
        if command:
            out.print(f"{item.rank:>3}. log: {command}", markup=False, highlight=False)
    out.print(
        "Work through it: allies today done N · allies today snooze N --until DATE · "
        "allies today dismiss N --why TEXT",
        markup=False,
        highlight=False,
    )


def _planning_note(ctx: typer.Context, planning: list[int], days: int) -> None:
    names = ", ".join(campaign_names(state(ctx).uow(), planning))
    again = "allies today" if days == 1 else "allies week"
    note(
        f"The campaign meetings of {names} are being planned in the background and will "
        f"show here in about {seconds_for(ctx, 'plans')} seconds: run `{again}` again "
        "then. The numbers of the lines will move when they do, so list the agenda again "
        f"before `allies today done N`. Or wait for them now: `{again} --wait`."
    )


@today_app.callback()
def today(ctx: typer.Context, fmt: FormatOpt = Format.TABLE, wait: WaitOpt = False) -> None:
    """Today's agenda in priority order, each line numbered, with its reason.

    Steps for your goals and campaign meetings first, then overdue check-ins, promises
    due (yours first), alliance duties, cooling relationships with key people, favour
    imbalances, milestones to celebrate, open conflicts, then the routine check-ins that
    are due. Lines already done, snoozed or dismissed are left out. Work through it
    with `allies today done N`, `snooze N --until DATE` and `dismiss N --why TEXT`.

    On a large network the day's campaign meetings are planned in the background at
    the first look of the day (or after a campaign changes): until they are, the table
    shows every other line and says so. --wait plans them now. JSON and CSV always wait
    for them.

    Example: allies today
    """
    if ctx.invoked_subcommand is None:
        _agenda(ctx, 1, fmt, "Today", wait)


@today_app.command("done")
def today_done(ctx: typer.Context, line: LineArg) -> None:
    """Do line N: log the check-in, mark the promise kept, record the favour returned,
    mark the duty done, celebrate the milestone or resolve the conflict.

    Example: allies today done 3
    """
    handled = work.line_done(state(ctx).uow(), line_seen(ctx, line))
    say(f"Done: {handled.item.who} — {handled.item.what} ({handled.done}).")


@today_app.command("snooze")
def today_snooze(
    ctx: typer.Context,
    line: LineArg,
    until: Annotated[
        str | None, typer.Option(help="Until when: a date or 'next monday' (default tomorrow).")
    ] = None,
) -> None:
    """Hide line N until a day; it comes back that morning.

    Example: allies today snooze 2 --until "next monday"
    """
    until_day = parse_optional_date(until, field="until")
    handled = work.snooze_line(state(ctx).uow(), line_seen(ctx, line), until_day)
    say(f"Snoozed: {handled.item.who} — {handled.item.what} ({handled.done}).")


@today_app.command("dismiss")
def today_dismiss(
    ctx: typer.Context,
    line: LineArg,
    why: Annotated[str, typer.Option(help="Why it does not need you (kept with it).")] = "",
) -> None:
    """Take line N off the agenda for good, saying why.

    Example: allies today dismiss 4 --why "she left the company"
    """
    handled = work.dismiss_line(state(ctx).uow(), line_seen(ctx, line), why)
    say(f"Dismissed: {handled.item.who} — {handled.item.what}.")


def week(ctx: typer.Context, fmt: FormatOpt = Format.TABLE, wait: WaitOpt = False) -> None:
    """The agenda for the next seven days, in priority order, with reasons.

    On a large network the campaign meetings are planned in the background at the first
    look of the day; until they are, the table shows every other line and says so
    (--wait plans them now; JSON and CSV always wait for them).

    Example: allies week --format csv
    """
    _agenda(ctx, 7, fmt, "This week", wait)

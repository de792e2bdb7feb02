"""Keeping relationships alive: ``health``, ``checkins``, ``reliability``, ``today``, ``week``,
``export ics``, and ``cadence snooze``, ``favor nudges``, ``promise due|kept|late``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.keep.log import cadence_app, favor_app, promise_app
from allies.cli.output import Format, console, emit_record, emit_rows, say
from allies.services.agenda import calendar as exports
from allies.services.agenda import today as today_service
from allies.services.keep import checkins as checkin_service
from allies.services.keep import health as health_service
from allies.services.keep import ledger
from allies.services.keep import log as routine

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]

export_app = typer.Typer(help="Export to other tools: an iCalendar file.", no_args_is_help=True)


def health(
    ctx: typer.Context,
    person: Annotated[
        str | None, typer.Argument(help="One person, with each part explained (else everyone).")
    ] = None,
    top: Annotated[int | None, typer.Option(help="Only the first N.", min=1)] = None,
    cooling: Annotated[
        bool, typer.Option("--cooling", help="Only relationships that are cooling.")
    ] = False,
    weakest: Annotated[bool, typer.Option("--weakest", help="Weakest first.")] = False,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Relationship health, 0-100: recency, frequency, reciprocity, reliability and tone.

    Without a person, everyone, strongest first, with each part out of 100 and the trend
    over the last 90 days. With a person, why the score is what it is.

    Example: allies health "Bo Chen"   ·   allies health --cooling --weakest --top 10
    """
    uow = state(ctx).uow()
    if person is None:
        rows = health_service.health_list(uow, top=top, cooling_only=cooling, weakest_first=weakest)
        emit_rows(
            rows,
            fmt,
            columns=None
            if fmt is Format.JSON
            else [
                "name",
                "tier",
                "score",
                "recency",
                "frequency",
                "reciprocity",
                "reliability",
                "tone",
                "trend",
                "cooling",
                "why",
            ],
            empty="Nobody to show. Log meetings with `allies log`.",
        )
        return
    report = health_service.person_health(uow, person)
    if fmt is not Format.TABLE:
        emit_record(report, fmt)
        return
    out = console()
    out.print(f"[bold]{report.name}[/bold]: {report.score}/100", highlight=False)
    out.print(f"Cadence: {report.cadence}", highlight=False)
    emit_rows(report.parts, fmt, columns=["part", "value", "weight", "points", "why"])
    out.print(
        "Trend: " + ", ".join(f"{t.on.isoformat()} {t.score}" for t in report.trend),
        highlight=False,
    )
    if report.cooling:
        out.print("[yellow]Cooling:[/yellow] " + "; ".join(report.cooling_reasons))


def checkins(
    ctx: typer.Context,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue check-ins.")] = False,
    within: Annotated[
        int, typer.Option(help="Also those falling due in the next N days.", min=0)
    ] = 0,
    snoozed: Annotated[bool, typer.Option("--snoozed", help="Include snoozed ones.")] = False,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Check-ins due and overdue, with people and alliances, the most pressing first.

    A check-in is due once the ideal gap has passed since the last logged interaction and
    overdue once the maximum gap has. Cadences apply per person, then tag, then tier.

    Example: allies checkins --within 7
    """
    rows = checkin_service.check_ins(
        state(ctx).uow(), within_days=within, overdue_only=overdue, include_snoozed=snoozed
    )
    emit_rows(
        rows,
        fmt,
        columns=None
        if fmt is Format.JSON
        else ["who", "kind", "status", "due_on", "last_contact", "cadence", "reason"],
        empty="No check-ins due. Set cadences with `allies cadence set`.",
    )


@cadence_app.command("snooze")
def cadence_snooze(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Whose check-in to put off.")],
    until: Annotated[str, typer.Option(help="Until when: a date or 'in 2 weeks'.")],
) -> None:
    """Hide a person's check-in until a day (a tag or tier cadence is copied to them).

    Example: allies cadence snooze "Bo Chen" --until "in 2 weeks"
    """
    cadence = checkin_service.snooze(state(ctx).uow(), person, until)
    when = cadence.snoozed_until.isoformat() if cadence.snoozed_until else "?"
    say(f"Check-in with {person} snoozed until {when}.")


def reliability(ctx: typer.Context, fmt: FormatOpt = Format.TABLE) -> None:
    """How reliably you keep your promises, and how reliably others keep theirs to you.

    The estimate is a Beta(2, 1) posterior mean: kept counts 1, late 0.5, broken or
    overdue 0; released promises do not count, so two kept read as 80 %, not 100 %.

    Example: allies reliability
    """
    rows = ledger.reliability(state(ctx).uow())
    emit_rows(
        rows,
        fmt,
        columns=None
        if fmt is Format.JSON
        else [
            "who",
            "side",
            "kept",
            "late",
            "broken",
            "overdue",
            "open",
            "reliability",
            "plain_rate",
        ],
    )


@favor_app.command("nudges")
def favor_nudges(
    ctx: typer.Context,
    threshold: Annotated[
        int, typer.Option(help="Units taken beyond those given before a nudge.", min=1)
    ] = 3,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """People you have taken more from than you gave, with what they value.

    Example: allies favor nudges --threshold 3
    """
    rows = ledger.nudges(state(ctx).uow(), threshold=threshold)
    emit_rows(
        rows,
        fmt,
        columns=None
        if fmt is Format.JSON
        else ["name", "given", "received", "balance", "last_received", "suggestion"],
        empty="No imbalances: you give as much as you take.",
    )


@promise_app.command("due")
def promise_due(
    ctx: typer.Context,
    within: Annotated[int, typer.Option(help="Due within N days (and overdue).", min=0)] = 7,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Open promises on both sides, overdue or due soon; yours first.

    Example: allies promise due --within 14
    """
    rows = ledger.due_promises(state(ctx).uow(), within_days=within)
    emit_rows(
        rows,
        fmt,
        columns=None
        if fmt is Format.JSON
        else ["id", "promiser", "promisee", "description", "due_on", "days_left"],
        empty="No promises due soon.",
    )


@promise_app.command("kept")
def promise_kept(
    ctx: typer.Context,
    promise_id: Annotated[int, typer.Argument(help="The promise's id.")],
    on: Annotated[str, typer.Option(help="When it was kept.")] = "today",
) -> None:
    """Mark a promise kept (on time).

    Example: allies promise kept 7 --on yesterday
    """
    promise = routine.settle_promise(state(ctx).uow(), promise_id, "kept", on=on)
    say(f"Promise #{promise.id} is now {promise.status.value}.")


@promise_app.command("late")
def promise_late(
    ctx: typer.Context,
    promise_id: Annotated[int, typer.Argument(help="The promise's id.")],
    on: Annotated[str, typer.Option(help="When it was kept.")] = "today",
) -> None:
    """Mark a promise kept, but late.

    Example: allies promise late 7
    """
    promise = routine.settle_promise(state(ctx).uow(), promise_id, "late", on=on)
    say(f"Promise #{promise.id} is now {promise.status.value}.")


def _agenda(ctx: typer.Context, days: int, fmt: Format, title: str) -> None:
    agenda = today_service.agenda(state(ctx).uow(), days=days)
    if fmt is Format.JSON:
        emit_rows(agenda.items, fmt)
        return
    heading = f"{title}, {agenda.start:%a %d %b %Y}"
    if days > 1:
        heading += f" to {agenda.end:%a %d %b}"
    emit_rows(
        agenda.items,
        fmt,
        columns=["rank", "section", "who", "what", "why"],
        title=heading if fmt is Format.TABLE else None,
        empty="Nothing needs you. Enjoy the day.",
    )


def today(ctx: typer.Context, fmt: FormatOpt = Format.TABLE) -> None:
    """Today's agenda in priority order, each line with its reason.

    Overdue check-ins, promises due (yours first), alliance duties, cooling relationships
    with key people, favour imbalances, milestones to celebrate, open conflicts, then
    check-ins that are due.

    Example: allies today
    """
    _agenda(ctx, 1, fmt, "Today")


def week(ctx: typer.Context, fmt: FormatOpt = Format.TABLE) -> None:
    """The agenda for the next seven days, in priority order, with reasons.

    Example: allies week --format csv
    """
    _agenda(ctx, 7, fmt, "This week")


@export_app.command("ics")
def export_ics(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Where to write the .ics file ('-': stdout).")],
) -> None:
    """Write check-ins and promise deadlines as an iCalendar file.

    Example: allies export ics ~/allies.ics
    """
    data = exports.export_calendar(state(ctx).uow())
    if str(file) == "-":
        typer.echo(data.decode("utf-8"), nl=False)
        return
    file.write_bytes(data)
    count = data.count(b"BEGIN:VEVENT")
    say(f"Wrote {count} event{'s' if count != 1 else ''} to {file}.")

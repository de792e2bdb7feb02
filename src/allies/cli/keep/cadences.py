"""``allies cadence``: how often to check in with a person, a tag or a tier, and snoozing."""

from __future__ import annotations

from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.output import Format, emit_rows, say
from allies.services.dates import parse_date
from allies.services.keep import checkins as checkin_service
from allies.services.keep import log as routine
from allies.services.keep import records

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]

app = typer.Typer(help="How often to check in, per person, tag or tier.", no_args_is_help=True)


@app.command("set")
def cadence_set(
    ctx: typer.Context,
    person: Annotated[str | None, typer.Argument(help="A person (or use --tag / --tier).")] = None,
    every: Annotated[int, typer.Option(help="Ideal days between check-ins.", min=1)] = 30,
    max_gap: Annotated[
        int | None, typer.Option("--max", help="Longest acceptable gap (default 2× --every).")
    ] = None,
    tag: Annotated[str | None, typer.Option(help="Everyone with this tag.")] = None,
    tier: Annotated[
        str | None, typer.Option(help="Everyone in this tier: inner, key, network.")
    ] = None,
) -> None:
    """Set how often to check in. Any logged interaction resets the clock.

    Example: allies cadence set "Bo Chen" --every 14 --max 30
    """
    cadence = routine.set_cadence(
        state(ctx).uow(), ideal_days=every, max_days=max_gap, person=person, tag=tag, tier=tier
    )
    target = person or (f"tag {tag}" if tag else f"tier {tier}")
    say(f"Check in with {target} every {cadence.ideal_days} days (at most {cadence.max_days}).")


@app.command("list")
def cadence_list(ctx: typer.Context, fmt: FormatOpt = Format.TABLE) -> None:
    """List cadences.

    Example: allies cadence list
    """
    rows = [
        {
            "applies_to": label,
            "ideal_days": c.ideal_days,
            "max_days": c.max_days,
            "snoozed_until": c.snoozed_until,
        }
        for label, c in records.list_cadences(state(ctx).uow())
    ]
    emit_rows(rows, fmt, empty="No cadences yet. Set one with `allies cadence set`.")


@app.command("snooze")
def cadence_snooze(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Whose check-in to put off.")],
    until: Annotated[str, typer.Option(help="Until when: a date or 'in 2 weeks'.")],
) -> None:
    """Hide a person's check-in until a day (a tag or tier cadence is copied to them).

    Example: allies cadence snooze "Bo Chen" --until "in 2 weeks"
    """
    cadence = checkin_service.snooze(state(ctx).uow(), person, parse_date(until, field="until"))
    when = cadence.snoozed_until.isoformat() if cadence.snoozed_until else "?"
    say(f"Check-in with {person} snoozed until {when}.")

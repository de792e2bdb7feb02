"""``allies today`` and ``allies week``: the agenda, what needs you first and why."""

from __future__ import annotations

from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.output import Format, emit_rows
from allies.services.agenda import today as today_service

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]


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

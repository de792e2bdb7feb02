"""``allies health``, ``allies checkins`` and ``allies reliability``: how each relationship is
doing, whose turn it is to be seen, and who keeps their word."""

from __future__ import annotations

from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.output import TABLE_ROWS, Format, ShowAllOpt, console, emit_record, emit_rows
from allies.services.keep import checkins as checkin_service
from allies.services.keep import health as health_service
from allies.services.keep import ledger
from allies.services.keep.health_board import health_board
from allies.services.ports import UnitOfWork

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]


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
    show_all: ShowAllOpt = False,
) -> None:
    """Relationship health, 0-100: recency, frequency, reciprocity, reliability and tone.

    Without a person, everyone, strongest first, with each part out of 100 and the trend
    over the last 90 days (a table shows the first 50; --all shows every one). With a
    person, why the score is what it is.

    Example: allies health "Bo Chen"   ·   allies health --cooling --weakest --top 10
    """
    uow = state(ctx).uow()
    if person is None:
        _health_list(uow, top=top, cooling=cooling, weakest=weakest, fmt=fmt, show_all=show_all)
        return
    report = health_service.person_health(uow, person)
    if fmt is not Format.TABLE:
        emit_record(report, fmt)
        return
    out = console()
    score = health_service.NOT_ENOUGH_EVIDENCE if report.score is None else f"{report.score}/100"
    out.print(f"[bold]{report.name}[/bold]: {score}", highlight=False)
    out.print(f"Cadence: {report.cadence}", highlight=False)
    emit_rows(report.parts, fmt, columns=["part", "value", "weight", "points", "why"])
    out.print(
        "Trend: "
        + ", ".join(
            f"{t.on.isoformat()} {'–' if t.score is None else t.score}" for t in report.trend
        ),
        highlight=False,
    )
    if report.cooling:
        out.print("[yellow]Cooling:[/yellow] " + "; ".join(report.cooling_reasons))


HEALTH_COLUMNS = [
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
]


def _health_list(
    uow: UnitOfWork, *, top: int | None, cooling: bool, weakest: bool, fmt: Format, show_all: bool
) -> None:
    """Everyone's health: a page of :data:`TABLE_ROWS` in a table unless ``show_all`` (only
    that page is put into words), every row in JSON and CSV."""
    empty = "Nobody to show. Log meetings with `allies log`."
    paged = fmt is Format.TABLE and not show_all and (top is None or top > TABLE_ROWS)
    if not paged:
        rows = health_service.health_list(uow, top=top, cooling_only=cooling, weakest_first=weakest)
        columns = None if fmt is Format.JSON else HEALTH_COLUMNS
        emit_rows(rows, fmt, columns=columns, empty=empty)
        return
    page = health_board(uow, cooling_only=cooling, weakest_first=weakest, limit=TABLE_ROWS).page
    emit_rows(page.items, fmt, columns=HEALTH_COLUMNS, empty=empty)
    total = min(page.total, top) if top else page.total
    if total > len(page.items):
        console().print(
            f"Showing the first {len(page.items)} of {total:,}. "
            "Add --all to see every one, or narrow the list (see --help).",
            highlight=False,
        )


def checkins(
    ctx: typer.Context,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue check-ins.")] = False,
    within: Annotated[
        int, typer.Option(help="Also those falling due in the next N days.", min=0)
    ] = 0,
    snoozed: Annotated[bool, typer.Option("--snoozed", help="Include snoozed ones.")] = False,
    fmt: FormatOpt = Format.TABLE,
    show_all: ShowAllOpt = False,
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
        show_all=show_all,
    )


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

"""``allies favour``: the favours ledger, what you gave and received, and where to give back.

``allies favor`` is the same group under its American spelling, kept as a hidden alias.
"""

from __future__ import annotations

from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.keep.log import OnOpt
from allies.cli.output import Format, ShowAllOpt, emit_rows, say
from allies.services.dates import parse_date
from allies.services.keep import ledger
from allies.services.keep import log as routine

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]

app = typer.Typer(help="The favours ledger: what you gave and received.", no_args_is_help=True)


def _favour(ctx: typer.Context, person: str, direction: str, what: str, size: str, on: str) -> None:
    favour = routine.record_favour(
        state(ctx).uow(), person, direction, what, size=size, on=parse_date(on, field="on")
    )
    verb = "gave" if direction == "given" else "received"
    say(f"Noted: you {verb} a {favour.size.value} favour ({favour.description}) (#{favour.id}).")


@app.command("give")
def favour_give(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Who you did it for.")],
    what: Annotated[str, typer.Argument(help="What you did.")],
    size: Annotated[str, typer.Option(help="small, medium or large.")] = "small",
    on: OnOpt = "today",
) -> None:
    """Record a favour you did for someone.

    Example: allies favour give "Bo Chen" "reviewed the budget draft" --size medium
    """
    _favour(ctx, person, "given", what, size, on)


@app.command("receive")
def favour_receive(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Who did it for you.")],
    what: Annotated[str, typer.Argument(help="What they did.")],
    size: Annotated[str, typer.Option(help="small, medium or large.")] = "small",
    on: OnOpt = "today",
) -> None:
    """Record a favour someone did for you.

    Example: allies favour receive "Ann Lee" "introduced me to the CFO" --size large
    """
    _favour(ctx, person, "received", what, size, on)


@app.command("list")
def favour_list(
    ctx: typer.Context, fmt: FormatOpt = Format.TABLE, show_all: ShowAllOpt = False
) -> None:
    """The balance of favours per person (small 1, medium 3, large 9; a table shows the
    first 50, --all every one).

    Example: allies favour list
    """
    rows = ledger.favour_balances(state(ctx).uow())
    data = [
        {"person": r.name, "given": r.given, "received": r.received, "balance": r.balance}
        for r in rows
    ]
    emit_rows(
        data,
        fmt,
        empty="No favours yet. Record one with `allies favour give`.",
        show_all=show_all,
    )


@app.command("nudges")
def favour_nudges(
    ctx: typer.Context,
    threshold: Annotated[
        int, typer.Option(help="Units taken beyond those given before a nudge.", min=1)
    ] = 3,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """People you have taken more from than you gave, with what they value.

    Example: allies favour nudges --threshold 3
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

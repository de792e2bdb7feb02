"""``allies promise``: promises, yours and theirs, from the day they are made to the day they
are kept, broken or released, and those falling due."""

from __future__ import annotations

from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.keep.log import OnOpt
from allies.cli.output import Format, ShowAllOpt, emit_rows, say
from allies.services.dates import parse_date, parse_optional_date
from allies.services.keep import ledger
from allies.services.keep import log as routine

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]
PromiseId = Annotated[int, typer.Argument(help="The promise's id.")]
KeptOn = Annotated[str, typer.Option(help="When it was kept.")]

app = typer.Typer(
    help="Promises, yours and theirs: add, list, and mark done, broken or released.",
    no_args_is_help=True,
)


@app.command("add")
def promise_add(
    ctx: typer.Context,
    what: Annotated[str, typer.Argument(help="What was promised.")],
    to: Annotated[str | None, typer.Option(help="Your promise to this person.")] = None,
    by: Annotated[str | None, typer.Option(help="This person's promise to you.")] = None,
    due: Annotated[str | None, typer.Option(help="By when: a date or 'next friday'.")] = None,
    on: Annotated[str, typer.Option(help="When it was made.")] = "today",
) -> None:
    """Record a promise: yours (--to) or someone's to you (--by).

    Example: allies promise add "send the cost model" --to "Bo Chen" --due "next friday"
    """
    promise = routine.make_promise(
        state(ctx).uow(),
        what,
        to=to,
        by=by,
        due=parse_optional_date(due, field="due"),
        made_on=parse_date(on, field="made_on"),
    )
    due_text = f", due {promise.due_on.isoformat()}" if promise.due_on else ""
    say(f"Promise #{promise.id} recorded{due_text}.")


@app.command("list")
def promise_list(
    ctx: typer.Context,
    status: Annotated[
        str, typer.Option(help="open, kept, late, broken, released or all.")
    ] = "open",
    person: Annotated[str | None, typer.Option(help="Only promises with this person.")] = None,
    fmt: FormatOpt = Format.TABLE,
    show_all: ShowAllOpt = False,
) -> None:
    """List promises, yours first, soonest due first (a table shows the first 50; --all
    every one).

    Example: allies promise list --status all --person "Bo Chen"
    """
    rows = ledger.list_promises(state(ctx).uow(), status=status, person=person)
    emit_rows(
        rows,
        fmt,
        columns=["id", "promiser", "promisee", "description", "due_on", "status", "overdue"]
        if fmt is Format.TABLE
        else None,
        empty="No promises here. Record one with `allies promise add`.",
        show_all=show_all,
    )


def _settle(ctx: typer.Context, promise_id: int, outcome: routine.PromiseOutcome, on: str) -> None:
    promise = routine.settle_promise(
        state(ctx).uow(), promise_id, outcome, on=parse_date(on, field="on")
    )
    say(f"Promise #{promise.id} is now {promise.status.value}.")


@app.command("done")
def promise_done(
    ctx: typer.Context,
    promise_id: PromiseId,
    on: OnOpt = "today",
) -> None:
    """Mark a promise kept (or late, when done after its due date).

    Example: allies promise done 7
    """
    _settle(ctx, promise_id, "done", on)


@app.command("broken")
def promise_broken(
    ctx: typer.Context,
    promise_id: PromiseId,
    on: OnOpt = "today",
) -> None:
    """Mark a promise broken.

    Example: allies promise broken 7
    """
    _settle(ctx, promise_id, "broken", on)


@app.command("release")
def promise_release(
    ctx: typer.Context,
    promise_id: PromiseId,
    on: OnOpt = "today",
) -> None:
    """Release a promise by agreement (it no longer counts for or against anyone).

    Example: allies promise release 7
    """
    _settle(ctx, promise_id, "release", on)


@app.command("due")
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


@app.command("kept")
def promise_kept(
    ctx: typer.Context,
    promise_id: PromiseId,
    on: KeptOn = "today",
) -> None:
    """Mark a promise kept (on time).

    Example: allies promise kept 7 --on yesterday
    """
    _settle(ctx, promise_id, "kept", on)


@app.command("late")
def promise_late(
    ctx: typer.Context,
    promise_id: PromiseId,
    on: KeptOn = "today",
) -> None:
    """Mark a promise kept, but late.

    Example: allies promise late 7
    """
    _settle(ctx, promise_id, "late", on)

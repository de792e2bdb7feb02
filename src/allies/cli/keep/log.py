"""``allies log``, ``favor``, ``promise`` and ``cadence``: the routine of relationships."""

from __future__ import annotations

from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.output import Format, emit_rows, say
from allies.services.keep import log as routine

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]
OnOpt = Annotated[str, typer.Option(help="When: a date or 'yesterday', '3 days ago'.")]

favor_app = typer.Typer(
    help="The favours ledger: what you gave and received.", no_args_is_help=True
)
promise_app = typer.Typer(
    help="Promises, yours and theirs: add, list, and mark done, broken or released.",
    no_args_is_help=True,
)
cadence_app = typer.Typer(
    help="How often to check in, per person, tag or tier.", no_args_is_help=True
)


def log(
    ctx: typer.Context,
    people: Annotated[list[str], typer.Argument(help="Who you met; commas or several names.")],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            "-k",
            help="one-on-one, group-meeting, call, message, social, introduction.",
        ),
    ] = "one_on_one",
    on: OnOpt = "today",
    tone: Annotated[int, typer.Option(help="How it went, -2 to +2.", min=-2, max=2)] = 0,
    summary: Annotated[
        str, typer.Option("--summary", "-m", help="One line on what happened.")
    ] = "",
    notes: Annotated[str, typer.Option(help="Longer notes.")] = "",
    initiated_by: Annotated[
        str | None, typer.Option(help="'me', 'them' or a participant's name.")
    ] = None,
) -> None:
    """Log an interaction with one or more people.

    Example: allies log "Ann Lee" "Bo Chen" --kind group-meeting --on yesterday -m "budget"
    """
    names = [part for item in people for part in item.split(",")]
    interaction = routine.log_interaction(
        state(ctx).uow(),
        names,
        kind=kind,
        on=on,
        tone=tone,
        summary=summary,
        notes=notes,
        initiated_by=initiated_by,
    )
    say(
        f"Logged {interaction.kind.value.replace('_', ' ')} on "
        f"{interaction.occurred_on.isoformat()} with {len(interaction.participant_ids)} "
        f"{'person' if len(interaction.participant_ids) == 1 else 'people'} (#{interaction.id})."
    )


def _favour(ctx: typer.Context, person: str, direction: str, what: str, size: str, on: str) -> None:
    favour = routine.record_favour(state(ctx).uow(), person, direction, what, size=size, on=on)
    verb = "gave" if direction == "given" else "received"
    say(f"Noted: you {verb} a {favour.size.value} favour ({favour.description}) (#{favour.id}).")


@favor_app.command("give")
def favor_give(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Who you did it for.")],
    what: Annotated[str, typer.Argument(help="What you did.")],
    size: Annotated[str, typer.Option(help="small, medium or large.")] = "small",
    on: OnOpt = "today",
) -> None:
    """Record a favour you did for someone.

    Example: allies favor give "Bo Chen" "reviewed the budget draft" --size medium
    """
    _favour(ctx, person, "given", what, size, on)


@favor_app.command("receive")
def favor_receive(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Who did it for you.")],
    what: Annotated[str, typer.Argument(help="What they did.")],
    size: Annotated[str, typer.Option(help="small, medium or large.")] = "small",
    on: OnOpt = "today",
) -> None:
    """Record a favour someone did for you.

    Example: allies favor receive "Ann Lee" "introduced me to the CFO" --size large
    """
    _favour(ctx, person, "received", what, size, on)


@favor_app.command("list")
def favor_list(ctx: typer.Context, fmt: FormatOpt = Format.TABLE) -> None:
    """The balance of favours per person (small 1, medium 3, large 9).

    Example: allies favor list
    """
    rows = routine.favour_balances(state(ctx).uow())
    data = [
        {"person": r.name, "given": r.given, "received": r.received, "balance": r.balance}
        for r in rows
    ]
    emit_rows(data, fmt, empty="No favours yet. Record one with `allies favor give`.")


@promise_app.command("add")
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
    promise = routine.make_promise(state(ctx).uow(), what, to=to, by=by, due=due, made_on=on)
    due_text = f", due {promise.due_on.isoformat()}" if promise.due_on else ""
    say(f"Promise #{promise.id} recorded{due_text}.")


@promise_app.command("list")
def promise_list(
    ctx: typer.Context,
    status: Annotated[
        str, typer.Option(help="open, kept, late, broken, released or all.")
    ] = "open",
    person: Annotated[str | None, typer.Option(help="Only promises with this person.")] = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """List promises, yours first, soonest due first.

    Example: allies promise list --status all --person "Bo Chen"
    """
    rows = routine.list_promises(state(ctx).uow(), status=status, person=person)
    emit_rows(
        rows,
        fmt,
        columns=["id", "promiser", "promisee", "description", "due_on", "status", "overdue"]
        if fmt is Format.TABLE
        else None,
        empty="No promises here. Record one with `allies promise add`.",
    )


def _settle(ctx: typer.Context, promise_id: int, outcome: routine.PromiseOutcome, on: str) -> None:
    promise = routine.settle_promise(state(ctx).uow(), promise_id, outcome, on=on)
    say(f"Promise #{promise.id} is now {promise.status.value}.")


@promise_app.command("done")
def promise_done(
    ctx: typer.Context,
    promise_id: Annotated[int, typer.Argument(help="The promise's id.")],
    on: OnOpt = "today",
) -> None:
    """Mark a promise kept (or late, when done after its due date).

    Example: allies promise done 7
    """
    _settle(ctx, promise_id, "done", on)


@promise_app.command("broken")
def promise_broken(
    ctx: typer.Context,
    promise_id: Annotated[int, typer.Argument(help="The promise's id.")],
    on: OnOpt = "today",
) -> None:
    """Mark a promise broken.

    Example: allies promise broken 7
    """
    _settle(ctx, promise_id, "broken", on)


@promise_app.command("release")
def promise_release(
    ctx: typer.Context,
    promise_id: Annotated[int, typer.Argument(help="The promise's id.")],
    on: OnOpt = "today",
) -> None:
    """Release a promise by agreement (it no longer counts for or against anyone).

    Example: allies promise release 7
    """
    _settle(ctx, promise_id, "release", on)


@cadence_app.command("set")
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


@cadence_app.command("list")
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
        for label, c in routine.list_cadences(state(ctx).uow())
    ]
    emit_rows(rows, fmt, empty="No cadences yet. Set one with `allies cadence set`.")

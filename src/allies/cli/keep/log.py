"""``allies log``: record a meeting, call or message, the raw material of the routine."""

from __future__ import annotations

from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.output import say
from allies.services.dates import parse_past_date
from allies.services.keep import log as routine

OnOpt = Annotated[str, typer.Option(help="When: a date or 'yesterday', '3 days ago'.")]


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
        on=parse_past_date(on, field="on", what="a meeting you log"),
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

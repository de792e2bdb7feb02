"""``allies stance org``: where an organisation stands on a campaign issue, through the
person who speaks for it; the forecasts treat it as one actor."""

from __future__ import annotations

from typing import Annotated

import typer

from allies.cli.campaigns.stances import stance_app
from allies.cli.context import state
from allies.cli.output import say
from allies.services.campaigns.organisations import set_organisation_stance
from allies.services.dates import parse_optional_date


@stance_app.command("org")
def organisation_stance(
    ctx: typer.Context,
    campaign: Annotated[str, typer.Argument(help="The campaign: name, part of it, #id, 'active'.")],
    organisation: Annotated[str, typer.Argument(help="The organisation: name or #id.")],
    spokesperson: Annotated[str, typer.Argument(help="The person who speaks for it.")],
    position: Annotated[float, typer.Argument(help="0-100 on the issue's scale.")],
    issue: Annotated[str, typer.Option("--issue", help="The issue (omit with one issue).")] = "",
    salience: Annotated[float, typer.Option(help="How much it matters to them, 0-1.")] = 0.5,
    capability: Annotated[
        float | None,
        typer.Option(help="What it can bring to bear, 0-1 (omit: its strongest member's)."),
    ] = None,
    confidence: Annotated[float, typer.Option(help="How sure you are, 0-1.")] = 0.7,
    on: Annotated[str | None, typer.Option("--on", help="The day (default today).")] = None,
    note: Annotated[str, typer.Option("--note", help="Where it comes from.")] = "",
) -> None:
    """Record where an organisation stands, through its spokesperson: the forecasts count
    it as one actor, in place of its members' own stances.

    Example: allies stance org active "Hauliers Union" "Gus Hall" 80 --issue Zone
    """
    stored = set_organisation_stance(
        state(ctx).uow(),
        campaign,
        organisation,
        spokesperson,
        issue,
        position,
        salience=salience,
        capability=capability,
        confidence=confidence,
        on=parse_optional_date(on, field="on"),
        note=note,
    )
    say(f"Stance #{stored.id} recorded for {organisation} (position {stored.position:g}).")

"""``allies campaign consult`` and ``allies campaign log``: the consultation log of a
campaign — meetings about it, the issue, what was raised, the follow-ups."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from allies.cli.campaigns.manage import campaign_app
from allies.cli.context import state
from allies.cli.output import Format, emit_rows, say
from allies.services.campaigns.consultations import (
    consultation_csv,
    consultation_log,
    log_consultation,
    tag_interaction,
)
from allies.services.dates import parse_optional_date


@campaign_app.command("consult")
def consult(
    ctx: typer.Context,
    campaign: Annotated[str, typer.Argument(help="The campaign: name, part of it, #id, 'active'.")],
    people: Annotated[list[str], typer.Argument(help="Whom you consulted.")],
    issue: Annotated[str, typer.Option("--issue", help="The issue it was about.")] = "",
    on: Annotated[str | None, typer.Option("--on", help="The day (default today).")] = None,
    kind: Annotated[str, typer.Option("--kind", help="one_on_one, call, group_meeting ...")] = (
        "one_on_one"
    ),
    summary: Annotated[str, typer.Option("-m", "--summary", help="What it was.")] = "",
    raised: Annotated[str, typer.Option("--raised", help="The issues they raised.")] = "",
    follow_up: Annotated[str, typer.Option("--follow-up", help="The follow-ups agreed.")] = "",
    interaction: Annotated[
        int | None, typer.Option("--interaction", help="Tag this interaction already logged.")
    ] = None,
) -> None:
    """Log a consultation about a campaign (or tag an interaction already logged).

    Example: allies campaign consult active "Dee Moss" --issue Zone --raised "delivery vans"
    """
    if interaction is not None:
        tag_interaction(
            state(ctx).uow(),
            interaction,
            campaign,
            issue=issue,
            issues_raised=raised,
            follow_ups=follow_up,
        )
        say(f"Interaction #{interaction} is now in the consultation log.")
        return
    row = log_consultation(
        state(ctx).uow(),
        campaign,
        people,
        issue=issue,
        on=parse_optional_date(on, field="on"),
        kind=kind,
        summary=summary,
        issues_raised=raised,
        follow_ups=follow_up,
    )
    say(f"Logged consultation #{row.interaction_id} with {', '.join(row.people)}.")


@campaign_app.command("log")
def log(
    ctx: typer.Context,
    campaign: Annotated[str, typer.Argument(help="The campaign: name, part of it, #id, 'active'.")],
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
    ] = Format.TABLE,
) -> None:
    """The campaign's consultation log, oldest first: the whole team's.

    Example: allies campaign log active -f csv > consultations.csv
    """
    rows = consultation_log(state(ctx).uow(), campaign)
    if fmt is Format.CSV:
        sys.stdout.write(consultation_csv(rows))
        return
    emit_rows(
        [
            {
                "date": r.on.isoformat(),
                "kind": r.kind,
                "people": "; ".join(r.people),
                "issue": r.issue,
                "raised": r.issues_raised,
                "follow-ups": r.follow_ups,
            }
            for r in rows
        ],
        fmt,
        empty="No consultations logged for this campaign yet.",
    )

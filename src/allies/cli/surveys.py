"""``allies survey``: ask people themselves whom they go to, through personal links."""

from __future__ import annotations

from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.output import Format, bullet_lines, emit_rows, say
from allies.services.surveys.manage import create_survey, survey_status

app = typer.Typer(
    help="Network surveys: ask people whom they go to for advice, trust and follow, through "
    "personal expiring links; the answers become stated ties.",
    no_args_is_help=True,
)


@app.command("new")
def new(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="What the people are told it is for.")],
    people: Annotated[list[str], typer.Argument(help="Whom to ask (at least two).")],
    questions: Annotated[
        str, typer.Option("--questions", help="Comma-separated: advice, trust, lead.")
    ] = "advice,trust,lead",
    days: Annotated[int, typer.Option("--days", help="How many days the links work.")] = 14,
    base: Annotated[
        str, typer.Option("--base", help="The server's address, put before each link.")
    ] = "",
) -> None:
    """Create a survey and print one personal link per person to send them.

    Example: allies survey new "Depot project" Bo Cy Dee --base https://allies.example.org
    """
    status, links = create_survey(
        state(ctx).uow(),
        title,
        people,
        questions=[q.strip() for q in questions.split(",") if q.strip()],
        days=days,
    )
    say(f"Survey #{status.id}: {status.title}, open until {status.expires_on}.")
    for link in links:
        say(f"  {link.person}: {base.rstrip('/')}{link.path}")


@app.command("status")
def status(
    ctx: typer.Context,
    survey_id: Annotated[int, typer.Argument(help="The survey's id.")],
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
    ] = Format.TABLE,
) -> None:
    """Who has answered a survey, who has not yet (to remind), who withdrew.

    Example: allies survey status 1
    """
    found = survey_status(state(ctx).uow(), survey_id)
    rows = [{"person": i.person, "status": i.status} for i in found.invites]
    emit_rows(rows, fmt, empty="Nobody was asked.")
    if fmt is Format.TABLE:
        bullet_lines([f"{found.answered} of {len(found.invites)} answered."])

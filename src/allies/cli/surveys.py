"""``allies survey``: ask people themselves whom they go to, through personal links."""

from __future__ import annotations

from typing import Annotated

import typer

from allies.bootstrap import reminders_context
from allies.cli.context import state
from allies.cli.output import Format, bullet_lines, emit_rows, say
from allies.services.surveys.mailing import mail_links, require_mail_server
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
    send: Annotated[
        bool,
        typer.Option(
            "--send",
            help="E-mail each person their own link through the mail server of the "
            "reminders (allies remind setup).",
        ),
    ] = False,
    remind_after: Annotated[
        int | None,
        typer.Option(
            "--remind-after",
            help="With --send: remind those who have not answered after this many days.",
            min=1,
            max=60,
        ),
    ] = None,
) -> None:
    """Create a survey and print one personal link per person to send them (or, with
    --send, e-mail each their own).

    Example: allies survey new "Depot project" Bo Cy Dee --send --remind-after 3
    """
    rctx = reminders_context(state(ctx).settings) if send else None
    if rctx is not None:
        require_mail_server(rctx, state(ctx).uow())
    status, links = create_survey(
        state(ctx).uow(),
        title,
        people,
        questions=[q.strip() for q in questions.split(",") if q.strip()],
        days=days,
        remind_after_days=remind_after if send else None,
    )
    say(f"Survey #{status.id}: {status.title}, open until {status.expires_on}.")
    if rctx is None:
        for link in links:
            say(f"  {link.person}: {base.rstrip('/')}{link.path}")
        return
    report = mail_links(rctx, state(ctx).uow(), status.id)
    if report.sent:
        say(f"E-mailed their link to: {', '.join(report.sent)}.")
    if remind_after:
        say(f"Those who do not answer are reminded after {remind_after} days.")
    by_person = {link.person: link.path for link in links}
    for name, reason in report.failed:
        say(f"  {name} (not e-mailed: {reason}):")
        say(f"    {base.rstrip('/')}{by_person.get(name, '')}")


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
    rows = [{"person": i.person, "status": i.status, "e-mail": i.mail} for i in found.invites]
    emit_rows(rows, fmt, empty="Nobody was asked.")
    if fmt is Format.TABLE:
        bullet_lines([f"{found.answered} of {len(found.invites)} answered."])

"""``allies affiliation`` and ``allies org-tie``: organisations as actors — the roles people
hold at organisations over time, and how organisations stand to each other."""

from __future__ import annotations

from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.output import Format, emit_rows, say
from allies.services.dates import parse_date, parse_optional_date
from allies.services.network import affiliations as service

affiliation_app = typer.Typer(
    help="Affiliations: the roles a person holds at organisations, from when to when.",
    no_args_is_help=True,
)
org_tie_app = typer.Typer(
    help="Ties between organisations: member of, funds, partners with, competes with.",
    no_args_is_help=True,
)

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]
FromOpt = Annotated[str | None, typer.Option("--from", help="The day it started.")]
ToOpt = Annotated[str | None, typer.Option("--to", help="The day it ended (omit while it lasts).")]


@affiliation_app.command("add")
def add(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="The person: name, e-mail or id.")],
    organisation: Annotated[str, typer.Argument(help="The organisation: name or #id.")],
    role: Annotated[str, typer.Option("--role", help="Their role there.")] = "",
    started: FromOpt = None,
    ended: ToOpt = None,
    note: Annotated[str, typer.Option("--note", help="Anything worth keeping.")] = "",
) -> None:
    """Record a role a person holds (or held) at an organisation.

    Example: allies affiliation add "Maria Lopez" Chamber --role "Board member" --from 2024-01-01
    """
    row = service.add_affiliation(
        state(ctx).uow(),
        person,
        organisation,
        role=role,
        started_on=parse_optional_date(started, field="from"),
        ended_on=parse_optional_date(ended, field="to"),
        note=note,
    )
    say(f"Affiliation #{row.id}: {row.person}, {row.role or 'affiliated'} at {row.organisation}.")


@affiliation_app.command("end")
def end(
    ctx: typer.Context,
    affiliation_id: Annotated[int, typer.Argument(help="The affiliation's id.")],
    on: Annotated[str, typer.Option("--on", help="The day it ended.")] = "today",
) -> None:
    """Say an affiliation ended.

    Example: allies affiliation end 4 --on 2026-06-30
    """
    row = service.end_affiliation(state(ctx).uow(), affiliation_id, parse_date(on, field="on"))
    say(f"{row.person} left {row.organisation} on {row.ended_on}.")


@affiliation_app.command("list")
def list_(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="The person: name, e-mail or id.")],
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """A person's affiliations, the latest first, saying which hold today.

    Example: allies affiliation list "Maria Lopez"
    """
    rows = [
        {
            "id": r.id,
            "organisation": r.organisation,
            "role": r.role,
            "from": r.started_on.isoformat() if r.started_on else "",
            "to": r.ended_on.isoformat() if r.ended_on else "",
            "now": "yes" if r.current else "",
        }
        for r in service.affiliations_of(state(ctx).uow(), person)
    ]
    emit_rows(rows, fmt, empty="No affiliations recorded yet.")


@org_tie_app.command("add")
def tie_add(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="The first organisation.")],
    kind: Annotated[str, typer.Argument(help="member_of, funds, partners_with or competes_with.")],
    target: Annotated[str, typer.Argument(help="The second organisation.")],
    started: FromOpt = None,
    ended: ToOpt = None,
    note: Annotated[str, typer.Option("--note", help="Anything worth keeping.")] = "",
) -> None:
    """Record how one organisation stands to another.

    Example: allies org-tie add "Acme Foundation" funds "Clean Air Coalition"
    """
    row = service.add_organisation_tie(
        state(ctx).uow(),
        source,
        kind,
        target,
        started_on=parse_optional_date(started, field="from"),
        ended_on=parse_optional_date(ended, field="to"),
        note=note,
    )
    say(f"Tie #{row.id}: {row.statement}.")


@org_tie_app.command("list")
def tie_list(
    ctx: typer.Context,
    organisation: Annotated[
        str | None, typer.Argument(help="One organisation (omit: every tie).")
    ] = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """The ties between organisations.

    Example: allies org-tie list "Clean Air Coalition"
    """
    rows = [
        {"id": r.id, "tie": r.statement, "from": r.started_on or "", "to": r.ended_on or ""}
        for r in service.organisation_ties(state(ctx).uow(), organisation)
    ]
    emit_rows(rows, fmt, empty="No ties between organisations yet.")

"""``allies org``, ``allies tie`` and ``allies observe``: the shape of the network."""

from __future__ import annotations

from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.output import Format, ShowAllOpt, emit_rows, say
from allies.domain import ObservationKind, TieKind
from allies.services.dates import parse_date, parse_optional_date
from allies.services.network import structure as network

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]

org_app = typer.Typer(help="Organisations and their units.", no_args_is_help=True)
unit_app = typer.Typer(
    help="Units (departments, teams) inside organisations.", no_args_is_help=True
)
org_app.add_typer(unit_app, name="unit")
tie_app = typer.Typer(
    help="Typed, directed, weighted ties between people: "
    + ", ".join(k.value for k in TieKind)
    + ".\n\n'A listens_to B' means A takes B's lead.",
    no_args_is_help=True,
)


@org_app.command("add")
def org_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Organisation name.")],
    kind: Annotated[str, typer.Option(help="e.g. employer, partner, regulator.")] = "",
    notes: Annotated[str, typer.Option(help="Free notes.")] = "",
) -> None:
    """Add an organisation.

    Example: allies org add "City Council" --kind partner
    """
    organisation = network.add_organisation(state(ctx).uow(), name, kind=kind, notes=notes)
    say(f"Added organisation {organisation.name} (#{organisation.id}).")


@org_app.command("list")
def org_list(ctx: typer.Context, fmt: FormatOpt = Format.TABLE) -> None:
    """List organisations with their people and units.

    Example: allies org list --format csv
    """
    emit_rows(
        network.list_organisations(state(ctx).uow()),
        fmt,
        empty="No organisations yet. Add one with `allies org add NAME`.",
    )


@unit_app.command("add")
def unit_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Unit name.")],
    org: Annotated[str | None, typer.Option(help="The organisation it belongs to.")] = None,
    parent: Annotated[str | None, typer.Option(help="The unit it sits in.")] = None,
) -> None:
    """Add a unit.

    Example: allies org unit add Treasury --org Acme --parent Finance
    """
    unit = network.add_unit(state(ctx).uow(), name, organisation=org, parent=parent)
    say(f"Added unit {unit.name} (#{unit.id}).")


@tie_app.command("add")
def tie_add(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="Who the tie starts from.")],
    kind: Annotated[str, typer.Argument(help="listens_to, trusts, reports_to, works_with, knows.")],
    target: Annotated[str, typer.Argument(help="Who the tie points to.")],
    weight: Annotated[float, typer.Option(help="Strength, 0 to 1.")] = 0.5,
    confidence: Annotated[float, typer.Option(help="How sure you are, 0 to 1.")] = 1.0,
    origin: Annotated[str, typer.Option(help="stated, observed, imported, inferred.")] = "stated",
    valid_from: Annotated[str | None, typer.Option(help="From when it holds.")] = None,
    valid_to: Annotated[str | None, typer.Option(help="Until when it holds.")] = None,
    note: Annotated[str, typer.Option(help="Free note.")] = "",
) -> None:
    """Add a tie: SOURCE KIND TARGET.

    Example: allies tie add "Ann Lee" listens_to "Bo Chen" --weight 0.8
    """
    tie = network.add_tie(
        state(ctx).uow(),
        source,
        kind,
        target,
        weight=weight,
        confidence=confidence,
        origin=origin,
        valid_from=parse_optional_date(valid_from, field="valid_from"),
        valid_to=parse_optional_date(valid_to, field="valid_to"),
        note=note,
    )
    say(f"Added tie #{tie.id}: {source} {tie.kind.value} {target} (weight {tie.weight:g}).")


@tie_app.command("list")
def tie_list(
    ctx: typer.Context,
    person: Annotated[str | None, typer.Option(help="Only ties of this person.")] = None,
    kind: Annotated[str | None, typer.Option(help="Only ties of this kind.")] = None,
    fmt: FormatOpt = Format.TABLE,
    show_all: ShowAllOpt = False,
) -> None:
    """List ties (a table shows the first 50; --all for every one).

    Example: allies tie list --person "Bo Chen" --kind trusts
    """
    rows = network.list_ties(state(ctx).uow(), person=person, kind=kind)
    emit_rows(
        rows,
        fmt,
        columns=["id", "source", "kind", "target", "weight", "confidence", "origin"]
        if fmt is Format.TABLE
        else None,
        empty="No ties yet. Add one with `allies tie add A listens_to B`.",
        show_all=show_all,
    )


@tie_app.command("rm")
def tie_rm(
    ctx: typer.Context, tie_id: Annotated[int, typer.Argument(help="The tie's id.")]
) -> None:
    """Remove a tie by id (see `allies tie list`).

    Example: allies tie rm 12
    """
    tie = network.remove_tie(state(ctx).uow(), tie_id)
    say(f"Removed tie #{tie.id} ({tie.kind.value}).")


def observe(
    ctx: typer.Context,
    subject: Annotated[str, typer.Argument(help="Who did it (A).")],
    kind: Annotated[
        str,
        typer.Argument(help=", ".join(k.value.replace("_", "-") for k in ObservationKind) + "."),
    ],
    obj: Annotated[str, typer.Argument(metavar="OBJECT", help="Towards whom (B).")],
    on: Annotated[str, typer.Option(help="When: a date or 'yesterday', '3 days ago'.")] = "today",
    strength: Annotated[float, typer.Option(help="How clear the sign was, 0 to 1.")] = 1.0,
    context: Annotated[str, typer.Option(help="Where, e.g. 'budget review'.")] = "",
    note: Annotated[str, typer.Option(help="Free note.")] = "",
) -> None:
    """Record evidence of influence seen in the room: A KIND B.

    deferred-to: A deferred to B. eyes-went-to: when A asked, eyes went to B.
    has-ear-of: A has the ear of B. sought-advice-from, endorsed, opposed.

    Example: allies observe "Ann Lee" deferred-to "Bo Chen" --context "budget review"
    """
    observation = network.observe(
        state(ctx).uow(),
        subject,
        kind,
        obj,
        on=parse_date(on, field="on"),
        strength=strength,
        context=context,
        note=note,
    )
    say(
        f"Noted: {subject} {observation.kind.value.replace('_', ' ')} {obj} "
        f"on {observation.observed_on.isoformat()} (#{observation.id})."
    )

"""``allies alliance``: partnerships with their partners, agreement, duties, milestones and
conflicts, their status and their health."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from allies.cli.context import state
from allies.cli.output import Format, console, emit_record, emit_rows, say
from allies.services.alliances import manage as service
from allies.services.dates import parse_date, parse_optional_date

app = typer.Typer(
    help="Alliances: partners, common goals, the agreement in four parts, duties, "
    "milestones, conflicts, status (forming, active, dormant, ended) and health.\n\n"
    "Name an alliance by its name, a unique part of it, or its id (#3).",
    no_args_is_help=True,
)

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]
AllianceArg = Annotated[str, typer.Argument(help="The alliance: name, part of it, or #id.")]
OnOpt = Annotated[str, typer.Option(help="When: a date or 'yesterday'.")]


@app.command("new")
def new(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The alliance's name.")],
    purpose: Annotated[str, typer.Option(help="What it is for.")] = "",
    partner: Annotated[
        list[str] | None, typer.Option(help="A person partner; repeat for more.")
    ] = None,
    org: Annotated[
        list[str] | None, typer.Option(help="An organisation partner; repeat for more.")
    ] = None,
    goal: Annotated[list[str] | None, typer.Option(help="A common goal; repeat.")] = None,
    every: Annotated[int, typer.Option(help="Ideal days between check-ins.", min=1)] = 30,
    max_gap: Annotated[
        int | None, typer.Option("--max", help="Longest gap (default 2× --every).")
    ] = None,
) -> None:
    """Create an alliance (it starts as forming).

    Example: allies alliance new "Last-mile data" --org Portbridge --partner "Bo Chen"
    --goal "Cut failed deliveries by 15%"
    """
    alliance = service.create_alliance(
        state(ctx).uow(),
        name,
        purpose=purpose,
        people=partner or [],
        organisations=org or [],
        goals=goal or [],
        ideal_days=every,
        max_days=max_gap,
    )
    count = len(alliance.partners)
    say(f"Alliance #{alliance.id} {alliance.name} is forming, with {count} partners.")


@app.command("list")
def list_(ctx: typer.Context, fmt: FormatOpt = Format.TABLE) -> None:
    """List alliances with their status and health.

    Example: allies alliance list
    """
    emit_rows(
        service.list_alliances(state(ctx).uow()),
        fmt,
        empty='No alliances yet. Create one with `allies alliance new "NAME"`.',
    )


@app.command("show")
def show(ctx: typer.Context, alliance: AllianceArg, fmt: FormatOpt = Format.TABLE) -> None:
    """Show an alliance: partners, goals, agreement, duties, milestones, conflicts, health.

    Example: allies alliance show "Last-mile"
    """
    view = service.show_alliance(state(ctx).uow(), alliance)
    a = view.alliance
    record: dict[str, Any] = {
        "id": a.id,
        "name": a.name,
        "status": a.status,
        "purpose": a.purpose,
        "started_on": a.started_on,
        "health": round(view.health.score),
        "check_ins": f"every {a.checkin_ideal_days} days, at most {a.checkin_max_days}",
        "last_contact": view.last_contact,
        "goals": a.common_goals,
        "agreed": a.agreement.agreed,
        "written": a.agreement.written,
        "checked": a.agreement.checked,
        "divided": a.agreement.divided,
    }
    partners = [{"partner": name, "role": role} for name, role in view.partners]
    duties = [
        {"id": i, "what": what, "who": who, "due_on": due, "done_on": done}
        for i, what, who, due, done in view.duties
    ]
    health = [
        {
            "part": p.name,
            "value": round(100 * p.value),
            "points": round(p.points, 1),
            "why": p.detail,
        }
        for p in view.health.parts
    ]
    if fmt is Format.JSON:
        record |= {
            "partners": partners,
            "duties": duties,
            "milestones": a.milestones,
            "conflicts": a.conflicts,
            "health_parts": health,
        }
        emit_record(record, fmt)
        return
    emit_record(record, fmt, title=a.name)
    if fmt is Format.CSV:
        return
    emit_rows(partners, fmt, title="Partners", empty="No partners yet.")
    emit_rows(duties, fmt, title="Duties", empty="No duties yet.")
    emit_rows(
        a.milestones,
        fmt,
        title="Milestones",
        columns=["id", "title", "due_on", "reached_on", "celebrated_on"],
        empty="No milestones yet.",
    )
    emit_rows(
        a.conflicts,
        fmt,
        title="Conflicts",
        columns=["id", "title", "status", "opened_on", "resolved_on", "notes"],
        empty="No conflicts.",
    )
    emit_rows(health, fmt, title="Health")


@app.command("health")
def health(ctx: typer.Context, alliance: AllianceArg, fmt: FormatOpt = Format.TABLE) -> None:
    """An alliance's health (0-100) from its agreement, check-ins, delivery, conflicts and
    partners, each part explained.

    Example: allies alliance health "Last-mile"
    """
    view = service.show_alliance(state(ctx).uow(), alliance)
    rows = [
        {
            "part": p.name,
            "value": round(100 * p.value),
            "weight": round(100 * p.weight),
            "points": round(p.points, 1),
            "why": p.detail,
        }
        for p in view.health.parts
    ]
    if fmt is Format.TABLE:
        console().print(f"[bold]{view.alliance.name}[/bold]: {round(view.health.score)}/100")
    emit_rows(rows, fmt)


@app.command("partner")
def partner(
    ctx: typer.Context,
    alliance: AllianceArg,
    person: Annotated[str | None, typer.Option(help="A person partner.")] = None,
    org: Annotated[str | None, typer.Option(help="An organisation partner.")] = None,
    role: Annotated[str, typer.Option(help="What they bring.")] = "",
) -> None:
    """Add a partner: a person or an organisation.

    Example: allies alliance partner "Last-mile" --org Portbridge --role "driver scans"
    """
    service.add_partner(state(ctx).uow(), alliance, person=person, organisation=org, role=role)
    say(f"Added {person or org} to the alliance.")


@app.command("goal")
def goal(
    ctx: typer.Context,
    alliance: AllianceArg,
    text: Annotated[str, typer.Argument(help="The common goal.")],
) -> None:
    """Add a common goal.

    Example: allies alliance goal "Last-mile" "A tested case for a second region"
    """
    service.add_goal(state(ctx).uow(), alliance, text)
    say("Goal added.")


@app.command("agreement")
def agreement(
    ctx: typer.Context,
    alliance: AllianceArg,
    agreed: Annotated[str | None, typer.Option(help="What is agreed.")] = None,
    written: Annotated[str | None, typer.Option(help="Where it is written down.")] = None,
    checked: Annotated[str | None, typer.Option(help="How it is checked up on.")] = None,
    divided: Annotated[str | None, typer.Option(help="How work and credit are divided.")] = None,
) -> None:
    """Fill in the agreement's four parts (those not given stay as they are).

    Example: allies alliance agreement "Last-mile" --agreed "share daily outcomes"
    --written "memorandum" --checked "monthly review" --divided "we host, they clean"
    """
    stored = service.set_agreement(
        state(ctx).uow(), alliance, agreed=agreed, written=written, checked=checked, divided=divided
    )
    filled = round(4 * stored.agreement.completeness)
    say(f"Agreement of {stored.name}: {filled} of 4 parts filled in.")


@app.command("cadence")
def cadence(
    ctx: typer.Context,
    alliance: AllianceArg,
    every: Annotated[int, typer.Option(help="Ideal days between check-ins.", min=1)],
    max_gap: Annotated[
        int | None, typer.Option("--max", help="Longest gap (default 2× --every).")
    ] = None,
) -> None:
    """Set how often to check in with the alliance's partners.

    Example: allies alliance cadence "Last-mile" --every 14 --max 30
    """
    stored = service.set_checkin(state(ctx).uow(), alliance, every, max_gap)
    say(f"Check in every {stored.checkin_ideal_days} days (at most {stored.checkin_max_days}).")


@app.command("status")
def status(
    ctx: typer.Context,
    alliance: AllianceArg,
    new_status: Annotated[str, typer.Argument(help="forming, active, dormant or ended.")],
) -> None:
    """Move the alliance along: forming → active ⇄ dormant → ended.

    Example: allies alliance status "Last-mile" active
    """
    stored = service.move_status(state(ctx).uow(), alliance, new_status)
    say(f"{stored.name} is now {stored.status.value}.")


@app.command("duty")
def duty(
    ctx: typer.Context,
    alliance: AllianceArg,
    what: Annotated[str, typer.Argument(help="What is to be done.")],
    who: Annotated[str | None, typer.Option(help="Who does it.")] = None,
    due: Annotated[str | None, typer.Option(help="By when.")] = None,
) -> None:
    """Add a responsibility: who does what by when.

    Example: allies alliance duty "Last-mile" "Nightly export" --who "Bo Chen" --due "in 2 weeks"
    """
    stored = service.add_duty(
        state(ctx).uow(), alliance, what, who=who, due=parse_optional_date(due, field="due")
    )
    say(f"Duty #{stored.responsibilities[-1].id} added.")


@app.command("done")
def done(
    ctx: typer.Context,
    alliance: AllianceArg,
    duty_id: Annotated[int, typer.Argument(help="The duty's id (see `alliance show`).")],
    on: OnOpt = "today",
) -> None:
    """Mark a duty done.

    Example: allies alliance done "Last-mile" 4
    """
    service.duty_done(state(ctx).uow(), alliance, duty_id, on=parse_date(on, field="on"))
    say(f"Duty #{duty_id} done.")


@app.command("milestone")
def milestone(
    ctx: typer.Context,
    alliance: AllianceArg,
    title: Annotated[str, typer.Argument(help="The milestone.")],
    due: Annotated[str | None, typer.Option(help="When it is expected.")] = None,
) -> None:
    """Add a milestone; once reached, it waits on your agenda to be celebrated.

    Example: allies alliance milestone "Last-mile" "First dashboard live" --due 2026-03-01
    """
    stored = service.add_milestone(
        state(ctx).uow(), alliance, title, due=parse_optional_date(due, field="due")
    )
    say(f"Milestone #{stored.milestones[-1].id} added.")


@app.command("reached")
def reached(
    ctx: typer.Context,
    alliance: AllianceArg,
    milestone_id: Annotated[int, typer.Argument(help="The milestone's id.")],
    on: OnOpt = "today",
) -> None:
    """Mark a milestone reached (it then appears under 'celebrate' in `allies today`).

    Example: allies alliance reached "Last-mile" 2
    """
    service.mark_milestone(
        state(ctx).uow(), alliance, milestone_id, "reached", on=parse_date(on, field="on")
    )
    say(f"Milestone #{milestone_id} reached. Celebrate it with the partners!")


@app.command("celebrate")
def celebrate(
    ctx: typer.Context,
    alliance: AllianceArg,
    milestone_id: Annotated[int, typer.Argument(help="The milestone's id.")],
    on: OnOpt = "today",
) -> None:
    """Mark a milestone celebrated.

    Example: allies alliance celebrate "Last-mile" 2
    """
    service.mark_milestone(
        state(ctx).uow(), alliance, milestone_id, "celebrated", on=parse_date(on, field="on")
    )
    say(f"Milestone #{milestone_id} celebrated.")


@app.command("conflict")
def conflict(
    ctx: typer.Context,
    alliance: AllianceArg,
    title: Annotated[str, typer.Argument(help="What the disagreement is about.")],
    notes: Annotated[str, typer.Option(help="Notes.")] = "",
    on: OnOpt = "today",
) -> None:
    """Open a conflict between partners.

    Example: allies alliance conflict "Last-mile" "Who owns the customer data" --notes "legal"
    """
    stored = service.open_conflict(
        state(ctx).uow(), alliance, title, notes=notes, on=parse_date(on, field="on")
    )
    say(f"Conflict #{stored.conflicts[-1].id} opened.")


@app.command("discussed")
def discussed(
    ctx: typer.Context,
    alliance: AllianceArg,
    conflict_id: Annotated[int, typer.Argument(help="The conflict's id.")],
    note: Annotated[str, typer.Option(help="What was said.")] = "",
    on: OnOpt = "today",
) -> None:
    """Mark a conflict discussed, with a note.

    Example: allies alliance discussed "Last-mile" 1 --note "both legal teams met"
    """
    service.move_conflict(
        state(ctx).uow(),
        alliance,
        conflict_id,
        "discussed",
        note=note,
        on=parse_date(on, field="on"),
    )
    say(f"Conflict #{conflict_id} discussed.")


@app.command("resolved")
def resolved(
    ctx: typer.Context,
    alliance: AllianceArg,
    conflict_id: Annotated[int, typer.Argument(help="The conflict's id.")],
    note: Annotated[str, typer.Option(help="How it was resolved.")] = "",
    on: OnOpt = "today",
) -> None:
    """Mark a conflict resolved, with a note.

    Example: allies alliance resolved "Last-mile" 1 --note "shared ownership, annex updated"
    """
    service.move_conflict(
        state(ctx).uow(),
        alliance,
        conflict_id,
        "resolved",
        note=note,
        on=parse_date(on, field="on"),
    )
    say(f"Conflict #{conflict_id} resolved.")

"""``allies goal``: a desired future, what it needs, who holds it, and the way there."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape

from allies.cli.context import state
from allies.cli.output import Format, console, emit_record, emit_rows, say
from allies.services.dates import parse_optional_date
from allies.services.standing import goal_plan as plans
from allies.services.standing import goals as service

app = typer.Typer(
    help="Goals: a desired future (a role, a programme, a result), the decisions and "
    "resources it needs and who holds them; the key people, the gaps and the next steps.\n\n"
    "Name a goal by its title, a unique part of it, or its id (#2).",
    no_args_is_help=True,
)

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]
GoalArg = Annotated[str, typer.Argument(help="The goal: title, part of it, or #id.")]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="Weigh everything as on this day (default: today)."),
]


@app.command("new")
def new(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="The desired future, in a few words.")],
    description: Annotated[str, typer.Option(help="What it would mean, in a sentence.")] = "",
    target: Annotated[
        str | None, typer.Option(help="By when: a date or words like 'in 1 year'.")
    ] = None,
    decision: Annotated[
        list[str] | None,
        typer.Option(help="A decision it needs, as 'WHAT=HOLDER' (or just WHAT); repeat."),
    ] = None,
    resource: Annotated[
        list[str] | None,
        typer.Option(help="A resource it needs, as 'WHAT=HOLDER' (or just WHAT); repeat."),
    ] = None,
) -> None:
    """Record a goal, with the decisions and resources it needs when you know them.

    Example: allies goal new "Director role within a year" --target "in 1 year"
    --decision "Approve the role=Margaux Fontaine" --resource "Budget for a team=CFO"
    """
    needs = [_spec(text, "decision") for text in decision or []]
    needs += [_spec(text, "resource") for text in resource or []]
    goal = service.create_goal(
        state(ctx).uow(),
        title,
        description=description,
        target=parse_optional_date(target, field="target"),
        needs=needs,
    )
    say(f"Goal #{goal.id} {goal.title}, with {len(goal.needs)} needs.")
    if not goal.needs:
        say(f'Add what it needs: allies goal need "{goal.title}" "WHAT" --holder NAME')


def _spec(text: str, kind: str) -> service.NeedSpec:
    what, _, holder = text.partition("=")
    return service.NeedSpec(what.strip(), kind, holder.strip() or None)


@app.command("need")
def need(
    ctx: typer.Context,
    goal: GoalArg,
    what: Annotated[str, typer.Argument(help="The decision or resource, in a few words.")],
    holder: Annotated[str | None, typer.Option(help="Who decides it or holds it.")] = None,
    kind: Annotated[str, typer.Option(help="decision or resource.")] = "decision",
) -> None:
    """Add a decision or resource the goal needs, and who holds it.

    Example: allies goal need "Director" "Fund the team" --holder "Étienne" --kind resource
    """
    found = service.add_need(state(ctx).uow(), goal, what, kind=kind, holder=holder)
    say(f"{found.title} now needs {len(found.needs)} things.")


@app.command("status")
def status(
    ctx: typer.Context,
    goal: GoalArg,
    value: Annotated[str, typer.Argument(help="open, reached or dropped.")],
) -> None:
    """Mark a goal reached or dropped (or open again).

    Example: allies goal status "Director" reached
    """
    found = service.set_goal_status(state(ctx).uow(), goal, value)
    say(f"{found.title} is {found.status.value}.")


@app.command("list")
def list_(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Include reached and dropped.")] = False,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """List your goals with their holders, allies, gaps and next step.

    Example: allies goal list --all
    """
    rows = plans.list_goals(
        state(ctx).uow(),
        lens=state(ctx).lens(parse_optional_date(as_of, field="as-of")),
        include_closed=all_,
    )
    emit_rows(rows, fmt, empty='No goals yet. Add one with `allies goal new "TITLE"`.')


@app.command("show")
def show(
    ctx: typer.Context, goal: GoalArg, as_of: AsOfOpt = None, fmt: FormatOpt = Format.TABLE
) -> None:
    """Show a goal's plan: its needs and holders, the key people (deciders, those with
    their ear, gatekeepers) with your strength, the way to each and what to offer, the
    gaps and the next steps.

    Example: allies goal show "Director"
    """
    plan = plans.goal_plan(
        state(ctx).uow(),
        goal,
        lens=state(ctx).lens(parse_optional_date(as_of, field="as-of")),
    )
    if fmt is not Format.TABLE:
        if fmt is Format.JSON:
            emit_record(plan, fmt)
        else:
            emit_rows(_people(plan), fmt)
        return
    out = console()
    when = f", by {plan.target_on.isoformat()} ({plan.days_left} days)" if plan.target_on else ""
    out.print(f"[bold]{escape(plan.title)}[/bold] ({plan.status}{when})")
    if plan.description:
        out.print(escape(plan.description), style="dim")
    if plan.message:
        out.print(escape(plan.message))
    emit_rows(
        plan.needs,
        fmt,
        title="Needs",
        columns=["kind", "description", "holder", "strength", "band"],
        empty="No needs yet.",
    )
    emit_rows(_people(plan), fmt, title="Key people", empty="No key people yet.")
    out.print("[bold]Gaps[/bold]")
    for gap in plan.gaps or ["None: every key person is an ally."]:
        out.print(f"  - {escape(gap)}")
    out.print("[bold]Next steps[/bold]")
    for number, step in enumerate(plan.steps, start=1):
        out.print(f"  {number}. [bold]{escape(step.who)}[/bold]: {escape(step.what)}")
        out.print(f"     {escape(step.why)}", style="dim")
    out.print(plan.method, style="dim")


def _people(plan: plans.GoalPlan) -> list[dict[str, Any]]:
    return [
        {
            "name": k.name,
            "role": "; ".join(k.roles),
            "strength": k.strength,
            "band": k.band,
            "way": k.way,
            "offer": k.offer.suggestion,
        }
        for k in plan.key_people
    ]

"""``allies team``: the members of a workspace as people of its network, who owns which
relationship, who on the team has the best path to someone, and a campaign's coverage."""

from __future__ import annotations

from typing import Annotated

import typer

from allies.cli.context import state
from allies.cli.output import Format, bullet_lines, emit_record, emit_rows, say
from allies.domain.accounts import Actor
from allies.services.dates import parse_optional_date
from allies.services.team.assignments import assign_meeting, meeting_assignments, team_agenda
from allies.services.team.coverage import campaign_coverage, warmth_word
from allies.services.team.members import member_actor, set_owner, team_members
from allies.services.team.paths import team_paths

app = typer.Typer(
    help="The team: members as people, relationship owners, the team's best paths and a "
    "campaign's coverage.",
    no_args_is_help=True,
)

FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Weigh the evidence on this day (default today).")
]


def _actor(ctx: typer.Context) -> Actor | None:
    """The member of ``--as`` (``None``: the local user)."""
    cli = state(ctx)
    if cli.member is None:
        return None
    return member_actor(cli.factory(), cli.settings.workspace, cli.member)


@app.command("members")
def members(ctx: typer.Context, fmt: FormatOpt = Format.TABLE) -> None:
    """List the workspace's members, the person who is each and how many relationships
    each owns.

    Example: allies -w public-affairs team members
    """
    rows = [
        {"username": m.username, "role": m.role, "person": m.person, "owns": m.owns}
        for m in team_members(state(ctx).uow())
    ]
    emit_rows(rows, fmt, empty="Nobody belongs to this workspace yet.")


@app.command("owner")
def owner(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="The person: name, e-mail or id.")],
    username: Annotated[
        str | None, typer.Argument(help="The member who owns the relationship (omit: nobody).")
    ] = None,
) -> None:
    """Make a member the owner of the team's relationship with someone.

    Example: allies -w public-affairs team owner "Maria Lopez" bo
    """
    name, member = set_owner(state(ctx).uow(), person, username)
    say(f"{member} owns the relationship with {name}." if member else f"Nobody owns {name}.")


def show_team_paths(ctx: typer.Context, target: str, as_of: str | None, fmt: Format) -> None:
    """Print every member's strongest path to ``target``, best first."""
    cli = state(ctx)
    result = team_paths(
        cli.factory(),
        cli.settings.workspace,
        target,
        actor=_actor(ctx),
        lens=cli.lens(parse_optional_date(as_of, field="as-of")),
    )
    if fmt is Format.JSON:
        emit_record(result, fmt)
        return
    rows = [
        {
            "rank": m.position,
            "member": m.username,
            "person": m.person,
            "strength": round(m.strength, 3),
            "path": " → ".join(m.path.people) if m.path else m.note,
        }
        for m in result.members
    ]
    emit_rows(rows, fmt, empty=result.message or "Nobody belongs to this workspace yet.")
    if fmt is Format.TABLE and result.message:
        bullet_lines([result.message])


@app.command("path")
def path(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="Whom to reach: name, e-mail or id.")],
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Who on the team has the best path to someone: each member's strongest warm path,
    best first (the same as allies path NAME --team).

    Example: allies -w public-affairs team path "Maria Lopez"
    """
    show_team_paths(ctx, target, as_of, fmt)


def show_coverage(ctx: typer.Context, campaign: str, as_of: str | None, fmt: Format) -> None:
    """Print the coverage of ``campaign``: owner and warmth per person, gaps first."""
    cli = state(ctx)
    result = campaign_coverage(
        cli.factory(),
        cli.settings.workspace,
        campaign,
        actor=_actor(ctx),
        lens=cli.lens(parse_optional_date(as_of, field="as-of")),
    )
    if fmt is Format.JSON:
        emit_record(result, fmt)
        return
    rows = [
        {
            "person": r.person,
            "role": r.role,
            "owner": r.owner or "",
            "warmth": "" if r.warmth is None else f"{r.warmth:.2f} {warmth_word(r.warmth)}",
            "best placed": "" if r.best is None else f"{r.best} ({r.best_warmth or 0:.2f})",
            "gap": r.gap,
        }
        for r in result.rows
    ]
    emit_rows(rows, fmt, empty=f"{result.campaign} has no deciders or stances yet.")
    if fmt is Format.TABLE:
        bullet_lines([f"{len(result.gaps)} of {len(result.rows)} people are gaps."])


@app.command("coverage")
def coverage(
    ctx: typer.Context,
    campaign: Annotated[str, typer.Argument(help="The campaign: id, name or 'active'.")],
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """A campaign's coverage: for each decider and stakeholder, the member who owns the
    relationship, how warm it is, who is best placed, and the gaps first (the same as
    allies campaign coverage).

    Example: allies -w public-affairs team coverage active
    """
    show_coverage(ctx, campaign, as_of, fmt)


@app.command("assign")
def assign(
    ctx: typer.Context,
    campaign: Annotated[str, typer.Argument(help="The campaign: id, name or 'active'.")],
    person: Annotated[str, typer.Argument(help="Whom the plan's meeting is with.")],
    username: Annotated[
        str | None, typer.Argument(help="The member who takes it (omit: anyone again).")
    ] = None,
) -> None:
    """Give a campaign plan's meeting with someone to a member: it shows on their Today.

    Example: allies -w public-affairs team assign active "Maria Lopez" bo
    """
    done = assign_meeting(state(ctx).uow(), campaign, person, username)
    if done is None:
        say(f"The meeting with {person} is nobody's in particular again.")
    else:
        say(f"{done.username} takes the meeting with {done.person} for {done.campaign}.")


@app.command("assignments")
def assignments(
    ctx: typer.Context,
    campaign: Annotated[
        str | None, typer.Argument(help="One campaign (omit: every campaign).")
    ] = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """List the campaign meetings given to members.

    Example: allies -w public-affairs team assignments active
    """
    rows = [
        {"campaign": a.campaign, "person": a.person, "member": a.username}
        for a in meeting_assignments(state(ctx).uow(), campaign)
    ]
    emit_rows(rows, fmt, empty="No meeting is assigned to anyone yet.")


@app.command("agenda")
def team_today(
    ctx: typer.Context,
    week: Annotated[bool, typer.Option("--week", help="The coming seven days.")] = False,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Every member's Today side by side, each from their own perspective (owners only).

    Example: allies -w public-affairs --as ann team agenda
    """
    cli = state(ctx)
    found = team_agenda(
        cli.factory(), cli.settings.workspace, actor=_actor(ctx), days=7 if week else 1
    )
    rows = [
        {
            "member": m.username,
            "#": item.rank,
            "section": item.section,
            "who": item.who,
            "what": item.what,
            "on": item.on.isoformat() if item.on else "",
        }
        for m in found
        for item in m.agenda.items
    ]
    emit_rows(rows, fmt, empty="Nothing on anyone's agenda.")

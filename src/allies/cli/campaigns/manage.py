"""``allies campaign``: agendas to move, where people stand on them, and what the
decision will be.

``campaign_app`` holds ``new``, ``list``, ``show``, ``edit``, ``forecast`` and
``remove``; ``stance_app`` (``allies stance set|list|history``) comes from
:mod:`allies.cli.campaigns.stances` and is exported here too.
"""

from __future__ import annotations

from typing import Annotated

import typer

from allies.cli.campaigns.stances import (
    AsOfOpt,
    CampaignArg,
    FormatOpt,
    IssueOpt,
    issue_title,
    note,
    number,
    split_names,
    stance_app,
    stance_rows,
)
from allies.cli.context import state
from allies.cli.output import Format, console, emit_record, emit_rows, say
from allies.errors import InvalidInput
from allies.services.campaigns import editing as service
from allies.services.campaigns.forecast import forecast_campaign
from allies.services.campaigns.support import ON_BOARD
from allies.services.dates import parse_optional_date

__all__ = ["campaign_app", "stance_app"]

campaign_app = typer.Typer(
    help="Campaigns: agendas to move, each with issues on 0-100 scales with labelled ends, "
    "my desired position, the deciders and the decision date.\n\n"
    "Name a campaign by its name, a unique part of it, its id (#3), or 'active' for the "
    "active campaign decided soonest.",
    no_args_is_help=True,
)


@campaign_app.command("new")
def new(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The campaign's name.")],
    issue: Annotated[
        list[str] | None,
        typer.Option(
            help="An issue as 'NAME: LOW END .. HIGH END @ DESIRED'; repeat for more "
            "(default: one issue named after the campaign)."
        ),
    ] = None,
    decider: Annotated[
        list[str] | None, typer.Option(help="Who decides; repeat or separate by commas.")
    ] = None,
    decide_on: Annotated[
        str | None, typer.Option(help="When the decision falls: a date or 'in 6 weeks'.")
    ] = None,
    description: Annotated[str, typer.Option(help="What the campaign is for.")] = "",
) -> None:
    """Start a campaign with its issues, deciders and decision date.

    Example: allies campaign new "Analytics platform" --issue "Scope: own tools .. one
    platform @ 85" --issue "Funding: charged back .. central @ 70" --decider "Maria Lopez"
    --decide-on "in 8 weeks"
    """
    campaign = service.create_campaign(
        state(ctx).uow(),
        name,
        issues=issue or [],
        deciders=split_names(decider),
        decision_on=parse_optional_date(decide_on, field="decision_on"),
        description=description,
    )
    issues = ", ".join(f"{i.name} (want {i.desired_position:g})" for i in campaign.issues)
    say(f"Campaign #{campaign.id} {campaign.name}: {issues}.")


@campaign_app.command("list")
def list_(
    ctx: typer.Context,
    status: Annotated[
        str | None, typer.Option(help="Only these: active, won, lost or shelved.")
    ] = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """List campaigns, the soonest decision first.

    Example: allies campaign list --status active
    """
    emit_rows(
        service.list_campaigns(state(ctx).uow(), status=status),
        fmt,
        empty='No campaigns yet. Start one with `allies campaign new "NAME"`.',
    )


@campaign_app.command("show")
def show(
    ctx: typer.Context,
    campaign: CampaignArg = "active",
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Show a campaign: deciders, date, and each issue's stances against my position.

    Example: allies campaign show "Analytics platform" --as-of "2 weeks ago"
    """
    detail = service.campaign_detail(
        state(ctx).uow(),
        campaign,
        lens=state(ctx).lens(parse_optional_date(as_of, field="as-of")),
    )
    if fmt is Format.JSON:
        emit_record(detail, fmt)
        return
    if fmt is Format.CSV:
        emit_rows([row for t in detail.table.issues for row in t.rows], fmt)
        return
    s = detail.summary
    emit_record(
        {
            "campaign": f"#{s.id} {s.name}",
            "status": s.status,
            "decision_on": s.decision_on,
            "days_left": s.days_left,
            "deciders": s.deciders,
            "stakeholders": s.stakeholders,
            "on_board": f"{len(detail.table.on_board)} of {detail.table.stakeholders}",
            "description": detail.description,
        },
        fmt,
    )
    for table in detail.table.issues:
        emit_rows(
            stance_rows(table.rows),
            fmt,
            title=issue_title(table),
            empty=f"{table.issue}: no stances yet. Record one with `allies stance set`.",
        )
    note(
        "to target = position − my desired position; change = since their first stance; "
        f"on board = within {ON_BOARD:g} points of my position (salience-weighted across "
        "the issues), the people the approach plan starts from."
    )


@campaign_app.command("edit")
def edit(
    ctx: typer.Context,
    campaign: CampaignArg,
    name: Annotated[str | None, typer.Option(help="A new name.")] = None,
    description: Annotated[str | None, typer.Option(help="A new description.")] = None,
    decide_on: Annotated[str | None, typer.Option(help="A new decision date.")] = None,
    status: Annotated[str | None, typer.Option(help="active, won, lost or shelved.")] = None,
    add_decider: Annotated[
        list[str] | None, typer.Option(help="Add deciders; repeat or use commas.")
    ] = None,
    drop_decider: Annotated[
        list[str] | None, typer.Option(help="Remove deciders; repeat or use commas.")
    ] = None,
    add_issue: Annotated[
        list[str] | None, typer.Option(help="Add an issue 'NAME: LOW .. HIGH @ DESIRED'.")
    ] = None,
    issue: Annotated[str | None, typer.Option(help="The issue the options below change.")] = None,
    desired: Annotated[
        float | None, typer.Option(help="My desired position on --issue (0-100).")
    ] = None,
    low: Annotated[str | None, typer.Option(help="The label of --issue's 0 end.")] = None,
    high: Annotated[str | None, typer.Option(help="The label of --issue's 100 end.")] = None,
    rename_issue: Annotated[str | None, typer.Option(help="A new name for --issue.")] = None,
) -> None:
    """Change a campaign: name, date, status, deciders, issues, my desired positions.

    Example: allies campaign edit active --add-decider "Bo Chen" --issue Scope --desired 80
    """
    uow = state(ctx).uow
    found = service.edit_campaign(
        uow(),
        campaign,
        name=name,
        description=description,
        decision_on=parse_optional_date(decide_on, field="decision_on"),
        status=status,
        add_deciders=split_names(add_decider),
        drop_deciders=split_names(drop_decider),
    )
    for spec in add_issue or []:
        found = service.add_issue(uow(), str(found.id), spec)
    if issue is not None:
        found = service.edit_issue(
            uow(),
            str(found.id),
            issue,
            name=rename_issue,
            low_label=low,
            high_label=high,
            desired_position=desired,
        )
    elif any(v is not None for v in (desired, low, high, rename_issue)):
        raise InvalidInput("Say which issue to change with --issue.", field="issue")
    say(f"Campaign #{found.id} {found.name} saved.")


@campaign_app.command("remove")
def remove(
    ctx: typer.Context,
    campaign: CampaignArg,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a campaign with its issues and every stance recorded on them.

    Example: allies campaign remove "Old budget" --yes
    """
    if not yes:
        typer.confirm(f"Delete campaign {campaign!r} and all its stances?", abort=True)
    gone = service.delete_campaign(state(ctx).uow(), campaign)
    say(f"Campaign #{gone.id} {gone.name} deleted.")


@campaign_app.command("forecast")
def forecast(
    ctx: typer.Context,
    campaign: CampaignArg = "active",
    issue: IssueOpt = "",
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Forecast each issue with every model side by side, and the default forecast.

    Models: compromise, weighted median, Friedkin-Johnsen on the listens-to network,
    expected utility (Scholz, Calbert & Smith 2011) and, with several issues, the
    Stokman-Van Oosten exchange model. Each shows its 80 % range (from that model's
    errors on 180 real EU decisions) and how far it lands from my position.

    Example: allies campaign forecast "Analytics platform" --issue Scope
    """
    result = forecast_campaign(
        state(ctx).uow(),
        campaign,
        lens=state(ctx).lens(parse_optional_date(as_of, field="as-of")),
    )
    issues = [i for i in result.issues if not issue or i.issue.casefold() == issue.casefold()]
    if issue and not issues:
        raise InvalidInput(
            f"Campaign {result.campaign!r} has no issue {issue!r}.",
            field="issue",
            hint="Issues: " + ", ".join(i.issue for i in result.issues),
        )
    if fmt is Format.JSON:
        emit_record({**result.__dict__, "issues": issues}, fmt)
        return
    rows = [
        {
            "issue": i.issue,
            "model": m.label if fmt is Format.TABLE else m.model,
            "forecast": number(m.outcome, 1),
            "likely_range": "" if m.low is None or m.high is None else f"{m.low:.0f}-{m.high:.0f}",
            "to_desired": number(m.to_desired, 1),
            "note": m.note,
        }
        for i in issues
        for m in i.models
    ]
    if fmt is Format.CSV:
        emit_rows(rows, fmt)
        return
    for i in issues:
        emit_rows(
            [{k: v for k, v in r.items() if k != "issue"} for r in rows if r["issue"] == i.issue],
            fmt,
            title=f"{i.issue}: 0 = {i.low_label}, 100 = {i.high_label}; I want {i.desired:g}",
        )
        console().print(i.summary, highlight=False)
        if i.sureness:
            note(f"How sure: {i.sureness}.")
        if i.drivers:
            carried = ", ".join(f"{d.name} ({d.position:.0f}, {d.share:.0%})" for d in i.drivers)
            note(f"Carried most by: {carried}.")
    note(f"Default: {result.method}.")
    note(f"Ranges: {result.range_note}.")
    note(f"Expected utility variant: {result.eu_variant}.")

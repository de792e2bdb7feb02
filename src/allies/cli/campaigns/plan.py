"""``allies campaign plan`` and ``allies campaign trades``: whom to win first, when to meet
them, what to say, and what to trade."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from allies.cli.campaigns.manage import campaign_app
from allies.cli.context import state
from allies.cli.files import write_file, write_text
from allies.cli.output import Format, console, emit_record, emit_rows, say
from allies.services.campaigns.meetings import MeetingPlan
from allies.services.campaigns.plan import PlanOptions
from allies.services.campaigns.plan_export import plan_calendar, plan_markdown
from allies.services.campaigns.plan_results import estimate_note, planned_note
from allies.services.campaigns.plan_store import day_meeting_plan
from allies.services.campaigns.trades import campaign_trades
from allies.services.dates import parse_optional_date


class PlanFormat(StrEnum):
    """Output formats of the plan."""

    TABLE = "table"
    JSON = "json"


class CascadeModel(StrEnum):
    """Diffusion models."""

    LT = "lt"
    IC = "ic"


CampaignArg = Annotated[
    str, typer.Argument(help="The campaign: name, part of it, #id, or 'active'.")
]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="As it stood on this day (default: today).")
]


def _note(text: str) -> None:
    console().print(f"[dim]{text}[/dim]", markup=True, highlight=False)


@campaign_app.command("plan")
def plan(
    ctx: typer.Context,
    campaign: CampaignArg = "active",
    k: Annotated[int, typer.Option("--k", "-k", help="How many people to win.", min=1)] = 5,
    model: Annotated[
        CascadeModel,
        typer.Option(help="Linear threshold (lt) or independent cascade (ic)."),
    ] = CascadeModel.LT,
    start: Annotated[
        str | None, typer.Option(help="First day for meetings (default: tomorrow).")
    ] = None,
    per_week: Annotated[
        int, typer.Option("--per-week", help="At most this many meetings a week.", min=1)
    ] = 3,
    threshold: Annotated[
        float,
        typer.Option(
            help="Share of the attendees' capability projected on board before the group meeting.",
            min=0.01,
            max=1.0,
        ),
    ] = 0.6,
    ics: Annotated[
        Path | None, typer.Option("--ics", help="Write the meetings to this iCalendar file.")
    ] = None,
    markdown: Annotated[
        Path | None, typer.Option("--markdown", help="Write the whole plan to this file.")
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the Monte Carlo estimates.")] = 0,
    as_of: AsOfOpt = None,
    fmt: Annotated[
        PlanFormat, typer.Option("--format", "-f", help="Output as a table or JSON.")
    ] = PlanFormat.TABLE,
    replan: Annotated[
        bool,
        typer.Option(
            "--replan", help="Plan anew even if today's plan is stored, and store the new one."
        ),
    ] = False,
) -> None:
    """Whom to win first so that support cascades, and the meetings to do it.

    The approach plan picks people by influence maximisation on the listens-to
    network (CELF on small networks, IMM with its 1 - 1/e - ε guarantee on large
    ones); the meeting plan dates a one-on-one with each, pre-briefed through someone
    they trust, and the group meeting once enough support is projected. Logging a
    meeting (`allies log`) or a changed stance (`allies stance set`) re-plans.

    The day's plan is stored: asked again with the same settings, and with nothing it
    depends on changed (stances, deciders, ties, observations, meetings logged), it is
    read back at once. --replan plans anew.

    Example: allies campaign plan active --k 4 --per-week 2 --ics plan.ics --markdown plan.md
    """
    result = day_meeting_plan(
        state(ctx).uow(),
        campaign,
        PlanOptions(k=k, model=model.value, seed=seed),
        lens=state(ctx).lens(parse_optional_date(as_of, field="as-of")),
        start=parse_optional_date(start, field="start"),
        per_week=per_week,
        threshold=threshold,
        replan=replan,
    )
    if ics is not None:
        write_file(ics, plan_calendar(result))
    if markdown is not None:
        write_text(markdown, plan_markdown(result))
    if fmt is PlanFormat.JSON:
        emit_record(result, Format.JSON)
        return
    _show(result)
    for path, what in ((ics, "calendar"), (markdown, "plan")):
        if path is not None:
            say(f"Wrote the {what} to {path}.")


def _show(result: MeetingPlan) -> None:
    a = result.approach
    steps: list[dict[str, Any]] = [
        {
            "#": s.number,
            "person": s.name,
            "title": s.title,
            "decider": s.is_decider,
            "gain": f"+{s.gain_share:.0%}",
            "support": f"{s.support_share:.0%}",
            "sways": ", ".join(x.name for x in s.sways[:3]),
            "why": s.why,
        }
        for s in a.steps
    ]
    title = f"Approach plan: {a.campaign} (support {a.base_share:.0%} now, {a.share:.0%} after)"
    emit_rows(steps, Format.TABLE, title=title, empty=a.message or "Nobody to approach.")
    if a.approached:
        done = ", ".join(f"{x.name} ({x.tone:+d})" for x in a.approached)
        _note(f"Done, met recently and not proposed again (tone): {done}.")
    meetings = [
        {
            "#": m.number,
            "date": f"{m.on:%a} {m.on.isoformat()}",
            "kind": m.kind,
            "with": ", ".join(m.names) if m.kind != "group" else f"{len(m.names)} people",
            "what": m.summary,
            "talking points": " · ".join(f"{p.label}: {p.text}" for p in m.talking_points[:4]),
        }
        for m in result.meetings
    ]
    emit_rows(meetings, Format.TABLE, title="Meetings", empty="No meetings to schedule.")
    if result.group_trades:
        _note("Trades offered together (one position per issue, at the group meeting too):")
        for t in result.group_trades:
            console().print(f"  {t.name}: {t.text}", highlight=False)
    for warning in result.warnings:
        console().print(warning, highlight=False)
    _note(f"{estimate_note(a)}. {a.mapping}.")
    if planned_note(a):
        _note(f"{planned_note(a)} (--replan to plan again).")
    _note("Full talking points and trades: --markdown FILE; calendar: --ics FILE.")


@campaign_app.command("trades")
def trades(
    ctx: typer.Context,
    campaign: CampaignArg = "active",
    as_of: AsOfOpt = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
    ] = Format.TABLE,
) -> None:
    """What to give each stakeholder for movement on the issue you care about.

    From the Stokman-Van Oosten exchange model: for each stakeholder, the issue where
    you can give ground that they care about relatively more than you, in return for
    their move on the issue you care about more. With one issue, what they value.

    Example: allies campaign trades "Shared analytics platform" --format csv
    """
    report = campaign_trades(
        state(ctx).uow(),
        campaign,
        lens=state(ctx).lens(parse_optional_date(as_of, field="as-of")),
    )
    if fmt is Format.JSON:
        emit_record(report, fmt)
        return
    rows = [
        {
            "person": t.name,
            "decider": t.is_decider,
            "give": f"{t.give_issue} {t.give_from:.0f}→{t.give_to:.0f}" if t.has_trade else "",
            "get": f"{t.get_issue} {t.get_from:.0f}→{t.get_to:.0f}" if t.has_trade else "",
            "gain": round(t.gain, 3) if t.has_trade else "",
            "trade": t.text,
            "they value": t.instead,
        }
        for t in report.trades
    ]
    emit_rows(rows, fmt, title=f"Trades: {report.campaign}", empty="No stakeholders yet.")
    if fmt is Format.TABLE:
        if report.message:
            console().print(report.message, highlight=False)
        _note(report.method + ".")

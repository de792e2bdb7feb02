"""A campaign's meeting plan as Markdown (to read, print or share) and iCalendar (to import).

The calendar holds one all-day event per meeting, its talking points in the
description; each event's ``UID`` names the campaign, the kind of meeting and the
people, so importing a re-computed plan moves a meeting instead of adding a copy.
"""

from __future__ import annotations

from datetime import datetime

from allies.interchange.ics import CalendarEvent, write_calendar
from allies.services.campaigns.meetings import Meeting, MeetingPlan

__all__ = ["plan_calendar", "plan_events", "plan_markdown"]


def _percent(value: float) -> str:
    return f"{value:.0%}"


def _meeting_text(meeting: Meeting) -> list[str]:
    lines = [meeting.purpose]
    if meeting.prebrief is not None and meeting.kind == "one-on-one":
        brief = meeting.prebrief
        lines.append(f"Speak first to {brief.name}, whom they trust ({brief.because}).")
    lines += [f"{p.label}: {p.text}" for p in meeting.talking_points]
    return lines


def plan_events(plan: MeetingPlan) -> list[CalendarEvent]:
    """One all-day event per meeting, in date order."""
    return [
        CalendarEvent(
            uid=f"{m.uid}-c{plan.campaign_id}@allies",
            summary=m.summary,
            on=m.on,
            description="\n".join(_meeting_text(m)),
            categories=("campaign", m.kind),
        )
        for m in plan.meetings
    ]


def plan_calendar(plan: MeetingPlan, *, stamp: datetime | None = None) -> bytes:
    """The meeting plan as an iCalendar file."""
    return write_calendar(plan_events(plan), name=f"allies: {plan.campaign}", stamp=stamp)


def plan_markdown(plan: MeetingPlan) -> str:
    """The approach plan, the meetings with their talking points, and the trades."""
    a = plan.approach
    out = [f"# Plan: {plan.campaign}", ""]
    decided = f"; decision on {plan.decision_on.isoformat()}" if plan.decision_on else ""
    out.append(f"As of {plan.as_of.isoformat()}{decided}.")
    out.append("")
    out.append(
        f"Expected support: {_percent(a.base_share)} of the decision power on board now, "
        f"{_percent(a.share)} once the {len(a.steps)} approaches below are made "
        f"({a.method.upper()}, {'linear threshold' if a.model == 'lt' else 'independent cascade'}"
        + (f", guarantee {a.guarantee:.3f} of the best" if a.guarantee else "")
        + ")."
    )
    out += ["", "## On board", ""]
    out += [f"- {o.name}{' (decider)' if o.is_decider else ''}: {o.why}" for o in a.on_board]
    if a.approached:
        out += ["", "## Already approached", ""]
        out += [f"- {x.name}, {x.met_on.isoformat()}: {x.why}" for x in a.approached]
    out += ["", "## Approach plan", ""]
    out.append("| # | Person | Gain | Support after | Sways | Why |")
    out.append("| --- | --- | --- | --- | --- | --- |")
    for s in a.steps:
        sways = ", ".join(x.name for x in s.sways)
        who = s.name + (" (decider)" if s.is_decider else "")
        out.append(
            f"| {s.number} | {who} | +{_percent(s.gain_share)} | {_percent(s.support_share)} "
            f"| {sways} | {s.why} |"
        )
    if a.message:
        out += ["", a.message]
    out += ["", "## Meetings", ""]
    for m in plan.meetings:
        out.append(f"### {m.on:%a} {m.on.isoformat()}: {m.summary}")
        out.append("")
        out += [f"- {line}" for line in _meeting_text(m)]
        out.append("")
    for warning in plan.warnings:
        out += [f"> {warning}", ""]
    if plan.group_trades:
        out += ["## Trades offered together", ""]
        out.append("One position per issue: the group meeting honours these, and no ")
        out.append("one-on-one proposes another.")
        out.append("")
        out += [f"- **{t.name}**: {t.text}" for t in plan.group_trades]
        out.append("")
    out += ["## Trades", ""]
    if plan.trades.message:
        out += [plan.trades.message, ""]
    for t in plan.trades.trades:
        if t.has_trade:
            out.append(f"- **{t.name}**: {t.text}")
        else:
            out.append(f"- {t.name}: {t.text} Instead: {t.instead}")
    out += ["", f"_Model: {a.mapping}._", ""]
    return "\n".join(out)

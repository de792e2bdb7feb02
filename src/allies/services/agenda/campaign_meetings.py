"""The next campaign meetings, for the agenda of a day or a week.

For each active campaign the meeting plan (:mod:`allies.services.campaigns.meetings`) is
computed from today, from the current stances and the meetings logged so far, and the
meetings that fall within the agenda's days become its lines. A campaign that cannot be
planned (no issues, no stances) adds nothing.

The campaign lines are today's plan, computed at the first look of the day or after the
campaign changes: the plan's meetings are stored in the database for the day and for the
campaign's own state (its row, issues, deciders and stances; see
:meth:`~allies.services.ports.PlanDayRepository.states`) and read from there on later
looks. Interactions, ties and edits to people during the day do not plan it anew, with
one exception: once I have met someone today (an interaction with them logged on the
day), their first planned meeting is taken as done and left out.

On a team the plan of a campaign is the team's (stored once for everyone), and a meeting
the plan calls for can be assigned to a member: it then shows on that member's agenda
only, saying so; the unassigned ones show on everyone's.

Each campaign plans its own meetings, so two campaigns may put one person on one day.
The agenda never does: the later one (by day, then campaign) moves to that person's next
free working day, and its reason says so (:func:`spread_meetings`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from allies.domain import CampaignMeetingLine
from allies.errors import AlliesError
from allies.services.context import TODAY, Lens
from allies.services.ports import UnitOfWork

__all__ = [
    "CampaignMeetingLine",
    "campaign_meeting_lines",
    "campaign_names",
    "plan_day",
    "planned_meetings",
    "spread_meetings",
    "unplanned_campaigns",
]


def planned_meetings(
    uow: UnitOfWork, campaign_id: int, today: date, *, lens: Lens = TODAY
) -> list[CampaignMeetingLine]:
    """Every meeting of the campaign's plan from ``today``, computed now (not stored).

    A campaign that cannot be planned has none. The plan is made on ``today`` through
    ``lens``'s half-life (its day is not used).
    """
    # Planning loads the simulation machinery (numpy, scipy, numba); a day whose plans are
    # stored never needs it, so the agenda imports it only here.
    from allies.services.campaigns.meetings import meeting_plan

    try:
        plan = meeting_plan(uow, f"#{campaign_id}", lens=lens.on(today), start=today)
    except (AlliesError, ValueError):
        return []
    return [
        CampaignMeetingLine(
            who=m.names[0] if len(m.names) == 1 else f"{len(m.names)} people",
            what=m.summary,
            why=f"{plan.campaign}: {m.purpose}",
            on=m.on,
            person_id=m.person_ids[0] if len(m.person_ids) == 1 else None,
            campaign_id=plan.campaign_id,
        )
        for m in plan.meetings
        if m.on >= today
    ]


def _next_free(day: date, taken: set[date]) -> date:
    """The first working day after ``day`` that is not in ``taken``."""
    day += timedelta(days=1)
    while day.weekday() >= 5 or day in taken:
        day += timedelta(days=1)
    return day


def spread_meetings(lines: list[CampaignMeetingLine]) -> list[CampaignMeetingLine]:
    """The meetings with no two for one person on one day, by day then campaign.

    Taken in order of day and campaign, the first meeting with someone on a day keeps
    its day; a later one with the same person that day (for another campaign, or another
    meeting of the same plan) moves to their next working day with no meeting, and its
    reason says from which day and why.
    """
    ordered = sorted(lines, key=lambda m: (m.on, m.campaign_id))
    busy: dict[int, dict[date, str]] = {}
    clashes: list[int] = []
    for i, line in enumerate(ordered):
        if line.person_id is None:
            continue
        days = busy.setdefault(line.person_id, {})
        if line.on in days:
            clashes.append(i)
        else:
            days[line.on] = line.why.split(":", 1)[0]
    out = list(ordered)
    for i in clashes:
        line = ordered[i]
        days = busy[line.person_id or 0]
        moved = _next_free(line.on, set(days))
        out[i] = replace(
            line,
            on=moved,
            why=f"{line.why} (moved from {line.on:%a %d %b}: "
            f"{line.who} already meets you that day for {days[line.on]})",
        )
        days[moved] = line.why.split(":", 1)[0]
    out.sort(key=lambda m: (m.on, m.campaign_id))
    return out


def _without_met(uow: UnitOfWork, lines: list[CampaignMeetingLine], today: date) -> list[int]:
    """The positions of the lines to leave out: each met person's first planned meeting."""
    met = uow.plan_days.people_met_on(today, {m.person_id for m in lines if m.person_id})
    dropped: list[int] = []
    for i, line in enumerate(lines):
        if line.person_id in met:
            met.discard(line.person_id)
            dropped.append(i)
    return dropped


def _stored_plans(
    uow: UnitOfWork, today: date, lens: Lens
) -> tuple[dict[int, str], dict[int, list[CampaignMeetingLine] | None]]:
    """The active campaigns' state keys, and the meetings stored for each (None: none)."""
    with uow:
        keys = {
            campaign_id: f"{state}:{lens.half_life_days:g}"
            for campaign_id, state in uow.plan_days.states().items()
        }
        stored = {cid: uow.plan_days.get(cid, today, key) for cid, key in keys.items()}
    return keys, stored


def unplanned_campaigns(uow: UnitOfWork, today: date, *, lens: Lens = TODAY) -> list[int]:
    """The active campaigns whose plan for ``today`` is not stored for their current state
    (a few quick reads; nothing is planned)."""
    _, stored = _stored_plans(uow, today, lens)
    return [campaign_id for campaign_id, meetings in stored.items() if meetings is None]


def campaign_names(uow: UnitOfWork, campaign_ids: list[int]) -> list[str]:
    """The names of these campaigns, in the order given (one quick read)."""
    with uow:
        names = {c.id: c.name for c in uow.campaigns.list()}
    return [names.get(cid, f"#{cid}") for cid in campaign_ids]


def plan_day(uow: UnitOfWork, today: date, *, lens: Lens = TODAY) -> int:
    """Plan and store ``today``'s meetings of every active campaign that has none stored
    for its current state; returns how many campaigns were planned. The background work
    (:mod:`allies.background`) runs it so that the pages find the day's plans stored."""
    keys, stored = _stored_plans(uow, today, lens)
    planned = 0
    for campaign_id, meetings in stored.items():
        if meetings is None:
            found = planned_meetings(uow, campaign_id, today, lens=lens)
            with uow:
                if uow.plan_days.put(campaign_id, today, keys[campaign_id], found):
                    uow.commit()
            planned += 1
    return planned


def campaign_meeting_lines(
    uow: UnitOfWork, today: date, days: int = 1, *, lens: Lens = TODAY, plan: bool = True
) -> list[CampaignMeetingLine]:
    """The campaign meetings planned from ``today`` that fall within ``days`` days.

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work. A campaign planned now has its plan stored for the day in a
        transaction of its own (any member may store it: nothing goes to the audit trail).
    today : date
        The first day of the agenda, and the day the plans are for.
    days : int
        How many days the agenda covers.
    lens : Lens
        How fast observations fade in the plans (its half-life is part of what a stored
        plan is for; the plans are made on ``today``, not on the lens's day).
    plan : bool
        Plan the campaigns whose plan is not stored (the default). When false they add
        no lines (:func:`unplanned_campaigns` names them) and nothing slow runs.

    Returns
    -------
    list of CampaignMeetingLine
        By day, then campaign.
    """
    end = today + timedelta(days=max(days, 1) - 1)
    keys, stored = _stored_plans(uow, today, lens)
    planned: list[CampaignMeetingLine] = []
    for campaign_id, key in keys.items():
        meetings = stored[campaign_id]
        if meetings is None and not plan:
            continue
        if meetings is None:
            meetings = planned_meetings(uow, campaign_id, today, lens=lens)
            with uow:
                uow.plan_days.put(campaign_id, today, key, meetings)
                uow.commit()
        planned.extend(meetings)
    planned = spread_meetings(planned)
    with uow:
        dropped = set(_without_met(uow, planned, today))
        planned, others = _assigned(uow, planned)
    dropped |= others
    return [line for i, line in enumerate(planned) if i not in dropped and today <= line.on <= end]


def _assigned(
    uow: UnitOfWork, lines: list[CampaignMeetingLine]
) -> tuple[list[CampaignMeetingLine], set[int]]:
    """The lines with the meetings assigned to the member viewing saying so, and the
    positions of those assigned to another member of the team (left out of this member's
    agenda). Without an actor (the local user) nothing is left out."""
    actor = uow.actor
    if actor is None:
        return lines, set()
    assigned = uow.team.assignments()
    out: list[CampaignMeetingLine] = []
    others: set[int] = set()
    for i, line in enumerate(lines):
        member = assigned.get((line.campaign_id, line.person_id or 0))
        if member is not None and member != actor.user_id:
            others.add(i)
        if member == actor.user_id:
            line = replace(line, why=f"{line.why} (assigned to you)")
        out.append(line)
    return out, others

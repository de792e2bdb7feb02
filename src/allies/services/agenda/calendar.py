"""Exports for other tools: an iCalendar feed of check-ins and promise deadlines.

The feed holds one all-day event per check-in (on the day it falls due, or today when it
is overdue) and one per open promise between me and someone else that has a due date (on
that date). The writer is :mod:`allies.interchange.ics`.
"""

from __future__ import annotations

from datetime import date, datetime

from allies.domain import PromiseStatus
from allies.interchange.ics import CalendarEvent, write_calendar
from allies.services.agenda.campaign_meetings import campaign_meeting_lines
from allies.services.keep.checkins import select_check_ins
from allies.services.keep.snapshot import Snapshot, load_snapshot
from allies.services.ports import UnitOfWork


def calendar_events(snapshot: Snapshot, today: date) -> list[CalendarEvent]:
    """The check-ins and promise deadlines as calendar events, by date."""
    events = []
    for row in select_check_ins(snapshot, today, within_days=None, include_snoozed=True):
        key = f"person-{row.person_id}" if row.kind == "person" else f"alliance-{row.alliance_id}"
        day = today if row.status == "overdue" else max(row.due_on, today)
        events.append(
            CalendarEvent(
                uid=f"checkin-{key}@allies",
                summary=f"Check in: {row.who}",
                on=day,
                description=f"{row.reason}. Cadence: {row.cadence}.",
                categories=("check-in",),
            )
        )
    me_id = snapshot.me_id
    for c in snapshot.promises:
        if c.status is not PromiseStatus.OPEN or c.due_on is None:
            continue
        if me_id not in (c.promiser_id, c.promisee_id):
            continue
        mine = c.promiser_id == me_id
        title = (
            f"Promise to {snapshot.name(c.promisee_id)}: {c.description}"
            if mine
            else f"{snapshot.name(c.promiser_id)} promised: {c.description}"
        )
        events.append(
            CalendarEvent(
                uid=f"promise-{c.id}@allies",
                summary=title,
                on=c.due_on,
                description=f"Made on {c.made_on.isoformat()}; due {c.due_on.isoformat()}.",
                categories=("promise", "mine" if mine else "theirs"),
            )
        )
    return sorted(events, key=lambda e: (e.on, e.uid))


#: How far ahead the feed carries the meetings planned for active campaigns.
CAMPAIGN_HORIZON_DAYS = 90


def campaign_events(uow: UnitOfWork, today: date) -> list[CalendarEvent]:
    """The meetings planned for active campaigns in the coming months, as events."""
    events = []
    for line in campaign_meeting_lines(uow, today, CAMPAIGN_HORIZON_DAYS):
        key = f"{line.campaign_id}-{line.on.isoformat()}-{line.person_id or 'group'}"
        events.append(
            CalendarEvent(
                uid=f"campaign-{key}@allies",
                summary=line.what,
                on=line.on,
                description=f"With {line.who}. {line.why}",
                categories=("campaign",),
            )
        )
    return events


def export_calendar(
    uow: UnitOfWork, *, today: date | None = None, stamp: datetime | None = None
) -> bytes:
    """The iCalendar feed: check-ins, promise deadlines and planned campaign meetings."""
    day = today or date.today()
    snapshot = load_snapshot(uow)
    events = calendar_events(snapshot, day) + campaign_events(uow, day)
    events.sort(key=lambda e: (e.on, e.uid))
    return write_calendar(events, name=f"allies: {uow.workspace}", stamp=stamp)

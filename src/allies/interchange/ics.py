"""iCalendar (RFC 5545) files of all-day reminders: check-ins and promise deadlines.

:func:`write_calendar` turns :class:`CalendarEvent` values into a ``VCALENDAR`` with one
all-day ``VEVENT`` each; :func:`read_calendar` reads such a file back. Each event's
``UID`` is stable (say ``checkin-person-12@allies``), so a calendar subscribed to the feed
moves the event when its date changes instead of adding a new one.

Examples
--------
>>> from datetime import date, datetime, UTC
>>> data = write_calendar(
...     [CalendarEvent("promise-7@allies", "Send the cost model", date(2026, 5, 1))],
...     stamp=datetime(2026, 4, 1, tzinfo=UTC),
... )
>>> [(e.uid, e.on) for e in read_calendar(data)]
[('promise-7@allies', datetime.date(2026, 5, 1))]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from allies.errors import ImportFormatError
from allies.interchange.text import excerpt

__all__ = ["CalendarEvent", "read_calendar", "write_calendar"]

PRODID = "-//allies//keeping alliances//EN"


@dataclass(frozen=True)
class CalendarEvent:
    """An all-day reminder.

    Attributes
    ----------
    uid : str
        Globally unique and stable across exports.
    summary : str
        The title shown in the calendar.
    on : datetime.date
        The day.
    description : str
        Why it is there.
    categories : tuple of str
        For example ``("check-in",)`` or ``("promise",)``.
    """

    uid: str
    summary: str
    on: date
    description: str = ""
    categories: tuple[str, ...] = ()


def write_calendar(
    events: Iterable[CalendarEvent],
    *,
    name: str = "allies",
    stamp: datetime | None = None,
) -> bytes:
    """The events as an iCalendar file (UTF-8 bytes with CRLF line ends).

    Parameters
    ----------
    events : iterable of CalendarEvent
        The reminders.
    name : str
        The calendar's display name (``X-WR-CALNAME``).
    stamp : datetime, optional
        ``DTSTAMP`` of every event (now, in UTC, by default).
    """
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.on)
        event.add("dtend", item.on + timedelta(days=1))
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        if item.categories:
            event.add("categories", list(item.categories))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def read_calendar(data: bytes | str, *, path: str | None = None) -> list[CalendarEvent]:
    """The all-day events of an iCalendar file, in file order.

    Raises
    ------
    allies.errors.ImportFormatError
        When the data is not an iCalendar file.
    """
    try:
        calendar = Calendar.from_ical(data)
    except ValueError as error:
        raise ImportFormatError(
            f"not an iCalendar file ({excerpt(str(error), 100)})", path=path
        ) from None
    events = []
    for component in calendar.walk("VEVENT"):
        start = component.decoded("dtstart")
        day = start.date() if isinstance(start, datetime) else start
        raw = component.get("categories")
        categories: tuple[str, ...] = ()
        if raw is not None:
            groups = raw if isinstance(raw, list) else [raw]
            categories = tuple(str(c) for group in groups for c in group.cats)
        events.append(
            CalendarEvent(
                uid=str(component.get("uid", "")),
                summary=str(component.get("summary", "")),
                on=day,
                description=str(component.get("description", "")),
                categories=categories,
            )
        )
    return events

"""Reading iCalendar (RFC 5545) files into dated events with their attendees.

Calendar programs write the same thing many ways: time zones defined inside the file,
floating and all-day times, attendees with participation states, recurring events with
exceptions (``EXDATE``), moved occurrences (``RECURRENCE-ID``) and extra ones (``RDATE``,
as dates or periods). :func:`read_events` parses with the ``icalendar`` library, expands
recurring events with ``dateutil`` within a window, and returns one :class:`EventRecord`
per occurrence in the window, in file order, with a
:class:`~allies.interchange.records.RecordProblem` for each event it cannot use.

Google Calendar writes times in UTC and names the calendar's zone in ``X-WR-TIMEZONE``:
UTC and floating times are read in that zone, so a Sunday 18:00 meeting in California
stays on Sunday. An invitation sent with ``METHOD:CANCEL`` withdraws its events: they
come back with the status ``CANCELLED``. Occurrences outside the window are counted, with
the first and last of them, so that the caller can say which window would take them in.

Examples
--------
>>> from datetime import date
>>> data = (b"BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\nBEGIN:VEVENT\\r\\nUID:1\\r\\n"
...         b"DTSTART:20240105T090000Z\\r\\nRRULE:FREQ=WEEKLY;COUNT=3\\r\\nSUMMARY:Sync\\r\\n"
...         b"ATTENDEE;CN=Ann Lee:mailto:ann@acme.test\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n")
>>> read = read_events(data, start=date(2024, 1, 1), end=date(2024, 12, 31))
>>> [(e.day.isoformat(), e.attendees[0].email) for e in read.events]
[('2024-01-05', 'ann@acme.test'), ('2024-01-12', 'ann@acme.test'), ('2024-01-19', 'ann@acme.test')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrule, rrulestr
from icalendar import Calendar

from allies.errors import ImportFormatError
from allies.interchange.records import RecordProblem
from allies.interchange.text import (
    clean_email,
    decode_bytes,
    excerpt,
    person_name,
    split_lines,
)

__all__ = ["Attendee", "CalendarRead", "EventRecord", "read_events"]

#: The most occurrences of one recurring event kept within the window.
MAX_OCCURRENCES = 1000


@dataclass(frozen=True)
class Attendee:
    """Someone on an event: e-mail, name, participation (``ACCEPTED`` ...), type and role."""

    email: str
    name: str = ""
    partstat: str = ""
    cutype: str = "INDIVIDUAL"
    role: str = ""


@dataclass(frozen=True)
class EventRecord:
    """One occurrence of an event: its day (in its own time zone) and who was on it."""

    uid: str
    summary: str
    day: date
    all_day: bool
    status: str
    organizer: Attendee | None
    attendees: tuple[Attendee, ...]
    recurring: bool
    line: int | None
    number: int


@dataclass
class CalendarRead:
    """What :func:`read_events` found.

    Attributes
    ----------
    items : list of EventRecord or RecordProblem
        In file order (a recurring event's occurrences in date order).
    owner : str
        The calendar owner's address, when the file says (``X-WR-CALNAME`` as Google
        writes it), else ``""``.
    outside : int
        Occurrences left out because they fall outside the window (at most
        :data:`MAX_OCCURRENCES` on each side of it for one event; those of an endless
        series after the window are meetings yet to come, and not counted).
    outside_first, outside_last : date or None
        The first and last of those occurrences.
    """

    items: list[EventRecord | RecordProblem] = field(default_factory=list)
    owner: str = ""
    outside: int = 0
    outside_first: date | None = None
    outside_last: date | None = None

    def left_out(self, day: date) -> None:
        """Count one occurrence on ``day`` as outside the window."""
        self.outside += 1
        if self.outside_first is None or day < self.outside_first:
            self.outside_first = day
        if self.outside_last is None or day > self.outside_last:
            self.outside_last = day

    def suggested_window(self, start: date, end: date) -> tuple[date, date] | None:
        """The window that takes in every occurrence counted outside ``start`` … ``end``."""
        if self.outside_first is None or self.outside_last is None:
            return None
        return min(start, self.outside_first), max(end, self.outside_last)

    @property
    def events(self) -> list[EventRecord]:
        """The events only."""
        return [item for item in self.items if isinstance(item, EventRecord)]


def _event_lines(text: str) -> list[int]:
    """The line numbers where each VEVENT begins, in order."""
    return [
        number
        for number, line in enumerate(split_lines(text), start=1)
        if line.strip().upper() == "BEGIN:VEVENT"
    ]


_TIMEZONES = re.compile(
    r"^BEGIN:VTIMEZONE[ \t]*$.*?^END:VTIMEZONE[ \t]*$\r?\n?", re.I | re.M | re.S
)


def _parse(text: str, path: str) -> tuple[list[Calendar], bool]:
    """The calendars in ``text``, and whether its time zone definitions had to be dropped.

    A file whose only fault is a broken ``VTIMEZONE`` is read again without them (times
    then keep their zone names, or float).
    """
    try:
        calendars = Calendar.from_ical(text, multiple=True)
        dropped = False
    except Exception as error:  # the parser raises many kinds on broken input
        try:
            calendars = Calendar.from_ical(_TIMEZONES.sub("", text), multiple=True)
            dropped = True
        except Exception:
            raise ImportFormatError(
                f"not a readable iCalendar file ({_where(text, str(error))}"
                f"{excerpt(str(error), 100)}).",
                path=path,
                hint="Export the calendar again as .ics, or open it in a calendar program "
                "to fix it.",
            ) from None
    calendars = [c for c in calendars if getattr(c, "name", "") == "VCALENDAR"]
    if not calendars:
        opened = "BEGIN:VCALENDAR" in text.upper()
        raise ImportFormatError(
            "the calendar is never closed (no END:VCALENDAR)."
            if opened
            else "no calendar in this file (no BEGIN:VCALENDAR).",
            path=path,
            hint="Export the calendar as an iCalendar (.ics) file.",
        )
    return calendars, dropped


def _where(text: str, message: str) -> str:
    """``"line N: "`` for the first line quoted in a parser's message, when it is found."""
    for part in message.split("'"):
        if len(part) >= 4:
            for number, line in enumerate(split_lines(text), start=1):
                if part in line:
                    return f"line {number}: "
    return ""


def _person(value: Any) -> Attendee | None:
    params = getattr(value, "params", {}) or {}
    name = person_name(str(params.get("CN", "")).strip("'\""))
    email = clean_email(str(value)) or clean_email(name)
    if not email and not name:
        return None
    if clean_email(name):
        name = ""
    return Attendee(
        email=email,
        name=name,
        partstat=str(params.get("PARTSTAT", "")).upper(),
        cutype=str(params.get("CUTYPE", "INDIVIDUAL")).upper(),
        role=str(params.get("ROLE", "")).upper(),
    )


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _wall(value: date, zone: tzinfo | None) -> datetime:
    """A date or datetime as a naive wall-clock time in ``zone`` (the series' time zone)."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time())
    if value.tzinfo is not None and zone is not None:
        value = value.astimezone(zone)
    return value.replace(tzinfo=None)


def _dates(component: Any, name: str, zone: tzinfo | None) -> tuple[list[datetime], bool]:
    """The dates of an ``RDATE`` or ``EXDATE`` list, and whether some could not be read."""
    found, broken = [], False
    for group in _as_list(component.get(name)):
        try:
            items = list(group.dts)
        except Exception:  # a broken property refuses access to its values
            broken = True
            continue
        for item in items:
            value = item.dt[0] if isinstance(item.dt, tuple) and item.dt else item.dt
            if isinstance(value, date):  # a date, a date-time, or the start of a PERIOD
                found.append(_wall(value, zone))
    return found, broken


def _occurrences(
    event: Any,
    start: date | datetime,
    window: tuple[datetime, datetime],
    moved: set[datetime],
    outside: list[datetime],
) -> tuple[list[datetime], list[str]]:
    """The starts of a recurring event in the window, and what went wrong on the way.

    The occurrences outside the window go to ``outside`` (at most
    :data:`MAX_OCCURRENCES` on each side; none after it for an endless rule).
    """
    zone = start.tzinfo if isinstance(start, datetime) else None
    first = _wall(start, zone)
    low, high = window
    found: set[datetime] = set()
    away: set[datetime] = set()
    notes: list[str] = []
    for recur in _as_list(event.get("rrule")):
        spec = dict(recur)
        until = spec.pop("UNTIL", [None])[0]
        rule: rrule = rrulestr(type(recur)(spec).to_ical().decode(), dtstart=first)  # type: ignore[assignment]
        if isinstance(until, date):
            last = _wall(until, zone)
            if not isinstance(until, datetime):
                last = datetime.combine(until, time.max)
            rule = rule.replace(until=last)
        away.update(_outside(rule, window, endless=until is None and "COUNT" not in spec))
        for occurrence in rule.xafter(low, inc=True):
            if occurrence > high:
                break
            if len(found) >= MAX_OCCURRENCES:
                notes.append(
                    f"repeats more than {MAX_OCCURRENCES} times in the window; only the first "
                    "ones were kept"
                )
                break
            found.add(occurrence)
    extra, broken_extra = _dates(event, "rdate", zone)
    found.update(d for d in extra if low <= d <= high)
    away.update(d for d in extra if not low <= d <= high)
    if event.get("rrule") is None and not low <= first <= high:
        away.add(first)  # with RDATEs only, DTSTART is the first occurrence
    elif event.get("rrule") is None:
        found.add(first)
    skipped, broken_skipped = _dates(event, "exdate", zone)
    if broken_extra or broken_skipped:
        notes.append("an RDATE or EXDATE could not be read and was ignored")
    if not isinstance(start, datetime):
        excluded = {d.date() for d in skipped} | {d.date() for d in moved}
        found = {d for d in found if d.date() not in excluded}
        away = {d for d in away if d.date() not in excluded}
    else:
        found -= set(skipped) | moved
        away -= set(skipped) | moved
    outside.extend(sorted(away))
    return sorted(found), notes


def _outside(rule: rrule, window: tuple[datetime, datetime], *, endless: bool) -> list[datetime]:
    """A rule's occurrences before and after the window (bounded, see :func:`_occurrences`)."""
    low, high = window
    before: list[datetime] = []
    for occurrence in rule:
        if occurrence >= low or len(before) >= MAX_OCCURRENCES:
            break
        before.append(occurrence)
    after: list[datetime] = []
    for occurrence in () if endless else rule.xafter(high, inc=False):
        if len(after) >= MAX_OCCURRENCES:
            break
        after.append(occurrence)
    return before + after


def _zone(calendar: Calendar) -> tzinfo | None:
    """The calendar's own time zone (``X-WR-TIMEZONE``, as Google writes it), if valid."""
    name = str(calendar.get("x-wr-timezone", "")).strip()
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ValueError, OSError, ZoneInfoNotFoundError):  # an unknown or malformed zone name
        return None


def _in_zone(event: Any, begin: date, zone: tzinfo | None) -> date:
    """``begin`` in the calendar's zone when it is written in UTC or floating."""
    if zone is None or not isinstance(begin, datetime):
        return begin
    if begin.tzinfo is None:
        return begin.replace(tzinfo=zone)
    raw = event.get("dtstart")
    written = raw.to_ical() if hasattr(raw, "to_ical") else b""
    utc = isinstance(written, bytes) and written.rstrip().upper().endswith(b"Z")
    named = (getattr(raw, "params", None) or {}).get("TZID")
    return begin.astimezone(zone) if utc and not named else begin


def _owner(calendars: list[Calendar]) -> str:
    for calendar in calendars:
        owner = clean_email(str(calendar.get("x-wr-calname", "")))
        if owner:
            return owner
    return ""


def read_events(data: bytes, *, path: str = "input", start: date, end: date) -> CalendarRead:
    """The events of an iCalendar file that fall between ``start`` and ``end`` (inclusive).

    Recurring events are expanded within that window (at most :data:`MAX_OCCURRENCES`
    each); exceptions and moved occurrences are honoured.

    Raises
    ------
    allies.errors.ImportFormatError
        When the file is not iCalendar at all or cannot be parsed.
    """
    text, _ = decode_bytes(data)
    calendars, dropped = _parse(text, path)
    lines = _event_lines(text)
    read = CalendarRead(owner=_owner(calendars))
    if dropped:
        read.items.append(
            RecordProblem(
                path,
                None,
                None,
                "a time zone definition (VTIMEZONE) could not be read; times were read without it",
                warning=True,
            )
        )
    window = (datetime.combine(start, time()), datetime.combine(end, time.max))
    placed = [
        (e, _zone(calendar), str(calendar.get("method", "")).strip().upper() == "CANCEL")
        for calendar in calendars
        for e in calendar.walk("VEVENT")
    ]
    events = [event for event, _, _ in placed]
    moved: dict[str, list[date]] = {}
    for event in events:
        if event.get("recurrence-id") is not None:
            try:
                recurrence = event.decoded("recurrence-id")
            except Exception:  # an unreadable RECURRENCE-ID moves nothing
                continue
            if isinstance(recurrence, date):
                moved.setdefault(str(event.get("uid", "")), []).append(recurrence)
    for number, (event, zone, cancel) in enumerate(placed, start=1):
        line = lines[number - 1] if number - 1 < len(lines) else None
        where = _Where(path, line, number, zone, cancel)
        read.items.extend(_read_one(event, where, window, moved, read))
    return read


@dataclass(frozen=True)
class _Where:
    """Where an event is: its file, line and number, its calendar's zone and method."""

    path: str
    line: int | None
    number: int
    zone: tzinfo | None
    cancel: bool


def _read_one(
    event: Any,
    where: _Where,
    window: tuple[datetime, datetime],
    moved: dict[str, list[date]],
    read: CalendarRead,
) -> Iterator[EventRecord | RecordProblem]:
    path, line, number = where.path, where.line, where.number
    try:
        begin = event.decoded("dtstart")
    except Exception:
        begin = None
    if not isinstance(begin, date):
        yield RecordProblem(
            path, line, number, "the event has no readable start (DTSTART); skipped"
        )
        return
    begin = _in_zone(event, begin, where.zone)
    uid = str(event.get("uid", "")) or f"line-{line}"
    base = EventRecord(
        uid=uid,
        summary=" ".join(str(event.get("summary", "")).split())[:200],
        day=_day(begin),
        all_day=not isinstance(begin, datetime),
        status="CANCELLED" if where.cancel else str(event.get("status", "")).upper(),
        organizer=_person(event.get("organizer")) if event.get("organizer") else None,
        attendees=tuple(a for a in map(_person, _as_list(event.get("attendee"))) if a),
        recurring=False,
        line=line,
        number=number,
    )
    if event.get("rrule") is None and event.get("rdate") is None:
        if window[0] <= _wall(begin, None) <= window[1]:
            yield base
        else:
            read.left_out(base.day)
        return
    zone = begin.tzinfo if isinstance(begin, datetime) else None
    mine = {_wall(d, zone) for d in moved.get(uid, [])}
    outside: list[datetime] = []
    try:
        starts, notes = _occurrences(event, begin, window, mine, outside)
    except Exception as error:  # dateutil rejects malformed rules with several kinds
        yield RecordProblem(
            path,
            line,
            number,
            f"cannot expand its recurrence rule ({excerpt(str(error), 100)}); skipped",
        )
        return
    for note in notes:
        yield RecordProblem(path, line, number, note, warning=True)
    for occurrence in outside:
        read.left_out(occurrence.date())
    for occurrence in starts:
        yield replace(base, day=occurrence.date(), recurring=True)


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value

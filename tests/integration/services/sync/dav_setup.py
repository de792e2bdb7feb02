"""Fixtures and data of the CalDAV and CardDAV sync tests: one real Radicale per module,
a collection of each test's own, generated calendars and the interchange samples.

A test module makes its Radicale fixture of :func:`radicale_server` (one server a
module); the store fixtures (``factory``, ``ctx``) come from this folder's ``conftest.py``.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest

from allies.domain.sync import AccountKind, SyncAccount
from allies.services.sync.credentials import Credentials
from allies.services.sync.dav import dav_run
from allies.services.sync.summary import SyncSummary
from allies.store import SqlUnitOfWorkFactory
from tests.servers.radicale import Radicale, RadicaleUnavailable, running_radicale

TODAY = date(2026, 6, 15)
ME = "ana@example.org"
DATA = Path(__file__).resolve().parents[3] / "data" / "interchange"
_NAMES = itertools.count(1)


def radicale_server() -> Iterator[Radicale]:
    """A Radicale for a module-scoped fixture of a test module (``yield from`` it)."""
    try:
        with running_radicale() as server:
            yield server
    except RadicaleUnavailable as error:
        pytest.fail(str(error), pytrace=False)


def new_collection(server: Radicale, kind: str) -> str:
    """A new, empty calendar or address book of the test's own; its URL."""
    return server.make_collection(f"{kind}{next(_NAMES)}-{os.getpid()}", kind)


def account(url: str, kind: str = "caldav", *, name: str = "radicale", **extra: Any) -> SyncAccount:
    """An account on the collection at ``url``."""
    return SyncAccount(name=name, kind=AccountKind(kind), url=url, username="ana", **extra)


def credentials(server: Radicale, password: str | None = None) -> Credentials:
    """The test user's login (or a wrong ``password``)."""
    return Credentials(server.user, server.password if password is None else password)


def run_sync(
    factory: SqlUnitOfWorkFactory,
    server: Radicale,
    target: SyncAccount,
    *,
    password: str | None = None,
    batch_size: int = 100,
    today: date = TODAY,
    progress: Any = None,
) -> SyncSummary:
    """Sync ``target`` (a calendar or address book account) into the store."""
    from allies.services.sync.calendar import sync_calendars
    from allies.services.sync.contacts import sync_address_books

    kwargs: dict[str, Any] = {"batch_size": batch_size, "today": today}
    if progress is not None:
        kwargs["progress"] = progress
    run = dav_run(factory, target, credentials(server, password), **kwargs)
    if target.kind is AccountKind.CALDAV:
        return sync_calendars(run)
    return sync_address_books(run)


# -- calendars -------------------------------------------------------------------------


def _stamp(day: date, hour: int = 10) -> str:
    return f"{day:%Y%m%d}T{hour:02d}0000"


VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Madrid
BEGIN:STANDARD
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE
"""


def event(
    uid: str,
    day: date,
    summary: str,
    attendees: list[tuple[str, str]],
    *,
    hour: int = 10,
    rrule: str = "",
    exdates: list[date] = (),  # type: ignore[assignment]
    status: str = "",
    overrides: list[tuple[date, date, str]] = (),  # type: ignore[assignment]
) -> bytes:
    """A calendar object: one event (in Madrid time), me the organiser, with attendees;
    ``overrides`` are ``(original day, new day, status)`` moved or cancelled occurrences."""
    people = "".join(
        f"ATTENDEE;CN={name};PARTSTAT=ACCEPTED:mailto:{email}\n" for name, email in attendees
    )

    def vevent(start: date, extra: str) -> str:
        return (
            "BEGIN:VEVENT\n"
            f"UID:{uid}\nDTSTAMP:20260101T000000Z\n"
            f"DTSTART;TZID=Europe/Madrid:{_stamp(start, hour)}\n"
            f"DTEND;TZID=Europe/Madrid:{_stamp(start, hour + 1)}\n"
            f"SUMMARY:{summary}\nORGANIZER;CN=Ana Ruiz:mailto:{ME}\n"
            f"ATTENDEE;CN=Ana Ruiz;PARTSTAT=ACCEPTED:mailto:{ME}\n{people}{extra}"
            "END:VEVENT\n"
        )

    main = ""
    if rrule:
        main += f"RRULE:{rrule}\n"
    for day_out in exdates:
        main += f"EXDATE;TZID=Europe/Madrid:{_stamp(day_out, hour)}\n"
    if status:
        main += f"STATUS:{status}\n"
    body = vevent(day, main)
    for original, new, state in overrides:
        extra = f"RECURRENCE-ID;TZID=Europe/Madrid:{_stamp(original, hour)}\n"
        if state:
            extra += f"STATUS:{state}\n"
        body += vevent(new, extra)
    head = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//allies tests//EN\n"
    text = f"{head}{VTIMEZONE}{body}END:VCALENDAR\n"
    return text.replace("\n", "\r\n").encode()


BO = ("Bo Chen", "bo@example.org")
CY = ("Cy Park", "cy@example.org")
DI = ("Di Moss", "di@example.org")


def office_calendar(today: date = TODAY) -> dict[str, bytes]:
    """A small calendar: a weekly one-on-one with a moved and a cancelled occurrence and
    a skipped week, single meetings, a cancelled meeting and one still to come."""
    monday = today - timedelta(days=today.weekday() + 7 * 8)  # eight weeks ago
    return {
        "weekly.ics": event(
            "weekly-bo",
            monday,
            "Weekly with Bo",
            [BO],
            rrule="FREQ=WEEKLY;COUNT=12",
            exdates=[monday + timedelta(weeks=2)],
            overrides=[
                (monday + timedelta(weeks=3), monday + timedelta(weeks=3, days=1), ""),
                (monday + timedelta(weeks=4), monday + timedelta(weeks=4), "CANCELLED"),
            ],
        ),
        "budget.ics": event("budget", today - timedelta(days=20), "Budget", [BO, CY]),
        "lunch.ics": event("lunch-di", today - timedelta(days=5), "Lunch", [DI]),
        "dropped.ics": event(
            "dropped", today - timedelta(days=9), "Dropped", [CY], status="CANCELLED"
        ),
        "ahead.ics": event("ahead", today + timedelta(days=3), "Next week", [CY]),
    }


def big_calendar(count: int, today: date = TODAY) -> Iterator[tuple[str, bytes]]:
    """``count`` single meetings (in UTC) over the last year with twenty people."""
    people = [(f"Person {n}", f"p{n}@example.org") for n in range(20)]
    for n in range(count):
        day = today - timedelta(days=1 + n % 360)
        who = [people[n % 20], people[(n * 7 + 3) % 20]]
        attendees = "".join(f"ATTENDEE;CN={a}:mailto:{e}\r\n" for a, e in who)
        text = (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//allies bench//EN\r\n"
            f"BEGIN:VEVENT\r\nUID:big-{n}\r\nDTSTAMP:20260101T000000Z\r\n"
            f"DTSTART:{_stamp(day, 8 + n % 9)}Z\r\nDTEND:{_stamp(day, 9 + n % 9)}Z\r\n"
            f"SUMMARY:Meeting {n}\r\nORGANIZER:mailto:{ME}\r\n{attendees}"
            "END:VEVENT\r\nEND:VCALENDAR\r\n"
        )
        yield f"e{n}.ics", text.encode()


def sample_objects() -> Iterator[tuple[str, bytes]]:
    """The interchange samples' events, one calendar object per UID (as a CalDAV server
    keeps them), with the time zones each file defines; files that cannot be parsed are
    left out (a server would refuse them)."""
    for path in sorted((DATA / "ics").glob("*.ics")):
        try:
            calendar = icalendar.Calendar.from_ical(path.read_bytes())
        except ValueError:
            continue
        zones = [c for c in calendar.walk("VTIMEZONE")]
        groups: dict[str, list[Any]] = {}
        for component in calendar.walk("VEVENT"):
            uid = str(component.get("UID", "")) or f"{path.stem}-{len(groups)}"
            groups.setdefault(uid, []).append(component)
        for n, (uid, events) in enumerate(groups.items()):
            out = icalendar.Calendar()
            out.add("PRODID", "-//allies tests//EN")
            out.add("VERSION", "2.0")
            for name in ("X-WR-TIMEZONE", "X-WR-CALNAME"):
                if name in calendar:
                    out.add(name, calendar[name])
            for zone in zones:
                out.add_component(zone)
            for component in events:
                if "UID" not in component:
                    component.add("UID", uid)
                out.add_component(component)
            yield f"{path.stem}-{n}.ics", out.to_ical()


def load(
    server: Radicale, url: str, objects: dict[str, bytes] | Iterator[tuple[str, bytes]]
) -> int:
    """PUT every object into the collection; how many the server took."""
    taken = 0
    items = objects.items() if isinstance(objects, dict) else objects
    for name, data in items:
        try:
            server.put(url + name, data, "text/calendar" if name.endswith(".ics") else "text/vcard")
        except RuntimeError:
            continue
        taken += 1
    return taken


# -- address books ---------------------------------------------------------------------


def card(
    uid: str, name: str, email: str, *, title: str = "", org: str = "", extra: str = ""
) -> bytes:
    """A vCard 3.0 card."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"UID:{uid}", f"FN:{name}", f"EMAIL:{email}"]
    if title:
        lines.append(f"TITLE:{title}")
    if org:
        lines.append(f"ORG:{org}")
    lines += [line for line in extra.splitlines() if line]
    return ("\r\n".join([*lines, "END:VCARD"]) + "\r\n").encode()


def sample_cards() -> Iterator[tuple[str, bytes]]:
    """The interchange samples' cards, one object each (with a UID when they lack one)."""
    for path in sorted((DATA / "vcard").glob("*.vcf")):
        text = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
        blocks = text.split("BEGIN:VCARD")[1:]
        for n, block in enumerate(blocks):
            body = "BEGIN:VCARD" + block.split("END:VCARD")[0] + "END:VCARD\n"
            if "\nUID" not in body.upper():
                body = body.replace("\nEND:VCARD", f"\nUID:{path.stem}-{n}\nEND:VCARD")
            yield f"{path.stem}-{n}.vcf", body.replace("\n", "\r\n").encode()

"""iCalendar: real files from calendar programs, recurrences in a window, broken files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from allies.errors import ImportFormatError
from allies.interchange.icalendar_import import MAX_OCCURRENCES, read_events
from allies.interchange.records import RecordProblem
from tests.unit.interchange.samples import sample_files

WIDE = {"start": date(1990, 1, 1), "end": date(2030, 12, 31)}
#: Real files that are not readable calendars at all (the others must read).
UNREADABLE = {
    "collective-icalendar__big_bad_calendar.ics",
    "collective-icalendar__fuzz_testcase_vtimezone_lone_cr.ics",
    "libical-libical__issue252.ics",
}


@pytest.mark.parametrize("path", sample_files("ics", ".ics"), ids=lambda p: p.name)
def test_every_real_sample_reads_or_is_refused_clearly(path: Path) -> None:
    data = path.read_bytes()
    if path.name in UNREADABLE:
        with pytest.raises(ImportFormatError) as caught:
            read_events(data, path=path.name, **WIDE)
        assert str(caught.value).startswith(path.name)
        return
    read = read_events(data, path=path.name, **WIDE)
    assert all(isinstance(e.day, date) for e in read.events)
    assert all(str(p).startswith(path.name) for p in read.items if isinstance(p, RecordProblem))


def test_recurrence_with_exceptions_and_moved_occurrences(samples: Path) -> None:
    data = (samples / "ics" / "py-vobject-vobject__radicale-0827.ics").read_bytes()
    read = read_events(data, **WIDE)
    weekly = [e.day for e in read.events if e.recurring and e.day.weekday() == 0]
    # weekly on Mondays from 2017-10-09 to 2018-06-23, minus 9 EXDATEs and 2 moved ones
    assert len(read.events) == 28 and date(2017, 10, 9) in weekly
    assert date(2018, 3, 26) in [e.day for e in read.events]


def test_the_window_bounds_expansion(samples: Path) -> None:
    data = (samples / "ics" / "kewisch-ical.js__daily_recur.ics").read_bytes()
    read = read_events(data, start=date(2012, 8, 1), end=date(2012, 8, 31))
    assert len(read.events) == 31 and read.owner == "calmozilla1@gmail.com"
    endless = read_events(data, **WIDE)
    assert len(endless.events) == MAX_OCCURRENCES
    assert any(isinstance(i, RecordProblem) and i.warning for i in endless.items)


def test_events_outside_the_window_are_counted(samples: Path) -> None:
    data = (samples / "ics" / "mangstadt-biweekly__outlook-2010.ics").read_bytes()
    read = read_events(data, start=date(2020, 1, 1), end=date(2020, 12, 31))
    assert read.events == [] and read.outside == 1


def test_attendees_with_their_states(samples: Path) -> None:
    data = (samples / "ics" / "pimutils-khal__event_dt_partstat.ics").read_bytes()
    (event,) = read_events(data, **WIDE).events
    states = {a.email: a.partstat for a in event.attendees}
    assert states["hcabot@example.com"] == "TENTATIVE"  # folded inside the address
    assert states["another@example.com"] == "DECLINED"
    assert states["iamboss@example.com"] == "DELEGATED"


def test_a_broken_time_zone_is_dropped_with_a_warning(samples: Path) -> None:
    read = read_events((samples / "ics" / "ical4j-ical4j__blankTzid.ics").read_bytes(), **WIDE)
    assert len(read.events) == 1 and read.events[0].day == date(2015, 8, 26)
    assert any(isinstance(i, RecordProblem) and "VTIMEZONE" in i.reason for i in read.items)


def test_google_export(fixtures: Path) -> None:
    data = (fixtures / "calendar" / "google-export.ics").read_bytes()
    read = read_events(data, start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert read.owner == "dana.ruiz@acme.example"
    weekly = [e.day for e in read.events if e.uid == "weekly-1on1-bo@google.com"]
    assert sorted(weekly) == [
        date(2025, 1, 6),
        date(2025, 1, 13),
        date(2025, 1, 28),
        date(2025, 2, 3),
    ]
    review = next(e for e in read.events if e.summary == "Budget review")
    assert {a.cutype for a in review.attendees} == {"INDIVIDUAL", "RESOURCE"}
    offsite = next(e for e in read.events if e.summary == "Leadership offsite")
    assert offsite.all_day and offsite.organizer and offsite.organizer.name == "Maria Lopez"


def test_outlook_invitation_names_in_reading_order(fixtures: Path) -> None:
    data = (fixtures / "calendar" / "outlook-invitation.ics").read_bytes()
    (event,) = read_events(data, start=date(2025, 1, 1), end=date(2025, 12, 31)).events
    assert event.organizer is not None and event.organizer.name == "Noor Haddad"
    assert [a.name for a in event.attendees] == ["Dana Ruiz", "Ivo Petrov"]


def test_broken_events_are_reported_with_line_and_record(fixtures: Path) -> None:
    data = (fixtures / "calendar" / "thunderbird-broken.ics").read_bytes()
    read = read_events(data, path="tb.ics", start=date(2025, 1, 1), end=date(2025, 12, 31))
    problems = [p for p in read.items if isinstance(p, RecordProblem)]
    assert [(p.line, p.record) for p in problems] == [(4, 1), (9, 2)]
    assert "DTSTART" in problems[0].reason and "recurrence rule" in problems[1].reason
    assert [e.summary for e in read.events] == ["Coffee with Bo"]


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"BEGIN:VCARD\r\nEND:VCARD\r\n", "no calendar"), (b"BEGIN:VCALENDAR\r\n", "never closed")],
)
def test_not_a_calendar(data: bytes, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        read_events(data, **WIDE)

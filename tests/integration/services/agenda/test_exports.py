"""The iCalendar feed of check-ins and promise deadlines parses back as written."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from allies.errors import ImportFormatError
from allies.interchange.ics import CalendarEvent, read_calendar, write_calendar
from allies.services.agenda.calendar import export_calendar
from allies.services.keep import log as routine
from allies.services.keep.checkins import snooze
from allies.services.ports import UnitOfWorkFactory
from tests.integration.services.keep.keep_helpers import TODAY, ago, meet

STAMP = datetime(2026, 6, 15, 8, 0, tzinfo=UTC)


def test_feed_has_one_event_per_check_in_and_open_promise(network: UnitOfWorkFactory) -> None:
    meet(network, "Ann Lee", 100)  # key 30/60: overdue, so today
    meet(network, "Bo Chen", 10)  # mentor 45/90: due in 35 days
    snooze(network(), "Ann Lee", ago(-5), today=TODAY)
    routine.set_cadence(network(), ideal_days=7, person="Di Moss")  # never met: today
    routine.make_promise(network(), "send the memo", to="Cy Park", due=ago(-3), made_on=ago(1))
    routine.make_promise(network(), "share the data", by="Ann Lee", due=ago(-9), made_on=ago(1))
    routine.make_promise(network(), "no date", to="Cy Park", made_on=ago(1))
    kept = routine.make_promise(network(), "done", to="Cy Park", due=ago(-1), made_on=ago(2))
    routine.settle_promise(network(), kept.id or 0, "done", on=ago(1))
    data = export_calendar(network(), today=TODAY, stamp=STAMP)
    parsed = Calendar.from_ical(data)
    events = parsed.walk("VEVENT")
    assert len(events) == 5  # Ann, Bo, Di; two open promises with a due date
    assert str(parsed.get("x-wr-calname")) == "allies: default"
    by_uid = {e.uid: e for e in read_calendar(data)}
    ann = next(e for e in by_uid.values() if e.summary == "Check in: Ann Lee")
    assert ann.on == ago(-5) and "snoozed" in ann.description
    assert ann.uid.startswith("checkin-person-") and ann.categories == ("check-in",)
    assert next(e for e in by_uid.values() if e.summary == "Check in: Bo Chen").on == ago(-35)
    assert next(e for e in by_uid.values() if e.summary == "Check in: Di Moss").on == TODAY
    memo = next(e for e in by_uid.values() if "send the memo" in e.summary)
    assert memo.summary == "Promise to Cy Park: send the memo" and memo.on == ago(-3)
    assert memo.categories == ("promise", "mine")
    theirs = next(e for e in by_uid.values() if "share the data" in e.summary)
    assert theirs.summary == "Ann Lee promised: share the data"
    for event in events:
        assert (event.decoded("dtend") - event.decoded("dtstart")).days == 1


def test_uids_are_stable_across_exports(network: UnitOfWorkFactory) -> None:
    meet(network, "Ann Lee", 10)
    first = [e.uid for e in read_calendar(export_calendar(network(), today=TODAY))]
    meet(network, "Ann Lee", 1)
    again = read_calendar(export_calendar(network(), today=TODAY))
    assert [e.uid for e in again] == first
    ann = next(e for e in again if e.summary == "Check in: Ann Lee")
    assert ann.on == ago(-29)


def test_writer_round_trips_and_reader_refuses_garbage() -> None:
    events = [
        CalendarEvent("a@x", "Check in: Ann", TODAY, "why", ("check-in",)),
        CalendarEvent("b@x", "Promise: ä ö ü, with a comma; and more", ago(-1)),
    ]
    assert read_calendar(write_calendar(events, stamp=STAMP)) == events
    with pytest.raises(ImportFormatError):
        read_calendar(b"this is not a calendar", path="x.ics")


def test_feed_carries_the_planned_campaign_meetings(tmp_path: Path) -> None:
    from allies.services.demo.network import build_demo, load_demo
    from allies.store import open_store

    day = date(2026, 11, 21)
    factory = open_store(f"sqlite:///{tmp_path / 'demo.db'}")
    load_demo(factory("demo"), build_demo(seed=7, today=day))
    events = read_calendar(export_calendar(factory("demo"), today=day))
    meetings = [e for e in events if "campaign" in e.categories]
    assert meetings, "the demo campaign's plan should put meetings in the feed"
    assert all(e.on >= day for e in meetings)
    assert any("One-on-one" in e.summary for e in meetings)
    assert any("check-in" in e.categories for e in events)

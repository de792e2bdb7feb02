"""Splitting a merge gives back what later imports attached through the split-off
person's identifiers, and erasing that person scrubs them from the merge's record
(issue 20), on SQLite and PostgreSQL.

Ann Lee (ann@acme.test) absorbs Ann Leigh (ann.leigh@home.test) by hand. A mailbox
imported afterwards has a month of mail from Leigh's address alone, a month from Lee's,
and a month from both: the import attaches all three monthly summaries to the kept
person, and notes which address each came by. The split gives Leigh her month back,
leaves Lee's, and names the mixed one in its report.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest

from allies.services.network.people import add_person
from allies.services.network.privacy import erase_person
from allies.services.network.removal import merge_people
from allies.services.network.split import split_person
from allies.services.ports import UnitOfWork
from allies.services.transfer.importing import ImportOptions, import_file
from allies.store import open_store

ME = "dana.ruiz@acme.example"
Uow = Callable[[], UnitOfWork]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def uow(request: pytest.FixtureRequest) -> Uow:
    fixture = "sqlite_store_url" if request.param == "sqlite" else "postgres_database_url"
    factory = open_store(request.getfixturevalue(fixture))
    name = f"s-{uuid.uuid4().hex[:10]}"
    return lambda: factory(name)


def _mbox(path: Path) -> Path:
    messages = []
    for n, (month, sender) in enumerate(
        [
            (1, "Ann Leigh <ann.leigh@home.test>"),
            (2, "Ann Lee <ann@acme.test>"),
            (3, "Ann Leigh <ann.leigh@home.test>"),
            (3, "Ann Lee <ann@acme.test>"),
        ]
    ):
        sent = format_datetime(datetime(2026, month, 10 + n, 9, tzinfo=UTC))
        messages.append(
            f"From ann {sent}\nFrom: {sender}\nTo: Dana Ruiz <{ME}>\nDate: {sent}\n"
            f"Message-ID: <m{n}@home.test>\nSubject: Note {n}\n\nHello.\n"
        )
    path.write_text("\n".join(messages), encoding="utf-8")
    return path


def test_a_split_gives_back_what_later_imports_attached_through_her_address(
    uow: Uow, tmp_path: Path
) -> None:
    add_person(uow(), "Dana Ruiz", is_me=True, emails=ME)
    add_person(uow(), "Ann Lee", emails="ann@acme.test")
    add_person(uow(), "Ann Leigh", emails="ann.leigh@home.test", phones="+1 555 0100")
    merged = merge_people(uow(), "Ann Lee", "Ann Leigh")
    kept_id = merged.kept.id if merged.kept else 0
    report = import_file(uow(), "mail", _mbox(tmp_path / "later.mbox"))
    assert not report.added["people"]  # both addresses are the kept person's now
    with uow() as work:
        months = {i.occurred_on.month: i.id for i in work.interactions.with_person(kept_id or 0)}
    assert sorted(months) == [1, 2, 3]

    split = split_person(uow(), kept_id or 0)
    new_id = split.restored.id or 0
    assert any(f"interaction #{months[3]}" in line for line in split.left)
    with uow() as work:
        back = {i.id for i in work.interactions.with_person(new_id)}
        kept = {i.id for i in work.interactions.with_person(kept_id or 0)}
    assert back == {months[1]}
    assert kept == {months[2], months[3]}

    erase_person(uow(), f"#{new_id}")
    with uow() as work:
        merge_entry = next(
            e for e in work.audit.for_person(kept_id or 0) if e.action.value == "merge"
        )
        assert not work.record_sources.for_person(new_id)
    text = str(merge_entry.after)
    assert "Ann Leigh" not in text and "home.test" not in text and "555" not in text
    assert merge_entry.after is not None and merge_entry.after.get("erased") is True


def _calendar(path: Path) -> Path:
    events = []
    for n, (day, attendee) in enumerate(
        [("20260112", "ann.leigh@home.test"), ("20260210", "ann@acme.test")]
    ):
        events.append(
            "BEGIN:VEVENT\r\n"
            f"UID:event-{n}@acme.example\r\nDTSTAMP:20260101T000000Z\r\n"
            f"DTSTART:{day}T090000Z\r\nDTEND:{day}T100000Z\r\nSUMMARY:Meeting {n}\r\n"
            f"ORGANIZER;CN=Dana Ruiz:mailto:{ME}\r\n"
            f"ATTENDEE;CN=Dana Ruiz:mailto:{ME}\r\n"
            f"ATTENDEE;CN=Ann:mailto:{attendee}\r\n"
            "END:VEVENT\r\n"
        )
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        + "".join(events)
        + "END:VCALENDAR\r\n",
        encoding="utf-8",
    )
    return path


def test_meetings_a_later_calendar_attached_through_her_address_go_back_with_her(
    uow: Uow, tmp_path: Path
) -> None:
    add_person(uow(), "Dana Ruiz", is_me=True, emails=ME)
    add_person(uow(), "Ann Lee", emails="ann@acme.test")
    add_person(uow(), "Ann Leigh", emails="ann.leigh@home.test")
    merged = merge_people(uow(), "Ann Lee", "Ann Leigh")
    kept_id = merged.kept.id if merged.kept else 0
    options = ImportOptions(window=(date(2025, 12, 1), date(2026, 3, 1)))
    import_file(uow(), "ics", _calendar(tmp_path / "later.ics"), options)
    split = split_person(uow(), kept_id or 0)
    with uow() as work:
        back = [i.summary for i in work.interactions.with_person(split.restored.id or 0)]
        kept = [i.summary for i in work.interactions.with_person(kept_id or 0)]
    assert (back, kept) == (["Meeting 0"], ["Meeting 1"]) and not split.left

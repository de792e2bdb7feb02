"""Every column, or a word about it; calendars that explain themselves; mail as written.

Each test reads a real sample (``tests/data/interchange``) or a sample made in the shape
of a real export (``tests/fixtures``); whole imports of the same files are tested in
``tests/integration/services/transfer/test_import_fidelity.py``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from allies.errors import ImportFormatError
from allies.interchange.csv_contacts import ColumnUse, detect_layout, read_contacts_csv
from allies.interchange.icalendar_import import read_events
from allies.interchange.mail import MailMessage, read_eml, read_mbox
from allies.interchange.records import ContactRecord, RecordProblem
from allies.interchange.text import excerpt

START, END = date(2025, 1, 1), date(2025, 12, 31)


def contacts(path: Path, columns: ColumnUse | None = None) -> list[ContactRecord]:
    items = list(read_contacts_csv(path.read_bytes(), path=path.name, columns=columns))
    assert not [i for i in items if isinstance(i, RecordProblem) and not i.warning]
    return [i for i in items if isinstance(i, ContactRecord)]


# -- Every column, or a word about it ------------------------------------------------------


def test_outlook_keeps_every_address_and_phone_and_the_honorific(fixtures: Path) -> None:
    use = ColumnUse()
    noor, ivo, reception = contacts(fixtures / "contacts" / "outlook-contacts.csv", use)
    assert use.layout == "outlook"
    assert noor.name == "Dr. Noor Haddad" and noor.title == "Partner"
    assert noor.emails == [
        "noor@delta.example",
        "noor.haddad@gmail.example",
        "n.haddad@bar.example",
    ]
    assert sorted(noor.phones) == ["+353 1 555 0123", "+353 1 555 7788", "+353 87 555 0123"]
    assert (noor.organisation, noor.unit, noor.tags) == (
        "Delta Partners",
        "Litigation",
        ["Board", "Legal"],
    )
    assert ivo.name == "Mr. Ivo K. Petrov Jr." and ivo.title == "Head of Data"
    assert len(ivo.phones) == 3
    assert reception.phones == []  # the company's switchboard is nobody's own number
    # what was not taken is named, Outlook's filler ("Normal", "Unspecified") is not
    assert {"Company Main Phone", "Assistant's Phone", "Business Fax", "Birthday"} <= set(
        use.unused
    )
    assert use.unused["Company Main Phone"] == 2
    assert not {"Gender", "Priority", "Sensitivity", "Private"} & set(use.unused)
    assert "'Company Main Phone' (2 rows)" in use.describe()


def test_thunderbird_primary_and_secondary_email_and_phones(fixtures: Path) -> None:
    use = ColumnUse()
    femi, hana = contacts(fixtures / "contacts" / "thunderbird-addressbook.csv", use)
    assert use.layout == "thunderbird"
    assert femi.emails == ["femi@beta.example", "femi.oke@posteo.example"]
    assert femi.phones == ["+234 1 555 0101", "+234 803 555 0101"]
    assert (femi.organisation, femi.unit, femi.title) == ("Beta Inc.", "Policy", "Policy Director")
    assert femi.notes == "Introduced by Noor."
    assert hana.phones == ["+49 30 555 0199"]
    assert {"Fax Number", "Work City", "Birth Year", "Web Page 1"} <= set(use.unused)


@pytest.mark.parametrize(
    ("name", "layout"),
    [
        ("google-contacts.csv", "google"),
        ("google-contacts-2024.csv", "google"),
        ("Connections.csv", "linkedin"),
        ("Connections-2019.csv", "linkedin"),
        ("outlook-contacts.csv", "outlook"),
        ("thunderbird-addressbook.csv", "thunderbird"),
        ("crm-export.csv", "generic"),
    ],
)
def test_each_layout_is_told_by_its_header(fixtures: Path, name: str, layout: str) -> None:
    use = ColumnUse()
    assert contacts(fixtures / "contacts" / name, use)
    assert use.layout == layout


def test_layouts_by_header_row() -> None:
    assert detect_layout(["First Name", "Last Name", "Primary Email", "Secondary Email"]) == (
        "thunderbird"
    )
    assert detect_layout(["Title", "First Name", "E-mail Address", "E-mail 2 Address"]) == (
        "outlook"
    )
    assert detect_layout(["First Name", "Last Name", "Email Address", "Connected On"]) == (
        "linkedin"
    )


def test_google_new_layout_keeps_prefix_and_suffix() -> None:
    header = b"First Name,Middle Name,Last Name,Name Prefix,Name Suffix,E-mail 1 - Label,"
    header += b"E-mail 1 - Value,Website 1 - Label,Website 1 - Value\n"
    row = b"John,,Smith,,Jr.,* Work,johnjr@other.test,Profile,https://x.test/jj\n"
    use = ColumnUse()
    items = list(read_contacts_csv(header + row, columns=use))
    (john,) = [i for i in items if isinstance(i, ContactRecord)]
    assert john.name == "John Smith Jr." and john.emails == ["johnjr@other.test"]
    assert dict(use.unused) == {"Website 1 - Value": 1}  # its label says what it is, no more


def test_a_generic_csv_names_the_columns_it_left(fixtures: Path) -> None:
    use = ColumnUse()
    data = b"Name,E-mail,Shoe size,Blank\nAnn Lee,ann@x.test,38,\nBo Chen,bo@x.test,,\n"
    list(read_contacts_csv(data, columns=use))
    assert dict(use.unused) == {"Shoe size": 1}


# -- Calendars that explain themselves ----------------------------------------------------


def test_utc_times_are_read_in_the_calendars_zone(fixtures: Path) -> None:
    data = (fixtures / "calendar" / "google-pacific.ics").read_bytes()
    read = read_events(data, start=START, end=END)
    sunday = next(e for e in read.events if e.summary == "Sunday planning call")
    assert sunday.day == date(2025, 3, 2) and sunday.day.weekday() == 6  # 02:00Z on Monday
    fridays = [e.day for e in read.events if e.summary == "Friday wrap-up"]
    assert fridays == [date(2025, 3, 7), date(2025, 3, 14), date(2025, 3, 21)]


def test_a_real_google_export_in_its_own_zone(samples: Path) -> None:
    data = (samples / "ics" / "collective-icalendar__alarm_google_future.ics").read_bytes()
    (event,) = read_events(data, start=date(2024, 1, 1), end=date(2024, 12, 31)).events
    assert event.day == date(2024, 10, 4)  # 18:15Z is 19:15 in London, the same day


def test_period_rdates_are_kept(fixtures: Path) -> None:
    data = (fixtures / "calendar" / "google-pacific.ics").read_bytes()
    days = [
        e.day
        for e in read_events(data, start=START, end=END).events
        if e.summary == "Tuesday check-in"
    ]
    assert days == [date(2025, 3, 11), date(2025, 3, 18), date(2025, 3, 25)]


def test_a_cancellation_is_never_a_meeting(fixtures: Path) -> None:
    data = (fixtures / "calendar" / "outlook-cancellation.ics").read_bytes()
    (event,) = read_events(data, start=START, end=END).events
    assert event.status == "CANCELLED"


def test_occurrences_outside_the_window_are_counted_with_their_span(samples: Path) -> None:
    data = (samples / "ics" / "py-vobject-vobject__radicale-0827.ics").read_bytes()
    read = read_events(data, start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert read.events == [] and read.outside == 28
    assert (read.outside_first, read.outside_last) == (date(2017, 10, 9), date(2018, 6, 18))
    assert read.suggested_window(date(2025, 1, 1), date(2025, 12, 31)) == (
        date(2017, 10, 9),
        date(2025, 12, 31),
    )


# -- Mail ---------------------------------------------------------------------------------


def test_display_names_are_kept_whole_and_local_domains_accepted(fixtures: Path) -> None:
    items = list(read_mbox((fixtures / "mail" / "local-machine.mbox").read_bytes(), path="m"))
    found = [i for i in items if isinstance(i, MailMessage)]
    assert len(found) == len(items) == 5
    assert [m.sender.email for m in found if m.sender] == [
        "guest@localhost",
        "dana@localhost",
        "root@localhost",
        "ops@build01",
        "smith@home.example",
    ]
    rfc = found[-1]
    assert rfc.sender and rfc.sender.name == "Mary Smith: Personal Account"
    assert [a.name for a in rfc.to] == ["John Doe: Work", "Dana Ruiz"]
    assert [a.email for a in rfc.cc] == ["c@a.test", "joe@where.test", "jdoe@one.test"]
    assert found[2].sender and found[2].sender.name == "Cron Daemon"


def test_a_quoted_colon_in_a_single_message() -> None:
    data = (
        b'From: "Mary Smith: Personal Account" <smith@home.example>\r\n'
        b"To: John Doe <jdoe@machine.example>\r\nDate: Fri, 21 Nov 1997 10:01:10 -0600\r\n\r\n"
    )
    message = read_eml(data)
    assert isinstance(message, MailMessage) and message.sender
    assert message.sender.name == "Mary Smith: Personal Account"


def test_a_broken_calendar_quotes_a_short_escaped_excerpt(samples: Path) -> None:
    data = (samples / "ics" / "libical-libical__issue252.ics").read_bytes()
    with pytest.raises(ImportFormatError) as caught:
        read_events(data, path="x.ics", start=date(2000, 1, 1), end=date(2030, 1, 1))
    assert len(str(caught.value)) < 300 and str(caught.value).isprintable()
    long_line = b"BEGIN:VCALENDAR\r\n" + b"\x01\x02garbage" * 400 + b"\r\nEND:VCALENDAR\r\n"
    with pytest.raises(ImportFormatError) as again:
        read_events(long_line, path="y.ics", start=date(2000, 1, 1), end=date(2030, 1, 1))
    assert len(str(again.value)) < 300 and "\x01" not in str(again.value)


def test_excerpts_are_short_and_escaped() -> None:
    text = excerpt(b"\x00\x01" + b"x" * 5000)
    assert len(text) < 80 and text.isprintable() and text.endswith("…'")

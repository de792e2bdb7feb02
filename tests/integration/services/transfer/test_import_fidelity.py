"""Whole imports of real-shaped exports: unused columns named, calendars that explain
themselves, cancellations withdrawn, local mail kept, empty and binary files refused alike.

The reading itself is tested in ``tests/unit/interchange/test_fidelity.py``.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from allies.errors import ImportFormatError
from allies.services.network.people import add_person
from allies.services.ports import UnitOfWorkFactory
from allies.services.transfer.importing import FORMATS, ImportOptions, import_file
from allies.store import open_store
from tests.conftest import DATA, FIXTURES

SAMPLES = DATA / "interchange"


@pytest.fixture
def store(tmp_path: Path) -> UnitOfWorkFactory:
    factory = open_store(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    add_person(factory("w"), "Dana Ruiz", is_me=True, emails="dana.ruiz@acme.example")
    return factory


def test_an_import_names_unused_columns_in_its_summary(store: UnitOfWorkFactory) -> None:
    path = FIXTURES / "contacts" / "thunderbird-addressbook.csv"
    report = import_file(store("w"), "csv", path, ImportOptions(dry_run=True))
    assert report.added["people"] == 2
    assert any("'Fax Number' (1 row)" in note for note in report.notes)
    with store("w") as uow:
        assert len(uow.people.list()) == 1  # a dry run


def test_outlook_import_stores_all_addresses(store: UnitOfWorkFactory) -> None:
    path = FIXTURES / "contacts" / "outlook-contacts.csv"
    import_file(store("w"), "csv", path)
    with store("w") as uow:
        noor = next(p for p in uow.people.list() if "Haddad" in p.name)
        assert len(noor.emails) == 3 and noor.title == "Partner"


def test_a_quiet_calendar_import_suggests_the_window(store: UnitOfWorkFactory) -> None:
    path = SAMPLES / "ics" / "mangstadt-biweekly__outlook-2010.ics"
    options = ImportOptions(dry_run=True, me=("john.doe@example.com",), today=date(2026, 1, 1))
    report = import_file(store("w"), "ics", path, options)
    assert report.read == 0 and not report.added
    (note,) = [n for n in report.notes if "outside the window" in n]
    assert "2013-06-10" in note and "2013-06-10..2026-01-01" in note


def test_a_cancellation_withdraws_the_meeting_it_cancels(store: UnitOfWorkFactory) -> None:
    options = ImportOptions(
        me=("dana.ruiz@acme.example",), window=(date(2025, 1, 1), date(2025, 12, 31))
    )
    invited = import_file(
        store("w"), "ics", FIXTURES / "calendar" / "outlook-invitation.ics", options
    )
    assert invited.added["interactions"] == 1
    cancelled = import_file(
        store("w"), "ics", FIXTURES / "calendar" / "outlook-cancellation.ics", options
    )
    assert cancelled.added["interactions"] == 0
    assert cancelled.updated["interactions withdrawn (cancelled)"] == 1
    assert cancelled.skipped["cancelled events"] == 1
    with store("w") as uow:
        assert uow.interactions.list() == []


def test_local_correspondents_are_stored_with_their_address(store: UnitOfWorkFactory) -> None:
    add_person(store("local"), "Dana Ruiz", is_me=True, emails="dana@localhost")
    import_file(store("local"), "mail", FIXTURES / "mail" / "local-machine.mbox")
    with store("local") as uow:
        emails = {e for p in uow.people.list() for e in p.emails}
    assert {"guest@localhost", "root@localhost"} <= emails


def _binary() -> bytes:
    rng = random.Random(4)
    return bytes(rng.randrange(256) for _ in range(3000))


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in {"kumu", "backup"}])
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (_binary, "not a text file"),
        (lambda: b"\x89PNG\r\n\x1a\n" + os.urandom(200), "PNG image"),
        (lambda: b"", "empty"),
        (lambda: b"\xef\xbb\xbf \r\n\r\n", "empty"),
    ],
)
def test_binary_and_empty_files_are_refused_alike(
    store: UnitOfWorkFactory, tmp_path: Path, fmt: str, content: Callable[[], bytes], message: str
) -> None:
    path = tmp_path / "input.bin"
    path.write_bytes(content())
    options = ImportOptions(me=("dana.ruiz@acme.example",))
    with pytest.raises(ImportFormatError, match=message) as caught:
        import_file(store("w"), fmt, path, options)
    assert len(str(caught.value)) < 300  # a short, escaped excerpt at most
    assert str(caught.value).isprintable()

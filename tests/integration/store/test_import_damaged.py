"""Imports of damaged files store on both backends: a NUL character in a field, which
PostgreSQL cannot hold in text, is dropped by the readers instead of failing the write."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from allies.services.network.people import add_person
from allies.services.transfer.importing import ImportOptions, import_file
from allies.store import SqlUnitOfWorkFactory

FILES = {
    "vcard": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\x00 Lee\r\nTITLE:Head\x00 of Legal\r\n"
    b"NOTE;ENCODING=QUOTED-PRINTABLE:Met at=00 the fair\r\nEMAIL:ann@acme.test\r\nEND:VCARD\r\n",
    "csv": b"Name,E-mail Address,Notes\nBo\x00 Chen,bo@acme.test,Owes me\x00 a call\n",
    "ics": b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\n"
    b"DTSTART:20250301T100000Z\r\nDTEND:20250301T110000Z\r\nSUMMARY:Budget\x00 review\r\n"
    b"ORGANIZER;CN=Dana Ruiz:mailto:dana.ruiz@acme.example\r\n"
    b"ATTENDEE;CN=Cy\x00 Park:mailto:cy@acme.test\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
}


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_nul_characters_are_dropped_not_written(
    store: SqlUnitOfWorkFactory, tmp_path: Path, fmt: str
) -> None:
    add_person(store(), "Dana Ruiz", is_me=True, emails="dana.ruiz@acme.example")
    source = tmp_path / f"input.{fmt}"
    source.write_bytes(FILES[fmt])
    import_file(store(), fmt, source, ImportOptions(window=(date(2000, 1, 1), date(2030, 1, 1))))
    with store() as uow:
        people = {p.name: p for p in uow.people.list()}
        summaries = [i.summary for i in uow.interactions.list()]
    if fmt == "vcard":
        ann = people["Ann Lee"]
        assert (ann.title, ann.notes, ann.emails) == (
            "Head of Legal",
            "Met at the fair",
            ["ann@acme.test"],
        )
    elif fmt == "csv":
        assert people["Bo Chen"].notes == "Owes me a call"
    else:
        assert "Cy Park" in people and summaries == ["Budget review"]

"""What a card holds survives a vCard import, a backup and restore, and a vCard export,
on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from allies.interchange.records import ContactRecord
from allies.interchange.vcard import read_vcards
from allies.services.transfer.backup import backup_workspace, restore_workspace
from allies.services.transfer.exporting import export_workspace
from allies.services.transfer.importing import import_file
from allies.store import SqlUnitOfWorkFactory

SAMPLE = (
    Path(__file__).resolve().parents[3]
    / "data"
    / "interchange"
    / "vcard"
    / "mangstadt-ez-vcard__thunderbird-MoreFunctionsForAddressBook-extension.vcf"
)


def _john(records: list[ContactRecord | object]) -> ContactRecord:
    return next(r for r in records if isinstance(r, ContactRecord) and r.name == "John Doe")


def test_birthday_address_url_photo_and_custom_fields_go_round(
    factory: SqlUnitOfWorkFactory,
) -> None:
    incoming = _john(list(read_vcards(SAMPLE.read_bytes())))
    assert incoming.extras.photo and incoming.extras.addresses and incoming.extras.urls
    report = import_file(factory(), "vcard", SAMPLE)
    assert report.updated["card details"] >= 1
    with factory() as uow:
        john = next(p for p in uow.people.list() if p.name == "John Doe")
        card = uow.cards.for_person(john.id or 0)
    assert card is not None
    assert (card.birthday, card.anniversary) == ("1970-09-21", "1990-04-30")
    assert [a.one_line() for a in card.addresses] == [
        a.one_line() for a in incoming.extras.addresses
    ]
    assert card.urls == incoming.extras.urls and card.photo == incoming.extras.photo
    assert card.custom == incoming.extras.custom and "X-SPOUSE" in card.custom
    again = import_file(factory(), "vcard", SAMPLE)
    assert again.updated["card details"] == 0  # the same card twice changes nothing
    restored = restore_workspace(factory("restored"), backup_workspace(factory()))
    assert restored.changed
    exported = export_workspace(factory("restored"), "vcard")
    out = _john(list(read_vcards(exported.data)))
    assert (out.extras.birthday, out.extras.anniversary) == ("1970-09-21", "1990-04-30")
    assert out.extras.urls == incoming.extras.urls and out.extras.photo == incoming.extras.photo
    assert [vars(a) for a in out.extras.addresses] == [vars(a) for a in incoming.extras.addresses]
    assert out.extras.custom == incoming.extras.custom

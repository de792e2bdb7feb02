"""A CalDAV and a CardDAV account added, tested and synced the way ``allies account add``
and ``allies sync`` do it, against a real Radicale."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from allies.services.sync.accounts import NewAccount, SyncContext, add_account
from allies.services.sync.run import sync_account
from allies.store import SqlUnitOfWorkFactory
from tests.integration.services.sync.dav_setup import (
    card,
    load,
    new_collection,
    office_calendar,
    radicale_server,
)
from tests.servers.radicale import Radicale


@pytest.fixture(scope="module")
def radicale() -> Iterator[Radicale]:
    """A Radicale of this module's own."""
    yield from radicale_server()


def test_accounts_added_tested_and_synced_bring_meetings_and_people(
    ctx: SyncContext, factory: SqlUnitOfWorkFactory, radicale: Radicale
) -> None:
    calendar = new_collection(radicale, "calendar")
    load(radicale, calendar, office_calendar())
    book = new_collection(radicale, "addressbook")
    radicale.put(book + "lia.vcf", card("lia", "Lia Mora", "lia@example.org", title="Deputy",
                 extra="BDAY:1980-06-15"), "text/vcard")  # fmt: skip
    _, said = add_account(
        ctx, NewAccount("cal", "caldav", radicale.url + "/", radicale.user, radicale.password)
    )
    assert said.split()[1].startswith("calendar")  # the calendars found under the user
    add_account(
        ctx,
        NewAccount("book", "carddav", book, radicale.user, radicale.password, write_back=True),
    )
    meetings = sync_account(ctx, "cal")
    assert meetings.added["interactions"] >= 9
    people = sync_account(ctx, "book")
    assert people.added["people"] == 1 and people.changed["card details"] == 1
    assert not sync_account(ctx, "cal").changed_anything
    assert not sync_account(ctx, "book").changed_anything
    with factory() as uow:
        lia = uow.people.by_email("lia@example.org")
        assert lia is not None
        card_details = uow.cards.for_person(lia.id or 0)
    assert card_details is not None and card_details.birthday == "1980-06-15"

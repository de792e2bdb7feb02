"""CalDAV and CardDAV sync against a real Radicale that keeps no sync tokens (RFC 6578
refused), so allies falls back to the collection's ctag and each object's etag."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from allies.store import SqlUnitOfWorkFactory
from tests.integration.services.sync.conftest import snapshot
from tests.integration.services.sync.dav_setup import (
    BO,
    CY,
    TODAY,
    account,
    card,
    event,
    load,
    new_collection,
    office_calendar,
    run_sync,
)
from tests.servers.radicale import Radicale, RadicaleUnavailable, running_radicale


@pytest.fixture(scope="module")
def radicale() -> Iterator[Radicale]:
    """A Radicale of this module's own that refuses every sync-collection REPORT."""
    try:
        with running_radicale(sync_tokens=False) as server:
            yield server
    except RadicaleUnavailable as error:
        pytest.fail(str(error), pytrace=False)


def _meetings(factory: SqlUnitOfWorkFactory) -> list[tuple[str, str]]:
    with factory() as uow:
        return sorted((i.occurred_on.isoformat(), i.summary) for i in uow.interactions.list())


def test_meetings_come_in_by_etag_and_an_unchanged_ctag_reads_nothing(
    factory: SqlUnitOfWorkFactory, radicale: Radicale
) -> None:
    url = new_collection(radicale, "calendar")
    load(radicale, url, office_calendar())
    first = run_sync(factory, radicale, account(url))
    assert first.added["interactions"] == len(_meetings(factory)) == 9
    before = snapshot(factory)
    second = run_sync(factory, radicale, account(url))
    assert not second.changed_anything and second.batches == 0
    assert snapshot(factory) == before


def test_a_moved_a_new_and_a_deleted_meeting_are_seen_by_their_etags(
    factory: SqlUnitOfWorkFactory, radicale: Radicale
) -> None:
    url = new_collection(radicale, "calendar")
    load(radicale, url, office_calendar())
    run_sync(factory, radicale, account(url))
    day = TODAY - timedelta(days=20)
    radicale.put(url + "budget.ics", event("budget", day - timedelta(days=2), "Budget",
                 [BO, CY]), "text/calendar")  # fmt: skip
    radicale.put(url + "new.ics", event("new", TODAY - timedelta(days=1), "Coffee", [CY]),
                 "text/calendar")  # fmt: skip
    radicale.delete(url + "lunch.ics")
    summary = run_sync(factory, radicale, account(url))
    assert summary.changed["interactions"] == 1  # the budget meeting moved
    assert summary.added["interactions"] == 1  # coffee
    assert summary.withdrawn["interactions"] == 1  # lunch deleted
    meetings = _meetings(factory)
    assert ((day - timedelta(days=2)).isoformat(), "Budget") in meetings
    assert "Lunch" not in {s for _, s in meetings}
    assert not run_sync(factory, radicale, account(url)).changed_anything


def test_cards_come_in_once_and_a_changed_card_is_seen(
    factory: SqlUnitOfWorkFactory, radicale: Radicale
) -> None:
    book = new_collection(radicale, "addressbook")
    radicale.put(book + "lia.vcf", card("lia", "Lia Mora", "lia@example.org", title="Deputy"),
                 "text/vcard")  # fmt: skip
    target = account(book, "carddav")
    first = run_sync(factory, radicale, target)
    assert first.added["people"] == 1
    assert not run_sync(factory, radicale, target).changed_anything
    radicale.put(book + "lia.vcf", card("lia", "Lia Mora", "lia@example.org", title="Director"),
                 "text/vcard")  # fmt: skip
    changed = run_sync(factory, radicale, target)
    assert changed.changed_anything
    with factory() as uow:
        lia = uow.people.by_email("lia@example.org")
    assert lia is not None and lia.title == "Director"

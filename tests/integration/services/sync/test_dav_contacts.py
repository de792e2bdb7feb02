"""CardDAV sync against a real Radicale: cards become people with all they hold; a deleted
card keeps its person; changes made in allies go back when the account says so."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from allies.services.agenda.today import agenda
from allies.services.network.people import add_person, edit_person
from allies.services.sync.contacts import DELETED
from allies.services.sync.errors import LoginRefused
from allies.store import SqlUnitOfWorkFactory
from tests.integration.services.sync.conftest import snapshot
from tests.integration.services.sync.dav_setup import (
    TODAY,
    account,
    card,
    load,
    new_collection,
    radicale_server,
    run_sync,
    sample_cards,
)
from tests.servers.radicale import Radicale


@pytest.fixture(scope="module")
def radicale() -> Iterator[Radicale]:
    """A Radicale of this module's own."""
    yield from radicale_server()


def _people(factory: SqlUnitOfWorkFactory) -> dict[str, object]:
    with factory() as uow:
        return {p.name: p for p in uow.people.list()}


def test_the_sample_cards_come_in_whole_and_a_second_sync_changes_nothing(
    factory: SqlUnitOfWorkFactory, radicale: Radicale
) -> None:
    url = new_collection(radicale, "addressbook")
    taken = load(radicale, url, sample_cards())
    assert taken >= 20
    first = run_sync(factory, radicale, account(url, "carddav"), batch_size=5)
    assert first.read >= 20 and first.added["people"] >= 15 and first.batches >= 4
    with factory() as uow:
        cards = {uow.people.get(c.person_id).name: c for c in uow.cards.list()}
    simon = cards["Simon Perreault"]
    assert (simon.birthday, simon.anniversary) == ("--02-03", "2009-08-08")
    assert simon.urls == ["http://nomis80.org"] and simon.addresses[0].code == "G1V 2M2"
    assert sum(1 for c in cards.values() if c.photo.startswith("data:image/jpeg")) >= 3
    assert any("X-SPOUSE" in c.custom for c in cards.values())
    before = snapshot(factory)
    again = run_sync(factory, radicale, account(url, "carddav"))
    assert not again.changed_anything and again.batches == 0
    assert snapshot(factory) == before


def test_a_deleted_card_never_deletes_its_person(
    factory: SqlUnitOfWorkFactory, radicale: Radicale
) -> None:
    url = new_collection(radicale, "addressbook")
    radicale.put(url + "bo.vcf", card("bo", "Bo Chen", "bo@example.org"), "text/vcard")
    run_sync(factory, radicale, account(url, "carddav"))
    radicale.delete(url + "bo.vcf")
    summary = run_sync(factory, radicale, account(url, "carddav"))
    assert summary.skipped[DELETED] == 1
    assert any("Bo Chen" in note and "kept" in note for note in summary.notes)
    assert "Bo Chen" in _people(factory)


def test_a_title_change_on_the_server_is_kept_as_history_and_shows_on_the_agenda(
    factory: SqlUnitOfWorkFactory, radicale: Radicale
) -> None:
    url = new_collection(radicale, "addressbook")
    first = card("mora", "Lia Mora", "lia@example.org", title="Deputy Director", org="Ministry A")
    radicale.put(url + "lia.vcf", first, "text/vcard")
    run_sync(factory, radicale, account(url, "carddav"))
    later = card("mora", "Lia Mora", "lia@example.org", title="Director General", org="Ministry B")
    radicale.put(url + "lia.vcf", later, "text/vcard")
    summary = run_sync(factory, radicale, account(url, "carddav"))
    assert summary.changed["roles"] == 1
    with factory() as uow:
        lia = uow.people.by_email("lia@example.org")
        assert lia is not None and lia.title == "Director General"
        (change,) = uow.role_changes.for_person(lia.id or 0)
    assert (change.old_title, change.old_organisation) == ("Deputy Director", "Ministry A")
    assert change.changed_on == TODAY
    lines = agenda(factory(), today=TODAY).items
    line = next(i for i in lines if i.who == "Lia Mora")
    assert line.what.startswith("is now Director General at Ministry B: congratulate Lia")
    assert line.section == "celebrate"


def test_changes_made_in_allies_go_back_and_a_card_changed_on_both_sides_is_left_alone(
    factory: SqlUnitOfWorkFactory, radicale: Radicale
) -> None:
    url = new_collection(radicale, "addressbook")
    photo = "NOTE:keep me\r\nBDAY:19800315\r\nX-CUSTOM-FIELD:kept"
    radicale.put(url + "bo.vcf", card("bo", "Bo Chen", "bo@example.org", extra=photo), "text/vcard")
    radicale.put(url + "cy.vcf", card("cy", "Cy Park", "cy@example.org"), "text/vcard")
    target = account(url, "carddav", write_back=True)
    run_sync(factory, radicale, target)
    edit_person(factory(), "Bo Chen", {"title": "Head of Data", "phones": ["+34 600 000 001"]})
    summary = run_sync(factory, radicale, target)
    assert summary.changed["cards written back"] == 1 and not summary.conflicts
    text = radicale.get(url + "bo.vcf").decode()
    assert "TITLE:Head of Data" in text and "+34 600 000 001" in text
    assert "BDAY" in text and "X-CUSTOM-FIELD:kept" in text and "keep me" in text
    assert not run_sync(factory, radicale, target).changed_anything
    # both sides change Cy: the server's card is never overwritten
    edit_person(factory(), "Cy Park", {"title": "Chief of Staff"})
    radicale.put(url + "cy.vcf", card("cy", "Cy Park", "cy@example.org", title="Adviser"),
                 "text/vcard")  # fmt: skip
    clash = run_sync(factory, radicale, target)
    assert len(clash.conflicts) == 1 and "Cy Park" in clash.conflicts[0]
    assert "TITLE:Adviser" in radicale.get(url + "cy.vcf").decode()


def test_without_write_back_nothing_goes_to_the_server(
    factory: SqlUnitOfWorkFactory, radicale: Radicale
) -> None:
    url = new_collection(radicale, "addressbook")
    radicale.put(url + "bo.vcf", card("bo", "Bo Chen", "bo@example.org"), "text/vcard")
    run_sync(factory, radicale, account(url, "carddav"))
    edit_person(factory(), "Bo Chen", {"title": "Head of Data"})
    run_sync(factory, radicale, account(url, "carddav"))
    assert "Head of Data" not in radicale.get(url + "bo.vcf").decode()


def test_a_card_matches_the_person_already_there(
    factory: SqlUnitOfWorkFactory, radicale: Radicale
) -> None:
    add_person(factory(), "Bo Chen", emails="bo@example.org", title="Lead")
    url = new_collection(radicale, "addressbook")
    radicale.put(url + "bo.vcf", card("bo", "Bo Chen", "bo@example.org", title="Lead"),
                 "text/vcard")  # fmt: skip
    summary = run_sync(factory, radicale, account(url, "carddav"))
    assert summary.added["people"] == 0
    assert list(_people(factory)).count("Bo Chen") == 1


def test_a_wrong_password_names_the_account_and_stores_nothing(
    factory: SqlUnitOfWorkFactory, radicale: Radicale
) -> None:
    url = new_collection(radicale, "addressbook")
    radicale.put(url + "bo.vcf", card("bo", "Bo Chen", "bo@example.org"), "text/vcard")
    before = snapshot(factory)
    with pytest.raises(LoginRefused) as refused:
        run_sync(factory, radicale, account(url, "carddav", name="book"), password="nope")
    assert "'book'" in refused.value.message
    assert snapshot(factory) == before

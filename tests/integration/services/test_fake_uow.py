"""The in-memory unit of work answers what the store answers, for what it keeps.

The keeping routine's tests run on :class:`FakeStore`; this runs the same records through
both and compares every read those tests rely on, and the transaction rules.
"""

from __future__ import annotations

from datetime import date

import pytest

from allies.domain import Cadence, Favour, FavourDirection, FavourSize, Interaction, Person, Promise
from allies.errors import Conflict, NotFound
from allies.services.ports import UnitOfWorkFactory
from allies.store import open_store
from tests.integration.services.fake_uow import FakeStore

DAY = date(2026, 6, 15)
UNITS = {"small": 1, "medium": 3, "large": 8}


@pytest.fixture(params=["fake", "sqlite"])
def stores(request: pytest.FixtureRequest) -> UnitOfWorkFactory:
    """The in-memory store, or a real SQLite store."""
    if request.param == "fake":
        return FakeStore()
    return open_store(request.getfixturevalue("sqlite_store_url"))


def _fill(factory: UnitOfWorkFactory) -> dict[str, int]:
    with factory() as uow:
        me = uow.people.add(Person("Me", is_me=True, emails=["Me@Example.org"])).id or 0
        ann = uow.people.add(Person("Ann Lee", tags=["legal", "ally"])).id or 0
        bo = uow.people.add(Person("Bo Chen", tags=["mentor"])).id or 0
        for day, who, tone in ((1, [ann], 1), (3, [ann, bo], -1), (9, [bo], 2)):
            uow.interactions.add(Interaction(date(2026, 6, day), who, tone=tone))
        uow.favours.add(
            Favour(
                ann, FavourDirection("given"), "memo", date(2026, 5, 2), size=FavourSize("large")
            )
        )
        uow.favours.add(Favour(ann, FavourDirection("received"), "intro", date(2026, 5, 9)))
        uow.favours.add(
            Favour(
                bo, FavourDirection("received"), "ride", date(2026, 5, 3), size=FavourSize("medium")
            )
        )
        uow.promises.add(Promise(me, ann, "draft", date(2026, 6, 1), due_on=date(2026, 6, 20)))
        uow.promises.add(Promise(bo, me, "numbers", date(2026, 6, 2), due_on=date(2026, 7, 30)))
        uow.promises.add(Promise(ann, bo, "intro", date(2026, 6, 3)))
        uow.cadences.add(Cadence(14, 28, tag="mentor"))
        uow.cadences.add(Cadence(30, 60, tier="key"))
        uow.cadences.add(Cadence(7, 10, person_id=ann))
        uow.commit()
    return {"me": me, "ann": ann, "bo": bo}


def _who(person: Person | None) -> tuple[object, ...] | None:
    """A person without the times the store stamps (they differ by the microsecond)."""
    return None if person is None else (person.id, person.name, person.emails, person.tags)


def _reads(factory: UnitOfWorkFactory, ids: dict[str, int]) -> dict[str, object]:
    me, ann, bo = ids["me"], ids["ann"], ids["bo"]
    with factory() as uow:
        days = uow.interactions.contact_days([ann, bo], until=date(2026, 6, 5))
        favour_days = uow.favours.favour_days([ann], UNITS)
        return {
            "me": _who(uow.people.me()),
            "by_email": _who(uow.people.by_email("me@example.ORG")),
            "named": [_who(p) for p in uow.people.named("ann lee")],
            "names": uow.people.names([bo, ann, 999]),
            "tags": uow.people.tags(),
            "with_ann": [i.occurred_on for i in uow.interactions.with_person(ann)],
            "last": uow.interactions.last_contact(until=date(2026, 6, 5)),
            "last_bo": uow.interactions.last_contact([bo]),
            "contact_days": sorted(zip(days.person_id, days.day, days.value, strict=True)),
            "favours_ann": [f.description for f in uow.favours.with_person(ann)],
            "favour_days": sorted(
                zip(favour_days.person_id, favour_days.day, favour_days.value, strict=True)
            ),
            "totals": uow.favours.totals(UNITS),
            "involving_me": [p.description for p in uow.promises.involving(me)],
            "between": [p.description for p in uow.promises.between(bo, [ann, me])],
            "agenda": [p.description for p in uow.promises.for_agenda(me, DAY, [])],
            "agenda_bo": [p.description for p in uow.promises.for_agenda(me, DAY, [bo])],
            "for_person": vars(uow.cadences.for_person(ann) or Cadence(1, 1, tag="none")),
            "for_tag": vars(uow.cadences.for_tag(" Mentor ") or Cadence(1, 1, tag="none")),
            "for_tier": vars(uow.cadences.for_tier("key") or Cadence(1, 1, tag="none")),
            "version": uow.people.version_of(ann),
        }


def test_both_stores_give_the_same_answers(sqlite_store_url: str) -> None:
    fake, real = FakeStore(), open_store(sqlite_store_url)
    ids = _fill(fake)
    assert _fill(real) == ids
    found, expected = _reads(fake, ids), _reads(real, ids)
    for key in expected:
        assert found[key] == expected[key], key


def test_what_is_not_committed_is_not_seen(stores: UnitOfWorkFactory) -> None:
    with stores() as uow:
        uow.people.add(Person("Gone"))
    later = stores()  # made before the commit below, used after it: it sees the commit
    with stores() as uow:
        kept = uow.people.add(Person("Kept"))
        uow.commit()
    with later as uow:
        assert [p.name for p in uow.people.list()] == ["Kept"]
        copy = uow.people.get(kept.id or 0)
        copy.name = "Changed but not saved"
        assert uow.people.get(kept.id or 0).name == "Kept"
        with pytest.raises(NotFound):
            uow.people.get(12345)
        with pytest.raises(Conflict):
            uow.people.add(copy)


def test_an_expected_version_refuses_a_stale_save(stores: UnitOfWorkFactory) -> None:
    with stores() as uow:
        person = uow.people.add(Person("Ann"))
        uow.commit()
    with stores() as uow:
        seen = uow.people.version_of(person.id or 0)
        uow.people.save(uow.people.get(person.id or 0))
        uow.commit()
    with stores() as uow:
        uow.people.expect_version(person.id or 0, seen)
        with pytest.raises(Conflict):
            uow.people.save(uow.people.get(person.id or 0))

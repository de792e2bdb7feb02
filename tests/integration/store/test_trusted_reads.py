"""Records read back are built without validation, and equal the validated ones.

The store builds people, promises, cadences and favours with their ``trusted``
constructors (the values were checked when written); on both databases, each record read
back, by the generic reads and by the agenda's reads, equals what the validating
constructor makes of the same values, enums and lists included.
"""

from __future__ import annotations

from datetime import date, timedelta

from allies.domain import (
    Cadence,
    Favour,
    FavourDirection,
    FavourSize,
    Level,
    PeopleFilter,
    Person,
    Promise,
    PromiseStatus,
    Tier,
)
from allies.services.agenda.snapshot import FAVOUR_UNITS
from allies.store import SqlUnitOfWorkFactory

DAY = date(2024, 3, 1)


def _same(trusted: object, validated: object) -> None:
    assert type(trusted) is type(validated)
    assert vars(trusted) == vars(validated)
    for name, value in vars(validated).items():
        assert type(vars(trusted)[name]) is type(value), name


def _fill(store: SqlUnitOfWorkFactory) -> None:
    with store() as uow:
        me = uow.people.add(Person(" Me ", is_me=True, tier="inner", level=Level.PEER))
        ana = uow.people.add(
            Person(
                "Ana",
                emails=["Ana@Example.org", "ana@example.org", " "],
                phones=[" +1 555 ", "+1 555"],
                tags=["Board", "board", " legal "],
                level="above",
                tier=Tier.KEY,
                interests="law",
                values="trust",
            )
        )
        bo = uow.people.add(Person("Bo", tier="network"))
        uow.people.add(Person("Cy"))
        assert me.id and ana.id and bo.id
        for n, status in enumerate(PromiseStatus):
            uow.promises.add(
                Promise(
                    me.id if n % 2 else ana.id,
                    ana.id if n % 2 else me.id,
                    f" promise {n} ",
                    DAY,
                    DAY + timedelta(days=n) if n % 3 else None,
                    status.value if n % 2 else status,
                    DAY + timedelta(days=9) if status is not PromiseStatus.OPEN else None,
                    "note" if n % 2 else "",
                )
            )
        uow.cadences.add(Cadence(7, 14, person_id=bo.id, snoozed_until=DAY))
        uow.cadences.add(Cadence(10, 20, tag=" Board "))
        uow.cadences.add(Cadence(30, 60, tier=Tier.NETWORK))
        uow.cadences.add(Cadence(14, 30, tier="inner"))
        for n, (direction, size) in enumerate((d, s) for d in FavourDirection for s in FavourSize):
            uow.favours.add(
                Favour(ana.id, direction if n % 2 else direction.value, f"favour {n}", DAY, size)
            )
        uow.favours.add(Favour(bo.id, "received", "a large one", DAY, "large"))
        uow.commit()


def test_records_read_back_equal_the_validated_ones(store: SqlUnitOfWorkFactory) -> None:
    _fill(store)
    with store() as uow:
        people = uow.people.list()
        promises = uow.promises.list()
        cadences = uow.cadences.list()
        favours = uow.favours.list()
    assert len(people) == 4 and len(promises) == len(PromiseStatus)
    assert len(cadences) == 4 and len(favours) == 7
    for person in people:
        _same(person, Person(**vars(person)))
    for promise in promises:
        _same(promise, Promise(**vars(promise)))
    for cadence in cadences:
        _same(cadence, Cadence(**vars(cadence)))
    for favour in favours:
        _same(favour, Favour(**vars(favour)))
    ana = next(p for p in people if p.name == "Ana")
    assert ana.emails == ["ana@example.org"] and ana.phones == ["+1 555"]
    assert ana.tags == ["board", "legal"] and ana.tier is Tier.KEY and ana.level is Level.ABOVE
    assert {c.tier for c in cadences} == {None, "network", "inner"}
    assert {c.tag for c in cadences} == {None, "board"}


def test_the_agenda_reads_build_validated_equals(store: SqlUnitOfWorkFactory) -> None:
    _fill(store)
    with store() as uow:
        everyone = {p.id: p for p in uow.people.list()}
        reached = uow.people.reach(
            PeopleFilter(tiers=("network",), tags=("board",)),
            PeopleFilter(tiers=("inner", "key")),
            until=DAY,
            cutoff=DAY,
        )
        me = next(p for p in everyone.values() if p.is_me)
        assert me.id is not None
        promises = uow.promises.for_agenda(me.id, DAY + timedelta(days=30), list(everyone))
        owed = uow.favours.owed_favours(FAVOUR_UNITS, 1)
    assert {r.person.name for r in reached} == {"Me", "Ana", "Bo"}
    for r in reached:
        _same(r.person, Person(**vars(r.person)))
        full = everyone[r.person.id]
        for name in ("name", "tags", "tier", "level", "interests", "values", "is_me"):
            assert getattr(r.person, name) == getattr(full, name)
    assert len(promises) == len(PromiseStatus)
    for promise in promises:
        _same(promise, Promise(**vars(promise)))
    assert {f.person_id for f in owed} == {next(p.id for p in everyone.values() if p.name == "Bo")}
    for favour in owed:
        _same(favour, Favour(**vars(favour)))

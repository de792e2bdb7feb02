"""The agenda's column reads answer what the generic reads answer, on both databases.

Each read of :mod:`allies.store.repositories.agenda_reads` is compared with the same
answer worked out in Python from ``list()`` of the records, on the demo network; and the
agenda built from :func:`load_agenda_snapshot` is compared with the one built from
everything, on PostgreSQL too (the services tests do that on SQLite).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from allies.domain import (
    Favour,
    FavourDirection,
    FavourSize,
    PeopleFilter,
    Promise,
    PromiseStatus,
)
from allies.services.agenda.snapshot import FAVOUR_UNITS, load_agenda_snapshot
from allies.services.agenda.today import build_agenda
from allies.services.demo.network import build_demo, load_demo
from allies.services.keep.snapshot import load_snapshot
from allies.store import SqlUnitOfWorkFactory
from allies.store.uow import SqlUnitOfWork

TODAY = date(2026, 11, 21)


Demo = Callable[[], SqlUnitOfWork]


@pytest.fixture
def demo(store: SqlUnitOfWorkFactory) -> Demo:
    """A new unit of work on the demo network (seed 7, as of :data:`TODAY`)."""
    load_demo(store("demo"), build_demo(seed=7, today=TODAY))
    return lambda: store("demo")


def test_reach_finds_me_the_others_and_the_watched_that_may_fall_due(
    demo: Demo,
) -> None:
    cutoff = TODAY - timedelta(days=20)
    with demo() as uow:
        everyone = uow.people.list()
        tags = sorted({tag for p in everyone for tag in p.tags})
        watched = PeopleFilter(tiers=("key",), tags=tuple(tags[:1]), ids=(everyone[-1].id or 0,))
        organisation = everyone[1].organisation_id or 0
        others = PeopleFilter(tiers=("inner",), organisation_ids=(organisation,))
        last = uow.interactions.last_contact(until=TODAY)
        found = uow.people.reach(watched, others, until=TODAY, cutoff=cutoff)
        none_due = uow.people.reach(watched, others, until=TODAY, cutoff=None)
    assert [r.person.id for r in found] == sorted(r.person.id or 0 for r in found)

    def is_watched(pid: int) -> bool:
        person = next(p for p in everyone if p.id == pid)
        tier = person.tier.value if person.tier else None
        return tier == "key" or tags[0] in person.tags or pid == everyone[-1].id

    def is_other(pid: int) -> bool:
        person = next(p for p in everyone if p.id == pid)
        tier = person.tier.value if person.tier else None
        return tier == "inner" or person.organisation_id == organisation

    def expected(cut: date | None) -> set[int]:
        due = {
            p.id or 0
            for p in everyone
            if is_watched(p.id or 0)
            and cut is not None
            and (p.id not in last or last[p.id or 0] <= cut)
        }
        return due | {p.id or 0 for p in everyone if p.is_me or is_other(p.id or 0)}

    assert {r.person.id for r in found} == expected(cutoff)
    assert {r.person.id for r in none_due} == expected(None)
    assert len(expected(cutoff)) > len(expected(None))  # the cut-off lets some in
    for r in found:
        pid = r.person.id or 0
        full = next(p for p in everyone if p.id == pid)
        assert r.watched == is_watched(pid)
        assert r.last_contact == last.get(pid)
        assert (r.person.name, r.person.tier, r.person.tags, r.person.is_me) == (
            full.name,
            full.tier,
            full.tags,
            full.is_me,
        )
        assert (r.person.values, r.person.interests, r.person.organisation_id) == (
            full.values,
            full.interests,
            full.organisation_id,
        )


def test_contact_and_favour_days_are_the_records_as_columns(demo: Demo) -> None:
    with demo() as uow:
        everyone = [p.id or 0 for p in uow.people.list()]
        some = everyone[::3]
        contacts = uow.interactions.contact_days(some)
        until = uow.interactions.contact_days(some, until=TODAY - timedelta(days=30))
        favours = uow.favours.favour_days(some, FAVOUR_UNITS)
        interactions = uow.interactions.list()
        records = uow.favours.list()
    expected = sorted(
        (pid, i.occurred_on.toordinal(), i.tone)
        for i in interactions
        for pid in i.participant_ids
        if pid in some
    )
    rows = sorted(zip(contacts.person_id, contacts.day, contacts.value, strict=True))
    assert rows == expected and rows
    cut = (TODAY - timedelta(days=30)).toordinal()
    assert sorted(zip(until.person_id, until.day, until.value, strict=True)) == [
        row for row in expected if row[1] <= cut
    ]
    assert sorted(zip(favours.person_id, favours.day, favours.value, strict=True)) == sorted(
        (f.person_id, f.occurred_on.toordinal(), f.signed_value)
        for f in records
        if f.person_id in some
    )


def test_day_columns_of_nobody_or_of_people_without_records_are_empty(demo: Demo) -> None:
    with demo() as uow:
        interactions = uow.interactions.list()
        records = uow.favours.list()
        everyone = [p.id or 0 for p in uow.people.list()]
        seen = {pid for i in interactions for pid in i.participant_ids}
        quiet = [pid for pid in everyone if pid not in seen][:3]
        no_favours = [pid for pid in everyone if pid not in {f.person_id for f in records}][:3]
        nothing = [
            uow.interactions.contact_days([]),
            uow.interactions.contact_days(quiet),
            uow.interactions.contact_days(everyone, until=date(1990, 1, 1)),
            uow.favours.favour_days([], FAVOUR_UNITS),
            uow.favours.favour_days(no_favours, FAVOUR_UNITS),
        ]
        first = uow.interactions.contact_days(sorted(seen)[:1] + quiet)
    assert quiet and no_favours
    for columns in nothing:
        assert len(columns) == 0 and list(columns.day) == [] and list(columns.value) == []
    assert len(first) and all(type(n) is int for n in (*first.person_id, *first.day, *first.value))


def test_owed_favours_are_every_favour_of_those_owed_enough(demo: Demo) -> None:
    with demo() as uow:
        given = {f.person_id for f in uow.favours.list()}
        edge = next(p.id or 0 for p in uow.people.list() if p.id not in given and not p.is_me)
        # they gave me exactly three units more than I gave them
        favour = Favour(edge, FavourDirection.RECEIVED, "a lift", TODAY, FavourSize.MEDIUM)
        uow.favours.add(favour)
        uow.commit()
    with demo() as uow:
        records = uow.favours.list()
        found = {
            threshold: uow.favours.owed_favours(FAVOUR_UNITS, threshold) for threshold in (1, 3, 4)
        }
    balance: dict[int, int] = defaultdict(int)
    for f in records:
        balance[f.person_id] -= f.signed_value
    for threshold, favours in found.items():
        owed = {pid for pid, units in balance.items() if units >= threshold}
        expected = [f for f in records if f.person_id in owed]
        expected.sort(key=lambda f: (f.occurred_on, f.id or 0))
        assert [(f.id, f.person_id, f.size, f.direction, f.description) for f in favours] == [
            (f.id, f.person_id, f.size, f.direction, f.description) for f in expected
        ]
    assert edge in {f.person_id for f in found[3]}
    assert edge not in {f.person_id for f in found[4]}


def test_promises_for_the_agenda_are_the_due_and_the_ones_with_others(
    demo: Demo,
) -> None:
    with demo() as uow:
        everyone = uow.people.list()
        me = next(p.id or 0 for p in everyone if p.is_me)
        others = [p.id or 0 for p in everyone if p.tier is not None][:5]
        by = TODAY + timedelta(days=7)
        found = uow.promises.for_agenda(me, by, others)
        alone = uow.promises.for_agenda(me, by, [])
        records = uow.promises.list()

    def due(c: Promise) -> bool:
        return (
            c.status is PromiseStatus.OPEN
            and c.due_on is not None
            and c.due_on <= by
            and me in (c.promiser_id, c.promisee_id)
        )

    def between(c: Promise) -> bool:
        pair = (c.promiser_id, c.promisee_id)
        return any(pair in ((me, o), (o, me)) for o in others)

    def shown(found: list[Promise]) -> list[tuple[object, ...]]:
        return [tuple(vars(c).values()) for c in found]

    assert shown(found) == shown([c for c in records if due(c) or between(c)])
    assert shown(alone) == shown([c for c in records if due(c)])
    assert any(between(c) and not due(c) for c in found)


@pytest.mark.parametrize("days", [1, 7])
def test_the_agenda_from_the_column_reads_is_the_agenda_from_everything(
    demo: Demo, days: int
) -> None:
    for shift in (-30, 0, 13, 45):
        today = TODAY + timedelta(days=shift)
        end = today + timedelta(days=days - 1)
        everything = build_agenda(load_snapshot(demo()), today, days)
        targeted = build_agenda(load_agenda_snapshot(demo(), today, end), today, days)
        assert targeted.items == everything.items
        assert everything.items

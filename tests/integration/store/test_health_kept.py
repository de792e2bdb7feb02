"""The health list's ranking kept between views (issue 22): a view of an unchanged
workspace reads it, any change of the records it is made of is seen at the next view, and
every page is the one computed from every record, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from allies.domain import Cadence, Favour, Interaction, Promise, Tier
from allies.services.keep.health import health_list
from allies.services.keep.health_board import HealthRow, health_board, refresh_health
from allies.services.keep.health_kept import HEALTH
from allies.store import SqlUnitOfWorkFactory
from tests.integration.store.test_health_reads import DAY, _by_objects, _seed


def _kept_keys(store: SqlUnitOfWorkFactory) -> list[str]:
    with store("seeded") as uow:
        return [key for key, _, _ in uow.analysis_cache.newest(HEALTH)]


def _pages(store: SqlUnitOfWorkFactory, **options: object) -> list[HealthRow]:
    """Every row of the list, read a page of 7 at a time."""
    rows: list[HealthRow] = []
    offset = 0
    while True:
        board = health_board(store("seeded"), today=DAY, offset=offset, limit=7, **options)  # type: ignore[arg-type]
        rows += board.page.items
        offset += 7
        if offset >= board.page.total:
            return rows


def _same_as_every_record(store: SqlUnitOfWorkFactory) -> None:
    for weakest in (False, True):
        expected = _by_objects(store, "seeded", DAY, weakest=weakest)
        assert _pages(store, weakest_first=weakest) == expected
        assert _pages(store, weakest_first=weakest, cooling_only=True) == [
            r for r in expected if r.cooling
        ]
        assert _pages(store, weakest_first=weakest, query="PÉRSON 1") == [
            r for r in expected if "Pérson 1" in r.name
        ]
    board = health_board(store("seeded"), today=DAY)
    everyone = _by_objects(store, "seeded", DAY, weakest=False)
    scored = [r.score for r in everyone if r.score is not None]
    assert board.summary.people == len(everyone)
    assert board.summary.strong == sum(s >= 70 for s in scored)
    assert board.summary.weak == sum(s < 40 for s in scored)
    assert board.summary.unscored == len(everyone) - len(scored)
    assert board.summary.cooling == sum(r.cooling for r in everyone)


def test_pages_read_from_the_kept_ranking_are_those_of_every_record(
    store: SqlUnitOfWorkFactory,
) -> None:
    _seed(store, random.Random(31))
    assert _kept_keys(store) == []
    first = health_board(store("seeded"), today=DAY, offset=7, limit=7)
    assert len(_kept_keys(store)) == 1  # worked out once, and kept
    again = health_board(store("seeded"), today=DAY, offset=7, limit=7)
    assert again == first
    assert len(_kept_keys(store)) == 1  # read back, not worked out again
    _same_as_every_record(store)
    assert len(_kept_keys(store)) == 1
    assert (
        health_list(store("seeded"), today=DAY, top=5)
        == _by_objects(store, "seeded", DAY, weakest=False)[:5]
    )


def _change(store: SqlUnitOfWorkFactory, what: Callable[..., object]) -> None:
    with store("seeded") as uow:
        what(uow)
        uow.commit()


def test_every_change_of_the_records_is_seen_at_the_next_view(
    store: SqlUnitOfWorkFactory,
) -> None:
    _seed(store, random.Random(32))
    with store("seeded") as uow:
        people = [p for p in uow.people.list() if not p.is_me]
        me = next(p for p in uow.people.list() if p.is_me)
        talks = uow.interactions.list()
        favours = uow.favours.list()
        promises = [c for c in uow.promises.list() if c.status.value == "open"]
    quiet = people[50]  # no interactions in the seeded workspace: only ids[:45] have some
    health_board(store("seeded"), today=DAY)

    def retone(uow: object) -> None:
        talk = talks[0]
        talk.tone = -2 if talk.tone > 0 else 2
        talk.occurred_on = DAY - timedelta(days=1)
        uow.interactions.save(talk)  # type: ignore[attr-defined]

    def regroup(uow: object) -> None:
        talk = talks[1]
        talk.participant_ids = [quiet.id or 0]
        uow.interactions.save(talk)  # type: ignore[attr-defined]

    def keep_promise(uow: object) -> None:
        promise = promises[0]
        promise.status = "broken"  # type: ignore[assignment]
        promise.resolved_on = DAY - timedelta(days=2)
        uow.promises.save(promise)  # type: ignore[attr-defined]

    def new_tier(uow: object) -> None:
        person = uow.people.get(people[4].id or 0)  # type: ignore[attr-defined]
        person.tier = Tier.INNER if person.tier != Tier.INNER else Tier.NETWORK
        person.name = "Zebedee Last"
        uow.people.save(person)  # type: ignore[attr-defined]

    changes: list[Callable[[object], object]] = [
        lambda uow: uow.interactions.add(  # type: ignore[attr-defined]
            Interaction(occurred_on=DAY, participant_ids=[quiet.id or 0], tone=2)
        ),
        retone,
        regroup,
        lambda uow: uow.interactions.remove(talks[2].id or 0),  # type: ignore[attr-defined]
        lambda uow: uow.favours.add(Favour(people[7].id or 0, "received", "help", DAY)),  # type: ignore[attr-defined, arg-type]
        lambda uow: uow.favours.remove(favours[0].id or 0),  # type: ignore[attr-defined]
        lambda uow: uow.promises.add(  # type: ignore[attr-defined]
            Promise(me.id or 0, people[9].id or 0, "call", DAY - timedelta(days=40), DAY)
        ),
        keep_promise,
        lambda uow: uow.cadences.add(Cadence(3, 5, person_id=people[0].id)),  # type: ignore[attr-defined]
        new_tier,
    ]
    for change in changes:
        before = _kept_keys(store)
        _change(store, change)
        assert refresh_health(store("seeded"), DAY)  # a change: worked out again
        assert not refresh_health(store("seeded"), DAY)  # then kept
        assert _kept_keys(store) != before
        for weakest in (False, True):
            expected = _by_objects(store, "seeded", DAY, weakest=weakest)
            assert _pages(store, weakest_first=weakest) == expected


def test_a_member_and_the_owner_each_see_their_own_kept_ranking(
    store: SqlUnitOfWorkFactory,
) -> None:
    from allies.domain import Person
    from allies.domain.accounts import Actor, Role
    from allies.services.team import accounts

    _seed(store, random.Random(33))
    with store("seeded") as uow:
        member = uow.people.add(Person("Member Person"))
        others = [p.id or 0 for p in uow.people.list() if not p.is_me][:10]
        uow.commit()
    user = accounts.add_user(store, "member", "x" * 12).id or 0
    actor = Actor(user, "member", Role.EDITOR, person_id=member.id)
    with store("seeded", actor=actor) as uow:
        for i, pid in enumerate(others):
            uow.interactions.add(
                Interaction(occurred_on=DAY - timedelta(days=i), participant_ids=[pid], tone=1)
            )
        uow.commit()
    owner = health_list(store("seeded"), today=DAY)
    theirs = health_list(store("seeded", actor=actor), today=DAY)
    assert theirs != owner
    assert health_list(store("seeded"), today=DAY) == owner
    assert health_list(store("seeded", actor=actor), today=DAY) == theirs
    assert owner == _by_objects(store, "seeded", DAY, weakest=False)


def test_a_persons_interactions_are_theirs_newest_first(store: SqlUnitOfWorkFactory) -> None:
    _seed(store, random.Random(34))
    with store("seeded") as uow:
        everything = uow.interactions.list()
        for person in uow.people.list()[:12]:
            pid = person.id or 0
            expected = sorted(
                (
                    (i.occurred_on, i.id, i.participant_ids, i.tone)
                    for i in everything
                    if pid in i.participant_ids
                ),
                reverse=True,
            )
            found = uow.interactions.with_person(pid)
            assert [(i.occurred_on, i.id, i.participant_ids, i.tone) for i in found] == expected
        assert uow.interactions.with_person(10**6) == []


def test_the_background_work_keeps_the_ranking_the_first_view_reads(
    store: SqlUnitOfWorkFactory,
) -> None:
    from allies.services.context import Lens
    from allies.services.influence.kept import refresh

    _seed(store, random.Random(35))
    assert "health" in refresh(store("seeded"), Lens(as_of=DAY))
    assert "health" not in refresh(store("seeded"), Lens(as_of=DAY))  # nothing changed
    kept = _kept_keys(store)
    assert len(kept) == 1
    board = health_board(store("seeded"), today=DAY)
    assert _kept_keys(store) == kept  # read, not worked out again
    assert board.page.items == _by_objects(store, "seeded", DAY, weakest=False)[:50]

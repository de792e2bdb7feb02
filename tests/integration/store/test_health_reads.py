"""Relationship health from the database's sums (issue 22) gives the same list as from
every record read as an object: on the demo workspace and on a seeded random one, on
SQLite and PostgreSQL."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from allies.domain import (
    Cadence,
    Favour,
    Interaction,
    Person,
    Promise,
)
from allies.services.demo.network import build_demo, load_demo
from allies.services.keep.checkins import check_ins, select_check_ins
from allies.services.keep.health import health_list, person_health, report_of, reports, row_of
from allies.services.keep.health_board import HealthRow, health_board
from allies.services.keep.ledger import favour_nudges, reliability_rows
from allies.services.keep.ledger_reads import quick_nudges, quick_reliability
from allies.services.keep.snapshot import load_snapshot
from allies.store import SqlUnitOfWorkFactory

DAY = date(2025, 6, 30)


def _by_objects(
    store: SqlUnitOfWorkFactory, workspace: str, today: date, *, weakest: bool
) -> list[HealthRow]:
    """The list as it was made before the sums: every report in words, then sorted."""
    rows = [row_of(r) for r in reports(load_snapshot(store(workspace)), today)]
    sign = 1 if weakest else -1
    rows.sort(
        key=lambda r: (
            r.score is None,
            0 if r.score is None else sign * r.score,
            r.name.casefold(),
        )
    )
    return rows


def _same_list(store: SqlUnitOfWorkFactory, workspace: str, today: date) -> None:
    for weakest in (False, True):
        expected = _by_objects(store, workspace, today, weakest=weakest)
        found = health_list(store(workspace), today=today, weakest_first=weakest)
        assert found == expected
    cooling = health_list(store(workspace), today=today, cooling_only=True)
    assert cooling == [r for r in _by_objects(store, workspace, today, weakest=False) if r.cooling]


def test_the_demo_scores_are_those_of_every_record(store: SqlUnitOfWorkFactory) -> None:
    load_demo(store("demo"), build_demo(seed=7, today=DAY))
    for today in (DAY, DAY - timedelta(days=45), DAY + timedelta(days=100)):
        _same_list(store, "demo", today)
    snapshot = load_snapshot(store("demo"))
    for person in snapshot.others()[:12]:
        one = person_health(store("demo"), f"#{person.id}", today=DAY)
        assert one == report_of(snapshot, person, DAY)


def _seed(store: SqlUnitOfWorkFactory, rng: random.Random) -> None:
    tiers = [None, "inner", "key", "network"]
    with store("seeded") as uow:
        me = uow.people.add(Person("Me Myself", is_me=True))
        people = [
            uow.people.add(
                Person(
                    f"Pérson {i} Ñame",
                    tier=rng.choice(tiers),
                    tags=rng.sample(["board", "press", "donor"], rng.randint(0, 2)),
                )
            )
            for i in range(60)
        ]
        ids = [p.id or 0 for p in people]
        uow.cadences.add(Cadence(14, 30, tier="inner"))
        uow.cadences.add(Cadence(30, 60, tier="key"))
        uow.cadences.add(Cadence(20, 45, tag="press"))
        uow.cadences.add(Cadence(10, 25, tag="board"))
        uow.cadences.add(Cadence(7, 14, person_id=ids[3]))
        bounds = [DAY - timedelta(days=back) for back in (90, 60, 30, 0)]
        for _ in range(400):
            day = (
                rng.choice(bounds) if rng.random() < 0.1 else DAY - timedelta(rng.randint(-20, 700))
            )
            uow.interactions.add(
                Interaction(
                    occurred_on=day,
                    kind="call",
                    participant_ids=rng.sample(ids[:45], rng.randint(1, 3)),
                    tone=rng.randint(-2, 2),
                    summary="talk",
                )
            )
        for _ in range(80):
            uow.favours.add(
                Favour(
                    rng.choice(ids),
                    rng.choice(["given", "received"]),  # type: ignore[arg-type]
                    "help",
                    DAY - timedelta(rng.randint(-10, 500)),
                    rng.choice(["small", "medium", "large"]),  # type: ignore[arg-type]
                )
            )
        for _ in range(60):
            other = rng.choice(ids)
            made = DAY - timedelta(rng.randint(-5, 400))
            status = rng.choice(["open", "kept", "late", "broken", "released"])
            due = made + timedelta(rng.randint(0, 90)) if rng.random() < 0.7 else None
            resolved = None if status == "open" else made + timedelta(rng.randint(0, 120))
            mine = rng.random() < 0.5
            uow.promises.add(
                Promise(
                    me.id if mine else other,  # type: ignore[arg-type]
                    other if mine else me.id,  # type: ignore[arg-type]
                    "something",
                    made,
                    due,
                    status,  # type: ignore[arg-type]
                    resolved,
                )
            )
        uow.commit()


def test_seeded_scores_are_those_of_every_record(store: SqlUnitOfWorkFactory) -> None:
    _seed(store, random.Random(22))
    for today in (DAY, DAY - timedelta(days=61)):
        _same_list(store, "seeded", today)


def test_a_page_with_a_search_and_the_counts(store: SqlUnitOfWorkFactory) -> None:
    _seed(store, random.Random(5))
    everyone = health_list(store("seeded"), today=DAY)
    board = health_board(store("seeded"), today=DAY, offset=10, limit=7)
    assert board.page.items == everyone[10:17] and board.page.total == len(everyone) == 60
    summary = board.summary
    assert summary.people == 60
    assert summary.strong + summary.fair + summary.weak + summary.unscored == 60
    assert summary.cooling == sum(r.cooling for r in everyone)
    found = health_board(store("seeded"), today=DAY, query="person 1 name")
    assert [r.name for r in found.page.items] == ["Pérson 1 Ñame"]
    assert health_board(store("seeded"), today=DAY, query="nobody").page.total == 0
    found = health_board(store("seeded"), today=DAY, query="PERSON 1")
    assert {r.name for r in found.page.items} == {r.name for r in everyone if "Pérson 1" in r.name}
    accented = health_board(store("seeded"), today=DAY, query="ñame")
    assert accented.page.total == 60


@pytest.mark.parametrize(("offset", "limit"), [(-1, 50), (0, 0), (0, 501)])
def test_a_page_out_of_range_is_refused(
    store: SqlUnitOfWorkFactory, offset: int, limit: int
) -> None:
    from allies.errors import InvalidInput

    with pytest.raises(InvalidInput):
        health_board(store("seeded"), today=DAY, offset=offset, limit=limit)


def _same_check_ins(store: SqlUnitOfWorkFactory, workspace: str, today: date) -> None:
    snapshot = load_snapshot(store(workspace))
    for within, overdue, snoozed in [(0, False, False), (7, False, True), (None, False, True)]:
        expected = select_check_ins(
            snapshot, today, within_days=within, overdue_only=overdue, include_snoozed=snoozed
        )
        found = check_ins(
            store(workspace),
            today=today,
            within_days=within,
            overdue_only=overdue,
            include_snoozed=snoozed,
        )
        assert found == expected
    assert check_ins(store(workspace), today=today, overdue_only=True) == select_check_ins(
        snapshot, today, overdue_only=True
    )


def test_check_ins_read_from_the_sums_are_those_of_every_record(
    store: SqlUnitOfWorkFactory,
) -> None:
    load_demo(store("demo"), build_demo(seed=7, today=DAY))
    _seed(store, random.Random(3))
    for today in (DAY, DAY - timedelta(days=20)):
        _same_check_ins(store, "demo", today)
        _same_check_ins(store, "seeded", today)


def test_the_ledgers_on_the_health_page_are_those_of_every_record(
    store: SqlUnitOfWorkFactory,
) -> None:
    load_demo(store("demo"), build_demo(seed=7, today=DAY))
    _seed(store, random.Random(9))
    for workspace in ("demo", "seeded"):
        everything = load_snapshot(store(workspace))
        assert quick_reliability(store(workspace), today=DAY) == reliability_rows(everything, DAY)
        for threshold in (1, 3, 9):
            assert quick_nudges(store(workspace), threshold=threshold) == favour_nudges(
                everything, threshold
            )


def test_a_member_sees_the_health_of_their_own_relationships(
    store: SqlUnitOfWorkFactory,
) -> None:
    from allies.domain.accounts import Actor, Role
    from allies.services.team import accounts

    _seed(store, random.Random(11))
    with store("seeded") as uow:
        member = uow.people.add(Person("Member Person"))
        others = [p.id or 0 for p in uow.people.list() if not p.is_me][:20]
        uow.commit()
    user = accounts.add_user(store, "member", "x" * 12).id or 0
    actor = Actor(user, "member", Role.EDITOR, person_id=member.id)
    with store("seeded", actor=actor) as uow:
        for i, pid in enumerate(others):
            uow.interactions.add(
                Interaction(occurred_on=DAY - timedelta(days=3 * i), participant_ids=[pid], tone=1)
            )
            uow.favours.add(Favour(pid, "given", "help", DAY - timedelta(days=i)))  # type: ignore[arg-type]
        uow.commit()
    for weakest in (False, True):
        snapshot = load_snapshot(store("seeded", actor=actor))
        assert snapshot.me_id == member.id
        expected = [row_of(r) for r in reports(snapshot, DAY)]
        sign = 1 if weakest else -1
        expected.sort(
            key=lambda r: (
                r.score is None,
                0 if r.score is None else sign * r.score,
                r.name.casefold(),
            )
        )
        found = health_list(store("seeded", actor=actor), today=DAY, weakest_first=weakest)
        assert found == expected
    assert found != health_list(store("seeded"), today=DAY, weakest_first=True)
    _same_check_ins_as(store, actor)


def _same_check_ins_as(store: SqlUnitOfWorkFactory, actor: object) -> None:
    snapshot = load_snapshot(store("seeded", actor=actor))  # type: ignore[arg-type]
    expected = select_check_ins(snapshot, DAY, within_days=None, include_snoozed=True)
    found = check_ins(
        store("seeded", actor=actor),  # type: ignore[arg-type]
        today=DAY,
        within_days=None,
        include_snoozed=True,
    )
    assert found == expected

"""A person's profile reads one page of their story: the same entries, counts and last
contact as reading every record of theirs, on the demo network and on random workspaces
(many events on the same day, "me" in most interactions), page after page."""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from datetime import date, timedelta

import pytest

from allies.domain import (
    Favour,
    FavourDirection,
    FavourSize,
    Interaction,
    InteractionKind,
    Observation,
    ObservationKind,
    Person,
    Promise,
    PromiseStatus,
)
from allies.domain.accounts import Actor, Role
from allies.services.demo.network import build_demo, load_demo
from allies.services.network.profile import PersonProfile, profile_of
from allies.services.network.story import TimelineEntry, build_timeline
from allies.services.ports import UnitOfWork
from allies.store import SqlUnitOfWorkFactory

TODAY = date(2026, 11, 21)


@dataclass
class Whole:
    """What the profile showed when it read every record of the person."""

    timeline: list[TimelineEntry]
    interactions: list[Interaction]
    last_contact: date | None


def _whole(uow: UnitOfWork, person: Person) -> Whole:
    """The story as the profile read it before it was paged: every interaction of the
    person as an object, every name they mention."""
    pid = person.id or 0
    ties = uow.ties.involving(pid)
    interactions = uow.interactions.with_person(pid)
    observations = uow.observations.involving(pid)
    favours = uow.favours.with_person(pid)
    promises = uow.promises.involving(pid)
    everyone = {
        p.id: p
        for p in uow.people.several({t.source_id for t in ties} | {t.target_id for t in ties})
    }
    everyone[pid] = person
    mentioned = {q for i in interactions for q in i.participant_ids}
    mentioned |= {o.subject_id for o in observations} | {o.object_id for o in observations}
    mentioned |= {c.promiser_id for c in promises} | {c.promisee_id for c in promises}
    found = uow.people.names(mentioned - set(everyone))
    names: dict[int | None, str] = {k: v for k, v in found.items()}
    names.update({k: v.name for k, v in everyone.items()})
    timeline = build_timeline(names, interactions, observations, favours, promises)
    last = max((i.occurred_on for i in interactions), default=None)
    return Whole(timeline, interactions, last)


def _same_page(profile: PersonProfile, whole: Whole, start: int, limit: int | None) -> None:
    end = len(whole.timeline) if limit is None else start + limit
    assert profile.timeline == whole.timeline[start:end]
    shown = {e.id for e in profile.timeline if e.kind == "interaction"}
    assert [i.id for i in profile.interactions] == [
        i.id for i in whole.interactions if i.id in shown
    ]
    assert [asdict(i) for i in profile.interactions] == [
        asdict(i) for i in whole.interactions if i.id in shown
    ]
    assert profile.last_contact == whole.last_contact
    assert profile.interaction_count == len(whole.interactions)
    assert profile.story_total == len(whole.timeline)
    more = end < len(whole.timeline)
    assert profile.older == (profile.timeline[-1].cursor if more and profile.timeline else None)


def _compare(uow: UnitOfWork, person: Person, rng: random.Random, *, walk: bool = True) -> None:
    """The paged profile against the whole story: the newest pages of a few sizes, the
    whole story, a page after a random entry and (``walk``) every page after another."""
    whole = _whole(uow, person)
    for limit in (None, 0, 1, 3, 25, 50):
        _same_page(profile_of(uow, person, limit=limit), whole, 0, limit)
    if whole.timeline:  # a page after any entry (a cursor of each kind)
        for at in rng.sample(range(len(whole.timeline)), min(4, len(whole.timeline))):
            page = profile_of(uow, person, limit=4, before=whole.timeline[at].cursor)
            _same_page(page, whole, at + 1, 4)
    if not walk:
        return
    start, before = 0, None
    size = rng.choice((2, 5, 7))
    while True:  # page after page, each from the cursor of the one before
        page = profile_of(uow, person, limit=size, before=before)
        _same_page(page, whole, start, size)
        assert page.before == before
        if page.older is None:
            break
        start, before = start + size, page.older
    assert start + size >= len(whole.timeline)


@pytest.mark.slow
def test_the_demo_network_reads_the_same_story_a_page_at_a_time(
    store: SqlUnitOfWorkFactory,
) -> None:
    load_demo(store("demo"), build_demo(7, TODAY))
    rng = random.Random(1)
    with store("demo") as uow:
        people = uow.people.list()
        walked = {p.id for p in rng.sample(people, 8)} | {p.id for p in people if p.is_me}
        assert len(walked) == 9
        for person in people:
            _compare(uow, person, rng, walk=person.id in walked)


def _seed(store: SqlUnitOfWorkFactory, rng: random.Random, workspace: str) -> None:
    """People, "me" in most interactions, and every kind of event crowded on few days."""
    with store(workspace) as uow:
        me = uow.people.add(Person("Me", is_me=True))
        others = [uow.people.add(Person(f"Person {n}")) for n in range(25)]
        ids = [p.id or 0 for p in others]
        mine = me.id or 0

        def day() -> date:
            return TODAY - timedelta(days=rng.randrange(20))

        for _ in range(300):
            people = rng.sample(ids, rng.randint(1, 3))
            if rng.random() < 0.8:
                people.insert(rng.randrange(len(people) + 1), mine)
            uow.interactions.add(
                Interaction(
                    occurred_on=day(),
                    kind=rng.choice(list(InteractionKind)),
                    participant_ids=people,
                    tone=rng.randint(-2, 2),
                    summary=rng.choice(("", "budget", "hiring")),
                )
            )
        for _ in range(40):
            subject, target = rng.sample([mine, *ids], 2)
            uow.observations.add(
                Observation(
                    subject_id=subject,
                    object_id=target,
                    kind=rng.choice(list(ObservationKind)),
                    observed_on=day(),
                )
            )
        for _ in range(30):
            uow.favours.add(
                Favour(
                    person_id=rng.choice(ids),
                    direction=rng.choice(list(FavourDirection)),
                    description="a hand",
                    occurred_on=day(),
                    size=rng.choice(list(FavourSize)),
                )
            )
        for _ in range(30):
            other = rng.choice(ids)
            mine_first = rng.random() < 0.5
            uow.promises.add(
                Promise(
                    promiser_id=mine if mine_first else other,
                    promisee_id=other if mine_first else mine,
                    description="a word",
                    made_on=day(),
                    status=rng.choice(list(PromiseStatus)),
                )
            )
        uow.commit()


def test_a_random_workspace_reads_the_same_story_a_page_at_a_time(
    store: SqlUnitOfWorkFactory,
) -> None:
    rng = random.Random(22)
    _seed(store, rng, "random")
    with store("random") as uow:
        people = uow.people.list()
        for person in people[:8]:
            _compare(uow, person, rng)
        assert profile_of(uow, people[0], limit=5).interaction_count >= 200  # me


def test_a_member_reads_the_story_of_their_own_interactions(store: SqlUnitOfWorkFactory) -> None:
    from allies.services.team import accounts

    rng = random.Random(5)
    _seed(store, rng, "team")
    with store("team") as uow:
        member = uow.people.add(Person("Member"))
        others = [p for p in uow.people.list() if p.id != member.id]
        uow.commit()
    user = accounts.add_user(store, "member", "x" * 12).id or 0
    actor = Actor(user, "member", Role.EDITOR, person_id=member.id)
    with store("team", actor=actor) as uow:
        for n, person in enumerate(others[:12]):
            uow.interactions.add(
                Interaction(
                    occurred_on=TODAY - timedelta(days=n % 3),
                    participant_ids=[person.id or 0, others[0].id or 0],
                )
            )
        uow.commit()
    with store("team", actor=actor) as uow:
        for person in others[:6]:
            whole = _whole(uow, person)
            assert len(whole.interactions) <= 12  # only theirs
            _compare(uow, person, rng)

"""Eighteen months of relationship history for the demo: interactions, favours, promises
and check-in cadences.

Every date falls on or before ``today`` except the due dates of open promises and the end
of a snooze. Participants, initiators and counterparts are local keys into the cast's
people (see :mod:`allies.services.demo.network`); *me* never appears among the participants of an
interaction, since every interaction in the record is one of mine.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from allies.domain import (
    Cadence,
    Favour,
    FavourDirection,
    FavourSize,
    Interaction,
    InteractionKind,
    Promise,
    PromiseStatus,
    Tier,
)
from allies.services.demo.people import RIVALS, Cast
from allies.services.demo.text import (
    FAVOURS_GIVEN,
    FAVOURS_RECEIVED,
    PROMISES_MINE,
    PROMISES_THEIRS,
)

#: How far back the history reaches.
HISTORY_DAYS = 548

#: Typical days between two contacts, by tier.
MEAN_GAP: dict[Tier | None, float] = {Tier.INNER: 16, Tier.KEY: 42, Tier.NETWORK: 120, None: 150}

#: People I have let drift: their last contact is months old.
COOLING: tuple[str, ...] = ("cio", "professor", "sales_intl")

#: Who introduced me to whom, and how many days before ``today``.
INTRODUCTIONS: tuple[tuple[str, str, int], ...] = (
    ("advisor", "pb_md", 500),
    ("pb_md", "pb_ops", 470),
    ("pb_ops", "pb_data", 330),
    ("professor", "fellow", 420),
    ("sales_key", "cel_supply", 380),
    ("data_lead", "nim_arch", 160),
    ("nim_arch", "nim_ae", 150),
    ("ned", "chair", 300),
    ("advisor", "consultant", 260),
)

TOPICS: tuple[str, ...] = (
    "peak-season staffing",
    "the northern hub opening",
    "failed-delivery figures",
    "the budget round",
    "the analytics platform",
    "carrier performance",
    "the pilot results",
    "a customer escalation",
    "team changes",
    "the quarterly plan",
    "safety incidents",
    "the data-sharing pilot",
    "warehouse automation",
    "a promotion case",
    "the customer survey",
    "contract renewals",
)
SOCIAL: tuple[str, ...] = ("Coffee", "Lunch", "Drinks after work", "Walk round the site")

TONE_WEIGHTS = (1, 4, 20, 50, 25)  # for tones -2, -1, 0, +1, +2
TENSE_WEIGHTS = (3, 12, 35, 38, 12)


def build_interactions(cast: Cast) -> list[Interaction]:
    """One-to-one touch-points per person, recurring meetings, socials and introductions."""
    rng, today = cast.rng, cast.today
    start = today - timedelta(days=HISTORY_DAYS)
    met: dict[str, date] = {}
    found: list[Interaction] = []
    for introducer, newcomer, days_ago in INTRODUCTIONS:
        day = today - timedelta(days=days_ago)
        met[newcomer] = day
        found.append(
            Interaction(
                day,
                [cast[introducer], cast[newcomer]],
                InteractionKind.INTRODUCTION,
                initiated_by_me=False,
                initiator_id=cast[introducer],
                tone=rng.choice((1, 2)),
                summary=f"{cast.name(introducer)} introduced me to {cast.name(newcomer)}",
            )
        )
    tense = {cast[b] if a == "me" else cast[a] for a, b in RIVALS if "me" in (a, b)}
    for key in cast.keys_where():
        person = cast[key]
        role = cast.roles[person]
        mean = MEAN_GAP[role.tier]
        stop = today - timedelta(days=rng.randint(95, 150)) if key in COOLING else today
        mine = {"ea": 0.9, "pb_ops": 0.35, "hrbp": 0.3}.get(key, rng.uniform(0.35, 0.8))
        weights = TENSE_WEIGHTS if person in tense else TONE_WEIGHTS
        kinds = _kinds(role.org == "home")
        for day in _days(rng, max(start, met.get(key, start)), stop, mean):
            kind = rng.choices(kinds[0], weights=kinds[1])[0]
            by_me = rng.random() < mine
            found.append(
                Interaction(
                    day,
                    [person],
                    kind,
                    initiated_by_me=by_me,
                    initiator_id=None if by_me else person,
                    tone=rng.choices((-2, -1, 0, 1, 2), weights=weights)[0],
                    summary=_summary(rng, kind),
                )
            )
    found.extend(_meetings(cast, start))
    found.sort(key=lambda i: (i.occurred_on, i.participant_ids))
    return found


def _kinds(internal: bool) -> tuple[tuple[InteractionKind, ...], tuple[int, ...]]:
    kinds = (
        InteractionKind.ONE_ON_ONE,
        InteractionKind.CALL,
        InteractionKind.MESSAGE,
        InteractionKind.SOCIAL,
    )
    return kinds, ((5, 2, 3, 1) if internal else (2, 4, 3, 1))


def _days(rng: random.Random, start: date, stop: date, mean: float) -> Iterator[date]:
    """Dates from ``start`` to ``stop`` with gaps around ``mean`` days."""
    day = start + timedelta(days=int(rng.uniform(0, mean)))
    while day <= stop:
        yield day
        day += timedelta(days=max(1, int(rng.uniform(0.4, 1.6) * mean)))


def _summary(rng: random.Random, kind: InteractionKind) -> str:
    topic = rng.choice(TOPICS)
    if kind is InteractionKind.SOCIAL:
        return rng.choice(SOCIAL)
    if kind is InteractionKind.CALL:
        return f"Call about {topic}"
    if kind is InteractionKind.MESSAGE:
        return f"Messages on {topic}"
    return f"One-on-one: {topic}"


def _series(start: date, stop: date, every: int) -> Iterator[date]:
    day = start
    while day <= stop:
        yield day
        day += timedelta(days=every)


def _meetings(cast: Cast, start: date) -> Iterator[Interaction]:
    """Recurring group meetings and a few socials."""
    rng, today = cast.rng, cast.today
    team = [
        cast[k]
        for k in ("lead_north", "lead_south", "planner", "improve", "coordinator", "fulfil_data")
    ]
    review = [cast[k] for k in ("coo", "logistics", "warehousing", "service", "ops_analyst")]
    qbr = [cast[k] for k in ("ceo", "cfo", "coo", "cco", "cpo", "cio", "ea")]
    platform = [
        cast[k]
        for k in (
            "data_lead",
            "data_eng",
            "architect",
            "fulfil_data",
            "ops_analyst",
            "pm1",
            "security",
        )
    ]
    partners = [cast[k] for k in ("pb_ops", "pb_data", "fulfil_data")]
    first = start + timedelta(days=rng.randint(0, 6))
    for day in _series(first, today - timedelta(days=1), 14):
        present = [p for p in team if rng.random() < 0.9] or team[:1]
        yield Interaction(
            day,
            present,
            InteractionKind.GROUP_MEETING,
            initiated_by_me=True,
            tone=rng.choices((0, 1, 2), weights=(2, 6, 2))[0],
            summary="Fulfilment team meeting",
        )
    for day in _series(first + timedelta(days=9), today, 30):
        present = review + ([cast["fpa"]] if rng.random() < 0.3 else [])
        yield Interaction(
            day,
            present,
            InteractionKind.GROUP_MEETING,
            initiated_by_me=False,
            initiator_id=cast["coo"],
            tone=rng.choices((-1, 0, 1, 2), weights=(1, 4, 5, 1))[0],
            summary="Monthly operations review",
        )
    for day in _series(first + timedelta(days=40), today, 91):
        yield Interaction(
            day,
            qbr,
            InteractionKind.GROUP_MEETING,
            initiated_by_me=False,
            initiator_id=cast["ceo"],
            tone=rng.choice((0, 1, 1, 2)),
            summary="Quarterly business review (presenting fulfilment)",
        )
    for day in _series(today - timedelta(days=150), today - timedelta(days=3), 28):
        yield Interaction(
            day,
            platform,
            InteractionKind.GROUP_MEETING,
            initiated_by_me=True,
            tone=rng.choice((0, 1, 1, 2)),
            summary="Analytics platform working group",
        )
    for day in _series(today - timedelta(days=300), today - timedelta(days=5), 30):
        yield Interaction(
            day,
            partners,
            InteractionKind.GROUP_MEETING,
            initiated_by_me=rng.random() < 0.5,
            tone=rng.choice((0, 1, 1, 2)),
            summary="Alliance check-in with Portbridge",
        )
    internal = [cast[k] for k in cast.keys_where(internal=True)]
    for days_ago, what in ((520, "Summer party"), (330, "Winter party"), (155, "Summer party")):
        guests = rng.sample(internal, rng.randint(6, 10))
        yield Interaction(
            today - timedelta(days=days_ago),
            guests,
            InteractionKind.SOCIAL,
            initiated_by_me=False,
            tone=2,
            summary=what,
        )


def build_favours(cast: Cast) -> list[Favour]:
    """Favours both ways, mostly balanced, with two lopsided relationships."""
    rng, today = cast.rng, cast.today
    found: list[Favour] = []

    def favour(key: str, given: bool, size: FavourSize, what: str, days_ago: int) -> None:
        found.append(
            Favour(
                cast[key],
                FavourDirection.GIVEN if given else FavourDirection.RECEIVED,
                what,
                today - timedelta(days=days_ago),
                size,
            )
        )

    # I keep giving to a peer who resists me; the CEO's assistant has done me big favours.
    favour("logistics", True, FavourSize.MEDIUM, FAVOURS_GIVEN[0], 410)
    favour("logistics", True, FavourSize.LARGE, FAVOURS_GIVEN[7], 260)
    favour("logistics", True, FavourSize.MEDIUM, FAVOURS_GIVEN[3], 120)
    favour("logistics", False, FavourSize.SMALL, "sent the transport plan a day early", 90)
    favour("ea", False, FavourSize.LARGE, FAVOURS_RECEIVED[0], 200)
    favour("ea", False, FavourSize.MEDIUM, FAVOURS_RECEIVED[4], 75)
    favour("ea", True, FavourSize.SMALL, "sent flowers after the office move", 180)
    people = [
        k
        for k in cast.keys_where(tier=Tier.INNER) + cast.keys_where(tier=Tier.KEY)
        if k not in {"logistics", "ea"}
    ]
    for key in rng.sample(people, 14):
        for _ in range(rng.randint(1, 2)):
            given = rng.random() < 0.55
            pool = FAVOURS_GIVEN if given else FAVOURS_RECEIVED
            size = rng.choices(list(FavourSize), weights=(6, 3, 1))[0]
            favour(key, given, size, rng.choice(pool), rng.randint(5, HISTORY_DAYS - 20))
    found.sort(key=lambda f: f.occurred_on)
    return found


#: The promises to make: (status, whether I made it, how many).
PROMISE_PLAN: tuple[tuple[PromiseStatus, bool, int], ...] = (
    (PromiseStatus.KEPT, True, 6),
    (PromiseStatus.KEPT, False, 5),
    (PromiseStatus.LATE, True, 2),
    (PromiseStatus.LATE, False, 2),
    (PromiseStatus.BROKEN, True, 1),
    (PromiseStatus.BROKEN, False, 1),
    (PromiseStatus.RELEASED, True, 1),
    (PromiseStatus.RELEASED, False, 1),
)


def build_promises(cast: Cast) -> list[Promise]:
    """Promises both ways, settled in every way, some still open and two overdue."""
    rng, today, me = cast.rng, cast.today, cast.me
    people = cast.keys_where(tier=Tier.INNER) + cast.keys_where(tier=Tier.KEY)
    mine, theirs = list(PROMISES_MINE), list(PROMISES_THEIRS)
    rng.shuffle(mine)
    rng.shuffle(theirs)
    found: list[Promise] = []

    def text(by_me: bool) -> str:
        pool = mine if by_me else theirs
        pool.append(pool.pop(0))
        return pool[-1]

    def pair(key: str, by_me: bool) -> tuple[int, int]:
        return (me, cast[key]) if by_me else (cast[key], me)

    for status, by_me, count in PROMISE_PLAN:
        for _ in range(count):
            made = today - timedelta(days=rng.randint(60, HISTORY_DAYS - 30))
            due = made + timedelta(days=rng.randint(7, 30))
            span = (due - made).days
            resolved = {
                PromiseStatus.KEPT: made + timedelta(days=rng.randint(1, span)),
                PromiseStatus.LATE: due + timedelta(days=rng.randint(2, 20)),
                PromiseStatus.BROKEN: due + timedelta(days=rng.randint(5, 25)),
                PromiseStatus.RELEASED: made + timedelta(days=rng.randint(1, span)),
            }[status]
            note = (
                "Let go by agreement when priorities changed."
                if (status is PromiseStatus.RELEASED)
                else ""
            )
            promiser, promisee = pair(rng.choice(people), by_me)
            found.append(
                Promise(promiser, promisee, text(by_me), made, due, status, resolved, note)
            )
    # A legal review asked of someone outside my line, promised and never delivered.
    found.append(
        Promise(
            cast["contracts"],
            me,
            "send the legal view on data-sharing clauses",
            today - timedelta(days=120),
            today - timedelta(days=100),
            PromiseStatus.BROKEN,
            today - timedelta(days=80),
        )
    )
    for key, by_me, due_in in (
        ("cfo", False, 12),
        ("data_lead", True, 5),
        ("pb_ops", True, 19),
        ("architect", False, 26),
        ("coo", True, 33),
        ("ops_analyst", False, 9),
        ("lead_north", True, -4),
        ("fpa", False, -9),
    ):
        made = today - timedelta(days=rng.randint(10, 25))
        promiser, promisee = pair(key, by_me)
        found.append(Promise(promiser, promisee, text(by_me), made, today + timedelta(days=due_in)))
    found.sort(key=lambda c: c.made_on)
    return found


def build_cadences(cast: Cast) -> list[Cadence]:
    """Cadences per tier, per tag and for a few people."""
    today = cast.today
    return [
        Cadence(14, 28, tier=Tier.INNER.value),
        Cadence(30, 60, tier=Tier.KEY.value),
        Cadence(90, 180, tier=Tier.NETWORK.value),
        Cadence(60, 120, tag="board"),
        Cadence(45, 90, tag="mentor"),
        Cadence(21, 42, tag="champion"),
        Cadence(30, 45, tag="partner"),
        Cadence(7, 14, person_id=cast["coo"]),
        Cadence(21, 35, person_id=cast["ea"]),
        Cadence(14, 30, person_id=cast["pb_ops"]),
        Cadence(30, 45, person_id=cast["cfo"]),
        Cadence(60, 120, person_id=cast["professor"], snoozed_until=today + timedelta(days=20)),
    ]

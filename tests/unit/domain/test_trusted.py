"""The trusted constructors build what the validating constructors build.

:meth:`Person.trusted`, :meth:`Promise.trusted`, :meth:`Cadence.trusted`,
:meth:`Favour.trusted` and :meth:`Interaction.trusted` skip the checks for values read back
from the database; given values as they are stored (what the validating constructor
leaves), each builds an object equal, field by field and type by type, to the validated
one.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from allies.domain import (
    Cadence,
    Favour,
    FavourDirection,
    FavourSize,
    Interaction,
    InteractionKind,
    Level,
    Person,
    Promise,
    PromiseStatus,
    Tier,
)

SEEDS = range(40)
WORDS = ["ana", "Bo", " cy ", "dé", "e-f", "g h", "ÅSA", "x" * 80, "🙂"]


def _same(built: object, trusted: object) -> None:
    """Equal fields of the same types, in an object of the same class."""
    assert type(trusted) is type(built)
    assert vars(trusted) == vars(built)
    for name, value in vars(built).items():
        assert type(vars(trusted)[name]) is type(value), name


def _stored(obj: object, *enums: str) -> dict[str, Any]:
    """The fields of a validated object as the database gives them back (enums as
    their spelling, lists as new lists)."""
    fields = dict(vars(obj))
    for name in enums:
        if fields[name] is not None:
            fields[name] = str(fields[name].value)
    return {k: list(v) if isinstance(v, list) else v for k, v in fields.items()}


def _maybe(rng: random.Random, value: Any) -> Any:
    return value if rng.random() < 0.6 else None


def _words(rng: random.Random) -> list[str]:
    return [rng.choice(WORDS) for _ in range(rng.randint(0, 4))]


@pytest.mark.parametrize("seed", SEEDS)
def test_a_trusted_person_equals_the_validated_one(seed: int) -> None:
    rng = random.Random(seed)
    stamp = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randint(0, 10**8))
    built = Person(
        name=rng.choice(WORDS),
        title=rng.choice(["", "Counsel"]),
        organisation_id=_maybe(rng, rng.randint(1, 99)),
        unit_id=_maybe(rng, rng.randint(1, 99)),
        emails=[f"{w.strip()}@example.org" for w in _words(rng) if w.strip()],
        phones=_words(rng),
        tags=_words(rng),
        interests=rng.choice(["", "law"]),
        agenda=rng.choice(["", "budget"]),
        values=rng.choice(["", "trust"]),
        offers=rng.choice(["", "advice"]),
        trades=rng.choice(["", "time"]),
        level=_maybe(rng, rng.choice([*Level, "peer", "external"])),
        tier=_maybe(rng, rng.choice([*Tier, "key", "inner"])),
        is_me=rng.random() < 0.1,
        notes=rng.choice(["", "met at a fair"]),
        created_at=_maybe(rng, stamp),
        updated_at=_maybe(rng, stamp),
        id=_maybe(rng, rng.randint(1, 10**6)),
    )
    _same(built, Person.trusted(**_stored(built, "level", "tier")))
    _same(built, Person.trusted(**_stored(built)))


def test_a_trusted_person_has_its_own_empty_lists() -> None:
    one, two = Person.trusted("Ana"), Person.trusted("Bo")
    _same(Person("Ana"), one)
    one.tags.append("x")
    assert two.tags == [] and two.emails == [] and two.phones == []


@pytest.mark.parametrize("seed", SEEDS)
def test_a_trusted_promise_equals_the_validated_one(seed: int) -> None:
    rng = random.Random(seed)
    made = date(2024, 1, 1) + timedelta(days=rng.randint(0, 900))
    built = Promise(
        promiser_id=rng.randint(1, 50),
        promisee_id=rng.randint(51, 99),
        description=rng.choice(WORDS).strip() or "send it",
        made_on=made,
        due_on=_maybe(rng, made + timedelta(days=rng.randint(0, 60))),
        status=rng.choice([*PromiseStatus, "kept", "released"]),
        resolved_on=_maybe(rng, made + timedelta(days=rng.randint(0, 90))),
        note=rng.choice(["", "by mail"]),
        id=_maybe(rng, rng.randint(1, 10**6)),
    )
    _same(built, Promise.trusted(**_stored(built, "status")))
    _same(built, Promise.trusted(**_stored(built)))


@pytest.mark.parametrize("seed", SEEDS)
def test_a_trusted_cadence_equals_the_validated_one(seed: int) -> None:
    rng = random.Random(seed)
    ideal = rng.randint(1, 90)
    scope = rng.choice(["person", "tag", "tier"])
    built = Cadence(
        ideal_days=ideal,
        max_days=ideal + rng.randint(0, 90),
        person_id=rng.randint(1, 99) if scope == "person" else None,
        tag=rng.choice(WORDS) if scope == "tag" else None,
        tier=rng.choice([*Tier, "network"]) if scope == "tier" else None,
        snoozed_until=_maybe(rng, date(2025, 1, 1) + timedelta(days=rng.randint(0, 90))),
        id=_maybe(rng, rng.randint(1, 10**6)),
    )
    stored = _stored(built)
    _same(built, Cadence.trusted(**stored))
    if built.tier is not None:
        _same(built, Cadence.trusted(**{**stored, "tier": Tier(built.tier)}))


@pytest.mark.parametrize("seed", SEEDS)
def test_a_trusted_favour_equals_the_validated_one(seed: int) -> None:
    rng = random.Random(seed)
    built = Favour(
        person_id=rng.randint(1, 99),
        direction=rng.choice([*FavourDirection, "given", "received"]),
        description=rng.choice(WORDS).strip() or "an introduction",
        occurred_on=date(2024, 1, 1) + timedelta(days=rng.randint(0, 900)),
        size=rng.choice([*FavourSize, "large"]),
        id=_maybe(rng, rng.randint(1, 10**6)),
    )
    _same(built, Favour.trusted(**_stored(built, "direction", "size")))
    _same(built, Favour.trusted(**_stored(built)))


@pytest.mark.parametrize("seed", SEEDS)
def test_a_trusted_interaction_equals_the_validated_one(seed: int) -> None:
    rng = random.Random(seed)
    people = rng.sample(range(1, 99), rng.randint(1, 5))
    initiated = rng.choice([True, False, None])
    built = Interaction(
        occurred_on=date(2024, 1, 1) + timedelta(days=rng.randint(0, 900)),
        participant_ids=people + people[:1],  # a repeat is dropped by the constructor
        kind=rng.choice([*InteractionKind, "call", "one_on_one"]),
        initiated_by_me=initiated,
        initiator_id=rng.choice(people) if initiated is False and rng.random() < 0.7 else None,
        tone=rng.randint(-2, 2),
        summary=rng.choice(WORDS),
        notes=rng.choice(["", *WORDS]),
        id=_maybe(rng, rng.randint(1, 10**6)),
    )
    _same(built, Interaction.trusted(**_stored(built, "kind")))
    _same(built, Interaction.trusted(**_stored(built)))

"""Use cases of the routine: logging interactions, favours, promises and cadences.

Each one comes twice where the faces differ: once for people named as someone types them
(a name, an e-mail, ``#id``, ``me``: the command line and the web forms), and once, ending
in ``_by_id``, for people given by id (the REST API). The second checks the ids, stores the
record and reads everyone's names in one transaction, and answers with :class:`Named`, so
a request is one call. Days are :class:`datetime.date` values; a face reads typed text
with :mod:`allies.services.dates`, and a day left out is today.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from allies.domain import (
    Cadence,
    Favour,
    FavourDirection,
    FavourSize,
    Interaction,
    InteractionKind,
    Person,
    Promise,
    PromiseStatus,
    Tier,
    parse_enum,
)
from allies.domain.keep import MAX_GAP_DAYS
from allies.errors import InvalidInput, NextStep, NotFound
from allies.services.happened import refuse_future
from allies.services.network.lookup import resolve_people, resolve_person
from allies.services.network.records import Named, check_people, names_in
from allies.services.ports import UnitOfWork

__all__ = [
    "PromiseOutcome",
    "log_interaction",
    "log_interaction_by_id",
    "make_promise",
    "make_promise_by_id",
    "record_favour",
    "record_favour_by_id",
    "set_cadence",
    "set_cadence_by_id",
    "settle_promise",
    "settle_promise_named",
]


def _me_id(uow: UnitOfWork) -> int:
    me = uow.people.me()
    if me is None or me.id is None:
        raise NotFound(
            "Nobody is marked as you yet, so there is no one to be the other side.",
            hint="Add yourself as a person first, marked as you.",
            next_step=NextStep("add", "person", {"me": True}),
        )
    return me.id


# --- interactions --------------------------------------------------------------------


def _add_interaction(
    uow: UnitOfWork,
    chosen: Sequence[Person],
    *,
    kind: str,
    on: date | None,
    tone: int,
    summary: str,
    notes: str,
    initiated_by: str | None,
    initiator_id: int | None = None,
) -> Interaction:
    """Add an interaction with ``chosen`` (I am left out) in the unit of work entered."""
    refuse_future(on, field="occurred_on")  # it records something that happened
    participant_ids = [p.id or 0 for p in chosen if not p.is_me]
    if not participant_ids:
        raise InvalidInput("Name at least one person other than yourself.", field="people")
    by_me: bool | None = None
    if initiator_id is not None:
        by_me = False
    elif initiated_by:
        choice = initiated_by.strip().casefold()
        if choice == "me":
            by_me = True
        elif choice == "them":
            by_me = False
            initiator_id = participant_ids[0] if len(participant_ids) == 1 else None
        else:
            by_me = False
            initiator_id = resolve_person(uow, initiated_by).id
    interaction = Interaction(
        occurred_on=on or date.today(),
        participant_ids=participant_ids,
        kind=parse_enum(InteractionKind, kind, "kind"),
        initiated_by_me=by_me,
        initiator_id=initiator_id,
        tone=tone,
        summary=summary,
        notes=notes,
    )
    return uow.interactions.add(interaction)


def log_interaction(
    uow: UnitOfWork,
    people: Sequence[str],
    *,
    kind: str = "one_on_one",
    on: date | None = None,
    tone: int = 0,
    summary: str = "",
    notes: str = "",
    initiated_by: str | None = None,
) -> Interaction:
    """Log a touch-point with one or more people, named as someone typed them.

    ``initiated_by`` is ``"me"``, ``"them"`` or a participant's name; ``None`` when not
    known. ``on`` is the day it happened (today when left out).

    Raises
    ------
    allies.errors.NotFound
        When a name matches nobody.
    allies.errors.InvalidInput
        When nobody, or nobody but me, is named.
    """
    with uow:
        chosen = resolve_people(uow, people)
        if not chosen:
            raise InvalidInput("Name at least one person you met.", field="people")
        stored = _add_interaction(
            uow,
            chosen,
            kind=kind,
            on=on,
            tone=tone,
            summary=summary,
            notes=notes,
            initiated_by=initiated_by,
        )
        uow.commit()
        return stored


def log_interaction_by_id(
    uow: UnitOfWork,
    participant_ids: Sequence[int],
    *,
    kind: str = "one_on_one",
    on: date | None = None,
    tone: int = 0,
    summary: str = "",
    notes: str = "",
    initiated_by: str | None = None,
    initiator_id: int | None = None,
) -> Named[Interaction]:
    """Log a touch-point with people given by id, in one transaction that reads their names.

    ``initiator_id`` names the participant who reached out; otherwise ``initiated_by``
    says it as :func:`log_interaction` does.

    Raises
    ------
    allies.errors.InvalidInput
        When an id names nobody, nobody but me takes part, or the initiator is not a
        participant.
    """
    with uow:
        everyone = {p.id or 0: p for p in uow.people.list()}
        names = {pid: p.name for pid, p in everyone.items()}
        check_people(names, {"participant_ids": participant_ids})
        if initiator_id is not None and initiator_id not in participant_ids:
            raise InvalidInput(
                "The initiator must be one of the participants.", field="initiator_id"
            )
        chosen = [everyone[pid] for pid in dict.fromkeys(participant_ids)]
        if not chosen:
            raise InvalidInput("Name at least one person you met.", field="participant_ids")
        stored = _add_interaction(
            uow,
            chosen,
            kind=kind,
            on=on,
            tone=tone,
            summary=summary,
            notes=notes,
            initiated_by=initiated_by,
            initiator_id=initiator_id,
        )
        uow.commit()
        return Named(stored, names)


# --- favours -------------------------------------------------------------------------


def _add_favour(
    uow: UnitOfWork,
    person_id: int,
    direction: str,
    description: str,
    *,
    size: str,
    on: date | None,
) -> Favour:
    refuse_future(on, field="occurred_on")  # it records something that happened
    favour = Favour(
        person_id=person_id,
        direction=parse_enum(FavourDirection, direction, "direction"),
        description=description,
        occurred_on=on or date.today(),
        size=parse_enum(FavourSize, size, "size"),
    )
    return uow.favours.add(favour)


def record_favour(
    uow: UnitOfWork,
    person: str,
    direction: str,
    description: str,
    *,
    size: str = "small",
    on: date | None = None,
) -> Favour:
    """Record a favour I gave to (``given``) or received from (``received``) a person.

    ``person`` is named as someone typed it; ``on`` is the day (today when left out).
    """
    with uow:
        other = resolve_person(uow, person)
        stored = _add_favour(uow, other.id or 0, direction, description, size=size, on=on)
        uow.commit()
        return stored


def record_favour_by_id(
    uow: UnitOfWork,
    person_id: int,
    direction: str,
    description: str,
    *,
    size: str = "small",
    on: date | None = None,
) -> Named[Favour]:
    """Record a favour with a person given by id, in one transaction that reads the names.

    Raises
    ------
    allies.errors.InvalidInput
        When ``person_id`` names nobody, or a value is not allowed.
    """
    with uow:
        names = names_in(uow)
        check_people(names, {"person_id": person_id})
        stored = _add_favour(uow, person_id, direction, description, size=size, on=on)
        uow.commit()
        return Named(stored, names)


# --- promises ------------------------------------------------------------------------


def _add_promise(
    uow: UnitOfWork,
    description: str,
    promiser_id: int,
    promisee_id: int,
    *,
    due: date | None,
    made_on: date | None,
) -> Promise:
    promise = Promise(
        promiser_id=promiser_id,
        promisee_id=promisee_id,
        description=description,
        made_on=made_on or date.today(),
        due_on=due,
    )
    return uow.promises.add(promise)


def make_promise(
    uow: UnitOfWork,
    description: str,
    *,
    to: str | None = None,
    by: str | None = None,
    due: date | None = None,
    made_on: date | None = None,
) -> Promise:
    """Record a promise. Mine to someone: give ``to``. Theirs to me: give ``by``.

    ``made_on`` is the day it was made (today when left out); ``due`` the day it is due.
    """
    if to is None and by is None:
        raise InvalidInput(
            "Say who the promise is to (a promise of mine) or who made it "
            "(a promise to me); give both for a promise between two others.",
            field="to",
        )
    with uow:
        promiser = resolve_person(uow, by).id if by else _me_id(uow)
        promisee = resolve_person(uow, to).id if to else _me_id(uow)
        stored = _add_promise(
            uow, description, promiser or 0, promisee or 0, due=due, made_on=made_on
        )
        uow.commit()
        return stored


def make_promise_by_id(
    uow: UnitOfWork,
    description: str,
    *,
    promiser_id: int | None = None,
    promisee_id: int | None = None,
    due: date | None = None,
    made_on: date | None = None,
) -> Named[Promise]:
    """Record a promise between people given by id; a side left out is me.

    One transaction, which also reads everyone's names for the answer.

    Raises
    ------
    allies.errors.InvalidInput
        When an id names nobody.
    allies.errors.NotFound
        When a side is left out and nobody is marked as me.
    """
    with uow:
        names = names_in(uow)
        check_people(names, {"promiser_id": promiser_id, "promisee_id": promisee_id})
        promiser = _me_id(uow) if promiser_id is None else promiser_id
        promisee = _me_id(uow) if promisee_id is None else promisee_id
        stored = _add_promise(uow, description, promiser, promisee, due=due, made_on=made_on)
        uow.commit()
        return Named(stored, names)


PromiseOutcome = Literal["done", "kept", "late", "broken", "release", "released"]

_SETTLED = {
    "kept": PromiseStatus.KEPT,
    "late": PromiseStatus.LATE,
    "broken": PromiseStatus.BROKEN,
    "release": PromiseStatus.RELEASED,
    "released": PromiseStatus.RELEASED,
}


def _settle(uow: UnitOfWork, promise_id: int, outcome: PromiseOutcome, on: date | None) -> Promise:
    promise = uow.promises.get(promise_id)
    day = on or date.today()
    if outcome == "done":
        promise.fulfil(day)
    elif outcome in _SETTLED:
        promise.move_to(_SETTLED[outcome], day)
    else:
        raise InvalidInput(
            f"Unknown outcome {outcome!r}.",
            field="outcome",
            hint="Use done, kept, late, broken or release.",
        )
    return uow.promises.save(promise)


def settle_promise(
    uow: UnitOfWork, promise_id: int, outcome: PromiseOutcome, *, on: date | None = None
) -> Promise:
    """Close an open promise: ``done`` (kept, or late after its due date), ``broken`` or
    ``release`` (let go by agreement), on the day ``on`` (today when left out)."""
    with uow:
        stored = _settle(uow, promise_id, outcome, on)
        uow.commit()
        return stored


def settle_promise_named(
    uow: UnitOfWork, promise_id: int, outcome: PromiseOutcome, *, on: date | None = None
) -> Named[Promise]:
    """Like :func:`settle_promise`, reading everyone's names in the same transaction."""
    with uow:
        stored = _settle(uow, promise_id, outcome, on)
        names = names_in(uow)
        uow.commit()
        return Named(stored, names)


def _set_cadence(
    uow: UnitOfWork,
    *,
    ideal_days: int,
    max_days: int | None,
    person_id: int | None,
    tag: str | None,
    tier: str | None,
) -> Cadence:
    """Set (or replace) the cadence of one scope in the unit of work entered."""
    tier_value = parse_enum(Tier, tier, "tier").value if tier else None
    cadence = Cadence(
        ideal_days=ideal_days,
        max_days=max_days if max_days is not None else min(ideal_days * 2, MAX_GAP_DAYS),
        person_id=person_id,
        tag=tag,
        tier=tier_value,
    )
    if person_id is not None:
        old = uow.cadences.for_person(person_id)
    elif tag is not None:
        old = uow.cadences.for_tag(cadence.tag or "")
    else:
        old = uow.cadences.for_tier(tier_value or "")
    if old is not None:
        cadence.id = old.id
        cadence.snoozed_until = old.snoozed_until
        return uow.cadences.save(cadence)
    return uow.cadences.add(cadence)


def _one_scope(*scopes: object) -> None:
    if sum(x is not None for x in scopes) != 1:
        raise InvalidInput(
            "Set a cadence for exactly one of a person, a tag or a tier.", field="scope"
        )


def set_cadence(
    uow: UnitOfWork,
    *,
    ideal_days: int,
    max_days: int | None = None,
    person: str | None = None,
    tag: str | None = None,
    tier: str | None = None,
) -> Cadence:
    """Set how often to check in with a person, everyone with a tag, or a tier.

    ``max_days`` defaults to twice the ideal gap. Setting it again replaces the old one.
    """
    _one_scope(person, tag, tier)
    with uow:
        person_id = resolve_person(uow, person).id if person else None
        stored = _set_cadence(
            uow, ideal_days=ideal_days, max_days=max_days, person_id=person_id, tag=tag, tier=tier
        )
        uow.commit()
        return stored


def set_cadence_by_id(
    uow: UnitOfWork,
    *,
    ideal_days: int,
    max_days: int | None = None,
    person_id: int | None = None,
    tag: str | None = None,
    tier: str | None = None,
) -> Named[Cadence]:
    """Like :func:`set_cadence` with the person given by id (checked), in one transaction
    that also reads everyone's names.

    Raises
    ------
    allies.errors.InvalidInput
        When ``person_id`` names nobody, or not exactly one scope is given.
    """
    _one_scope(person_id, tag, tier)
    with uow:
        names = names_in(uow)
        check_people(names, {"person_id": person_id})
        stored = _set_cadence(
            uow, ideal_days=ideal_days, max_days=max_days, person_id=person_id, tag=tag, tier=tier
        )
        uow.commit()
        return Named(stored, names)

"""Reading, editing and removing single records of the routine, and listing them.

Interactions, favours, promises and cadences by id: what the web pages and the REST API
need beyond logging them (which :mod:`allies.services.keep.log` does). Every edit rebuilds
the domain object, so its invariants are checked again before anything is saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from allies.domain import (
    Cadence,
    Favour,
    FavourDirection,
    FavourSize,
    Interaction,
    InteractionKind,
    Promise,
    PromiseStatus,
    parse_enum,
)
from allies.errors import InvalidInput
from allies.services.happened import refuse_future
from allies.services.network.lookup import resolve_people, resolve_person
from allies.services.network.records import Named, check_people
from allies.services.ports import UnitOfWork

KEEP = None  # a keyword left at None keeps the stored value


def default_kind(participants: int) -> str:
    """The kind of a meeting when none is given: one-on-one, or a group meeting for several."""
    return InteractionKind.GROUP_MEETING.value if participants > 1 else "one_on_one"


# --- interactions --------------------------------------------------------------------


def list_interactions(
    uow: UnitOfWork,
    *,
    person_id: int | None = None,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[Interaction]:
    """Interactions, newest first; optionally with one person, of one kind, in a period."""
    wanted = parse_enum(InteractionKind, kind, "kind") if kind else None
    with uow:
        if person_id is not None:
            uow.people.get(person_id)
            found = uow.interactions.with_person(person_id)
        else:
            found = uow.interactions.list()
    rows = [
        i
        for i in found
        if (wanted is None or i.kind is wanted)
        and (since is None or i.occurred_on >= since)
        and (until is None or i.occurred_on <= until)
    ]
    return sorted(rows, key=lambda i: (i.occurred_on, i.id or 0), reverse=True)


def get_interaction(uow: UnitOfWork, interaction_id: int) -> Interaction:
    """The interaction with this id (NotFound otherwise)."""
    with uow:
        return uow.interactions.get(interaction_id)


def edit_interaction(
    uow: UnitOfWork,
    interaction_id: int,
    *,
    people: Sequence[str] | None = KEEP,
    participant_ids: Sequence[int] | None = KEEP,
    kind: str | None = KEEP,
    on: date | None = KEEP,
    tone: int | None = KEEP,
    summary: str | None = KEEP,
    notes: str | None = KEEP,
    initiated_by: str | None = KEEP,
    initiator_id: int | None = KEEP,
) -> Named[Interaction]:
    """Change an interaction, in one transaction that also reads the people's names.

    ``people`` (names typed by a person) or ``participant_ids`` (ids, each checked)
    replace the participants (I am never one of them); ``initiated_by`` is ``"me"``,
    ``"them"``, a participant's name, or ``""`` for "not known"; ``initiator_id`` names a
    participant by id instead.

    Raises
    ------
    allies.errors.NotFound
        When there is no such interaction, or a name matches nobody.
    allies.errors.InvalidInput
        When an id names nobody, nobody but me would take part, the initiator is not
        a participant, or ``on`` is after today.
    """
    refuse_future(on, field="occurred_on")  # like recording one: it happened
    with uow:
        meeting = uow.interactions.get(interaction_id)
        everyone = {p.id or 0: p for p in uow.people.list()}
        names = {pid: p.name for pid, p in everyone.items()}
        check_people(names, {"participant_ids": participant_ids})
        chosen_ids = meeting.participant_ids
        if people is not None or participant_ids:
            chosen = (
                [p for p in resolve_people(uow, people) if not p.is_me]
                if people is not None
                else [everyone[i] for i in participant_ids or [] if not everyone[i].is_me]
            )
            if not chosen:
                raise InvalidInput("Name at least one person other than yourself.", field="people")
            chosen_ids = [p.id or 0 for p in chosen]
        participant_ids = chosen_ids
        by_me, initiator = meeting.initiated_by_me, meeting.initiator_id
        if initiator is not None and initiator not in participant_ids:
            initiator = None
        if initiator_id is not None:
            if initiator_id not in participant_ids:
                raise InvalidInput(
                    "The initiator must be one of the participants.", field="initiator_id"
                )
            by_me, initiator = False, initiator_id
        elif initiated_by is not None:
            choice = initiated_by.strip().casefold()
            if not choice:
                by_me, initiator = None, None
            elif choice == "me":
                by_me, initiator = True, None
            elif choice == "them":
                by_me = False
                initiator = participant_ids[0] if len(participant_ids) == 1 else None
            else:
                by_me, initiator = False, resolve_person(uow, initiated_by).id
        changed = replace(
            meeting,
            participant_ids=participant_ids,
            kind=parse_enum(InteractionKind, kind, "kind") if kind else meeting.kind,
            occurred_on=on or meeting.occurred_on,
            tone=meeting.tone if tone is None else tone,
            summary=meeting.summary if summary is None else summary,
            notes=meeting.notes if notes is None else notes,
            initiated_by_me=by_me,
            initiator_id=initiator,
        )
        stored = uow.interactions.save(changed)
        uow.commit()
        return Named(stored, names)


def remove_interaction(uow: UnitOfWork, interaction_id: int) -> Interaction:
    """Delete one interaction by id."""
    with uow:
        meeting = uow.interactions.get(interaction_id)
        uow.interactions.remove(interaction_id)
        uow.commit()
        return meeting


# --- favours -------------------------------------------------------------------------


def list_favours(
    uow: UnitOfWork, *, person_id: int | None = None, direction: str | None = None
) -> list[Favour]:
    """Favours, newest first; optionally with one person or in one direction."""
    wanted = parse_enum(FavourDirection, direction, "direction") if direction else None
    with uow:
        if person_id is not None:
            uow.people.get(person_id)
            found = uow.favours.with_person(person_id)
        else:
            found = uow.favours.list()
    rows = [f for f in found if wanted is None or f.direction is wanted]
    return sorted(rows, key=lambda f: (f.occurred_on, f.id or 0), reverse=True)


def get_favour(uow: UnitOfWork, favour_id: int) -> Favour:
    """The favour with this id (NotFound otherwise)."""
    with uow:
        return uow.favours.get(favour_id)


def edit_favour(
    uow: UnitOfWork,
    favour_id: int,
    *,
    person: str | None = KEEP,
    person_id: int | None = KEEP,
    direction: str | None = KEEP,
    description: str | None = KEEP,
    size: str | None = KEEP,
    on: date | None = KEEP,
) -> Named[Favour]:
    """Change a favour (with whom, which way, what, how big, when) in one transaction.

    The person is ``person`` (a name typed by someone, resolved) or ``person_id`` (an id,
    checked); the answer carries everyone's names, read in the same transaction.

    Raises
    ------
    allies.errors.NotFound
        When there is no such favour, or ``person`` matches nobody.
    allies.errors.InvalidInput
        When ``person_id`` names nobody, a value is not allowed, or ``on`` is after today.
    """
    refuse_future(on, field="occurred_on")  # like recording one: it happened
    with uow:
        favour = uow.favours.get(favour_id)
        names = {p.id or 0: p.name for p in uow.people.list()}
        check_people(names, {"person_id": person_id})
        if person_id is None and person:
            person_id = resolve_person(uow, person).id or 0
        changed = replace(
            favour,
            person_id=favour.person_id if person_id is None else person_id,
            direction=parse_enum(FavourDirection, direction, "direction")
            if direction
            else favour.direction,
            description=favour.description if description is None else description,
            size=parse_enum(FavourSize, size, "size") if size else favour.size,
            occurred_on=on or favour.occurred_on,
        )
        stored = uow.favours.save(changed)
        uow.commit()
        return Named(stored, names)


def remove_favour(uow: UnitOfWork, favour_id: int) -> Favour:
    """Delete one favour by id."""
    with uow:
        favour = uow.favours.get(favour_id)
        uow.favours.remove(favour_id)
        uow.commit()
        return favour


# --- promises ------------------------------------------------------------------------


def list_promise_records(
    uow: UnitOfWork, *, status: str | None = None, person_id: int | None = None
) -> list[Promise]:
    """Promises as domain objects (with both ids), soonest due first."""
    wanted = parse_enum(PromiseStatus, status, "status") if status else None
    with uow:
        if person_id is not None:
            uow.people.get(person_id)
            found = uow.promises.involving(person_id)
        else:
            found = uow.promises.list()
    rows = [c for c in found if wanted is None or c.status is wanted]
    return sorted(rows, key=lambda c: (c.due_on or date.max, c.made_on, c.id or 0))


def get_promise(uow: UnitOfWork, promise_id: int) -> Promise:
    """The promise with this id (NotFound otherwise)."""
    with uow:
        return uow.promises.get(promise_id)


def edit_promise(
    uow: UnitOfWork,
    promise_id: int,
    *,
    description: str | None = KEEP,
    promiser: str | None = KEEP,
    promisee: str | None = KEEP,
    promiser_id: int | None = KEEP,
    promisee_id: int | None = KEEP,
    made_on: date | None = KEEP,
    due: date | None = KEEP,
    clear_due: bool = False,
    note: str | None = KEEP,
) -> Named[Promise]:
    """Change what a promise says, who made it to whom, or when, in one transaction.

    Who is a name typed by someone (``promiser``, ``promisee``: resolved) or an id
    (``promiser_id``, ``promisee_id``: checked); ``clear_due`` removes the due date. Its
    status changes only through :func:`allies.services.keep.log.settle_promise`. The
    answer carries everyone's names, read in the same transaction.

    Raises
    ------
    allies.errors.NotFound
        When there is no such promise, or a name matches nobody.
    allies.errors.InvalidInput
        When an id names nobody, or the dates are out of order.
    """
    with uow:
        promise = uow.promises.get(promise_id)
        names = {p.id or 0: p.name for p in uow.people.list()}
        check_people(names, {"promiser_id": promiser_id, "promisee_id": promisee_id})
        if promiser_id is None and promiser:
            promiser_id = resolve_person(uow, promiser).id or 0
        if promisee_id is None and promisee:
            promisee_id = resolve_person(uow, promisee).id or 0
        changed = replace(
            promise,
            description=promise.description if description is None else description,
            promiser_id=promise.promiser_id if promiser_id is None else promiser_id,
            promisee_id=promise.promisee_id if promisee_id is None else promisee_id,
            made_on=made_on or promise.made_on,
            due_on=None if clear_due else due or promise.due_on,
            note=promise.note if note is None else note,
        )
        stored = uow.promises.save(changed)
        uow.commit()
        return Named(stored, names)


def remove_promise(uow: UnitOfWork, promise_id: int) -> Promise:
    """Delete one promise by id."""
    with uow:
        promise = uow.promises.get(promise_id)
        uow.promises.remove(promise_id)
        uow.commit()
        return promise


# --- cadences ------------------------------------------------------------------------


def get_cadence(uow: UnitOfWork, cadence_id: int) -> Cadence:
    """The cadence with this id (NotFound otherwise)."""
    with uow:
        return uow.cadences.get(cadence_id)


def edit_cadence(
    uow: UnitOfWork,
    cadence_id: int,
    *,
    ideal_days: int | None = KEEP,
    max_days: int | None = KEEP,
    snoozed_until: date | None = KEEP,
    end_snooze: bool = False,
) -> Named[Cadence]:
    """Change a cadence's gaps, snooze it until a day, or end its snooze (``end_snooze``).

    One transaction, which also reads everyone's names for the answer.
    """
    with uow:
        cadence = uow.cadences.get(cadence_id)
        names = {p.id or 0: p.name for p in uow.people.list()}
        changed = replace(
            cadence,
            ideal_days=cadence.ideal_days if ideal_days is None else ideal_days,
            max_days=cadence.max_days if max_days is None else max_days,
            snoozed_until=None if end_snooze else snoozed_until or cadence.snoozed_until,
        )
        stored = uow.cadences.save(changed)
        uow.commit()
        return Named(stored, names)


def remove_cadence(uow: UnitOfWork, cadence_id: int) -> Cadence:
    """Delete one cadence by id."""
    with uow:
        cadence = uow.cadences.get(cadence_id)
        uow.cadences.remove(cadence_id)
        uow.commit()
        return cadence


def list_cadence_records(uow: UnitOfWork) -> list[Cadence]:
    """Every cadence as a domain object, people first, then tags, then tiers."""
    with uow:
        cadences = uow.cadences.list()
    return sorted(
        cadences,
        key=lambda c: (c.person_id is None, c.tag is None, c.tag or c.tier or "", c.id or 0),
    )


def list_cadences(uow: UnitOfWork) -> list[tuple[str, Cadence]]:
    """Every cadence with a label for what it applies to."""
    with uow:
        names = {p.id: p.name for p in uow.people.list()}
        cadences = uow.cadences.list()
    labelled = []
    for c in cadences:
        if c.person_id is not None:
            label = names.get(c.person_id, f"#{c.person_id}")
        elif c.tag is not None:
            label = f"tag:{c.tag}"
        else:
            label = f"tier:{c.tier}"
        labelled.append((label, c))
    return sorted(labelled, key=lambda lc: lc[0].casefold())

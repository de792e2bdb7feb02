"""Reading, editing and removing single records of the routine.

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
from allies.services.dates import parse_date, parse_optional_date
from allies.services.network.lookup import resolve_people, resolve_person
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
    kind: str | None = KEEP,
    on: str | date | None = KEEP,
    tone: int | None = KEEP,
    summary: str | None = KEEP,
    notes: str | None = KEEP,
    initiated_by: str | None = KEEP,
) -> Interaction:
    """Change an interaction.

    ``people`` replaces the participants (I am never one of them); ``initiated_by`` is
    ``"me"``, ``"them"``, a participant's name, or ``""`` for "not known".
    """
    with uow:
        meeting = uow.interactions.get(interaction_id)
        participant_ids = meeting.participant_ids
        if people is not None:
            chosen = [p for p in resolve_people(uow, people) if not p.is_me]
            if not chosen:
                raise InvalidInput("Name at least one person other than yourself.", field="people")
            participant_ids = [p.id or 0 for p in chosen]
        by_me, initiator_id = meeting.initiated_by_me, meeting.initiator_id
        if initiator_id is not None and initiator_id not in participant_ids:
            initiator_id = None
        if initiated_by is not None:
            choice = initiated_by.strip().casefold()
            if not choice:
                by_me, initiator_id = None, None
            elif choice == "me":
                by_me, initiator_id = True, None
            elif choice == "them":
                by_me = False
                initiator_id = participant_ids[0] if len(participant_ids) == 1 else None
            else:
                by_me, initiator_id = False, resolve_person(uow, initiated_by).id
        changed = replace(
            meeting,
            participant_ids=participant_ids,
            kind=parse_enum(InteractionKind, kind, "kind") if kind else meeting.kind,
            occurred_on=parse_date(on, field="on") if on else meeting.occurred_on,
            tone=meeting.tone if tone is None else tone,
            summary=meeting.summary if summary is None else summary,
            notes=meeting.notes if notes is None else notes,
            initiated_by_me=by_me,
            initiator_id=initiator_id,
        )
        stored = uow.interactions.save(changed)
        uow.commit()
        return stored


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
    direction: str | None = KEEP,
    description: str | None = KEEP,
    size: str | None = KEEP,
    on: str | date | None = KEEP,
) -> Favour:
    """Change a favour (with whom, which way, what, how big, when)."""
    with uow:
        favour = uow.favours.get(favour_id)
        changed = replace(
            favour,
            person_id=resolve_person(uow, person).id or 0 if person else favour.person_id,
            direction=parse_enum(FavourDirection, direction, "direction")
            if direction
            else favour.direction,
            description=favour.description if description is None else description,
            size=parse_enum(FavourSize, size, "size") if size else favour.size,
            occurred_on=parse_date(on, field="on") if on else favour.occurred_on,
        )
        stored = uow.favours.save(changed)
        uow.commit()
        return stored


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
    made_on: str | date | None = KEEP,
    due: str | date | None = KEEP,
    note: str | None = KEEP,
) -> Promise:
    """Change what a promise says, who made it to whom, or when; ``due=""`` clears the date.

    Its status changes only through :func:`allies.services.keep.log.settle_promise`.
    """
    with uow:
        promise = uow.promises.get(promise_id)
        made = parse_date(made_on, field="made_on") if made_on else promise.made_on
        changed = replace(
            promise,
            description=promise.description if description is None else description,
            promiser_id=resolve_person(uow, promiser).id or 0 if promiser else promise.promiser_id,
            promisee_id=resolve_person(uow, promisee).id or 0 if promisee else promise.promisee_id,
            made_on=made,
            due_on=promise.due_on
            if due is None
            else parse_optional_date(due, today=made, field="due"),
            note=promise.note if note is None else note,
        )
        stored = uow.promises.save(changed)
        uow.commit()
        return stored


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
    snoozed_until: str | date | None = KEEP,
) -> Cadence:
    """Change a cadence's gaps, or snooze it until a day (``""`` ends the snooze)."""
    with uow:
        cadence = uow.cadences.get(cadence_id)
        changed = replace(
            cadence,
            ideal_days=cadence.ideal_days if ideal_days is None else ideal_days,
            max_days=cadence.max_days if max_days is None else max_days,
            snoozed_until=cadence.snoozed_until
            if snoozed_until is None
            else parse_optional_date(snoozed_until, field="snoozed_until"),
        )
        stored = uow.cadences.save(changed)
        uow.commit()
        return stored


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

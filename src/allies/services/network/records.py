"""Reading, editing and removing single records of the network.

Organisations, units, ties and observations by id: what the web pages and the REST API
need beyond adding (which :mod:`allies.services.network.structure` does). Every edit rebuilds the
domain object, so its invariants are checked again before anything is saved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Generic, TypeVar

from allies.domain import (
    Observation,
    ObservationKind,
    Organisation,
    Tie,
    TieKind,
    TieOrigin,
    Unit,
    parse_enum,
)
from allies.errors import Conflict, InvalidInput
from allies.services.happened import refuse_future
from allies.services.network.lookup import resolve_organisation, resolve_person
from allies.services.ports import UnitOfWork
from allies.services.vocabulary import Kind

KEEP = None  # a keyword left at None keeps the stored value

R = TypeVar("R")


@dataclass(frozen=True)
class Named(Generic[R]):
    """A record, with every person's name read in the same transaction to label it.

    An edit that answers with this saves a face a second trip to the store for the names
    of the people the record refers to.
    """

    record: R
    names: dict[int, str]


def names_in(uow: UnitOfWork) -> dict[int, str]:
    """Every person's id and name, read in the unit of work already entered."""
    return {p.id or 0: p.name for p in uow.people.list()}


def check_people(
    known: Mapping[int, str] | set[int], references: Mapping[str, int | Sequence[int] | None]
) -> None:
    """Check that the person ids a request refers to are among ``known``.

    Parameters
    ----------
    known
        The ids of the people there are (or a mapping keyed by them).
    references
        A field name to a person id, several ids, or ``None`` (nothing to check).

    Raises
    ------
    allies.errors.InvalidInput
        For the first unknown id, naming its field.
    """
    for name, value in references.items():
        ids = [] if value is None else [value] if isinstance(value, int) else list(value)
        for person_id in ids:
            if person_id not in known:
                raise InvalidInput(f"There is no person #{person_id}.", field=name)


def people_names(uow: UnitOfWork) -> dict[int, str]:
    """Every person's id and name, to label records that refer to people."""
    with uow:
        return names_in(uow)


def read_named(uow: UnitOfWork, kind: Kind, record_id: int) -> Named[Any]:
    """The record of ``kind`` with this id and everyone's names, in one transaction.

    What a face shows for a plain record that refers to people (a favour, a tie, a
    promise ...), read with one trip to the store.

    Raises
    ------
    allies.errors.NotFound
        When there is no such record (naming the kind and the id).
    """
    with uow:
        record = getattr(uow, kind.plural).get(record_id)
        return Named(record, names_in(uow))


def remove_record(uow: UnitOfWork, kind: Kind, record_id: int) -> Any:
    """Delete the record of ``kind`` with this id, and return it as it was.

    For the kinds whose records nothing else depends on; an organisation or a unit, which
    people belong to, goes through its own use case.

    Raises
    ------
    allies.errors.NotFound
        When there is no such record.
    """
    with uow:
        repository = getattr(uow, kind.plural)
        record = repository.get(record_id)
        repository.remove(record_id)
        uow.commit()
        return record


# --- organisations -------------------------------------------------------------------


def get_organisation(uow: UnitOfWork, organisation_id: int) -> Organisation:
    """The organisation with this id (NotFound otherwise)."""
    with uow:
        return uow.organisations.get(organisation_id)


def edit_organisation(
    uow: UnitOfWork,
    organisation_id: int,
    *,
    name: str | None = KEEP,
    kind: str | None = KEEP,
    notes: str | None = KEEP,
) -> Organisation:
    """Rename an organisation or change its kind and notes; names stay unique."""
    with uow:
        current = uow.organisations.get(organisation_id)
        updated = Organisation(
            name=current.name if name is None else name,
            kind=current.kind if kind is None else kind,
            notes=current.notes if notes is None else notes,
            id=current.id,
        )
        for other in uow.organisations.list():
            if other.id != current.id and other.name.casefold() == updated.name.casefold():
                raise Conflict(f"The organisation {other.name!r} (#{other.id}) exists already.")
        stored = uow.organisations.save(updated)
        uow.commit()
        return stored


def remove_organisation(uow: UnitOfWork, organisation_id: int, *, detach: bool = False) -> None:
    """Delete an organisation.

    People and units that belong to it are refused unless ``detach``, which clears their
    organisation (the people and units themselves stay).
    """
    with uow:
        organisation = uow.organisations.get(organisation_id)
        members = [p for p in uow.people.list() if p.organisation_id == organisation_id]
        units = [u for u in uow.units.list() if u.organisation_id == organisation_id]
        if (members or units) and not detach:
            raise Conflict(
                f"{organisation.name!r} still has {len(members)} people and {len(units)} units.",
                hint="Detach them first (they stay, without an organisation), or move them.",
            )
        for person in members:
            person.organisation_id = None
            uow.people.save(person)
        for unit in units:
            unit.organisation_id = None
            uow.units.save(unit)
        uow.organisations.remove(organisation_id)
        uow.commit()


# --- units ---------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRow:
    """A unit with the names it refers to and its head-count."""

    id: int
    name: str
    organisation_id: int | None
    organisation: str
    parent_id: int | None
    parent: str
    people: int


def list_units(uow: UnitOfWork, *, organisation_id: int | None = None) -> list[UnitRow]:
    """Every unit (or those of one organisation), by organisation then name."""
    with uow:
        units = uow.units.list()
        organisations = {o.id: o.name for o in uow.organisations.list()}
        head_counts = uow.people.head_counts("unit")
    names = {u.id: u.name for u in units}
    rows = [
        UnitRow(
            id=u.id or 0,
            name=u.name,
            organisation_id=u.organisation_id,
            organisation=organisations.get(u.organisation_id, ""),
            parent_id=u.parent_id,
            parent=names.get(u.parent_id, ""),
            people=head_counts.get(u.id or 0, 0),
        )
        for u in units
        if organisation_id is None or u.organisation_id == organisation_id
    ]
    return sorted(rows, key=lambda r: (r.organisation.casefold(), r.name.casefold()))


def get_unit(uow: UnitOfWork, unit_id: int) -> Unit:
    """The unit with this id (NotFound otherwise)."""
    with uow:
        return uow.units.get(unit_id)


def edit_unit(
    uow: UnitOfWork,
    unit_id: int,
    *,
    name: str | None = KEEP,
    organisation: str | None = KEEP,
    parent_id: int | None = KEEP,
    clear_parent: bool = False,
) -> Unit:
    """Rename a unit, move it to another organisation (``""`` clears it) or parent unit."""
    with uow:
        current = uow.units.get(unit_id)
        organisation_id = current.organisation_id
        if organisation is not None:
            organisation_id = resolve_organisation(uow, organisation).id if organisation else None
        parent = (
            None if clear_parent else (parent_id if parent_id is not None else current.parent_id)
        )
        if parent is not None:
            if parent == unit_id:
                raise InvalidInput("A unit cannot sit inside itself.", field="parent_id")
            uow.units.get(parent)
        updated = Unit(
            name=current.name if name is None else name,
            organisation_id=organisation_id,
            parent_id=parent,
            id=current.id,
        )
        stored = uow.units.save(updated)
        uow.commit()
        return stored


def remove_unit(uow: UnitOfWork, unit_id: int, *, detach: bool = False) -> None:
    """Delete a unit; its people and sub-units are refused unless ``detach`` clears them."""
    with uow:
        unit = uow.units.get(unit_id)
        members = [p for p in uow.people.list() if p.unit_id == unit_id]
        children = [u for u in uow.units.list() if u.parent_id == unit_id]
        if (members or children) and not detach:
            raise Conflict(
                f"The unit {unit.name!r} still has {len(members)} people and "
                f"{len(children)} sub-units.",
                hint="Detach them first (they stay, without this unit).",
            )
        for person in members:
            person.unit_id = None
            uow.people.save(person)
        for child in children:
            child.parent_id = None
            uow.units.save(child)
        uow.units.remove(unit_id)
        uow.commit()


# --- ties ----------------------------------------------------------------------------


def list_tie_records(
    uow: UnitOfWork, *, person_id: int | None = None, kind: str | None = None
) -> list[Tie]:
    """Ties as domain objects (with both ids), optionally of one person or one kind."""
    wanted = parse_enum(TieKind, kind, "kind") if kind else None
    with uow:
        if person_id is not None:
            uow.people.get(person_id)
            ties = uow.ties.involving(person_id)
        else:
            ties = uow.ties.list()
    return [t for t in ties if wanted is None or t.kind is wanted]


def get_tie(uow: UnitOfWork, tie_id: int) -> Tie:
    """The tie with this id (NotFound otherwise)."""
    with uow:
        return uow.ties.get(tie_id)


def edit_tie(
    uow: UnitOfWork,
    tie_id: int,
    *,
    source: str | None = KEEP,
    target: str | None = KEEP,
    source_id: int | None = KEEP,
    target_id: int | None = KEEP,
    kind: str | None = KEEP,
    weight: float | None = KEEP,
    confidence: float | None = KEEP,
    origin: str | None = KEEP,
    valid_from: date | None = KEEP,
    valid_to: date | None = KEEP,
    clear_valid_from: bool = False,
    clear_valid_to: bool = False,
    note: str | None = KEEP,
) -> Named[Tie]:
    """Change a tie, in one transaction that also reads everyone's names.

    The people are named as anywhere else (``source``, ``target``: a name, an e-mail,
    ``#id``, ``me``) or by id (``source_id``, ``target_id``: checked);
    ``clear_valid_from``/``clear_valid_to`` remove a validity date.

    Raises
    ------
    allies.errors.NotFound
        When there is no such tie, or a name matches nobody.
    allies.errors.InvalidInput
        When an id names nobody, or a value is not allowed.
    """
    with uow:
        tie = uow.ties.get(tie_id)
        names = names_in(uow)
        check_people(names, {"source_id": source_id, "target_id": target_id})
        if source_id is None and source:
            source_id = resolve_person(uow, source).id or 0
        if target_id is None and target:
            target_id = resolve_person(uow, target).id or 0
        changed = replace(
            tie,
            source_id=tie.source_id if source_id is None else source_id,
            target_id=tie.target_id if target_id is None else target_id,
            kind=parse_enum(TieKind, kind, "kind") if kind else tie.kind,
            weight=tie.weight if weight is None else weight,
            confidence=tie.confidence if confidence is None else confidence,
            origin=parse_enum(TieOrigin, origin, "origin") if origin else tie.origin,
            valid_from=None if clear_valid_from else valid_from or tie.valid_from,
            valid_to=None if clear_valid_to else valid_to or tie.valid_to,
            note=tie.note if note is None else note,
        )
        stored = uow.ties.save(changed)
        uow.commit()
        return Named(stored, names)


# --- observations --------------------------------------------------------------------


def list_observations(
    uow: UnitOfWork,
    *,
    person_id: int | None = None,
    kind: str | None = None,
    since: date | None = None,
) -> list[Observation]:
    """Observations, newest first; optionally of one person, one kind, or since a day."""
    wanted = parse_enum(ObservationKind, kind, "kind") if kind else None
    with uow:
        if person_id is not None:
            uow.people.get(person_id)
            found = uow.observations.involving(person_id)
        else:
            found = uow.observations.list()
    rows = [
        o
        for o in found
        if (wanted is None or o.kind is wanted) and (since is None or o.observed_on >= since)
    ]
    return sorted(rows, key=lambda o: (o.observed_on, o.id or 0), reverse=True)


def get_observation(uow: UnitOfWork, observation_id: int) -> Observation:
    """The observation with this id (NotFound otherwise)."""
    with uow:
        return uow.observations.get(observation_id)


def edit_observation(
    uow: UnitOfWork,
    observation_id: int,
    *,
    subject: str | None = KEEP,
    obj: str | None = KEEP,
    subject_id: int | None = KEEP,
    object_id: int | None = KEEP,
    kind: str | None = KEEP,
    on: date | None = KEEP,
    strength: float | None = KEEP,
    context: str | None = KEEP,
    note: str | None = KEEP,
) -> Named[Observation]:
    """Change an observation (who, what was seen, when, how clearly, where).

    The people are named as typed (``subject``, ``obj``) or by id (``subject_id``,
    ``object_id``: checked); one transaction, which also reads everyone's names.

    Raises
    ------
    allies.errors.NotFound
        When there is no such observation, or a name matches nobody.
    allies.errors.InvalidInput
        When an id names nobody, a value is not allowed, or ``on`` is after today.
    """
    refuse_future(on, field="observed_on")  # like recording one: it happened
    with uow:
        seen = uow.observations.get(observation_id)
        names = names_in(uow)
        check_people(names, {"subject_id": subject_id, "object_id": object_id})
        if subject_id is None and subject:
            subject_id = resolve_person(uow, subject).id or 0
        if object_id is None and obj:
            object_id = resolve_person(uow, obj).id or 0
        changed = replace(
            seen,
            subject_id=seen.subject_id if subject_id is None else subject_id,
            object_id=seen.object_id if object_id is None else object_id,
            kind=parse_enum(ObservationKind, kind, "kind") if kind else seen.kind,
            observed_on=on or seen.observed_on,
            strength=seen.strength if strength is None else strength,
            context=seen.context if context is None else context,
            note=seen.note if note is None else note,
        )
        stored = uow.observations.save(changed)
        uow.commit()
        return Named(stored, names)


def remove_observation(uow: UnitOfWork, observation_id: int) -> Observation:
    """Delete one observation by id."""
    with uow:
        seen = uow.observations.get(observation_id)
        uow.observations.remove(observation_id)
        uow.commit()
        return seen


def require_people(uow: UnitOfWork, references: Mapping[str, int | Sequence[int] | None]) -> None:
    """Check that the people a request refers to exist.

    ``references`` maps a field name to a person id (or several); the first unknown id
    raises InvalidInput naming its field.
    """
    with uow:
        known = {p.id or 0 for p in uow.people.list()}
    check_people(known, references)

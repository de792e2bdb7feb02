"""Use cases about the network itself: organisations, units, ties and observations.

Ties and observations are added with their people named as someone typed them, or (the
``_by_id`` variants, for the REST API) by id, checked and answered with everyone's names
in the same transaction. Days are :class:`datetime.date` values; the faces read typed text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
from allies.errors import Conflict, InvalidInput, NotFound
from allies.services.happened import refuse_future
from allies.services.network.lookup import resolve_organisation, resolve_person
from allies.services.network.records import Named, UnitRow, check_people, names_in
from allies.services.ports import UnitOfWork


@dataclass(frozen=True)
class TieRow:
    """A tie with the names at both ends."""

    id: int
    source: str
    kind: str
    target: str
    weight: float
    confidence: float
    origin: str
    valid_from: date | None
    valid_to: date | None
    note: str


@dataclass(frozen=True)
class OrganisationRow:
    """An organisation with how many people and units it has."""

    id: int
    name: str
    kind: str
    people: int
    units: list[str]


def add_organisation(
    uow: UnitOfWork, name: str, *, kind: str = "", notes: str = ""
) -> Organisation:
    """Add an organisation; refuses a second one with the same name."""
    with uow:
        for existing in uow.organisations.list():
            if existing.name.casefold() == name.strip().casefold():
                raise Conflict(
                    f"The organisation {existing.name!r} (#{existing.id}) exists already."
                )
        stored = uow.organisations.add(Organisation(name=name, kind=kind, notes=notes))
        uow.commit()
        return stored


def add_unit(
    uow: UnitOfWork, name: str, *, organisation: str | None = None, parent: str | None = None
) -> Unit:
    """Add a unit, optionally inside an organisation and a parent unit."""
    with uow:
        organisation_id = resolve_organisation(uow, organisation).id if organisation else None
        parent_id = None
        if parent:
            matches = [
                u for u in uow.units.list() if u.name.casefold() == parent.strip().casefold()
            ]
            if not matches:
                raise NotFound(
                    f"No unit called {parent!r}.",
                    hint="Check the name of the parent unit.",
                    kind="unit",
                )
            parent_id = matches[0].id
        stored = uow.units.add(
            Unit(name=name, organisation_id=organisation_id, parent_id=parent_id)
        )
        uow.commit()
        return stored


def _unit_row(uow: UnitOfWork, unit_id: int) -> UnitRow:
    """One unit as the units list shows it, read in the unit of work already entered."""
    unit = uow.units.get(unit_id)
    organisation = uow.organisations.get(unit.organisation_id).name if unit.organisation_id else ""
    return UnitRow(
        id=unit.id or 0,
        name=unit.name,
        organisation_id=unit.organisation_id,
        organisation=organisation,
        parent_id=unit.parent_id,
        parent=uow.units.get(unit.parent_id).name if unit.parent_id else "",
        people=uow.people.head_counts("unit").get(unit_id, 0),
    )


def _check_unit_refs(uow: UnitOfWork, organisation_id: int | None, parent_id: int | None) -> None:
    """Refuse an organisation or parent unit id that names nothing, naming its field."""
    if organisation_id is not None and organisation_id not in {
        o.id for o in uow.organisations.list()
    }:
        raise InvalidInput(f"There is no organisation #{organisation_id}.", field="organisation_id")
    if parent_id is not None and parent_id not in {u.id for u in uow.units.list()}:
        raise InvalidInput(f"There is no unit #{parent_id}.", field="parent_id")


def unit_row(uow: UnitOfWork, unit_id: int) -> UnitRow:
    """One unit with the names it refers to and its head-count (NotFound otherwise)."""
    with uow:
        return _unit_row(uow, unit_id)


def add_unit_by_id(
    uow: UnitOfWork,
    name: str,
    *,
    organisation_id: int | None = None,
    parent_id: int | None = None,
) -> UnitRow:
    """Add a unit inside the organisation and parent unit given by id, and answer with its
    row, in one transaction.

    Raises
    ------
    allies.errors.InvalidInput
        When ``organisation_id`` or ``parent_id`` names nothing.
    """
    with uow:
        _check_unit_refs(uow, organisation_id, parent_id)
        stored = uow.units.add(
            Unit(name=name, organisation_id=organisation_id, parent_id=parent_id)
        )
        row = _unit_row(uow, stored.id or 0)
        uow.commit()
        return row


def edit_unit_by_id(
    uow: UnitOfWork,
    unit_id: int,
    *,
    name: str | None = None,
    organisation_id: int | None = None,
    clear_organisation: bool = False,
    parent_id: int | None = None,
    clear_parent: bool = False,
) -> UnitRow:
    """Rename a unit or move it, to an organisation and parent given by id (``clear_*``
    takes it out of them), and answer with its row, in one transaction.

    Raises
    ------
    allies.errors.NotFound
        When there is no such unit.
    allies.errors.InvalidInput
        When an id names nothing, or the unit would sit inside itself.
    """
    with uow:
        _check_unit_refs(uow, organisation_id, None)
        current = uow.units.get(unit_id)
        parent = None if clear_parent else parent_id or current.parent_id
        if parent is not None:
            if parent == unit_id:
                raise InvalidInput("A unit cannot sit inside itself.", field="parent_id")
            uow.units.get(parent)
        organisation = None if clear_organisation else organisation_id or current.organisation_id
        uow.units.save(
            Unit(
                name=current.name if name is None else name,
                organisation_id=organisation,
                parent_id=parent,
                id=current.id,
            )
        )
        row = _unit_row(uow, unit_id)
        uow.commit()
        return row


def list_organisations(uow: UnitOfWork) -> list[OrganisationRow]:
    """Every organisation with its head-count and units, by name."""
    with uow:
        organisations = uow.organisations.list()
        head_counts = uow.people.head_counts("organisation")
        units = uow.units.list()
    rows = [
        OrganisationRow(
            id=o.id or 0,
            name=o.name,
            kind=o.kind,
            people=head_counts.get(o.id or 0, 0),
            units=sorted(u.name for u in units if u.organisation_id == o.id),
        )
        for o in organisations
    ]
    return sorted(rows, key=lambda r: r.name.casefold())


def _add_tie(
    uow: UnitOfWork,
    source_id: int,
    kind: str,
    target_id: int,
    *,
    weight: float,
    confidence: float,
    origin: str,
    valid_from: date | None,
    valid_to: date | None,
    note: str,
) -> Tie:
    tie = Tie(
        source_id=source_id,
        target_id=target_id,
        kind=parse_enum(TieKind, kind, "kind"),
        weight=weight,
        confidence=confidence,
        origin=parse_enum(TieOrigin, origin, "origin"),
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
    )
    return uow.ties.add(tie)


def add_tie(
    uow: UnitOfWork,
    source: str,
    kind: str,
    target: str,
    *,
    weight: float = 0.5,
    confidence: float = 1.0,
    origin: str = "stated",
    valid_from: date | None = None,
    valid_to: date | None = None,
    note: str = "",
) -> Tie:
    """Record that ``source`` *kind* ``target`` (for example Ann listens_to Bo).

    The people are named as someone typed them (a name, an e-mail, ``#id``, ``me``).
    """
    with uow:
        a = resolve_person(uow, source)
        b = resolve_person(uow, target)
        stored = _add_tie(
            uow,
            a.id or 0,
            kind,
            b.id or 0,
            weight=weight,
            confidence=confidence,
            origin=origin,
            valid_from=valid_from,
            valid_to=valid_to,
            note=note,
        )
        uow.commit()
        return stored


def add_tie_by_id(
    uow: UnitOfWork,
    source_id: int,
    kind: str,
    target_id: int,
    *,
    weight: float = 0.5,
    confidence: float = 1.0,
    origin: str = "stated",
    valid_from: date | None = None,
    valid_to: date | None = None,
    note: str = "",
) -> Named[Tie]:
    """Like :func:`add_tie` with both people given by id (checked), in one transaction that
    also reads everyone's names.

    Raises
    ------
    allies.errors.InvalidInput
        When an id names nobody, or a value is not allowed.
    """
    with uow:
        names = names_in(uow)
        check_people(names, {"source_id": source_id, "target_id": target_id})
        stored = _add_tie(
            uow,
            source_id,
            kind,
            target_id,
            weight=weight,
            confidence=confidence,
            origin=origin,
            valid_from=valid_from,
            valid_to=valid_to,
            note=note,
        )
        uow.commit()
        return Named(stored, names)


def list_ties(
    uow: UnitOfWork, *, person: str | None = None, kind: str | None = None
) -> list[TieRow]:
    """Ties, optionally only those of one person or one kind."""
    with uow:
        names = {p.id: p.name for p in uow.people.list()}
        if person:
            ties = uow.ties.involving(resolve_person(uow, person).id or 0)
        else:
            ties = uow.ties.list()
    if kind:
        wanted = parse_enum(TieKind, kind, "kind")
        ties = [t for t in ties if t.kind is wanted]
    return [
        TieRow(
            id=t.id or 0,
            source=names.get(t.source_id, f"#{t.source_id}"),
            kind=t.kind.value,
            target=names.get(t.target_id, f"#{t.target_id}"),
            weight=t.weight,
            confidence=t.confidence,
            origin=t.origin.value,
            valid_from=t.valid_from,
            valid_to=t.valid_to,
            note=t.note,
        )
        for t in ties
    ]


def remove_tie(uow: UnitOfWork, tie_id: int) -> Tie:
    """Delete one tie by its id."""
    with uow:
        tie = uow.ties.get(tie_id)
        uow.ties.remove(tie_id)
        uow.commit()
        return tie


def _observe(
    uow: UnitOfWork,
    subject_id: int,
    kind: str,
    object_id: int,
    *,
    on: date | None,
    strength: float,
    context: str,
    note: str,
) -> Observation:
    refuse_future(on, field="observed_on")  # evidence seen: today or earlier
    observation = Observation(
        subject_id=subject_id,
        object_id=object_id,
        kind=parse_enum(ObservationKind, kind, "kind"),
        observed_on=on or date.today(),
        strength=strength,
        context=context,
        note=note,
    )
    return uow.observations.add(observation)


def observe(
    uow: UnitOfWork,
    subject: str,
    kind: str,
    obj: str,
    *,
    on: date | None = None,
    strength: float = 1.0,
    context: str = "",
    note: str = "",
) -> Observation:
    """Record evidence of influence: ``subject`` *kind* ``obj`` (A deferred to B ...),
    seen on the day ``on`` (today when left out)."""
    with uow:
        a = resolve_person(uow, subject)
        b = resolve_person(uow, obj)
        stored = _observe(
            uow, a.id or 0, kind, b.id or 0, on=on, strength=strength, context=context, note=note
        )
        uow.commit()
        return stored


def observe_by_id(
    uow: UnitOfWork,
    subject_id: int,
    kind: str,
    object_id: int,
    *,
    on: date | None = None,
    strength: float = 1.0,
    context: str = "",
    note: str = "",
) -> Named[Observation]:
    """Like :func:`observe` with both people given by id (checked), in one transaction that
    also reads everyone's names.

    Raises
    ------
    allies.errors.InvalidInput
        When an id names nobody, or a value is not allowed.
    """
    with uow:
        names = names_in(uow)
        check_people(names, {"subject_id": subject_id, "object_id": object_id})
        stored = _observe(
            uow, subject_id, kind, object_id, on=on, strength=strength, context=context, note=note
        )
        uow.commit()
        return Named(stored, names)

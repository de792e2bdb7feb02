"""Use cases about the network itself: organisations, units, ties and observations."""

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
from allies.errors import Conflict, NotFound
from allies.services.dates import parse_date, parse_optional_date
from allies.services.network.lookup import resolve_organisation, resolve_person
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
                    f"No unit called {parent!r}.", hint="List units with `allies org units`."
                )
            parent_id = matches[0].id
        stored = uow.units.add(
            Unit(name=name, organisation_id=organisation_id, parent_id=parent_id)
        )
        uow.commit()
        return stored


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


def add_tie(
    uow: UnitOfWork,
    source: str,
    kind: str,
    target: str,
    *,
    weight: float = 0.5,
    confidence: float = 1.0,
    origin: str = "stated",
    valid_from: str | date | None = None,
    valid_to: str | date | None = None,
    note: str = "",
) -> Tie:
    """Record that ``source`` *kind* ``target`` (for example Ann listens_to Bo)."""
    with uow:
        a = resolve_person(uow, source)
        b = resolve_person(uow, target)
        tie = Tie(
            source_id=a.id or 0,
            target_id=b.id or 0,
            kind=parse_enum(TieKind, kind, "kind"),
            weight=weight,
            confidence=confidence,
            origin=parse_enum(TieOrigin, origin, "origin"),
            valid_from=parse_optional_date(valid_from, field="valid_from"),
            valid_to=parse_optional_date(valid_to, field="valid_to"),
            note=note,
        )
        stored = uow.ties.add(tie)
        uow.commit()
        return stored


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


def observe(
    uow: UnitOfWork,
    subject: str,
    kind: str,
    obj: str,
    *,
    on: str | date = "today",
    strength: float = 1.0,
    context: str = "",
    note: str = "",
) -> Observation:
    """Record evidence of influence: ``subject`` *kind* ``obj`` (A deferred to B ...)."""
    with uow:
        a = resolve_person(uow, subject)
        b = resolve_person(uow, obj)
        observation = Observation(
            subject_id=a.id or 0,
            object_id=b.id or 0,
            kind=parse_enum(ObservationKind, kind, "kind"),
            observed_on=parse_date(on, field="on"),
            strength=strength,
            context=context,
            note=note,
        )
        stored = uow.observations.add(observation)
        uow.commit()
        return stored

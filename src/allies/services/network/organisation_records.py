"""Affiliations and ties between organisations by id: what the API and the organisation's
page read, add, change and remove (:mod:`allies.services.network.affiliations` holds the
use cases by name, for the command line).

Each answer is a record with the names of the people and organisations it names, read in
the same transaction. Ids in a request that name nothing are refused on their field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from allies.domain import Affiliation, OrganisationTie
from allies.errors import InvalidInput
from allies.services.ports import UnitOfWork

__all__ = [
    "AffiliationRecord",
    "OrganisationTieRecord",
    "add_affiliation_by_id",
    "add_organisation_tie_by_id",
    "affiliation_records",
    "edit_affiliation",
    "edit_organisation_tie",
    "get_affiliation",
    "get_organisation_tie",
    "organisation_tie_records",
    "remove_affiliation",
    "remove_organisation_tie",
]

#: The fields of an affiliation an edit may change.
AFFILIATION_FIELDS = ("organisation_id", "role", "started_on", "ended_on", "note")
#: The fields of a tie between organisations an edit may change.
ORGANISATION_TIE_FIELDS = ("source_id", "kind", "target_id", "started_on", "ended_on", "note")


@dataclass(frozen=True)
class AffiliationRecord:
    """A person's role at an organisation, with both names; ``current`` when it holds
    today."""

    id: int
    person_id: int
    person: str
    organisation_id: int
    organisation: str
    role: str
    started_on: date | None
    ended_on: date | None
    note: str
    current: bool


@dataclass(frozen=True)
class OrganisationTieRecord:
    """How one organisation stands to another, with both names and in words."""

    id: int
    source_id: int
    source: str
    kind: str
    target_id: int
    target: str
    statement: str
    started_on: date | None
    ended_on: date | None
    note: str


def _organisation_names(uow: UnitOfWork) -> dict[int, str]:
    return {o.id or 0: o.name for o in uow.organisations.list()}


def _affiliation(
    a: Affiliation, people: Mapping[int, str], organisations: Mapping[int, str], today: date
) -> AffiliationRecord:
    return AffiliationRecord(
        a.id or 0,
        a.person_id,
        people.get(a.person_id, ""),
        a.organisation_id,
        organisations.get(a.organisation_id, ""),
        a.role,
        a.started_on,
        a.ended_on,
        a.note,
        a.current_on(today),
    )


def _tie(t: OrganisationTie, names: Mapping[int, str]) -> OrganisationTieRecord:
    source, target = names.get(t.source_id, ""), names.get(t.target_id, "")
    return OrganisationTieRecord(
        t.id or 0,
        t.source_id,
        source,
        t.kind.value,
        t.target_id,
        target,
        t.describe(source, target),
        t.started_on,
        t.ended_on,
        t.note,
    )


def _check_organisation(names: Mapping[int, str], organisation_id: int, field: str) -> None:
    if organisation_id not in names:
        raise InvalidInput(
            f"There is no organisation #{organisation_id}.",
            field=field,
            hint="Pick an organisation from the list.",
        )


def _named_affiliation(uow: UnitOfWork, a: Affiliation, today: date | None) -> AffiliationRecord:
    people = uow.people.names([a.person_id])
    return _affiliation(a, people, _organisation_names(uow), today or date.today())


# -- affiliations --------------------------------------------------------------------------


def affiliation_records(
    uow: UnitOfWork,
    *,
    person_id: int | None = None,
    organisation_id: int | None = None,
    today: date | None = None,
) -> list[AffiliationRecord]:
    """Affiliations (of one person, or at one organisation), the latest start first
    (undated ones last)."""
    day = today or date.today()
    with uow:
        if person_id is not None:
            found = uow.affiliations.for_person(person_id)
        elif organisation_id is not None:
            found = uow.affiliations.at(organisation_id)
        else:
            found = uow.affiliations.list()
        if organisation_id is not None:
            found = [a for a in found if a.organisation_id == organisation_id]
        people = uow.people.names({a.person_id for a in found})
        rows = [_affiliation(a, people, _organisation_names(uow), day) for a in found]
    return sorted(rows, key=lambda r: (r.started_on is None, -(r.started_on or day).toordinal()))


def get_affiliation(uow: UnitOfWork, affiliation_id: int) -> AffiliationRecord:
    """One affiliation (NotFound otherwise)."""
    with uow:
        return _named_affiliation(uow, uow.affiliations.get(affiliation_id), None)


def add_affiliation_by_id(
    uow: UnitOfWork,
    person_id: int,
    organisation_id: int,
    *,
    role: str = "",
    started_on: date | None = None,
    ended_on: date | None = None,
    note: str = "",
) -> AffiliationRecord:
    """Record that a person held ``role`` at an organisation from one day to another.

    Raises
    ------
    allies.errors.InvalidInput
        When the person or organisation is not there, or the end comes before the start.
    """
    with uow:
        if uow.people.find(person_id) is None:
            raise InvalidInput(
                f"There is no person #{person_id}.",
                field="person_id",
                hint="Pick a person from the list.",
            )
        _check_organisation(_organisation_names(uow), organisation_id, "organisation_id")
        stored = uow.affiliations.add(
            Affiliation(person_id, organisation_id, role, started_on, ended_on, note)
        )
        uow.commit()
        return _named_affiliation(uow, stored, None)


def edit_affiliation(
    uow: UnitOfWork, affiliation_id: int, changes: Mapping[str, Any]
) -> AffiliationRecord:
    """Change an affiliation's organisation, role, days or note (a date given as ``None``
    clears it).

    Raises
    ------
    allies.errors.NotFound
        When there is no such affiliation.
    allies.errors.InvalidInput
        For an unknown field or organisation, or an end before the start.
    """
    unknown = sorted(set(changes) - set(AFFILIATION_FIELDS))
    if unknown:
        raise InvalidInput(f"An affiliation has no field {unknown[0]!r}.", field=unknown[0])
    with uow:
        found = uow.affiliations.get(affiliation_id)
        if "organisation_id" in changes:
            _check_organisation(
                _organisation_names(uow), changes["organisation_id"], "organisation_id"
            )
        changed = Affiliation(**{**_fields(found, AFFILIATION_FIELDS), **changes},
                              person_id=found.person_id, id=found.id)  # fmt: skip
        uow.affiliations.save(changed)
        uow.commit()
        return _named_affiliation(uow, changed, None)


def remove_affiliation(uow: UnitOfWork, affiliation_id: int) -> AffiliationRecord:
    """Delete an affiliation; returns it as it was (NotFound when there is none)."""
    with uow:
        found = _named_affiliation(uow, uow.affiliations.get(affiliation_id), None)
        uow.affiliations.remove(affiliation_id)
        uow.commit()
        return found


# -- ties between organisations ------------------------------------------------------------


def organisation_tie_records(
    uow: UnitOfWork, *, organisation_id: int | None = None, kind: str | None = None
) -> list[OrganisationTieRecord]:
    """Ties between organisations (from or to one of them, of one kind), oldest first."""
    with uow:
        if organisation_id is not None:
            found = uow.organisation_ties.involving(organisation_id)
        else:
            found = uow.organisation_ties.list()
        names = _organisation_names(uow)
    return [_tie(t, names) for t in found if kind is None or t.kind.value == kind]


def get_organisation_tie(uow: UnitOfWork, tie_id: int) -> OrganisationTieRecord:
    """One tie between organisations (NotFound otherwise)."""
    with uow:
        return _tie(uow.organisation_ties.get(tie_id), _organisation_names(uow))


def add_organisation_tie_by_id(
    uow: UnitOfWork,
    source_id: int,
    kind: str,
    target_id: int,
    *,
    started_on: date | None = None,
    ended_on: date | None = None,
    note: str = "",
) -> OrganisationTieRecord:
    """Record that organisation ``source_id`` *kind* ``target_id``.

    Raises
    ------
    allies.errors.InvalidInput
        For an organisation that is not there, an unknown kind, one organisation twice or
        an end before the start.
    """
    with uow:
        names = _organisation_names(uow)
        _check_organisation(names, source_id, "source_id")
        _check_organisation(names, target_id, "target_id")
        stored = uow.organisation_ties.add(
            OrganisationTie(source_id, kind, target_id, started_on, ended_on, note)  # type: ignore[arg-type]
        )
        uow.commit()
        return _tie(stored, names)


def edit_organisation_tie(
    uow: UnitOfWork, tie_id: int, changes: Mapping[str, Any]
) -> OrganisationTieRecord:
    """Change a tie between organisations (a date given as ``None`` clears it).

    Raises
    ------
    allies.errors.NotFound
        When there is no such tie.
    allies.errors.InvalidInput
        For an unknown field, kind or organisation, or an end before the start.
    """
    unknown = sorted(set(changes) - set(ORGANISATION_TIE_FIELDS))
    if unknown:
        raise InvalidInput(f"A tie between organisations has no field {unknown[0]!r}.",
                           field=unknown[0])  # fmt: skip
    with uow:
        found = uow.organisation_ties.get(tie_id)
        names = _organisation_names(uow)
        for field in ("source_id", "target_id"):
            if field in changes:
                _check_organisation(names, changes[field], field)
        values = {**_fields(found, ORGANISATION_TIE_FIELDS), **changes}
        changed = OrganisationTie(**values, id=found.id)
        uow.organisation_ties.save(changed)
        uow.commit()
        return _tie(changed, names)


def remove_organisation_tie(uow: UnitOfWork, tie_id: int) -> OrganisationTieRecord:
    """Delete a tie between organisations; returns it as it was (NotFound when none)."""
    with uow:
        found = _tie(uow.organisation_ties.get(tie_id), _organisation_names(uow))
        uow.organisation_ties.remove(tie_id)
        uow.commit()
        return found


def _fields(record: object, names: tuple[str, ...]) -> dict[str, Any]:
    values = {name: getattr(record, name) for name in names}
    kind = values.get("kind")
    if kind is not None and hasattr(kind, "value"):
        values["kind"] = kind.value
    return values

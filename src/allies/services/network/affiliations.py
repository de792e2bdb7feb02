"""Organisations as actors: people's affiliations over time and ties between organisations.

A person's affiliations (:class:`allies.domain.Affiliation`) keep every role they held at
an organisation, with the days it started and ended, so a person can hold two roles at
once and their history survives. Ties between organisations
(:class:`allies.domain.OrganisationTie`) say which is a member of, funds, partners with or
competes with which.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from allies.domain import Affiliation, OrganisationTie
from allies.services.network.lookup import resolve_organisation, resolve_person
from allies.services.ports import UnitOfWork

__all__ = [
    "AffiliationHistory",
    "AffiliationRow",
    "OrganisationTieRow",
    "add_affiliation",
    "add_organisation_tie",
    "affiliation_history",
    "affiliations_of",
    "end_affiliation",
    "organisation_ties",
]


@dataclass(frozen=True)
class AffiliationRow:
    """One role a person held at an organisation, with the names."""

    id: int
    person: str
    organisation: str
    role: str
    started_on: date | None
    ended_on: date | None
    current: bool


@dataclass(frozen=True)
class OrganisationTieRow:
    """One tie between organisations, in words."""

    id: int
    source: str
    kind: str
    target: str
    statement: str
    started_on: date | None
    ended_on: date | None


def _row(a: Affiliation, person: str, organisation: str, today: date) -> AffiliationRow:
    return AffiliationRow(
        a.id or 0, person, organisation, a.role, a.started_on, a.ended_on, a.current_on(today)
    )


def add_affiliation(
    uow: UnitOfWork,
    person: str,
    organisation: str,
    *,
    role: str = "",
    started_on: date | None = None,
    ended_on: date | None = None,
    note: str = "",
) -> AffiliationRow:
    """Record that ``person`` held ``role`` at ``organisation`` from ``started_on`` to
    ``ended_on`` (both optional; no end while it lasts).

    Raises
    ------
    allies.errors.NotFound, allies.errors.AmbiguousName
        When the person or the organisation cannot be found.
    allies.errors.InvalidInput
        When the end comes before the start.
    """
    with uow:
        someone = resolve_person(uow, person)
        where = resolve_organisation(uow, organisation)
        stored = uow.affiliations.add(
            Affiliation(someone.id or 0, where.id or 0, role, started_on, ended_on, note)
        )
        uow.commit()
        return _row(stored, someone.name, where.name, date.today())


def end_affiliation(uow: UnitOfWork, affiliation_id: int, on: date) -> AffiliationRow:
    """Say an affiliation ended on ``on``.

    Raises
    ------
    allies.errors.NotFound
        When there is no such affiliation.
    allies.errors.InvalidInput
        When ``on`` comes before its start.
    """
    with uow:
        found = uow.affiliations.get(affiliation_id)
        ended = Affiliation(
            found.person_id,
            found.organisation_id,
            found.role,
            found.started_on,
            on,
            found.note,
            found.id,
        )
        uow.affiliations.save(ended)
        names = uow.people.names([ended.person_id])
        organisation = uow.organisations.get(ended.organisation_id).name
        uow.commit()
        return _row(ended, names.get(ended.person_id, ""), organisation, date.today())


def affiliations_of(
    uow: UnitOfWork, person: str, *, today: date | None = None
) -> list[AffiliationRow]:
    """A person's affiliations, the latest start first, saying which hold ``today``."""
    return affiliation_history(uow, person, today=today).rows


@dataclass(frozen=True)
class AffiliationHistory:
    """A person and their affiliations, the latest start first."""

    person_id: int
    person: str
    rows: list[AffiliationRow]


def affiliation_history(
    uow: UnitOfWork, person: str, *, today: date | None = None
) -> AffiliationHistory:
    """A person's affiliations with their name (for a page that shows none yet too)."""
    day = today or date.today()
    with uow:
        someone = resolve_person(uow, person)
        found = uow.affiliations.for_person(someone.id or 0)
        names = {o.id: o.name for o in uow.organisations.list()}
        rows = [_row(a, someone.name, names.get(a.organisation_id, ""), day) for a in found]
        return AffiliationHistory(someone.id or 0, someone.name, rows)


def add_organisation_tie(
    uow: UnitOfWork,
    source: str,
    kind: str,
    target: str,
    *,
    started_on: date | None = None,
    ended_on: date | None = None,
    note: str = "",
) -> OrganisationTieRow:
    """Record that organisation ``source`` *kind* ``target`` (member_of, funds,
    partners_with, competes_with).

    Raises
    ------
    allies.errors.NotFound, allies.errors.AmbiguousName
        When an organisation cannot be found.
    allies.errors.InvalidInput
        For an unknown kind, one organisation twice, or an end before the start.
    """
    with uow:
        a, b = resolve_organisation(uow, source), resolve_organisation(uow, target)
        tie = uow.organisation_ties.add(
            OrganisationTie(a.id or 0, kind, b.id or 0, started_on, ended_on, note)  # type: ignore[arg-type]
        )
        uow.commit()
        return OrganisationTieRow(
            tie.id or 0,
            a.name,
            tie.kind.value,
            b.name,
            tie.describe(a.name, b.name),
            started_on,
            ended_on,
        )


def organisation_ties(uow: UnitOfWork, organisation: str | None = None) -> list[OrganisationTieRow]:
    """The ties between organisations (those of one organisation when named)."""
    with uow:
        names = {o.id: o.name for o in uow.organisations.list()}
        if organisation:
            found = uow.organisation_ties.involving(resolve_organisation(uow, organisation).id or 0)
        else:
            found = uow.organisation_ties.list()
        return [
            OrganisationTieRow(
                t.id or 0,
                names.get(t.source_id, ""),
                t.kind.value,
                names.get(t.target_id, ""),
                t.describe(names.get(t.source_id, ""), names.get(t.target_id, "")),
                t.started_on,
                t.ended_on,
            )
            for t in found
        ]

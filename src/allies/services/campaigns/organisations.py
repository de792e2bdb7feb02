"""Organisations as stakeholders: a stance held by an organisation, with its spokesperson.

A campaign is fought between organisations as much as between people. An organisation's
stance is recorded with the person who speaks for it; the forecasts and plans then treat
the organisation as **one actor** (:meth:`allies.services.campaigns.read.CampaignRead.current`):
its members' own stances on that issue are left out, and unless a capability is stated
the actor brings the weight of its strongest member (the highest influence among the
people of the organisation that day, its spokesperson included).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from allies.domain import Stance
from allies.errors import InvalidInput
from allies.services.campaigns.read import pick_campaign
from allies.services.network.lookup import resolve_organisation, resolve_person
from allies.services.ports import UnitOfWork

__all__ = [
    "OrganisationStanceRow",
    "OrganisationStanceSheet",
    "organisation_stance_sheet",
    "organisation_stances",
    "set_organisation_stance",
]


def set_organisation_stance(
    uow: UnitOfWork,
    campaign: str,
    organisation: str,
    spokesperson: str,
    issue: str,
    position: float,
    *,
    salience: float = 0.5,
    capability: float | None = None,
    confidence: float = 0.7,
    on: date | None = None,
    note: str = "",
    issue_id: int | None = None,
) -> Stance:
    """Record where an organisation stands on a campaign issue, through its spokesperson.

    Parameters
    ----------
    uow : UnitOfWork
        A fresh unit of work; committed here.
    campaign : str
        The campaign (id, name, unique part of a name, or ``active``).
    organisation : str
        The organisation (name or ``#id``).
    spokesperson : str
        The person who speaks for it (name, e-mail or id).
    issue : str
        The issue's name; may be empty when the campaign has one issue.
    issue_id : int, optional
        The issue by id instead (then ``issue`` is not read).
    position, salience, capability, confidence : float
        As for a person's stance; ``capability`` ``None`` gives the organisation the weight
        of its strongest member.
    on : date, optional
        The day it stood so (today when left out).
    note : str
        Where it comes from.

    Returns
    -------
    Stance
        The stance stored (a new row of the spokesperson's history on the issue).

    Raises
    ------
    allies.errors.NotFound, allies.errors.AmbiguousName
        When the campaign, organisation, person or issue cannot be found.
    allies.errors.InvalidInput
        When a value is out of range.
    """
    with uow:
        found = pick_campaign(uow.campaigns.list(), campaign)
        where = resolve_organisation(uow, organisation)
        voice = resolve_person(uow, spokesperson)
        by_id = [i for i in found.issues if issue_id is not None and i.id == issue_id]
        if issue_id is not None and not by_id:
            raise InvalidInput(f"The campaign has no issue #{issue_id}.", field="issue_id")
        chosen = by_id[0] if by_id else found.issue_named(issue)
        if chosen.id is None:
            raise InvalidInput("That issue has not been stored yet.", field="issue")
        stored = uow.stances.add(
            Stance(
                person_id=voice.id or 0,
                issue_id=chosen.id,
                position=position,
                salience=salience,
                capability=capability,
                confidence=confidence,
                recorded_on=on or date.today(),
                note=note,
                organisation_id=where.id,
            )
        )
        uow.commit()
        return stored


@dataclass(frozen=True)
class OrganisationStanceRow:
    """An organisation's latest stance on one issue, with its spokesperson."""

    id: int
    organisation_id: int
    organisation: str
    spokesperson_id: int
    spokesperson: str
    issue_id: int
    issue: str
    position: float
    salience: float
    capability: float | None
    confidence: float
    recorded_on: date
    note: str


def organisation_stances(uow: UnitOfWork, campaign: str) -> list[OrganisationStanceRow]:
    """The latest stance of each organisation on each issue of the campaign, by issue and
    organisation name.

    Raises
    ------
    allies.errors.NotFound, allies.errors.AmbiguousName
        When the campaign cannot be found.
    """
    with uow:
        found = pick_campaign(uow.campaigns.list(), campaign)
        latest: dict[tuple[int, int], Stance] = {}
        for issue in found.issues:
            for stance in uow.stances.for_issue(issue.id or 0):
                if stance.organisation_id is None:
                    continue
                key = (issue.id or 0, stance.organisation_id)
                held = latest.get(key)
                if held is None or (stance.recorded_on, stance.id or 0) >= (
                    held.recorded_on,
                    held.id or 0,
                ):
                    latest[key] = stance
        organisations = {o.id: o.name for o in uow.organisations.list()}
        people = uow.people.names({s.person_id for s in latest.values()})
    issues = {i.id: i.name for i in found.issues}
    rows = [
        OrganisationStanceRow(
            s.id or 0,
            s.organisation_id or 0,
            organisations.get(s.organisation_id, ""),
            s.person_id,
            people.get(s.person_id, ""),
            s.issue_id,
            issues.get(s.issue_id, ""),
            s.position,
            s.salience,
            s.capability,
            s.confidence,
            s.recorded_on,
            s.note,
        )
        for s in latest.values()
    ]
    order = {i.id: n for n, i in enumerate(found.issues)}
    return sorted(rows, key=lambda r: (order.get(r.issue_id, 0), r.organisation.casefold()))


@dataclass(frozen=True)
class OrganisationStanceSheet:
    """What a page needs to show and add organisations' stances on a campaign."""

    campaign_id: int
    campaign: str
    issues: list[tuple[int, str]]
    organisations: list[tuple[int, str]]
    rows: list[OrganisationStanceRow]


def organisation_stance_sheet(uow: UnitOfWork, campaign: str) -> OrganisationStanceSheet:
    """The campaign's issues, the organisations that could take a stance, and the stances
    they hold.

    Raises
    ------
    allies.errors.NotFound, allies.errors.AmbiguousName
        When the campaign cannot be found.
    """
    with uow:
        found = pick_campaign(uow.campaigns.list(), campaign)
        organisations = sorted(
            ((o.id or 0, o.name) for o in uow.organisations.list()),
            key=lambda item: item[1].casefold(),
        )
    return OrganisationStanceSheet(
        found.id or 0,
        found.name,
        [(i.id or 0, i.name) for i in found.issues],
        organisations,
        organisation_stances(uow, f"#{found.id}"),
    )

"""Organisations as stakeholders: a stance held by an organisation, with its spokesperson.

A campaign is fought between organisations as much as between people. An organisation's
stance is recorded with the person who speaks for it; the forecasts and plans then treat
the organisation as **one actor** (:meth:`allies.services.campaigns.read.CampaignRead.current`):
its members' own stances on that issue are left out, and unless a capability is stated
the actor brings the weight of its strongest member (the highest influence among the
people of the organisation that day, its spokesperson included).
"""

from __future__ import annotations

from datetime import date

from allies.domain import Stance
from allies.errors import InvalidInput
from allies.services.campaigns.read import pick_campaign
from allies.services.network.lookup import resolve_organisation, resolve_person
from allies.services.ports import UnitOfWork

__all__ = ["set_organisation_stance"]


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
        chosen = found.issue_named(issue)
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

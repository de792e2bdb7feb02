"""Repositories of organisations as actors (affiliations, ties between organisations) and
of the consultation log."""

from __future__ import annotations

from typing import Protocol

from allies.domain import Affiliation, Consultation, OrganisationTie
from allies.services.ports.repository import Repository

__all__ = ["AffiliationRepository", "ConsultationRepository", "OrganisationTieRepository"]


class AffiliationRepository(Repository[Affiliation], Protocol):
    """People's roles at organisations over time."""

    def for_person(self, person_id: int) -> list[Affiliation]:
        """The person's affiliations, the latest start first."""
        ...

    def at(self, organisation_id: int) -> list[Affiliation]:
        """The affiliations with an organisation."""
        ...


class OrganisationTieRepository(Repository[OrganisationTie], Protocol):
    """How organisations stand to each other."""

    def involving(self, organisation_id: int) -> list[OrganisationTie]:
        """The ties from or to an organisation."""
        ...


class ConsultationRepository(Repository[Consultation], Protocol):
    """Interactions tagged with the campaign they were about."""

    def for_campaign(self, campaign_id: int) -> list[Consultation]:
        """The campaign's consultations."""
        ...

    def of_interaction(self, interaction_id: int) -> Consultation | None:
        """The consultation an interaction is, if it is one."""
        ...

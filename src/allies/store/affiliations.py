"""Affiliations, ties between organisations and consultations: the generic repository with
the look-ups their pages need (see :mod:`allies.services.ports.affiliations`)."""

from __future__ import annotations

from allies.domain import Affiliation, Consultation, OrganisationTie
from allies.store import tables as t
from allies.store.mapping import map_for
from allies.store.repositories.base import Scope, SqlRepository, storable_id

__all__ = [
    "SqlAffiliationRepository",
    "SqlConsultationRepository",
    "SqlOrganisationTieRepository",
]


class SqlAffiliationRepository(SqlRepository[Affiliation]):
    """People's roles at organisations over time."""

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(Affiliation))

    def for_person(self, person_id: int) -> list[Affiliation]:
        """The person's affiliations, the latest start first (undated ones last)."""
        if not storable_id(person_id):  # no row has it, and the database cannot take it
            return []
        c = t.affiliations.c
        return self._select(
            c.person_id == person_id,
            order_by=(c.started_on.is_(None), c.started_on.desc(), c.id.desc()),
        )

    def at(self, organisation_id: int) -> list[Affiliation]:
        """The affiliations with an organisation, oldest id first."""
        if not storable_id(organisation_id):
            return []
        return self._select(t.affiliations.c.organisation_id == organisation_id)


class SqlOrganisationTieRepository(SqlRepository[OrganisationTie]):
    """How organisations stand to each other."""

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(OrganisationTie))

    def involving(self, organisation_id: int) -> list[OrganisationTie]:
        """The ties from or to an organisation, oldest id first."""
        if not storable_id(organisation_id):
            return []
        c = t.organisation_ties.c
        return self._select((c.source_id == organisation_id) | (c.target_id == organisation_id))


class SqlConsultationRepository(SqlRepository[Consultation]):
    """Interactions tagged with the campaign they were about: the consultation log."""

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(Consultation))

    def for_campaign(self, campaign_id: int) -> list[Consultation]:
        """The campaign's consultations, oldest id first."""
        return self._select(t.consultations.c.campaign_id == campaign_id)

    def of_interaction(self, interaction_id: int) -> Consultation | None:
        """The consultation an interaction is, if it is one."""
        found = self._select(t.consultations.c.interaction_id == interaction_id)
        return found[0] if found else None

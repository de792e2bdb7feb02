"""The unit of work of one workspace: its repositories, one transaction, one actor.

Nothing reaches the database until :meth:`UnitOfWork.commit`; leaving the ``with`` block
without committing rolls everything back, so a failed use case changes nothing.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from types import TracebackType
from typing import Protocol, Self

from allies.domain import (
    Alliance,
    Assessment,
    Campaign,
    Goal,
    Organisation,
    Unit,
)
from allies.domain.accounts import Actor
from allies.domain.survey_answers import SurveyAnswer
from allies.services.ports.affiliations import (
    AffiliationRepository,
    ConsultationRepository,
    OrganisationTieRepository,
)
from allies.services.ports.agenda import AgendaHandledRepository
from allies.services.ports.analysis_cache import AnalysisCacheRepository
from allies.services.ports.bulk import BulkRepository
from allies.services.ports.captures import CaptureRepository
from allies.services.ports.cards import (
    CardRepository,
    DavStateRepository,
    RoleChangeRepository,
)
from allies.services.ports.health_reads import HealthReadsRepository
from allies.services.ports.keep import (
    CadenceRepository,
    FavourRepository,
    InteractionRepository,
    PromiseRepository,
)
from allies.services.ports.network import ObservationRepository, PersonRepository, TieRepository
from allies.services.ports.network_reads import NetworkReadsRepository
from allies.services.ports.provenance import RecordSourceRepository
from allies.services.ports.records import (
    AuditRepository,
    NoteRepository,
    PlanDayRepository,
    StanceRepository,
    UploadRepository,
)
from allies.services.ports.repository import Repository
from allies.services.ports.surveys import SurveyRepository
from allies.services.ports.team import TeamRepository


class UnitOfWork(Protocol):
    """One transaction over one workspace's repositories."""

    @property
    def workspace(self) -> str: ...

    @property
    def actor(self) -> Actor | None:
        """Who the unit of work acts for (``None``: the local user)."""
        ...

    @property
    def notes(self) -> NoteRepository: ...

    @property
    def audit(self) -> AuditRepository: ...

    @property
    def uploads(self) -> UploadRepository: ...

    @property
    def plan_days(self) -> PlanDayRepository: ...

    @property
    def agenda_handled(self) -> AgendaHandledRepository: ...

    @property
    def captures(self) -> CaptureRepository: ...

    @property
    def affiliations(self) -> AffiliationRepository: ...

    @property
    def organisation_ties(self) -> OrganisationTieRepository: ...

    @property
    def consultations(self) -> ConsultationRepository: ...

    @property
    def surveys(self) -> SurveyRepository:
        """The workspace's network surveys and their invitations."""
        ...

    @property
    def survey_answers(self) -> Repository[SurveyAnswer]:
        """Which survey each stated tie came from."""
        ...

    @property
    def team(self) -> TeamRepository:
        """The workspace's members, relationship owners and meeting assignments."""
        ...

    @property
    def cards(self) -> CardRepository: ...

    @property
    def role_changes(self) -> RoleChangeRepository: ...

    @property
    def dav_state(self) -> DavStateRepository: ...

    @property
    def analysis_cache(self) -> AnalysisCacheRepository: ...

    @property
    def network_reads(self) -> NetworkReadsRepository:
        """The people as columns and the stamp of the network (issue 22)."""
        ...

    @property
    def health_reads(self) -> HealthReadsRepository:
        """Per-person sums of interactions, favours and promises, for health (issue 22)."""
        ...

    @property
    def record_sources(self) -> RecordSourceRepository: ...

    @property
    def bulk(self) -> BulkRepository:
        """Many new people or card details at once (a large import)."""
        ...

    @property
    def people(self) -> PersonRepository: ...

    @property
    def organisations(self) -> Repository[Organisation]: ...

    @property
    def units(self) -> Repository[Unit]: ...

    @property
    def ties(self) -> TieRepository: ...

    @property
    def observations(self) -> ObservationRepository: ...

    @property
    def interactions(self) -> InteractionRepository: ...

    @property
    def favours(self) -> FavourRepository: ...

    @property
    def promises(self) -> PromiseRepository: ...

    @property
    def cadences(self) -> CadenceRepository: ...

    @property
    def campaigns(self) -> Repository[Campaign]: ...

    @property
    def stances(self) -> StanceRepository: ...

    @property
    def alliances(self) -> Repository[Alliance]: ...

    @property
    def goals(self) -> Repository[Goal]: ...

    @property
    def assessments(self) -> Repository[Assessment]: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def together(self) -> AbstractContextManager[None]:
        """A block inside which the ``with`` blocks of this unit of work share what they
        can (a connection; where the store allows, one transaction while they only
        read): for a page that reads several things, each through its own service."""
        ...

    def commit(self) -> None:
        """Make every change since the last commit permanent, all or nothing."""
        ...

    def rollback(self) -> None:
        """Drop every change since the last commit."""
        ...

    def clear(self) -> None:
        """Delete every record of the workspace (in this transaction), keeping the
        workspace and its members."""
        ...

"""A unit of work held in memory, for the services tests where a database adds nothing.

:class:`FakeStore` is a :class:`allies.services.ports.UnitOfWorkFactory` over plain dicts,
with the transaction rules of the real one: nothing is seen by the next unit of work until
it is committed, leaving the ``with`` block without committing drops the changes, and a
repository hands out copies (a change to one is written back with ``save``).

It keeps the records of the keeping routine and what they hang on: people, organisations,
units, interactions, favours, promises and cadences, and (empty) alliances. Every other
repository, and the few reads that are one SQL query in the store (the people list's
pages, ``reach``), raise :class:`NotImplementedError` naming what is
missing: use a real store (``sqlite_store_url``) for those tests. What the database itself
guarantees (references that must exist, removals that cascade, the audit trail) is not
modelled, so tests of those stay on the store.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from types import TracebackType
from typing import Any, Self

from allies.domain import (
    Alliance,
    Organisation,
    Unit,
)
from allies.domain.accounts import Actor
from allies.errors import Conflict, NotFound
from allies.services.ports import (
    AccountsUnitOfWork,
    AgendaHandledRepository,
    AuditRepository,
    CaptureRepository,
    NoteRepository,
    ObservationRepository,
    PlanDayRepository,
    Repository,
    StanceRepository,
    TieRepository,
    UploadRepository,
)
from allies.services.ports.analysis_cache import AnalysisCacheRepository
from tests.integration.services.fake_health_reads import FakeAnalysisCache, FakeHealthReads

__all__ = ["FakeStore", "FakeUnitOfWork"]


from tests.integration.services.fake_repositories import (
    FakeCadences,
    FakeFavours,
    FakeInteractions,
    FakePeople,
    FakePromises,
    FakeRepository,
    _missing,
    _State,
)


class FakeUnitOfWork:
    """One transaction over one workspace of a :class:`FakeStore`."""

    def __init__(self, store: FakeStore, workspace: str, actor: Actor | None) -> None:
        self._store = store
        self._workspace = workspace
        self._actor = actor
        self._begun: _State | None = None
        self._expected: dict[int, int] = {}
        self.people = FakePeople(self, "people")
        self.organisations: Repository[Organisation] = FakeRepository(self, "organisations")
        self.units: Repository[Unit] = FakeRepository(self, "units")
        self.interactions = FakeInteractions(self, "interactions")
        self.favours = FakeFavours(self, "favours")
        self.promises = FakePromises(self, "promises")
        self.cadences = FakeCadences(self, "cadences")
        self.alliances: Repository[Alliance] = FakeRepository(self, "alliances")

    @property
    def workspace(self) -> str:
        return self._workspace

    @property
    def actor(self) -> Actor | None:
        return self._actor

    def _state(self) -> _State:
        """What this unit of work sees: the committed records when it began (on entering
        the ``with`` block or on first use, as a database transaction does) and its own
        changes since."""
        if self._begun is None:
            self._begun = copy.deepcopy(self._store.committed)
        return self._begun

    def __enter__(self) -> Self:
        self._state()
        return self

    def together(self) -> AbstractContextManager[None]:
        """Nothing to share in memory."""
        return nullcontext()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()

    def commit(self) -> None:
        """Make the changes since the last commit what the next unit of work sees."""
        self._store.committed = copy.deepcopy(self._state())

    def rollback(self) -> None:
        """Drop the changes since the last commit."""
        self._begun = None
        self._expected.clear()

    @property
    def health_reads(self) -> FakeHealthReads:
        return FakeHealthReads(self)

    # -- what the fake does not keep ---------------------------------------------------

    @property
    def notes(self) -> NoteRepository:
        _missing("notes")

    @property
    def audit(self) -> AuditRepository:
        _missing("audit trail")

    @property
    def uploads(self) -> UploadRepository:
        _missing("uploads")

    @property
    def plan_days(self) -> PlanDayRepository:
        _missing("campaign plan days")

    @property
    def agenda_handled(self) -> AgendaHandledRepository:
        _missing("handled agenda lines")

    @property
    def captures(self) -> CaptureRepository:
        _missing("quick captures")

    @property
    def analysis_cache(self) -> AnalysisCacheRepository:
        return FakeAnalysisCache(self)

    @property
    def team(self) -> Any:
        _missing("the team's members and assignments")

    @property
    def affiliations(self) -> Any:
        _missing("affiliations")

    @property
    def organisation_ties(self) -> Any:
        _missing("ties between organisations")

    @property
    def consultations(self) -> Any:
        _missing("consultations")

    @property
    def surveys(self) -> Any:
        _missing("surveys")

    @property
    def ties(self) -> TieRepository:
        _missing("ties")

    @property
    def observations(self) -> ObservationRepository:
        _missing("observations")

    @property
    def campaigns(self) -> Repository[Any]:
        _missing("campaigns")

    @property
    def stances(self) -> StanceRepository:
        _missing("stances")

    @property
    def goals(self) -> Repository[Any]:
        _missing("goals")

    @property
    def assessments(self) -> Repository[Any]:
        _missing("assessments")


class FakeStore:
    """A :class:`allies.services.ports.UnitOfWorkFactory` kept in memory."""

    def __init__(self, default_workspace: str = "default") -> None:
        self.default_workspace = default_workspace
        self.committed = _State()

    def __call__(self, workspace: str | None = None, actor: Actor | None = None) -> FakeUnitOfWork:
        return FakeUnitOfWork(self, workspace or self.default_workspace, actor)

    def accounts(self) -> AccountsUnitOfWork:
        _missing("accounts")

    def workspaces(self) -> Sequence[str]:
        return sorted(self.committed.rows)

    def create_workspace(self, name: str) -> None:
        if name in self.committed.rows:
            raise Conflict(f"The workspace {name} exists already.")
        self.committed.of(name)

    def drop_workspace(self, name: str) -> None:
        if self.committed.rows.pop(name, None) is None:
            raise NotFound(f"No workspace {name}.")

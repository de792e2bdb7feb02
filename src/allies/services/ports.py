"""What the services need from storage: repository protocols and the unit of work.

The store implements these with SQLAlchemy (:mod:`allies.store`); the services know only
these protocols. A unit of work is scoped to one *workspace*: every repository it hands
out reads and writes that workspace's records only.

Repositories return fresh domain objects; a change to one is written back with ``save``.
Nothing reaches the database until :meth:`UnitOfWork.commit`; leaving the ``with`` block
without committing rolls everything back, so a failed use case changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from types import TracebackType
from typing import Protocol, Self, TypeVar

from allies.domain import (
    Alliance,
    Assessment,
    Cadence,
    Campaign,
    Commitment,
    Favour,
    Goal,
    Interaction,
    Observation,
    Organisation,
    Person,
    Stance,
    Tie,
    Unit,
)

T = TypeVar("T")


class Repository(Protocol[T]):
    """The operations every repository offers on its kind of entity."""

    def add(self, entity: T) -> T:
        """Store a new entity; sets and returns it with its ``id``."""
        ...

    def get(self, entity_id: int) -> T:
        """The entity with ``entity_id``; raises :class:`allies.errors.NotFound`."""
        ...

    def find(self, entity_id: int) -> T | None:
        """The entity with ``entity_id``, or ``None``."""
        ...

    def list(self) -> list[T]:
        """Every entity of this kind in the workspace, oldest id first."""
        ...

    def save(self, entity: T) -> T:
        """Write back the changes made to an entity already stored."""
        ...

    def remove(self, entity_id: int) -> None:
        """Delete the entity (raises NotFound if absent)."""
        ...

    def count(self) -> int:
        """How many entities of this kind the workspace holds."""
        ...


class PersonRepository(Repository[Person], Protocol):
    """People, with the look-ups names and e-mails need."""

    def me(self) -> Person | None:
        """The owner of the workspace, when one has been set."""
        ...

    def by_email(self, email: str) -> Person | None:
        """The person with this e-mail (case-insensitive), or ``None``."""
        ...


class TieRepository(Repository[Tie], Protocol):
    """Ties between people."""

    def involving(self, person_id: int) -> list[Tie]:
        """Ties from or to the person."""
        ...


class ObservationRepository(Repository[Observation], Protocol):
    """Observed evidence of influence."""

    def involving(self, person_id: int) -> list[Observation]:
        """Observations whose subject or object is the person."""
        ...


class InteractionRepository(Repository[Interaction], Protocol):
    """Interactions and their participants."""

    def with_person(self, person_id: int) -> list[Interaction]:
        """Interactions the person took part in, newest first."""
        ...

    def last_contact(self) -> dict[int, date]:
        """For every person who took part in any interaction, the date of the latest."""
        ...


class FavourRepository(Repository[Favour], Protocol):
    """The favours ledger."""

    def with_person(self, person_id: int) -> list[Favour]:
        """Favours given to or received from the person, newest first."""
        ...


class CommitmentRepository(Repository[Commitment], Protocol):
    """Promises, mine and others'."""

    def involving(self, person_id: int) -> list[Commitment]:
        """Promises the person made or received, newest first."""
        ...


class CadenceRepository(Repository[Cadence], Protocol):
    """Check-in cadences."""

    def for_person(self, person_id: int) -> Cadence | None:
        """The cadence set on the person themselves, if any."""
        ...

    def for_tag(self, tag: str) -> Cadence | None:
        """The cadence set on a tag, if any."""
        ...

    def for_tier(self, tier: str) -> Cadence | None:
        """The cadence set on a tier, if any."""
        ...


class StanceRepository(Repository[Stance], Protocol):
    """Stances, kept as history."""

    def for_issue(self, issue_id: int) -> list[Stance]:
        """Every stance recorded on the issue, oldest first."""
        ...

    def current_for_issue(self, issue_id: int) -> list[Stance]:
        """The latest stance of each person on the issue."""
        ...

    def history(self, person_id: int, issue_id: int) -> list[Stance]:
        """One person's stances on an issue, oldest first."""
        ...


class UnitOfWork(Protocol):
    """One transaction over one workspace's repositories."""

    @property
    def workspace(self) -> str: ...

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
    def commitments(self) -> CommitmentRepository: ...

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

    def commit(self) -> None:
        """Make every change since the last commit permanent, all or nothing."""
        ...

    def rollback(self) -> None:
        """Drop every change since the last commit."""
        ...


class UnitOfWorkFactory(Protocol):
    """Makes units of work for a workspace; the composition root supplies one."""

    def __call__(self, workspace: str | None = None) -> UnitOfWork: ...

    def workspaces(self) -> Sequence[str]:
        """The names of the workspaces in the database."""
        ...

    def create_workspace(self, name: str) -> None:
        """Create an empty workspace (Conflict if it exists)."""
        ...

    def drop_workspace(self, name: str) -> None:
        """Delete a workspace and everything in it (NotFound if absent)."""
        ...

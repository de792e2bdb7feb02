"""What the services need from storage: repository protocols and the unit of work.

The store implements these with SQLAlchemy (:mod:`allies.store`); the services know only
these protocols. A unit of work is scoped to one *workspace*: every repository it hands
out reads and writes that workspace's records only.

Repositories return fresh domain objects; a change to one is written back with ``save``.
Nothing reaches the database until :meth:`UnitOfWork.commit`; leaving the ``with`` block
without committing rolls everything back, so a failed use case changes nothing.

A unit of work acts for an *actor* (:class:`allies.domain.accounts.Actor`), given when it
is made; ``None``, what every caller that names nobody gets, is the local user of a
single-user installation. Every change it commits is written to the workspace's audit
trail with that actor; a viewer cannot commit changes; and its notes repository shows
private notes to their author only. The accounts of a shared server (users, roles,
tokens, sessions) have a unit of work of their own, :class:`AccountsUnitOfWork`.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Any, Literal, Protocol, Self, TypeVar

from allies.domain import (
    Alliance,
    Assessment,
    Cadence,
    Campaign,
    CampaignMeetingLine,
    DayValues,
    Favour,
    Goal,
    Interaction,
    Observation,
    ObservationColumns,
    Organisation,
    PeopleFilter,
    Person,
    Promise,
    Reached,
    Stance,
    Tie,
    TieColumns,
    Unit,
)
from allies.domain.accounts import Actor, ApiToken, LoginSession, Membership, Role, User
from allies.domain.listing import Listed, ListingFilter, ListingSort
from allies.domain.records import AccountEntry, AuditAction, AuditEntry, Note
from allies.domain.uploads import Upload

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

    def count(self, limit: int | None = None) -> int:
        """How many entities of this kind the workspace holds (counting no further than
        ``limit``, when given)."""
        ...

    def distinct_values(self, column: str) -> builtins.list[Any]:
        """The different values of one column across the workspace (no null), sorted."""
        ...


class PersonRepository(Repository[Person], Protocol):
    """People, with the look-ups names and e-mails need."""

    def me(self) -> Person | None:
        """The owner of the workspace, when one has been set."""
        ...

    def by_email(self, email: str) -> Person | None:
        """The person with this e-mail (case-insensitive), or ``None``."""
        ...

    def named(self, name: str) -> list[Person]:
        """The people called exactly ``name`` (compared without regard to case)."""
        ...

    def version_of(self, person_id: int) -> int:
        """The stored version of the person; every save adds one."""
        ...

    def expect_version(self, person_id: int, version: int) -> None:
        """Make the next save of the person raise Conflict unless it is at ``version``."""
        ...

    def listing(
        self,
        listing: ListingFilter,
        sort: ListingSort = "name",
        *,
        offset: int = 0,
        limit: int | None = None,
    ) -> tuple[list[Listed], int]:
        """One page of the people list (every row when ``limit`` is ``None``), filtered
        and sorted, and how many rows the whole list holds."""
        ...

    def several(self, person_ids: Iterable[int]) -> list[Person]:
        """The people with these ids (those of this workspace), oldest id first."""
        ...

    def names(self, person_ids: Iterable[int]) -> dict[int, str]:
        """The names of the people with these ids (those of this workspace)."""
        ...

    def ids_where(
        self,
        *,
        tiers: Iterable[str] = (),
        tags: Iterable[str] = (),
        ids: Iterable[int] = (),
        organisation_ids: Iterable[int] = (),
    ) -> list[int]:
        """The ids of the people in any of these tiers, with any of these tags, among these
        ids or in any of these organisations."""
        ...

    def reach(
        self,
        watched: PeopleFilter,
        others: PeopleFilter,
        *,
        until: date,
        cutoff: date | None,
    ) -> list[Reached]:
        """Me, everyone ``others`` matches, and those ``watched`` matches whose last
        contact is on or before ``cutoff`` or who have none (none of them when ``cutoff``
        is ``None``), oldest id first, with whether ``watched`` matched them and their
        last contact on or before ``until``. The people are outlines: their name, tier,
        level, organisation, unit, tags, interests and values only (no contact details,
        notes or other free text), what the daily routine reads of them."""
        ...

    def tags(self) -> list[str]:
        """Every tag used in the workspace, sorted."""
        ...

    def head_counts(self, by: Literal["organisation", "unit"]) -> dict[int, int]:
        """How many people each organisation (or unit) has, by its id."""
        ...

    def suggest(self, text: str, limit: int = 20) -> list[tuple[int, str]]:
        """Up to ``limit`` ``(id, name)`` of people whose name holds ``text``, names that
        start with it first."""
        ...


class TieRepository(Repository[Tie], Protocol):
    """Ties between people."""

    def involving(self, person_id: int) -> list[Tie]:
        """Ties from or to the person."""
        ...

    def columns(self) -> TieColumns:
        """Every tie as plain columns, in the order of ``list()``: the same values without
        a domain object per row (what building the whole network reads)."""
        ...


class ObservationRepository(Repository[Observation], Protocol):
    """Observed evidence of influence."""

    def involving(self, person_id: int) -> list[Observation]:
        """Observations whose subject or object is the person."""
        ...

    def columns(self) -> ObservationColumns:
        """Every observation as plain columns, in the order of ``list()``: the same values
        without a domain object per row (what building the whole network reads)."""
        ...


class InteractionRepository(Repository[Interaction], Protocol):
    """Interactions and their participants."""

    def with_person(self, person_id: int) -> list[Interaction]:
        """Interactions the person took part in, newest first."""
        ...

    def last_contact(
        self, person_ids: Iterable[int] | None = None, *, until: date | None = None
    ) -> dict[int, date]:
        """The day of the latest interaction (on or before ``until``) of each of these
        people, or of everyone who took part in one."""
        ...

    def contact_days(self, person_ids: Iterable[int], *, until: date | None = None) -> DayValues:
        """Each of these people's interactions (on or before ``until``) as ``(person,
        day, tone)`` columns, in no particular order."""
        ...


class FavourRepository(Repository[Favour], Protocol):
    """The favours ledger."""

    def with_person(self, person_id: int) -> list[Favour]:
        """Favours given to or received from the person, newest first."""
        ...

    def of_people(self, person_ids: Iterable[int]) -> list[Favour]:
        """The favours given to or received from any of these people, oldest first."""
        ...

    def favour_days(self, person_ids: Iterable[int], units: Mapping[str, int]) -> DayValues:
        """Each of these people's favours as ``(person, day, signed units)`` columns, in no
        particular order (``units``: per size)."""
        ...

    def owed_favours(self, units: Mapping[str, int], threshold: int) -> list[Favour]:
        """The favours given to or received from the people whose favours to me exceed
        mine to them by ``threshold`` units or more, oldest first (``units``: per size)."""
        ...

    def totals(self, units: Mapping[str, int]) -> dict[int, tuple[int, int]]:
        """Per person, the units of favours given and received (``units``: per size)."""
        ...


class PromiseRepository(Repository[Promise], Protocol):
    """Promises, mine and others'."""

    def involving(self, person_id: int) -> list[Promise]:
        """Promises the person made or received, newest first."""
        ...

    def open_due(self, person_id: int, by: date) -> list[Promise]:
        """Open promises the person made or received that fall due on or before ``by``."""
        ...

    def between(self, person_id: int, others: Iterable[int]) -> list[Promise]:
        """The promises between the person and any of ``others``, either way."""
        ...

    def for_agenda(self, person_id: int, due_by: date, others: Iterable[int]) -> list[Promise]:
        """The open promises the person made or received that fall due on or before
        ``due_by``, and every promise between the person and any of ``others``."""
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


class NoteRepository(Repository[Note], Protocol):
    """Notes about people: every read sees the shared notes and the actor's private ones."""

    def for_person(self, person_id: int) -> list[Note]:
        """The visible notes about the person, newest first."""
        ...

    def search(self, text: str) -> list[Note]:
        """The visible notes containing ``text``, newest first."""
        ...

    def all_for_person(self, person_id: int) -> list[Note]:
        """Every note about the person, anyone's private ones included (erasure, export)."""
        ...

    def purge_person(self, person_id: int) -> int:
        """Delete every note about the person; returns how many."""
        ...

    def move_person(self, old: int, new: int) -> int:
        """Point every note about ``old`` at ``new``; returns how many."""
        ...


class AuditRepository(Protocol):
    """The workspace's audit trail."""

    def for_person(self, person_id: int, *, limit: int | None = None) -> list[AuditEntry]:
        """Changes to the person and to records referring to them, newest first."""
        ...

    def list(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[AuditEntry]:
        """Every entry in the period, oldest first."""
        ...

    def count(self) -> int:
        """How many entries the trail holds."""
        ...

    def record(
        self,
        entity: str,
        entity_id: int,
        action: AuditAction | str,
        before: Mapping[str, Any] | None = None,
        after: Mapping[str, Any] | None = None,
    ) -> None:
        """Add an entry of the use case's own (an erasure, say); written on commit."""
        ...

    def erase_person(self, person_id: int, words: Iterable[str]) -> int:
        """Scrub the person's id and ``words`` out of the trail's values."""
        ...


class UploadRepository(Protocol):
    """Uploaded files waiting between their preview and their import, in the database so
    that any app process can finish what another began."""

    def add(self, upload: Upload) -> None:
        """Keep an upload in the workspace."""
        ...

    def get(self, token_hash: str, user_id: int | None, now: datetime) -> Upload | None:
        """The user's unexpired upload with this token hash, or None."""
        ...

    def remove(self, token_hash: str, user_id: int | None) -> bool:
        """Forget the user's upload; returns whether there was one."""
        ...

    def purge_expired(self, now: datetime) -> int:
        """Delete the uploads that have expired, in every workspace."""
        ...


class PlanDayRepository(Protocol):
    """The active campaigns' meeting plans as computed on a day: a cache in the database.

    A row holds the meetings one campaign's plan had on one day, for one state of the
    campaign (:meth:`states`). It is not audited and any member may write it: it holds
    nothing that is not computed from what the workspace already holds.
    """

    def states(self) -> dict[int, str]:
        """The active campaigns' ids and fingerprints of their own state: the campaign
        row, its issues and deciders, and its stances. Any change to those changes it."""
        ...

    def get(self, campaign_id: int, day: date, state_key: str) -> list[CampaignMeetingLine] | None:
        """The meetings stored for the campaign on ``day`` under ``state_key``, or None."""
        ...

    def put(
        self, campaign_id: int, day: date, state_key: str, meetings: Sequence[CampaignMeetingLine]
    ) -> bool:
        """Store the campaign's meetings for ``day`` (its other days are dropped).

        Returns False, storing nothing, when another process stored that day meanwhile.
        """
        ...

    def people_met_on(self, day: date, person_ids: Iterable[int]) -> set[int]:
        """Which of the people took part in an interaction logged on ``day``."""
        ...

    def clear(self) -> int:
        """Delete every stored plan day of the workspace; returns how many there were."""
        ...


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

    def commit(self) -> None:
        """Make every change since the last commit permanent, all or nothing."""
        ...

    def rollback(self) -> None:
        """Drop every change since the last commit."""
        ...


class UserRepository(Protocol):
    """Users of a shared server."""

    def add(self, user: User) -> User:
        """Store a new user (Conflict when the username is taken)."""
        ...

    def get(self, user_id: int) -> User:
        """The user with ``user_id`` (NotFound if none)."""
        ...

    def by_name(self, username: str) -> User | None:
        """The user called ``username``, or None."""
        ...

    def list(self) -> list[User]:
        """Every user, by username."""
        ...

    def save(self, user: User) -> User:
        """Write back the display name, password hash and active flag."""
        ...

    def count(self) -> int:
        """How many users there are."""
        ...


class MembershipRepository(Protocol):
    """Who may do what in which workspace."""

    def grant(self, user_id: int, workspace: str, role: Role) -> Role | None:
        """Give the user ``role``; returns their role before (None: none)."""
        ...

    def revoke(self, user_id: int, workspace: str) -> Role | None:
        """Take the user out of the workspace; returns their role before."""
        ...

    def role(self, user_id: int, workspace: str) -> Role | None:
        """The user's role in the workspace, or None."""
        ...

    def of_user(self, user_id: int) -> list[Membership]:
        """The user's memberships, by workspace."""
        ...

    def of_workspace(self, workspace: str) -> list[Membership]:
        """A workspace's members, by username."""
        ...


class TokenRepository(Protocol):
    """API tokens, stored as hashes."""

    def add(self, token: ApiToken) -> ApiToken:
        """Store a new token."""
        ...

    def get(self, token_id: int) -> ApiToken:
        """The token with ``token_id`` (NotFound if none)."""
        ...

    def by_hash(self, token_hash: str) -> ApiToken | None:
        """The token whose secret has this hash, or None."""
        ...

    def list(self, user_id: int | None = None) -> list[ApiToken]:
        """Every token, or one user's."""
        ...

    def revoke(self, token_id: int, at: datetime) -> None:
        """Make the token stop working."""
        ...

    def touch(self, token_id: int, at: datetime) -> None:
        """Note when the token was last used."""
        ...


class SessionRepository(Protocol):
    """Browser logins, kept in the database so every app process sees them."""

    def add(self, session: LoginSession) -> None:
        """Store a new session."""
        ...

    def get(self, key_hash: str) -> LoginSession | None:
        """The session with this key hash, or None."""
        ...

    def select_workspace(self, key_hash: str, workspace: str) -> None:
        """Switch the session to ``workspace``."""
        ...

    def touch(self, key_hash: str, at: datetime, expires_at: datetime) -> None:
        """Note activity and push the expiry."""
        ...

    def remove(self, key_hash: str) -> None:
        """End the session."""
        ...

    def remove_for_user(self, user_id: int) -> int:
        """End every session of a user."""
        ...

    def purge_expired(self, now: datetime) -> int:
        """Delete expired sessions."""
        ...


class LoginAttemptRepository(Protocol):
    """Login attempts: the state of rate limits and lock-outs."""

    def record(self, username: str, address: str, succeeded: bool, at: datetime) -> None:
        """Note one attempt."""
        ...

    def recent(self, username: str, since: datetime) -> list[tuple[datetime, bool]]:
        """The user's attempts since ``since``, oldest first."""
        ...

    def failures_from(self, address: str, since: datetime) -> int:
        """How many attempts from an address failed since ``since``."""
        ...

    def purge_before(self, moment: datetime) -> int:
        """Forget attempts older than ``moment``."""
        ...


class AccountTrailRepository(Protocol):
    """The trail of account changes (users, workspaces, roles, API tokens)."""

    def record(
        self,
        entity: str,
        entity_id: int,
        action: AuditAction,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
        *,
        actor: Actor | None = None,
        workspace: str | None = None,
        at: datetime | None = None,
    ) -> AccountEntry | None:
        """Add an entry; one that changed nothing is not kept (None)."""
        ...

    def list(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[AccountEntry]:
        """Every entry in the period, oldest first."""
        ...


class AccountsUnitOfWork(Protocol):
    """One transaction over the accounts of a shared server."""

    @property
    def users(self) -> UserRepository: ...

    @property
    def memberships(self) -> MembershipRepository: ...

    @property
    def tokens(self) -> TokenRepository: ...

    @property
    def sessions(self) -> SessionRepository: ...

    @property
    def attempts(self) -> LoginAttemptRepository: ...

    @property
    def trail(self) -> AccountTrailRepository: ...

    def workspaces(self) -> list[str]:
        """The names of every workspace."""
        ...

    def workspace_id(self, name: str) -> int:
        """The id of workspace ``name`` (NotFound if none)."""
        ...

    def record(
        self,
        workspace: str,
        entity: str,
        entity_id: int,
        action: AuditAction,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
        actor: Actor | None = None,
    ) -> None:
        """Add an entry to a workspace's audit trail."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None:
        """Make every change permanent, all or nothing."""
        ...

    def rollback(self) -> None:
        """Drop every change since the last commit."""
        ...


class UnitOfWorkFactory(Protocol):
    """Makes units of work for a workspace; the composition root supplies one."""

    def __call__(self, workspace: str | None = None, actor: Actor | None = None) -> UnitOfWork: ...

    def accounts(self) -> AccountsUnitOfWork:
        """A unit of work over the accounts (users, roles, tokens, sessions)."""
        ...

    def workspaces(self) -> Sequence[str]:
        """The names of the workspaces in the database."""
        ...

    def create_workspace(self, name: str) -> None:
        """Create an empty workspace (Conflict if it exists)."""
        ...

    def drop_workspace(self, name: str) -> None:
        """Delete a workspace and everything in it (NotFound if absent)."""
        ...

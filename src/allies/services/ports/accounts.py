"""The accounts of a shared server: users, memberships, tokens, sessions, login
attempts and the account trail, with a unit of work of their own.

They live outside every workspace, so a workspace's unit of work never hands them out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from types import TracebackType
from typing import Any, Protocol, Self

from allies.domain.accounts import Actor, ApiToken, LoginSession, Membership, Role, User
from allies.domain.records import AccountEntry, AuditAction


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

    def save(self, user: User, *, expected_version: int | None = None) -> User:
        """Write back the display name, password hash and active flag, one version on
        (StaleRecord when ``expected_version`` is no longer the stored one)."""
        ...

    def count(self) -> int:
        """How many users there are."""
        ...


class MembershipRepository(Protocol):
    """Who may do what in which workspace."""

    def grant(
        self, user_id: int, workspace: str, role: Role, *, expected_version: int | None = None
    ) -> Role | None:
        """Give the user ``role``; returns their role before (None: none). StaleRecord
        when ``expected_version`` (0: no membership yet) is no longer the stored one."""
        ...

    def version(self, user_id: int, workspace: str) -> int | None:
        """The version of the user's membership of the workspace (None: not a member)."""
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

    def link(
        self,
        user_id: int,
        workspace: str,
        person_id: int | None,
        *,
        expected_version: int | None = None,
    ) -> int:
        """Make ``person_id`` the member's own person in the workspace (``None``: none);
        returns the membership's new version (StaleRecord when ``expected_version`` is no
        longer the stored one)."""
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

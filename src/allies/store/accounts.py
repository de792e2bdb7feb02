"""Accounts of a shared server: users, memberships, API tokens, sessions, login attempts.

These are not scoped to one workspace, so they have a unit of work of their own,
:class:`SqlAccountsUnitOfWork` (from :meth:`allies.store.SqlUnitOfWorkFactory.accounts`).
Changes to accounts are written to the trail of account changes
(:mod:`allies.store.account_trail`), and those to memberships and tokens also to the
audit trail of their workspace.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from allies.domain.accounts import Actor, ApiToken, LoginSession, Membership, Role, User
from allies.domain.records import AuditAction
from allies.errors import Conflict, NotFound
from allies.store import tables as t
from allies.store.account_trail import SqlAccountTrailRepository
from allies.store.audit import AuditLog
from allies.store.repositories.base import new_id_of

__all__ = ["SqlAccountsUnitOfWork"]


def _user(row: Mapping[Any, Any]) -> User:
    return User(
        username=row["username"],
        display_name=row["display_name"],
        password_hash=row["password_hash"],
        active=bool(row["active"]),
        created_at=row["created_at"],
        disabled_at=row["disabled_at"],
        id=row["id"],
    )


# The reads every request of a team server makes, built once (only their values change).
_USER_BY_ID = select(t.users).where(t.users.c.id == bindparam("user_id"))
_MEMBERSHIPS_OF_USER = (
    select(t.users.c.username, t.workspaces.c.name, t.memberships.c.role, t.memberships.c.person_id)
    .select_from(
        t.memberships.join(t.users, t.users.c.id == t.memberships.c.user_id).join(
            t.workspaces, t.workspaces.c.id == t.memberships.c.workspace_id
        )
    )
    .where(t.memberships.c.user_id == bindparam("user_id"))
    .order_by(t.workspaces.c.name, t.users.c.username)
)
_SESSION_BY_KEY = (
    select(t.sessions, t.workspaces.c.name.label("workspace"))
    .select_from(
        t.sessions.outerjoin(t.workspaces, t.workspaces.c.id == t.sessions.c.selected_workspace_id)
    )
    .where(t.sessions.c.key_hash == bindparam("key_hash"))
)


class _Part:
    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def _workspace_id(self, name: str) -> int:
        found = self._conn.scalar(select(t.workspaces.c.id).where(t.workspaces.c.name == name))
        if found is None:
            raise NotFound(
                f"There is no workspace {name!r}.",
                hint="Check the name, or add a workspace of that name.",
                kind="workspace",
            )
        return int(found)


class SqlUserRepository(_Part):
    """Users, by id and by username."""

    def add(self, user: User) -> User:
        """Store a new user; Conflict when the username is taken."""
        if self.by_name(user.username) is not None:
            raise Conflict(
                f"There is already a user {user.username!r}.",
                hint="Pick another username, or change that user.",
            )
        user.created_at = user.created_at or datetime.now(UTC)
        values = {
            "username": user.username,
            "display_name": user.display_name,
            "password_hash": user.password_hash,
            "active": user.active,
            "created_at": user.created_at,
            "disabled_at": user.disabled_at,
        }
        try:
            with self._conn.begin_nested():
                user.id = new_id_of(self._conn.execute(insert(t.users).values(values)))
        except IntegrityError as error:
            raise Conflict(f"There is already a user {user.username!r}.") from error
        return user

    def get(self, user_id: int) -> User:
        """The user with ``user_id``; NotFound if none."""
        row = self._conn.execute(_USER_BY_ID, {"user_id": user_id}).mappings().first()
        if row is None:
            raise NotFound(kind="user", record_id=user_id)
        return _user(row)

    def by_name(self, username: str) -> User | None:
        """The user called ``username`` (case-insensitive), or None."""
        query = select(t.users).where(t.users.c.username == username.strip().lower())
        row = self._conn.execute(query).mappings().first()
        return None if row is None else _user(row)

    def list(self) -> builtins.list[User]:
        """Every user, by username."""
        rows = self._conn.execute(select(t.users).order_by(t.users.c.username)).mappings()
        return [_user(row) for row in rows]

    def save(self, user: User) -> User:
        """Write back the display name, password hash and whether the user is active."""
        self._conn.execute(
            update(t.users)
            .where(t.users.c.id == user.id)
            .values(
                display_name=user.display_name,
                password_hash=user.password_hash,
                active=user.active,
                disabled_at=user.disabled_at,
            )
        )
        return user

    def count(self) -> int:
        """How many users there are (active or not)."""
        return int(self._conn.scalar(select(func.count()).select_from(t.users)) or 0)


class SqlMembershipRepository(_Part):
    """Who may do what in which workspace."""

    def _query(self) -> Any:
        m, u, w = t.memberships.c, t.users.c, t.workspaces.c
        return (
            select(u.username, w.name, m.role, m.person_id)
            .select_from(
                t.memberships.join(t.users, u.id == m.user_id).join(
                    t.workspaces, w.id == m.workspace_id
                )
            )
            .order_by(w.name, u.username)
        )

    def grant(self, user_id: int, workspace: str, role: Role) -> Role | None:
        """Give the user ``role`` in the workspace; returns the role they had before."""
        workspace_id = self._workspace_id(workspace)
        before = self.role(user_id, workspace)
        m = t.memberships.c
        if before is None:
            self._conn.execute(
                insert(t.memberships).values(
                    user_id=user_id,
                    workspace_id=workspace_id,
                    role=Role(role).value,
                    granted_at=datetime.now(UTC),
                )
            )
        else:
            self._conn.execute(
                update(t.memberships)
                .where(m.user_id == user_id, m.workspace_id == workspace_id)
                .values(role=Role(role).value, granted_at=datetime.now(UTC))
            )
        return before

    def revoke(self, user_id: int, workspace: str) -> Role | None:
        """Take the user out of the workspace; returns the role they had (None: none)."""
        workspace_id = self._workspace_id(workspace)
        before = self.role(user_id, workspace)
        m = t.memberships.c
        self._conn.execute(
            delete(t.memberships).where(m.user_id == user_id, m.workspace_id == workspace_id)
        )
        return before

    def role(self, user_id: int, workspace: str) -> Role | None:
        """The user's role in the workspace, or None when they are not a member."""
        m, w = t.memberships.c, t.workspaces.c
        found = self._conn.scalar(
            select(m.role)
            .select_from(t.memberships.join(t.workspaces, w.id == m.workspace_id))
            .where(m.user_id == user_id, w.name == workspace)
        )
        return None if found is None else Role(found)

    def of_user(self, user_id: int) -> builtins.list[Membership]:
        """The user's workspaces and roles, by workspace name."""
        rows = self._conn.execute(_MEMBERSHIPS_OF_USER, {"user_id": user_id})
        return [Membership(name_, ws, Role(role), person) for name_, ws, role, person in rows]

    def of_workspace(self, workspace: str) -> builtins.list[Membership]:
        """The members of a workspace and their roles, by username."""
        rows = self._conn.execute(self._query().where(t.workspaces.c.name == workspace))
        return [Membership(name_, ws, Role(role), person) for name_, ws, role, person in rows]

    def link(self, user_id: int, workspace: str, person_id: int | None) -> None:
        """Make ``person_id`` the person who is the member in the workspace (``None``:
        nobody); NotFound unless the user is a member of it."""
        workspace_id = self._workspace_id(workspace)
        m = t.memberships.c
        result = self._conn.execute(
            update(t.memberships)
            .where(m.user_id == user_id, m.workspace_id == workspace_id)
            .values(person_id=person_id)
        )
        if result.rowcount == 0:
            raise NotFound(
                f"User #{user_id} is not a member of workspace {workspace!r}.",
                hint="Give them a role in the workspace first.",
                kind="membership",
            )


def _token(row: Mapping[Any, Any]) -> ApiToken:
    return ApiToken(
        user_id=row["user_id"],
        workspace=row["workspace"],
        name=row["name"],
        token_hash=row["token_hash"],
        prefix=row["prefix"],
        created_at=row["created_at"],
        last_used_at=row["last_used_at"],
        revoked_at=row["revoked_at"],
        id=row["id"],
    )


class SqlTokenRepository(_Part):
    """API tokens, stored as hashes."""

    def _query(self) -> Any:
        k, w = t.api_tokens.c, t.workspaces.c
        return (
            select(t.api_tokens, w.name.label("workspace"))
            .select_from(t.api_tokens.join(t.workspaces, w.id == k.workspace_id))
            .order_by(k.id)
        )

    def add(self, token: ApiToken) -> ApiToken:
        """Store a new token (its hash); sets its id."""
        token.created_at = token.created_at or datetime.now(UTC)
        result = self._conn.execute(
            insert(t.api_tokens).values(
                user_id=token.user_id,
                workspace_id=self._workspace_id(token.workspace),
                name=token.name,
                token_hash=token.token_hash,
                prefix=token.prefix,
                created_at=token.created_at,
            )
        )
        token.id = new_id_of(result)
        return token

    def get(self, token_id: int) -> ApiToken:
        """The token with ``token_id``; NotFound if none."""
        row = self._conn.execute(self._query().where(t.api_tokens.c.id == token_id)).mappings()
        found = row.first()
        if found is None:
            raise NotFound(f"No API token #{token_id}.", kind="token", record_id=token_id)
        return _token(found)

    def by_hash(self, token_hash: str) -> ApiToken | None:
        """The token whose secret hashes to ``token_hash``, or None."""
        query = self._query().where(t.api_tokens.c.token_hash == token_hash)
        found = self._conn.execute(query).mappings().first()
        return None if found is None else _token(found)

    def list(self, user_id: int | None = None) -> builtins.list[ApiToken]:
        """Every token, or the user's, oldest first."""
        query = self._query()
        if user_id is not None:
            query = query.where(t.api_tokens.c.user_id == user_id)
        return [_token(row) for row in self._conn.execute(query).mappings()]

    def revoke(self, token_id: int, at: datetime) -> None:
        """Make the token stop working from ``at`` on."""
        k = t.api_tokens.c
        self._conn.execute(
            update(t.api_tokens)
            .where(k.id == token_id, k.revoked_at.is_(None))
            .values(revoked_at=at)
        )

    def touch(self, token_id: int, at: datetime) -> None:
        """Note that the token was used at ``at``."""
        self._conn.execute(
            update(t.api_tokens).where(t.api_tokens.c.id == token_id).values(last_used_at=at)
        )


class SqlSessionRepository(_Part):
    """Browser logins, by the hash of their key."""

    def add(self, session: LoginSession) -> None:
        """Store a new session."""
        workspace_id = self._workspace_id(session.workspace) if session.workspace else None
        self._conn.execute(
            insert(t.sessions).values(
                key_hash=session.key_hash,
                user_id=session.user_id,
                selected_workspace_id=workspace_id,
                created_at=session.created_at,
                last_seen_at=session.last_seen_at,
                expires_at=session.expires_at,
            )
        )

    def get(self, key_hash: str) -> LoginSession | None:
        """The session with this key hash, or None."""
        row = self._conn.execute(_SESSION_BY_KEY, {"key_hash": key_hash}).mappings().first()
        if row is None:
            return None
        return LoginSession(
            key_hash=row["key_hash"],
            user_id=row["user_id"],
            workspace=row["workspace"],
            created_at=row["created_at"],
            last_seen_at=row["last_seen_at"],
            expires_at=row["expires_at"],
        )

    def select_workspace(self, key_hash: str, workspace: str) -> None:
        """Make ``workspace`` the one the session works in."""
        self._conn.execute(
            update(t.sessions)
            .where(t.sessions.c.key_hash == key_hash)
            .values(selected_workspace_id=self._workspace_id(workspace))
        )

    def touch(self, key_hash: str, at: datetime, expires_at: datetime) -> None:
        """Note activity at ``at`` and push the expiry to ``expires_at``."""
        self._conn.execute(
            update(t.sessions)
            .where(t.sessions.c.key_hash == key_hash)
            .values(last_seen_at=at, expires_at=expires_at)
        )

    def remove(self, key_hash: str) -> None:
        """End the session."""
        self._conn.execute(delete(t.sessions).where(t.sessions.c.key_hash == key_hash))

    def remove_for_user(self, user_id: int) -> int:
        """End every session of the user; returns how many there were."""
        result = self._conn.execute(delete(t.sessions).where(t.sessions.c.user_id == user_id))
        return int(result.rowcount or 0)

    def purge_expired(self, now: datetime) -> int:
        """Delete the sessions that expired before ``now``."""
        result = self._conn.execute(delete(t.sessions).where(t.sessions.c.expires_at < now))
        return int(result.rowcount or 0)


class SqlLoginAttemptRepository(_Part):
    """Login attempts, for rate limits and lock-outs that every app process shares."""

    def record(self, username: str, address: str, succeeded: bool, at: datetime) -> None:
        """Note one attempt."""
        self._conn.execute(
            insert(t.login_attempts).values(
                username=username[:64], address=address[:64], succeeded=succeeded, at=at
            )
        )

    def recent(self, username: str, since: datetime) -> builtins.list[tuple[datetime, bool]]:
        """The user's attempts since ``since``, oldest first, as ``(when, succeeded)``."""
        a = t.login_attempts.c
        rows = self._conn.execute(
            select(a.at, a.succeeded)
            .where(a.username == username, a.at >= since)
            .order_by(a.at, a.id)
        )
        return [(at, bool(ok)) for at, ok in rows]

    def failures_from(self, address: str, since: datetime) -> int:
        """How many attempts from ``address`` failed since ``since``."""
        a = t.login_attempts.c
        query = (
            select(func.count())
            .select_from(t.login_attempts)
            .where(a.address == address, a.at >= since, a.succeeded.is_(False))
        )
        return int(self._conn.scalar(query) or 0)

    def purge_before(self, moment: datetime) -> int:
        """Forget attempts older than ``moment``."""
        result = self._conn.execute(delete(t.login_attempts).where(t.login_attempts.c.at < moment))
        return int(result.rowcount or 0)


class SqlAccountsUnitOfWork:
    """One transaction over the accounts tables; use it as a context manager."""

    users: SqlUserRepository
    memberships: SqlMembershipRepository
    tokens: SqlTokenRepository
    sessions: SqlSessionRepository
    attempts: SqlLoginAttemptRepository
    trail: SqlAccountTrailRepository

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: Connection | None = None
        self._logs: dict[tuple[int, Actor | None], AuditLog] = {}

    def __enter__(self) -> Self:
        if self._connection is not None:
            raise RuntimeError("This unit of work is already in use; make a new one.")
        connection = self._engine.connect()
        self._connection = connection
        self.users = SqlUserRepository(connection)
        self.memberships = SqlMembershipRepository(connection)
        self.tokens = SqlTokenRepository(connection)
        self.sessions = SqlSessionRepository(connection)
        self.attempts = SqlLoginAttemptRepository(connection)
        self.trail = SqlAccountTrailRepository(connection)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        connection, self._connection = self._connection, None
        self._logs.clear()
        if connection is None:
            return
        try:
            connection.rollback()
        finally:
            connection.close()

    @property
    def connection(self) -> Connection:
        """The connection of the open transaction."""
        if self._connection is None:
            raise RuntimeError("Use the unit of work inside a `with` block.")
        return self._connection

    def workspaces(self) -> builtins.list[str]:
        """The names of every workspace, sorted."""
        names = self.connection.scalars(select(t.workspaces.c.name).order_by(t.workspaces.c.name))
        return builtins.list(names)

    def workspace_id(self, name: str) -> int:
        """The id of workspace ``name``; NotFound if there is none."""
        return _Part(self.connection)._workspace_id(name)

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
        """Add an entry to a workspace's audit trail (written on commit)."""
        workspace_id = _Part(self.connection)._workspace_id(workspace)
        log = self._logs.get((workspace_id, actor))
        if log is None:
            log = self._logs[workspace_id, actor] = AuditLog(self.connection, workspace_id, actor)
        log.record(entity, entity_id, action, before, after)

    def commit(self) -> None:
        """Make every change permanent, all or nothing."""
        for log in self._logs.values():
            log.flush()
        try:
            self.connection.commit()
        except IntegrityError as error:
            raise Conflict("That clashes with what is stored.") from error

    def rollback(self) -> None:
        """Drop every change since the last commit."""
        for log in self._logs.values():
            log.discard()
        self.connection.rollback()

"""Accounts of a shared server: users, memberships, API tokens, sessions, login attempts.

These are not scoped to one workspace, so they have a unit of work of their own,
:class:`SqlAccountsUnitOfWork` (from :meth:`allies.store.SqlUnitOfWorkFactory.accounts`).
Changes to accounts are written to the trail of account changes
(:mod:`allies.store.account_trail`), and those to memberships and tokens also to the
audit trail of their workspace. Users and memberships are kept by
:mod:`allies.store.account_users`.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from allies.domain.accounts import Actor, ApiToken, LoginSession
from allies.domain.records import AuditAction
from allies.errors import Conflict, NotFound
from allies.store import tables as t
from allies.store.account_trail import SqlAccountTrailRepository
from allies.store.account_users import Part, SqlMembershipRepository, SqlUserRepository
from allies.store.audit import AuditLog
from allies.store.repositories.base import new_id_of

__all__ = ["SqlAccountsUnitOfWork"]


_SESSION_BY_KEY = (
    select(t.sessions, t.workspaces.c.name.label("workspace"))
    .select_from(
        t.sessions.outerjoin(t.workspaces, t.workspaces.c.id == t.sessions.c.selected_workspace_id)
    )
    .where(t.sessions.c.key_hash == bindparam("key_hash"))
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


class SqlTokenRepository(Part):
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


class SqlSessionRepository(Part):
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


class SqlLoginAttemptRepository(Part):
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
        return Part(self.connection)._workspace_id(name)

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
        workspace_id = Part(self.connection)._workspace_id(workspace)
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

"""Browser sessions: opened at login, kept in the database so every app process knows
them, pushed on by activity and ended at logout or after :data:`SESSION_HOURS` idle."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from allies.domain.accounts import LoginSession, User
from allies.errors import NextStep, NotFound, Unauthorized
from allies.services.ports import UnitOfWorkFactory
from allies.services.team.identities import TOUCH_EVERY, Identity, identity_of, moment
from allies.services.team.passwords import digest

__all__ = [
    "SESSION_HOURS",
    "end_session",
    "identify_session",
    "select_workspace",
    "start_session",
]

#: A session ends after this many hours without a request.
SESSION_HOURS = 12


def start_session(
    factory: UnitOfWorkFactory, user: User, *, now: datetime | None = None
) -> tuple[str, Identity]:
    """Open a session for a user who has just logged in.

    Returns
    -------
    (key, identity)
        The secret key for the browser's cookie (only its hash is stored) and who the
        session is, in their first workspace.
    """
    at = moment(now)
    key = secrets.token_urlsafe(32)
    with factory.accounts() as accounts:
        identity = identity_of(accounts, user, None, via="session", session_hash=digest(key))
        accounts.sessions.add(
            LoginSession(
                key_hash=digest(key),
                user_id=user.id or 0,
                workspace=identity.workspace,
                created_at=at,
                last_seen_at=at,
                expires_at=at + timedelta(hours=SESSION_HOURS),
            )
        )
        accounts.sessions.purge_expired(at)
        accounts.commit()
    return key, identity


def identify_session(
    factory: UnitOfWorkFactory, key: str, *, now: datetime | None = None
) -> Identity | None:
    """Who the session with this key is, or None when it is unknown, expired or its user
    is disabled. Activity pushes the expiry on."""
    at = moment(now)
    with factory.accounts() as accounts:
        session = accounts.sessions.get(digest(key))
        if session is None or session.expires_at <= at:
            return None
        user = accounts.users.get(session.user_id)
        if not user.active:
            return None
        identity = identity_of(
            accounts, user, session.workspace, via="session", session_hash=session.key_hash
        )
        if (at - session.last_seen_at).total_seconds() > TOUCH_EVERY:
            accounts.sessions.touch(session.key_hash, at, at + timedelta(hours=SESSION_HOURS))
            accounts.commit()
    return identity


def end_session(factory: UnitOfWorkFactory, key: str) -> None:
    """Log the session out (nothing happens for an unknown key)."""
    with factory.accounts() as accounts:
        accounts.sessions.remove(digest(key))
        accounts.commit()


def select_workspace(factory: UnitOfWorkFactory, key: str, workspace: str) -> Identity:
    """Switch a session to another of its user's workspaces.

    Raises
    ------
    allies.errors.NotFound
        When the user does not belong to that workspace (or it does not exist: the two
        look the same, so a user learns nothing about other teams' workspaces).
    allies.errors.Unauthorized
        When the session has ended.
    """
    with factory.accounts() as accounts:
        session = accounts.sessions.get(digest(key))
        if session is None:
            raise Unauthorized(
                "Your session has ended.", hint="Log in again.", next_step=NextStep("log-in")
            )
        user = accounts.users.get(session.user_id)
        if accounts.memberships.role(user.id or 0, workspace) is None:
            raise NotFound(
                f"You have no workspace {workspace!r}.",
                hint="Pick one of the workspaces listed on the page.",
            )
        accounts.sessions.select_workspace(session.key_hash, workspace)
        identity = identity_of(
            accounts, user, workspace, via="session", session_hash=session.key_hash
        )
        accounts.commit()
    return identity

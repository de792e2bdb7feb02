"""Accounts of a shared server: users, workspaces and roles, API tokens, logins, sessions.

Passwords are kept as argon2id hashes; API tokens and session keys as SHA-256 hashes, so
a copy of the database gives no way in. Every rule that protects logins lives in the
database, never in one process's memory, so any number of app processes enforce it
together:

- a username is **locked out** for :data:`LOCK_MINUTES` minutes after
  :data:`LOCK_AFTER` failed logins in a row (within that many minutes);
- an address that failed :data:`ADDRESS_LIMIT` times within :data:`LOCK_MINUTES`
  minutes is **rate limited** for the rest of that window, whatever username it tries.

Roles: an **owner** manages the workspace (members, tokens, the audit trail, erasure),
an **editor** changes records, a **viewer** only reads.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from allies.domain import parse_enum
from allies.domain.accounts import Actor, ApiToken, LoginSession, Membership, Role, User
from allies.domain.accounts import check_username as _check_username
from allies.domain.records import AuditAction
from allies.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    TooManyAttempts,
    Unauthorized,
)
from allies.services.ports import AccountsUnitOfWork, UnitOfWorkFactory

__all__ = [
    "ADDRESS_LIMIT",
    "LOCK_AFTER",
    "LOCK_MINUTES",
    "MIN_PASSWORD",
    "SESSION_HOURS",
    "TOKEN_PREFIX",
    "Actor",
    "Identity",
    "Membership",
    "Role",
    "TokenRow",
    "UserRow",
    "add_user",
    "add_workspace",
    "authenticate",
    "create_token",
    "disable_user",
    "enable_user",
    "end_session",
    "grant",
    "identify_session",
    "identify_token",
    "list_tokens",
    "list_users",
    "members",
    "require_owner",
    "revoke",
    "revoke_token",
    "select_workspace",
    "set_password",
    "start_session",
    "usernames",
]

#: Failed logins in a row that lock a username.
LOCK_AFTER = 5
#: How long a lock-out lasts, and the window in which failures count, in minutes.
LOCK_MINUTES = 15
#: Failed logins from one address, within the window, after which it is refused.
ADDRESS_LIMIT = 20
#: A session ends after this many hours without a request.
SESSION_HOURS = 12
#: The shortest password accepted.
MIN_PASSWORD = 10
#: How every API token starts, so a leaked one is easy to recognise.
TOKEN_PREFIX = "allies_"
#: Activity is written back at most this often per session or token, in seconds.
TOUCH_EVERY = 60


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@cache
def _dummy_hash() -> str:
    """A hash to check against when the user does not exist, so timing says nothing."""
    return _hasher().hash(secrets.token_urlsafe(16))


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _check_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise InvalidInput(
            f"A password needs at least {MIN_PASSWORD} characters.",
            field="password",
            hint="A few unrelated words make a long password that is easy to remember.",
        )
    if len(password) > 1024:
        raise InvalidInput("A password has at most 1024 characters.", field="password")
    return password


def _user(accounts: AccountsUnitOfWork, username: str) -> User:
    user = accounts.users.by_name(_check_username(username))
    if user is None:
        raise NotFound(
            f"There is no user {username!r}.",
            hint="List them with `allies user list`; add one with `allies user add NAME`.",
        )
    return user


def _workspace(accounts: AccountsUnitOfWork, name: str) -> str:
    cleaned = name.strip()
    if cleaned not in accounts.workspaces():
        raise NotFound(
            f"There is no workspace {name!r}.",
            hint="List them with `allies workspace list`; add one with "
            "`allies workspace add NAME`.",
        )
    return cleaned


# -- identities ------------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """Who a request comes from, and the workspace and role it works with.

    ``workspace`` and ``role`` are ``None`` when the user belongs to no workspace.
    """

    user_id: int
    username: str
    display_name: str
    workspace: str | None
    role: Role | None
    workspaces: tuple[Membership, ...] = ()
    via: Literal["session", "token"] = "session"
    session_hash: str | None = field(default=None, repr=False)

    @property
    def actor(self) -> Actor | None:
        """The actor for a unit of work on :attr:`workspace` (None without one)."""
        if self.role is None:
            return None
        return Actor(self.user_id, self.username, self.role)

    @property
    def can_write(self) -> bool:
        """Whether the user may change the workspace in use."""
        return self.role is not None and self.role.can_write

    @property
    def is_owner(self) -> bool:
        """Whether the user owns the workspace in use."""
        return self.role is not None and self.role.is_owner


def require_owner(actor: Actor | None, what: str) -> None:
    """Raise Forbidden unless ``actor`` owns the workspace (``None``, the local user, does).

    ``what`` completes the message: "Only an owner of the workspace can <what>."
    """
    if actor is not None and not actor.role.is_owner:
        raise Forbidden(
            f"Only an owner of the workspace can {what}.",
            hint="Ask an owner to do it, or to make you an owner.",
        )


# -- users -------------------------------------------------------------------------------


@dataclass(frozen=True)
class UserRow:
    """One user as lists show them."""

    username: str
    display_name: str
    active: bool
    workspaces: str
    created: str


def add_user(
    factory: UnitOfWorkFactory, username: str, password: str, *, display_name: str = ""
) -> User:
    """Add a user who can log in with ``password``.

    Raises
    ------
    allies.errors.Conflict
        When the username is taken.
    allies.errors.InvalidInput
        When the username or the password breaks the rules.
    """
    user = User(username=username, display_name=display_name)
    user.password_hash = _hasher().hash(_check_password(password))
    with factory.accounts() as accounts:
        stored = accounts.users.add(user)
        accounts.commit()
    return stored


def list_users(factory: UnitOfWorkFactory) -> list[UserRow]:
    """Every user, with their workspaces and roles."""
    with factory.accounts() as accounts:
        rows = []
        for user in accounts.users.list():
            roles = accounts.memberships.of_user(user.id or 0)
            rows.append(
                UserRow(
                    username=user.username,
                    display_name=user.display_name,
                    active=user.active,
                    workspaces=", ".join(f"{m.workspace} ({m.role.value})" for m in roles),
                    created=user.created_at.date().isoformat() if user.created_at else "",
                )
            )
    return rows


def usernames(factory: UnitOfWorkFactory) -> dict[int, str]:
    """Every user's id and username (to name the authors of notes)."""
    with factory.accounts() as accounts:
        return {user.id or 0: user.username for user in accounts.users.list()}


def _set_active(factory: UnitOfWorkFactory, username: str, active: bool) -> User:
    with factory.accounts() as accounts:
        user = _user(accounts, username)
        user.active = active
        user.disabled_at = None if active else datetime.now(UTC)
        accounts.users.save(user)
        if not active:
            accounts.sessions.remove_for_user(user.id or 0)
        accounts.commit()
    return user


def disable_user(factory: UnitOfWorkFactory, username: str) -> User:
    """Stop a user from logging in: their sessions end and their tokens stop working."""
    return _set_active(factory, username, False)


def enable_user(factory: UnitOfWorkFactory, username: str) -> User:
    """Let a disabled user log in again (their revoked tokens stay revoked)."""
    return _set_active(factory, username, True)


def set_password(factory: UnitOfWorkFactory, username: str, password: str) -> User:
    """Give a user a new password; their sessions end."""
    hashed = _hasher().hash(_check_password(password))
    with factory.accounts() as accounts:
        user = _user(accounts, username)
        user.password_hash = hashed
        accounts.users.save(user)
        accounts.sessions.remove_for_user(user.id or 0)
        accounts.commit()
    return user


# -- logging in ----------------------------------------------------------------------------


def _locked_for(attempts: Sequence[tuple[datetime, bool]], now: datetime) -> int:
    """Seconds the username stays locked (0: not locked), from its recent attempts."""
    failures: list[datetime] = []
    for at, succeeded in attempts:
        failures = [] if succeeded else [*failures, at]
    if len(failures) < LOCK_AFTER:
        return 0
    until = failures[-1] + timedelta(minutes=LOCK_MINUTES)
    return max(0, int((until - now).total_seconds()) + 1) if until > now else 0


def authenticate(
    factory: UnitOfWorkFactory,
    username: str,
    password: str,
    *,
    address: str = "",
    now: datetime | None = None,
) -> User:
    """The user whose username and password these are; every attempt is recorded.

    Raises
    ------
    allies.errors.TooManyAttempts
        When the username is locked out or the address is rate limited (``retry_after``
        says for how long); the password is not even checked.
    allies.errors.Unauthorized
        When the username or the password is wrong, or the user is disabled (one
        message for all three, so it gives nothing away).
    """
    moment = _now(now)
    window = moment - timedelta(minutes=LOCK_MINUTES)
    name = (username or "").strip().lower()[:64]
    with factory.accounts() as accounts:
        if address and accounts.attempts.failures_from(address, window) >= ADDRESS_LIMIT:
            raise TooManyAttempts(
                "Too many failed logins from this address.",
                retry_after=LOCK_MINUTES * 60,
                hint=f"Wait {LOCK_MINUTES} minutes before trying again.",
            )
        locked = _locked_for(accounts.attempts.recent(name, window), moment)
        if locked:
            raise TooManyAttempts(
                f"This account is locked after {LOCK_AFTER} failed logins.",
                retry_after=locked,
                hint=f"Try again in {max(1, locked // 60)} minutes, or ask an administrator "
                "to set a new password.",
            )
        user = accounts.users.by_name(name) if name else None
        ok = _verify(user.password_hash if user else _dummy_hash(), password or "")
        if not (user and ok and user.active):
            accounts.attempts.record(name or "?", address or "?", False, moment)
            accounts.commit()
            raise Unauthorized(
                "Wrong username or password.",
                hint=f"After {LOCK_AFTER} failures in a row the account is locked for "
                f"{LOCK_MINUTES} minutes.",
            )
        if _hasher().check_needs_rehash(user.password_hash):
            user.password_hash = _hasher().hash(password)
            accounts.users.save(user)
        accounts.attempts.record(name, address or "?", True, moment)
        accounts.attempts.purge_before(moment - timedelta(days=30))
        accounts.commit()
    return user


def _verify(hashed: str, password: str) -> bool:
    try:
        return bool(_hasher().verify(hashed, password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# -- sessions ----------------------------------------------------------------------------


def _identity(
    accounts: AccountsUnitOfWork,
    user: User,
    wanted: str | None,
    *,
    via: Literal["session", "token"],
    session_hash: str | None = None,
) -> Identity:
    memberships = tuple(accounts.memberships.of_user(user.id or 0))
    chosen = next((m for m in memberships if m.workspace == wanted), None)
    if chosen is None and via == "session" and memberships:
        chosen = memberships[0]
    return Identity(
        user_id=user.id or 0,
        username=user.username,
        display_name=user.display_name,
        workspace=chosen.workspace if chosen else None,
        role=chosen.role if chosen else None,
        workspaces=memberships,
        via=via,
        session_hash=session_hash,
    )


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
    moment = _now(now)
    key = secrets.token_urlsafe(32)
    with factory.accounts() as accounts:
        identity = _identity(accounts, user, None, via="session", session_hash=_digest(key))
        accounts.sessions.add(
            LoginSession(
                key_hash=_digest(key),
                user_id=user.id or 0,
                workspace=identity.workspace,
                created_at=moment,
                last_seen_at=moment,
                expires_at=moment + timedelta(hours=SESSION_HOURS),
            )
        )
        accounts.sessions.purge_expired(moment)
        accounts.commit()
    return key, identity


def identify_session(
    factory: UnitOfWorkFactory, key: str, *, now: datetime | None = None
) -> Identity | None:
    """Who the session with this key is, or None when it is unknown, expired or its user
    is disabled. Activity pushes the expiry on."""
    moment = _now(now)
    with factory.accounts() as accounts:
        session = accounts.sessions.get(_digest(key))
        if session is None or session.expires_at <= moment:
            return None
        user = accounts.users.get(session.user_id)
        if not user.active:
            return None
        identity = _identity(
            accounts, user, session.workspace, via="session", session_hash=session.key_hash
        )
        if (moment - session.last_seen_at).total_seconds() > TOUCH_EVERY:
            accounts.sessions.touch(
                session.key_hash, moment, moment + timedelta(hours=SESSION_HOURS)
            )
            accounts.commit()
    return identity


def end_session(factory: UnitOfWorkFactory, key: str) -> None:
    """Log the session out (nothing happens for an unknown key)."""
    with factory.accounts() as accounts:
        accounts.sessions.remove(_digest(key))
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
        session = accounts.sessions.get(_digest(key))
        if session is None:
            raise Unauthorized("Your session has ended.", hint="Log in again.")
        user = accounts.users.get(session.user_id)
        if accounts.memberships.role(user.id or 0, workspace) is None:
            raise NotFound(
                f"You have no workspace {workspace!r}.",
                hint="Pick one of the workspaces listed on the page.",
            )
        accounts.sessions.select_workspace(session.key_hash, workspace)
        identity = _identity(
            accounts, user, workspace, via="session", session_hash=session.key_hash
        )
        accounts.commit()
    return identity


# -- API tokens ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TokenRow:
    """One API token as lists show it (never its secret)."""

    id: int
    username: str
    workspace: str
    name: str
    prefix: str
    created: str
    last_used: str
    status: str


def create_token(
    factory: UnitOfWorkFactory,
    username: str,
    workspace: str,
    name: str = "",
    *,
    actor: Actor | None = None,
) -> tuple[str, ApiToken]:
    """Make an API token for a member of a workspace; the secret is returned once.

    Raises
    ------
    allies.errors.Forbidden
        When the user is not a member of the workspace.
    """
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with factory.accounts() as accounts:
        user = _user(accounts, username)
        workspace = _workspace(accounts, workspace)
        if accounts.memberships.role(user.id or 0, workspace) is None:
            raise Forbidden(
                f"{user.username} is not a member of workspace {workspace!r}.",
                hint=f"Grant a role first: allies workspace grant {workspace} {user.username} "
                "--role editor",
            )
        token = accounts.tokens.add(
            ApiToken(
                user_id=user.id or 0,
                workspace=workspace,
                name=(name or "").strip()[:300] or "token",
                token_hash=_digest(secret),
                prefix=secret[: len(TOKEN_PREFIX) + 4],
            )
        )
        accounts.record(
            workspace,
            "token",
            token.id or 0,
            AuditAction.CREATE,
            None,
            {"user": user.username, "name": token.name, "prefix": token.prefix},
            actor,
        )
        accounts.commit()
    return secret, token


def revoke_token(factory: UnitOfWorkFactory, token_id: int, *, actor: Actor | None = None) -> None:
    """Make an API token stop working, at once and for good."""
    with factory.accounts() as accounts:
        token = accounts.tokens.get(token_id)
        if not token.active:
            return
        accounts.tokens.revoke(token_id, datetime.now(UTC))
        accounts.record(
            token.workspace,
            "token",
            token_id,
            AuditAction.REVOKE,
            {"name": token.name, "prefix": token.prefix, "status": "active"},
            {"name": token.name, "prefix": token.prefix, "status": "revoked"},
            actor,
        )
        accounts.commit()


def list_tokens(factory: UnitOfWorkFactory, username: str | None = None) -> list[TokenRow]:
    """The API tokens, everyone's or one user's."""
    with factory.accounts() as accounts:
        user_id = _user(accounts, username).id if username else None
        names = {u.id: u.username for u in accounts.users.list()}
        tokens = accounts.tokens.list(user_id)
    return [
        TokenRow(
            id=token.id or 0,
            username=names.get(token.user_id, "?"),
            workspace=token.workspace,
            name=token.name,
            prefix=token.prefix + "…",
            created=token.created_at.date().isoformat() if token.created_at else "",
            last_used=token.last_used_at.date().isoformat() if token.last_used_at else "never",
            status="active" if token.active else "revoked",
        )
        for token in tokens
    ]


def identify_token(
    factory: UnitOfWorkFactory, secret: str, *, now: datetime | None = None
) -> Identity | None:
    """Who an API token acts for, or None when it is unknown, revoked, its user disabled
    or no longer a member of the token's workspace."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    moment = _now(now)
    with factory.accounts() as accounts:
        token = accounts.tokens.by_hash(_digest(secret))
        if token is None or not token.active:
            return None
        user = accounts.users.get(token.user_id)
        if not user.active:
            return None
        identity = _identity(accounts, user, token.workspace, via="token")
        if identity.workspace != token.workspace:
            return None
        last = token.last_used_at
        if last is None or (moment - last).total_seconds() > TOUCH_EVERY:
            accounts.tokens.touch(token.id or 0, moment)
            accounts.commit()
    return identity


# -- workspaces and roles ------------------------------------------------------------------


def add_workspace(factory: UnitOfWorkFactory, name: str, *, owner: str | None = None) -> None:
    """Create a workspace, optionally with its first owner."""
    if owner:
        with factory.accounts() as accounts:
            _user(accounts, owner)
    factory.create_workspace(name)
    if owner:
        grant(factory, name, owner, Role.OWNER)


def members(factory: UnitOfWorkFactory, workspace: str) -> list[Membership]:
    """The members of a workspace and their roles."""
    with factory.accounts() as accounts:
        return accounts.memberships.of_workspace(_workspace(accounts, workspace))


def _owners(accounts: AccountsUnitOfWork, workspace: str) -> list[str]:
    return [m.username for m in accounts.memberships.of_workspace(workspace) if m.role.is_owner]


def grant(
    factory: UnitOfWorkFactory,
    workspace: str,
    username: str,
    role: Role | str,
    *,
    actor: Actor | None = None,
) -> Role | None:
    """Give a user a role in a workspace (replacing the one they had); returns the old one.

    Raises
    ------
    allies.errors.Conflict
        When it would leave the workspace without an owner.
    """
    new = parse_enum(Role, role, "role")
    with factory.accounts() as accounts:
        workspace = _workspace(accounts, workspace)
        user = _user(accounts, username)
        before = accounts.memberships.role(user.id or 0, workspace)
        if (
            before is Role.OWNER
            and new is not Role.OWNER
            and _owners(accounts, workspace) == [user.username]
        ):
            raise Conflict(
                f"{user.username} is the last owner of workspace {workspace!r}.",
                hint="Make someone else an owner first.",
            )
        accounts.memberships.grant(user.id or 0, workspace, new)
        accounts.record(
            workspace,
            "membership",
            user.id or 0,
            AuditAction.GRANT,
            {"user": user.username, "role": before.value} if before else None,
            {"user": user.username, "role": new.value},
            actor,
        )
        accounts.commit()
    return before


def revoke(
    factory: UnitOfWorkFactory, workspace: str, username: str, *, actor: Actor | None = None
) -> Role | None:
    """Take a user out of a workspace; their tokens for it stop working.

    Raises
    ------
    allies.errors.Conflict
        When the user is the workspace's last owner.
    """
    with factory.accounts() as accounts:
        workspace = _workspace(accounts, workspace)
        user = _user(accounts, username)
        before = accounts.memberships.role(user.id or 0, workspace)
        if before is None:
            return None
        if before is Role.OWNER and _owners(accounts, workspace) == [user.username]:
            raise Conflict(
                f"{user.username} is the last owner of workspace {workspace!r}.",
                hint="Make someone else an owner first.",
            )
        accounts.memberships.revoke(user.id or 0, workspace)
        accounts.record(
            workspace,
            "membership",
            user.id or 0,
            AuditAction.REVOKE,
            {"user": user.username, "role": before.value},
            None,
            actor,
        )
        accounts.commit()
    return before

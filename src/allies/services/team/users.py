"""The users of a shared server: adding them, listing them, disabling them, new passwords.

Every change is written to the trail of account changes
(:mod:`allies.services.team.account_trail`), with who made it; never with a password.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from allies.domain.accounts import Actor, User
from allies.domain.accounts import check_username as _check_username
from allies.domain.records import AuditAction
from allies.errors import NotFound, StaleRecord
from allies.services.ports import AccountsUnitOfWork, UnitOfWorkFactory
from allies.services.team import passwords
from allies.services.team.account_trail import SECRET, record_change
from allies.services.team.revocation import revoke_tokens

__all__ = [
    "UserRow",
    "add_user",
    "disable_user",
    "enable_user",
    "find_user",
    "list_users",
    "set_password",
    "usernames",
]


@dataclass(frozen=True)
class UserRow:
    """One user as lists show them."""

    username: str
    display_name: str
    active: bool
    workspaces: str
    created: str


def find_user(accounts: AccountsUnitOfWork, username: str) -> User:
    """The user called ``username``.

    Raises
    ------
    allies.errors.NotFound
        When there is no such user (the message says how to list and add them).
    allies.errors.InvalidInput
        When ``username`` is not a valid username.
    """
    user = accounts.users.by_name(_check_username(username))
    if user is None:
        raise NotFound(
            f"There is no user {username!r}.",
            hint="Check the username, or add a user of that name.",
            kind="user",
        )
    return user


def add_user(
    factory: UnitOfWorkFactory,
    username: str,
    password: str,
    *,
    display_name: str = "",
    actor: Actor | None = None,
) -> User:
    """Add a user who can log in with ``password``; ``actor`` is who adds them (``None``:
    the command line).

    Raises
    ------
    allies.errors.Conflict
        When the username is taken.
    allies.errors.InvalidInput
        When the username or the password breaks the rules.
    """
    user = User(username=username, display_name=display_name)
    user.password_hash = passwords.hash_password(password)
    with factory.accounts() as accounts:
        stored = accounts.users.add(user)
        record_change(
            accounts,
            "user",
            stored.id or 0,
            AuditAction.CREATE,
            None,
            {"user": stored.username, "display_name": stored.display_name, "active": True},
            actor=actor,
        )
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


def _set_active(
    factory: UnitOfWorkFactory,
    username: str,
    active: bool,
    actor: Actor | None,
    expected_version: int | None,
) -> User:
    with factory.accounts() as accounts:
        user = find_user(accounts, username)
        if expected_version is not None and expected_version != user.version:
            raise StaleRecord(
                f"User {user.username} was changed by someone else meanwhile: it is now at "
                f"version {user.version}, not {expected_version}.",
                hint="Look at the user again and make your change on what it holds now.",
                kind="user",
                record_id=user.id,
            )
        if user.active == active:
            return user
        record_change(
            accounts,
            "user",
            user.id or 0,
            AuditAction.UPDATE,
            {"user": user.username, "active": user.active},
            {"user": user.username, "active": active},
            actor=actor,
        )
        user.active = active
        user.disabled_at = None if active else datetime.now(UTC)
        accounts.users.save(user, expected_version=expected_version)
        if not active:
            accounts.sessions.remove_for_user(user.id or 0)
            revoke_tokens(accounts, user, actor=actor)
        accounts.commit()
    return user


def disable_user(
    factory: UnitOfWorkFactory,
    username: str,
    *,
    actor: Actor | None = None,
    expected_version: int | None = None,
) -> User:
    """Stop a user from logging in: their sessions end and their tokens are revoked, for
    good (enabling the user again does not bring them back).

    Disabling a disabled user changes nothing (and records nothing). With
    ``expected_version`` (:attr:`User.version` as read), a user someone else changed
    meanwhile is refused with :class:`allies.errors.StaleRecord` and left as it is.
    """
    return _set_active(factory, username, False, actor, expected_version)


def enable_user(
    factory: UnitOfWorkFactory,
    username: str,
    *,
    actor: Actor | None = None,
    expected_version: int | None = None,
) -> User:
    """Let a disabled user log in again (their revoked tokens stay revoked); with
    ``expected_version``, only if nobody changed the user since (else StaleRecord)."""
    return _set_active(factory, username, True, actor, expected_version)


def set_password(
    factory: UnitOfWorkFactory, username: str, password: str, *, actor: Actor | None = None
) -> User:
    """Give a user a new password; their sessions end. The trail records that the
    password changed, never the password."""
    hashed = passwords.hash_password(password)
    with factory.accounts() as accounts:
        user = find_user(accounts, username)
        user.password_hash = hashed
        accounts.users.save(user)
        accounts.sessions.remove_for_user(user.id or 0)
        record_change(
            accounts,
            "user",
            user.id or 0,
            AuditAction.UPDATE,
            {"user": user.username, "password": None},
            {"user": user.username, "password": SECRET},
            actor=actor,
        )
        accounts.commit()
    return user

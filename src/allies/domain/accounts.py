"""Who uses a shared server: users, their roles in workspaces, tokens, sessions, the actor.

A *user* logs in with a password (kept only as an argon2 hash). A *membership* gives a
user a *role* in one workspace: an **owner** may do anything there (including grant
roles, export the audit trail and erase a person), an **editor** may change records, and
a **viewer** may only read. An *API token* lets a program act as its user in one
workspace; only a hash of it is stored. A *session* is a browser's login, kept in the
database so that any app process can check it.

The *actor* is who a unit of work acts for: it is written into the audit trail and
decides which private notes can be seen. ``None`` stands for the local user of a
single-user installation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from allies.domain._rules import as_enum
from allies.errors import InvalidInput

__all__ = [
    "Actor",
    "ApiToken",
    "LoginSession",
    "Membership",
    "Role",
    "TeamMember",
    "User",
    "check_username",
]

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@+-]{0,63}$")


class Role(StrEnum):
    """What a member may do in a workspace."""

    OWNER = "owner"
    EDITOR = "editor"
    VIEWER = "viewer"

    @property
    def can_write(self) -> bool:
        """Whether the role may change records (owners and editors)."""
        return self is not Role.VIEWER

    @property
    def is_owner(self) -> bool:
        """Whether the role may manage the workspace itself."""
        return self is Role.OWNER


def check_username(value: str) -> str:
    """The username lower-cased; InvalidInput unless it is 1-64 letters, digits or ``._@+-``.

    Examples
    --------
    >>> check_username(" Ann.Lee ")
    'ann.lee'
    """
    cleaned = value.strip().lower() if isinstance(value, str) else ""
    if not _USERNAME.match(cleaned):
        raise InvalidInput(
            f"{value!r} is not a username: use 1-64 letters, digits, '.', '_', '@', '+' or "
            "'-', starting with a letter or digit.",
            field="username",
        )
    return cleaned


@dataclass(eq=False)
class User:
    """Someone who can log in to a shared server."""

    username: str
    display_name: str = ""
    password_hash: str = ""
    active: bool = True
    created_at: datetime | None = None
    disabled_at: datetime | None = None
    id: int | None = None
    version: int = 1  # one more with every save; an edit may name the one it read

    def __post_init__(self) -> None:
        self.username = check_username(self.username)
        self.display_name = (self.display_name or "").strip() or self.username

    @property
    def label(self) -> str:
        """The username, with the display name when it differs."""
        if self.display_name and self.display_name != self.username:
            return f"{self.username} ({self.display_name})"
        return self.username


@dataclass(frozen=True)
class Membership:
    """A user's role in a workspace, and the person who is them in its network
    (``person_id``; ``None`` until they say who they are there)."""

    username: str
    workspace: str
    role: Role
    person_id: int | None = None
    version: int = 1  # one more with every change of role or person

    def __post_init__(self) -> None:
        object.__setattr__(self, "role", as_enum(Role, self.role, "role"))


@dataclass(eq=False)
class ApiToken:
    """A revocable key a program uses to act as ``user_id`` in one workspace.

    ``token_hash`` is the SHA-256 of the secret, which is shown once and never stored;
    ``prefix`` is its first characters, so people can tell their tokens apart.
    """

    user_id: int
    workspace: str
    name: str
    token_hash: str
    prefix: str
    created_at: datetime | None = None
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None
    id: int | None = None

    @property
    def active(self) -> bool:
        """Whether the token still works."""
        return self.revoked_at is None


@dataclass(eq=False)
class LoginSession:
    """A browser's login: the hash of its key, whose it is, and the workspace in use."""

    key_hash: str
    user_id: int
    workspace: str | None
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class Actor:
    """Who a unit of work acts for: a user, their role in the workspace, and the person who
    is them there (``person_id``: "me" for this actor; ``None`` keeps the workspace's own
    "me", the one marked on the person)."""

    user_id: int
    username: str
    role: Role = Role.OWNER
    person_id: int | None = None

    @property
    def can_write(self) -> bool:
        """Whether the actor may change records."""
        return self.role.can_write


@dataclass(frozen=True)
class TeamMember:
    """A member of a workspace as the workspace sees them: the user, their role and the
    person who is them in its network (``None`` until they have said)."""

    user_id: int
    username: str
    display_name: str
    role: Role
    person_id: int | None
    version: int = 1  # of the membership: one more with every change of role or person

    @property
    def actor(self) -> Actor:
        """The actor a unit of work uses to read the workspace as this member sees it."""
        return Actor(self.user_id, self.username, self.role, self.person_id)

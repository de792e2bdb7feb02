"""Accounts of a shared server: users, workspaces and roles, API tokens, logins, sessions.

This module gathers the public names of the modules that do the work, so callers need
only one import:

- :mod:`allies.services.team.users` — adding, listing and disabling users, new passwords;
- :mod:`allies.services.team.memberships` — workspaces and who belongs to them, with what role;
- :mod:`allies.services.team.tokens` — API tokens for programs;
- :mod:`allies.services.team.logins` — logging in, lock-outs and rate limits;
- :mod:`allies.services.team.sessions` — browser sessions;
- :mod:`allies.services.team.identities` — who a request comes from, and owners' rights;
- :mod:`allies.services.team.passwords` — how passwords and secret keys are hashed.

Passwords are kept as argon2id hashes; API tokens and session keys as SHA-256 hashes, so
a copy of the database gives no way in. Every rule that protects logins lives in the
database, never in one process's memory, so any number of app processes enforce it
together.

Roles: an **owner** manages the workspace (members, tokens, the audit trail, erasure),
an **editor** changes records, a **viewer** only reads.
"""

from __future__ import annotations

from allies.domain.accounts import Actor, Membership, Role
from allies.services.team.identities import TOUCH_EVERY, Identity, require_owner
from allies.services.team.logins import ADDRESS_LIMIT, LOCK_AFTER, LOCK_MINUTES, authenticate
from allies.services.team.memberships import add_workspace, grant, members, revoke
from allies.services.team.passwords import MIN_PASSWORD
from allies.services.team.sessions import (
    SESSION_HOURS,
    end_session,
    identify_session,
    select_workspace,
    start_session,
)
from allies.services.team.tokens import (
    TOKEN_PREFIX,
    TokenRow,
    create_token,
    identify_token,
    list_tokens,
    revoke_token,
)
from allies.services.team.users import (
    UserRow,
    add_user,
    disable_user,
    enable_user,
    list_users,
    set_password,
    usernames,
)

__all__ = [
    "ADDRESS_LIMIT",
    "LOCK_AFTER",
    "LOCK_MINUTES",
    "MIN_PASSWORD",
    "SESSION_HOURS",
    "TOKEN_PREFIX",
    "TOUCH_EVERY",
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

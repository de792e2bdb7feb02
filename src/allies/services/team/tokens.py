"""API tokens: let a program use ``/api/v1`` as one user, in one workspace.

A token's secret is shown once, when it is made; the store keeps its SHA-256 and its
first characters (to recognise it in lists). Making and revoking a token is written to
the trail of account changes and to the workspace's audit trail, never with the secret.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from allies.domain.accounts import Actor, ApiToken
from allies.domain.records import AuditAction
from allies.errors import Forbidden, NextStep
from allies.services.ports import UnitOfWorkFactory
from allies.services.team.account_trail import record_change
from allies.services.team.identities import TOUCH_EVERY, Identity, identity_of, moment
from allies.services.team.memberships import find_workspace
from allies.services.team.passwords import digest
from allies.services.team.users import find_user

__all__ = [
    "TOKEN_PREFIX",
    "TokenRow",
    "create_token",
    "identify_token",
    "list_tokens",
    "revoke_token",
]

#: How every API token starts, so a leaked one is easy to recognise.
TOKEN_PREFIX = "allies_"


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
        user = find_user(accounts, username)
        workspace = find_workspace(accounts, workspace)
        if accounts.memberships.role(user.id or 0, workspace) is None:
            raise Forbidden(
                f"{user.username} is not a member of workspace {workspace!r}.",
                hint="Grant them a role in the workspace first.",
                next_step=NextStep(
                    "grant",
                    "workspace",
                    {"workspace": workspace, "username": user.username, "role": "editor"},
                ),
            )
        token = accounts.tokens.add(
            ApiToken(
                user_id=user.id or 0,
                workspace=workspace,
                name=(name or "").strip()[:300] or "token",
                token_hash=digest(secret),
                prefix=secret[: len(TOKEN_PREFIX) + 4],
            )
        )
        record_change(
            accounts,
            "token",
            token.id or 0,
            AuditAction.CREATE,
            None,
            {"user": user.username, "name": token.name, "prefix": token.prefix},
            actor=actor,
            workspace=workspace,
            in_workspace=True,
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
        owner = accounts.users.get(token.user_id).username
        record_change(
            accounts,
            "token",
            token_id,
            AuditAction.REVOKE,
            {"user": owner, "name": token.name, "prefix": token.prefix, "status": "active"},
            {"user": owner, "name": token.name, "prefix": token.prefix, "status": "revoked"},
            actor=actor,
            workspace=token.workspace,
            in_workspace=True,
        )
        accounts.commit()


def list_tokens(factory: UnitOfWorkFactory, username: str | None = None) -> list[TokenRow]:
    """The API tokens, everyone's or one user's."""
    with factory.accounts() as accounts:
        user_id = find_user(accounts, username).id if username else None
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
    at = moment(now)
    with factory.accounts() as accounts:
        token = accounts.tokens.by_hash(digest(secret))
        if token is None or not token.active:
            return None
        user = accounts.users.get(token.user_id)
        if not user.active:
            return None
        identity = identity_of(accounts, user, token.workspace, via="token")
        if identity.workspace != token.workspace:
            return None
        last = token.last_used_at
        if last is None or (at - last).total_seconds() > TOUCH_EVERY:
            accounts.tokens.touch(token.id or 0, at)
            accounts.commit()
    return identity

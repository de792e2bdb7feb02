"""Revoking a user's API tokens for good when they lose access.

A token works only while its user is active and a member of its workspace, and that was
once checked only when the token was used: re-granting the role or re-enabling the user
made every old token work again. Losing access now revokes the tokens (``revoked_at``
set), so they stay revoked whatever happens later, and ``allies token list`` says so.
"""

from __future__ import annotations

from datetime import UTC, datetime

from allies.domain.accounts import Actor, User
from allies.domain.records import AuditAction
from allies.services.ports import AccountsUnitOfWork
from allies.services.team.account_trail import record_change

__all__ = ["revoke_tokens"]


def revoke_tokens(
    accounts: AccountsUnitOfWork,
    user: User,
    *,
    workspace: str | None = None,
    actor: Actor | None = None,
) -> int:
    """Revoke the user's active tokens (for one workspace, or all); returns how many.

    Each revocation is recorded in the trail of account changes and in the token's
    workspace's audit trail, as :func:`allies.services.team.tokens.revoke_token` does. The
    caller commits.
    """
    now = datetime.now(UTC)
    revoked = 0
    for token in accounts.tokens.list(user.id or 0):
        if not token.active or (workspace is not None and token.workspace != workspace):
            continue
        accounts.tokens.revoke(token.id or 0, now)
        described = {"user": user.username, "name": token.name, "prefix": token.prefix}
        record_change(
            accounts,
            "token",
            token.id or 0,
            AuditAction.REVOKE,
            {**described, "status": "active"},
            {**described, "status": "revoked"},
            actor=actor,
            workspace=token.workspace,
            in_workspace=True,
        )
        revoked += 1
    return revoked

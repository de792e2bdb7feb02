"""The trail of account changes: who added, disabled or enabled a user, set a password,
created a workspace, granted or revoked a role, made or revoked an API token, and when.

Every such change is written to this trail, in the same transaction as the change. Grants,
revocations and tokens concern one workspace, so they are written to that workspace's
audit trail as well, where its owners read them (``/audit``, ``allies audit export``).
The account trail is the server's: ``allies audit accounts`` lists it for whoever runs
the server. Its values never hold a password or a token's secret: a new password is
recorded as ``[changed]``, a token by its name and first characters only.

The actor is the logged-in user when the change comes through one, and ``local`` for the
command line, which acts with the database's own rights.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from allies.domain.accounts import Actor
from allies.domain.records import AccountEntry, AuditAction
from allies.services.ports import AccountsUnitOfWork, UnitOfWorkFactory

__all__ = ["SECRET", "AccountChange", "account_changes", "record_change"]

#: What the trail shows instead of a password.
SECRET = "[changed]"


def record_change(
    accounts: AccountsUnitOfWork,
    entity: str,
    entity_id: int,
    action: AuditAction,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    *,
    actor: Actor | None = None,
    workspace: str | None = None,
    in_workspace: bool = False,
) -> None:
    """Write an account change to the account trail (written on commit).

    Parameters
    ----------
    accounts : AccountsUnitOfWork
        The entered unit of work that makes the change.
    entity, entity_id : str, int
        What changed: ``user``, ``workspace``, ``membership`` or ``token``, and its id.
    action : AuditAction
        What happened to it.
    before, after : mapping or None
        Its values before and after; never a secret.
    actor : Actor, optional
        Who made the change (``None``: the command line, recorded as ``local``).
    workspace : str, optional
        The workspace the change concerns.
    in_workspace : bool
        Also write it to that workspace's own audit trail.
    """
    accounts.trail.record(
        entity, entity_id, action, before, after, actor=actor, workspace=workspace
    )
    if in_workspace and workspace:
        accounts.record(workspace, entity, entity_id, action, before, after, actor)


@dataclass(frozen=True)
class AccountChange:
    """One entry of the account trail, ready to list."""

    id: int
    at: str
    actor: str
    action: str
    entity: str
    entity_id: int
    workspace: str
    summary: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def summary(entry: AccountEntry) -> str:
    """The entry as one sentence, e.g. ``local granted bo the role owner in team (was
    editor)``."""
    before, after = entry.before or {}, entry.after or {}
    user = after.get("user") or before.get("user") or f"#{entry.entity_id}"
    where = f" in {entry.workspace}" if entry.workspace else ""
    who, action = entry.actor, entry.action
    if entry.entity == "user" and action is AuditAction.CREATE:
        return f"{who} added user {user}"
    if entry.entity == "user":
        changes = entry.changed()
        if set(changes) == {"active"}:
            return f"{who} {'enabled' if after.get('active') else 'disabled'} user {user}"
        if set(changes) == {"password"}:
            return f"{who} set a new password for {user}"
        shown = ", ".join(f"{k}: {_value(b)} → {_value(a)}" for k, (b, a) in changes.items())
        return f"{who} changed user {user} ({shown})"
    if entry.entity == "workspace":
        return f"{who} created workspace {after.get('name') or entry.workspace}"
    if entry.entity == "membership" and action is AuditAction.GRANT:
        was = f" (was {before['role']})" if before.get("role") else ""
        return f"{who} granted {user} the role {after.get('role')}{where}{was}"
    if entry.entity == "membership" and "person_id" in after:
        return f"{who} made person #{after['person_id']} {user}'s own{where}"
    if entry.entity == "membership":
        return f"{who} revoked the role {before.get('role')} of {user}{where}"
    if entry.entity == "token":
        name = after.get("name") or before.get("name") or ""
        verb = "made" if action is AuditAction.CREATE else "revoked"
        return f"{who} {verb} API token #{entry.entity_id} {name!r} of {user}{where}"
    return f"{who} {action.value} {entry.entity} #{entry.entity_id}{where}"


def _concerns(entry: AccountEntry, username: str) -> bool:
    if entry.actor == username:
        return True
    return any((values or {}).get("user") == username for values in (entry.before, entry.after))


def account_changes(
    factory: UnitOfWorkFactory,
    *,
    user: str | None = None,
    workspace: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int | None = None,
) -> list[AccountChange]:
    """The account trail, oldest first: every change, or those by or about ``user``, or
    those concerning ``workspace``; ``limit`` keeps the latest so many.

    Each change comes with a one-line ``summary``, such as ``local granted bo the role
    owner in team (was editor)``, and its values before and after.
    """
    with factory.accounts() as accounts:
        entries = accounts.trail.list(since=since, until=until)
    name = user.strip().lower() if user else None
    chosen = [
        entry
        for entry in entries
        if (name is None or _concerns(entry, name))
        and (workspace is None or entry.workspace == workspace.strip())
    ]
    if limit is not None:
        chosen = chosen[-limit:] if limit > 0 else []
    return [
        AccountChange(
            id=entry.id or 0,
            at=entry.at.astimezone(UTC).isoformat(timespec="seconds"),
            actor=entry.actor,
            action=entry.action.value,
            entity=entry.entity,
            entity_id=entry.entity_id,
            workspace=entry.workspace or "",
            summary=summary(entry),
            before=entry.before,
            after=entry.after,
        )
        for entry in chosen
    ]

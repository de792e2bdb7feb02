"""The trail of account changes: users, workspaces, roles and API tokens.

Workspace data has a trail per workspace (:mod:`allies.store.audit`); the accounts of a
shared server belong to no one workspace, so their changes go here, written in the
accounts unit of work's transaction, together with the change itself.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from allies.domain.accounts import Actor
from allies.domain.records import AccountEntry, AuditAction
from allies.store import tables as t
from allies.store.audit import LOCAL_ACTOR, plain
from allies.store.repositories.base import new_id_of

__all__ = ["SqlAccountTrailRepository"]


def _entry(row: Mapping[Any, Any]) -> AccountEntry:
    return AccountEntry(
        at=row["at"],
        entity=row["entity"],
        entity_id=row["entity_id"],
        action=AuditAction(row["action"]),
        actor=row["actor"],
        actor_id=row["actor_id"],
        workspace=row["workspace"],
        before=row["old_value"],
        after=row["new_value"],
        id=row["id"],
    )


class SqlAccountTrailRepository:
    """Write and read the trail of account changes."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def record(
        self,
        entity: str,
        entity_id: int,
        action: AuditAction,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
        *,
        actor: Actor | None = None,
        workspace: str | None = None,
        at: datetime | None = None,
    ) -> AccountEntry | None:
        """Add an entry (``None`` for the local user); a change that changed nothing is
        not kept. Returns the entry, or None when nothing was kept."""
        old = plain(dict(before)) if before is not None else None
        new = plain(dict(after)) if after is not None else None
        if old is not None and new is not None and old == new:
            return None
        entry = AccountEntry(
            at=at or datetime.now(UTC),
            entity=entity,
            entity_id=entity_id,
            action=AuditAction(action),
            actor=actor.username if actor else LOCAL_ACTOR,
            actor_id=actor.user_id if actor else None,
            workspace=workspace,
            before=old,
            after=new,
        )
        result = self._conn.execute(
            insert(t.account_audit).values(
                at=entry.at,
                actor_id=entry.actor_id,
                actor=entry.actor,
                entity=entry.entity,
                entity_id=entry.entity_id,
                action=entry.action.value,
                workspace=entry.workspace,
                old_value=entry.before,
                new_value=entry.after,
            )
        )
        return AccountEntry(**{**entry.__dict__, "id": new_id_of(result)})

    def list(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> builtins.list[AccountEntry]:
        """Every entry in the period, oldest first."""
        c = t.account_audit.c
        query = select(t.account_audit).order_by(c.at, c.id)
        if since is not None:
            query = query.where(c.at >= since)
        if until is not None:
            query = query.where(c.at < until)
        return [_entry(row) for row in self._conn.execute(query).mappings()]

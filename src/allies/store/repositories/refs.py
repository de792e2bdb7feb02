"""The statement a write checks its references with, compiled once per kind of record."""

from __future__ import annotations

import functools

from sqlalchemy import Integer, Select, bindparam, select

from allies.store import tables as t
from allies.store.mapping import RefKind

__all__ = ["ids_in_workspace"]


@functools.cache
def ids_in_workspace(kind: RefKind) -> Select[tuple[int]]:
    """Which of the ids (parameter ``ids``) of records of ``kind`` are in the workspace
    (parameter ``workspace_id``): one statement per kind, compiled once and reused by
    every write that checks its references, instead of one built and compiled per write."""
    workspace_id = bindparam("workspace_id", type_=Integer)
    ids = bindparam("ids", type_=Integer, expanding=True)
    if kind == "issue":
        return (
            select(t.campaign_issues.c.id)
            .join(t.campaigns, t.campaigns.c.id == t.campaign_issues.c.campaign_id)
            .where(t.campaigns.c.workspace_id == workspace_id)
            .where(t.campaign_issues.c.id.in_(ids))
        )
    table = {"person": t.people, "organisation": t.organisations, "unit": t.units}[kind]
    return select(table.c.id).where(table.c.workspace_id == workspace_id, table.c.id.in_(ids))

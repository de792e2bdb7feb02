"""The aggregates a campaign plan's fingerprint is made of, read in SQL.

:meth:`allies.store.plan_days.SqlPlanDayRepository.inputs_state` hashes, beside the
campaign's own rows, the change counts the database keeps of the people, ties,
observations and promises (:mod:`allies.store.changes`) and these aggregates of the rest
a plan reads: who is me, the affiliations (their count, ids, references and dates) and,
per the plan's window, the interactions (how many rows, the largest id, the sum of the
ids and the sum of the ``version`` every save adds one to, :mod:`allies.store.tables.versions`).
Adding a record raises the count, removing one lowers it or the sum of ids, and saving
one raises the sum of versions, so any change to the interactions within the window
changes at least one of them. Reading them takes a few narrow scans; no record is loaded.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, func, select

from allies.store import tables as t

__all__ = ["plan_aggregates"]

#: A statement of any columns.
AnySelect = Select[*tuple[Any, ...]]


def _versions(table: Table, *where: ColumnElement[bool]) -> AnySelect:
    c = table.c
    return select(func.count(), func.max(c.id), func.sum(c.id), func.sum(c.version)).where(*where)


def plan_aggregates(workspace_id: int, since: date, until: date) -> list[AnySelect]:
    """One statement per kind of record a plan reads (see the module docstring)."""
    p, a, i = t.people.c, t.affiliations.c, t.interactions.c
    me = select(func.max(p.id)).where(p.workspace_id == workspace_id, p.is_me.is_(True))
    affiliations = (
        select(func.count(), func.max(a.id), func.sum(a.id), func.sum(a.person_id))
        .add_columns(func.sum(a.organisation_id), func.max(a.started_on), func.max(a.ended_on))
        .add_columns(func.count(a.started_on), func.count(a.ended_on))
        .where(a.workspace_id == workspace_id)
    )
    return [
        me,
        affiliations,
        _versions(
            t.interactions,
            i.workspace_id == workspace_id,
            i.occurred_on >= since,
            i.occurred_on <= until,
        ),
    ]

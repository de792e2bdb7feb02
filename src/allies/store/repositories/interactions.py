"""The repository of interactions and their participants.

Besides the plain records it reads what a person's page shows without reading every
interaction of theirs: how many there are and the latest day (one aggregate over the
participations' ``(person_id, occurred_on)`` index), and their newest ones a page at a
time, from a cursor.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from allies.domain import DayValues, Interaction
from allies.store import tables as t
from allies.store.mapping import map_for
from allies.store.repositories.agenda_reads import contact_days
from allies.store.repositories.base import Scope, SqlRepository, ids_in
from allies.store.repositories.people_listing import last_contacts
from allies.store.repositories.perspective import mine, own_contact_days

__all__ = ["SqlInteractionRepository"]


class SqlInteractionRepository(SqlRepository[Interaction]):
    """Interactions with their participants."""

    def __init__(self, scope: Scope) -> None:
        super().__init__(scope, map_for(Interaction))
        self._team_wide = False

    def _in_workspace(self) -> ColumnElement[bool]:
        own = None if self._team_wide else mine(self._scope, self._table)
        # a member reads the ones they wrote, but a campaign's consultation log is the team's
        return super()._in_workspace() if own is None else and_(super()._in_workspace(), own)

    def of_campaign(self, campaign_id: int) -> list[Interaction]:
        """The interactions tagged with the campaign (its consultation log), every
        member's, oldest first."""
        c, k = t.interactions.c, t.consultations.c
        tagged = select(k.interaction_id).where(k.campaign_id == campaign_id)
        self._team_wide = True
        try:
            return self._select(c.id.in_(tagged.scalar_subquery()), order_by=(c.occurred_on, c.id))
        finally:
            self._team_wide = False

    def with_person(self, person_id: int) -> list[Interaction]:
        """Interactions the person took part in, newest first.

        The person's interaction ids come first from the participants' index on
        ``person_id``, then the interactions by primary key: as one ``IN (subquery)``,
        PostgreSQL without fresh statistics (just after a large import) ran it from the
        workspace's every interaction, probing each (0.8 s at 300,000 interactions).
        """
        p = t.interaction_participants.c
        c = t.interactions.c
        order = (c.occurred_on.desc(), c.id.desc())
        taken = select(p.interaction_id).where(p.person_id == person_id)
        if self._conn.dialect.name != "postgresql":  # SQLite's planner starts from the index
            return self._select(c.id.in_(taken), order_by=order)
        ids = list(self._conn.scalars(taken))
        return self._select(ids_in(self._conn, c.id, ids), order_by=order) if ids else []

    def _taken_part(self, person_id: int, *columns: Any) -> Select[Any]:
        """``columns`` of the person's participations, in the interactions the viewer
        reads: the participations alone when they read all of them (a person belongs to
        one workspace, and so do the interactions they took part in)."""
        p = t.interaction_participants.c
        query = select(*columns).where(p.person_id == person_id)
        own = mine(self._scope, self._table)
        if own is None:
            return query
        c = t.interactions.c
        return query.join_from(
            t.interaction_participants, t.interactions, c.id == p.interaction_id
        ).where(c.workspace_id == self._scope.workspace_id, own)

    def summary_with_person(self, person_id: int) -> tuple[int, date | None]:
        """How many interactions the person took part in, and the day of the latest
        (``None`` when none): one aggregate over the participations' index."""
        p = t.interaction_participants.c
        query = self._taken_part(person_id, func.count(), func.max(p.occurred_on))
        row = self._conn.execute(query).one()
        return int(row[0] or 0), row[1]

    def newest_with_person(
        self, person_id: int, limit: int, *, before: tuple[date, int] | None = None
    ) -> list[Interaction]:
        """The person's newest ``limit`` interactions (by day, then id), newest first;
        with ``before``, only those that come after ``(day, id)`` in that order (older, or
        the same day with a lower id). One index range on the participations, then the
        interactions by primary key."""
        if limit <= 0:
            return []
        p = t.interaction_participants.c
        query = self._taken_part(person_id, p.interaction_id)
        if before is not None:
            day, below = before
            query = query.where(
                p.occurred_on <= day, or_(p.occurred_on < day, p.interaction_id < below)
            )
        ids: list[int] = list(
            self._conn.scalars(
                query.order_by(p.occurred_on.desc(), p.interaction_id.desc()).limit(limit)
            )
        )
        if not ids:
            return []
        c = t.interactions.c
        return self._select(
            ids_in(self._conn, c.id, ids), order_by=(c.occurred_on.desc(), c.id.desc())
        )

    def latest(self, limit: int) -> list[Interaction]:
        """The ``limit`` most recent interactions (by day, then id), newest first: one
        index range on ``(workspace_id, occurred_on)``, not the whole table."""
        c = t.interactions.c
        newest = (
            select(c.id)
            .where(self._in_workspace())
            .order_by(c.occurred_on.desc(), c.id.desc())
            .limit(max(limit, 0))
        )
        return self._select(
            c.id.in_(newest.scalar_subquery()), order_by=(c.occurred_on.desc(), c.id.desc())
        )

    def in_window(self, first: date, last: date) -> list[Interaction]:
        """The interactions from ``first`` to ``last`` (both included), oldest first: one
        index range on ``(workspace_id, occurred_on)``."""
        c = t.interactions.c
        return self._select(
            c.occurred_on >= first, c.occurred_on <= last, order_by=(c.occurred_on, c.id)
        )

    def last_contact(
        self, person_ids: Iterable[int] | None = None, *, until: date | None = None
    ) -> dict[int, date]:
        """The day of the latest interaction (on or before ``until``) of each of these
        people, or of everyone of the workspace who took part in one."""
        if person_ids is None:
            everyone = select(t.people.c.id).where(
                t.people.c.workspace_id == self._scope.workspace_id
            )
            return last_contacts(self._conn, everyone, until=until)
        return last_contacts(self._conn, sorted(set(person_ids)), until=until)

    def contact_days(self, person_ids: Iterable[int], *, until: date | None = None) -> DayValues:
        """Each of these people's interactions (on or before ``until``) as ``(person,
        day, tone)`` columns, in no particular order: what relationship health reads,
        without the rest of the records."""
        if mine(self._scope, self._table) is not None:
            return own_contact_days(self._select(), person_ids, until)
        return contact_days(self._conn, list(person_ids), until=until)

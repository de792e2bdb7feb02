"""Relationship health's sums, added up by the database (issue 22).

:class:`SqlHealthReads` implements :class:`allies.services.ports.HealthReadsRepository`:
a handful of queries give everyone's interactions, favours and promises as sums per
person and period (see :mod:`allies.domain.health_tallies`), where the health list used
to read a workspace's three hundred thousand interactions as objects.

Interactions are read from the participants' index ``(person_id, occurred_on, tone)``:
one pass sums everything up to the first bound, person by person in the index's order,
and a second one, over the days after it only, sums each later period. The decay weight
of a row is ``2 ** ((day - last bound) / half_life)``, computed by the database.

The same sums for a few people only (the rows of one page of the health list) come from
the participants' index by person; :meth:`SqlHealthReads.stamp` digests the counts the
database keeps of the changes of what the sums are made of (:mod:`allies.store.changes`),
under which the services keep the ranking of everyone (:mod:`allies.services.keep.health_kept`).

On a team server the member viewing reads their own interactions and favours, as the
repositories of :mod:`allies.store.repositories.special` do
(:mod:`allies.store.repositories.perspective`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Float,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal,
    or_,
    select,
)

from allies.domain.health_tallies import (
    ContactTallies,
    FavourTallies,
    HealthTallies,
    PeopleColumns,
    PromiseColumns,
)
from allies.store import tables as t
from allies.store.changes import changes_stamp
from allies.store.repositories.base import Scope, ids_in
from allies.store.repositories.perspective import home_person, mine, viewer_of

__all__ = ["SqlHealthReads"]

#: Julian day number of the day before :meth:`datetime.date.toordinal`'s first (SQLite's
#: ``julianday`` of a date minus it is the date's ordinal).
_JULIAN_ORDINAL = 1721424.5


def _weight(connection: Connection, day: Any, reference: date, half_life: float) -> Any:
    """``2 ** ((day - reference) / half_life)`` in SQL."""
    if connection.dialect.name == "sqlite":
        days = func.julianday(day) - literal(reference.toordinal() + _JULIAN_ORDINAL, Float)
    else:
        days = cast(day - literal(reference, Date), Float)
    return func.power(literal(2.0, Float), days / literal(float(half_life), Float))


def _ordinal(connection: Connection, day: Any) -> ColumnElement[Any]:
    """A date as :meth:`datetime.date.toordinal` numbers it, in SQL (no date to parse in
    Python)."""
    if connection.dialect.name == "sqlite":
        return cast(func.julianday(day) - literal(_JULIAN_ORDINAL, Float), Integer)
    return cast(day - literal(date(1, 1, 1), Date) + 1, Integer)


def _columns(rows: Sequence[Sequence[Any]], width: int) -> list[Sequence[Any]]:
    """Rows as columns (``width`` empty ones without rows)."""
    return list(zip(*rows, strict=True)) if rows else [()] * width


def _period(day: Any, bounds: Sequence[date]) -> ColumnElement[Any]:
    """The period of ``day``: 0 on or before ``bounds[0]``, ``k`` up to ``bounds[k]``."""
    whens = [(day <= bindparam(f"bound_{k}", b, Date), k) for k, b in enumerate(bounds[:-1])]
    return case(*whens, else_=len(bounds) - 1) if whens else literal(0)


class SqlHealthReads:
    """The sums of one workspace's relationships.

    Implements :class:`allies.services.ports.health_reads.HealthReadsRepository`.
    """

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    @property
    def _conn(self) -> Connection:
        return self._scope.connection

    def _me(self) -> int | None:
        viewer = viewer_of(self._scope)
        return viewer if viewer is not None else home_person(self._scope)

    def tallies(
        self,
        bounds: Sequence[date],
        half_life: float,
        units: Mapping[str, int],
        *,
        tags: bool = False,
        only: Sequence[int] | None = None,
    ) -> HealthTallies:
        """Everyone but me (or only the people ``only``) and the sums of our interactions,
        favours and promises (see
        :meth:`allies.services.ports.health_reads.HealthReadsRepository.tallies`)."""
        cut = tuple(sorted(bounds))
        if not cut:
            raise ValueError("at least one bound is needed")
        me = self._me()
        some = None if only is None else sorted({int(x) for x in only})
        people = self._people(me, tags=tags, only=some)
        if some is not None:  # those of the workspace: no other condition to check
            some = [int(x) for x in people.ids]
        return HealthTallies(
            bounds=cut,
            half_life=float(half_life),
            me_id=me,
            people=people,
            contacts=self._contacts(cut, half_life, only=some),
            favours=self._favours(cut, units, only=some),
            promises=self._promises(me),
        )

    def stamp(self) -> str:
        """A digest of what the sums are made of: the changes counted of people,
        interactions, favours and promises (:func:`allies.store.changes.changes_stamp`),
        who is me and who looks (see
        :meth:`allies.services.ports.health_reads.HealthReadsRepository.stamp`)."""
        actor = self._scope.actor
        return changes_stamp(
            self._conn,
            self._scope.workspace_id,
            ("people", "interactions", "favours", "promises"),
            self._me(),
            viewer_of(self._scope),
            actor and actor.user_id,
        )

    def names(self) -> dict[int, str]:
        """Everyone's name by id (see
        :meth:`allies.services.ports.health_reads.HealthReadsRepository.names`)."""
        c = t.people.c
        query = select(c.id, c.name).where(c.workspace_id == self._scope.workspace_id)
        return {int(pid): str(name) for pid, name in self._conn.execute(query).all()}

    def _people(
        self, me: int | None, *, tags: bool, only: Sequence[int] | None = None
    ) -> PeopleColumns:
        c = t.people.c
        columns: list[Any] = [c.id, c.name, c.tier]
        if tags:
            columns.append(c.tags)
        query = select(*columns).where(c.workspace_id == self._scope.workspace_id)
        if me is not None:
            query = query.where(c.id != me)
        if only is not None:
            query = query.where(ids_in(self._conn, c.id, only))
        rows = self._conn.execute(query.order_by(c.id)).all()
        if not rows:
            return PeopleColumns()
        found = list(zip(*rows, strict=True))
        return PeopleColumns(
            ids=found[0],
            names=found[1],
            tiers=found[2],
            tags=tuple(list(x or ()) for x in found[3]) if tags else (),
        )

    def _contacts(
        self, bounds: tuple[date, ...], half_life: float, *, only: Sequence[int] | None = None
    ) -> ContactTallies:
        p = t.interaction_participants.c
        everyone = (
            select(t.people.c.id)
            .where(t.people.c.workspace_id == self._scope.workspace_id)
            .scalar_subquery()
        )
        ours: list[ColumnElement[bool]] = [
            p.person_id.in_(everyone) if only is None else ids_in(self._conn, p.person_id, only)
        ]
        own = mine(self._scope, t.interactions)
        if own is not None:
            i = t.interactions.c
            written = select(i.id).where(i.workspace_id == self._scope.workspace_id, own)
            ours.append(p.interaction_id.in_(written.scalar_subquery()))
        weight = _weight(self._conn, p.occurred_on, bounds[-1], half_life)
        sums = (
            func.count(),
            _ordinal(self._conn, func.max(p.occurred_on)),
            func.sum(weight),
            # the weight again only where the tone is not neutral
            func.coalesce(func.sum(case((p.tone != 0, p.tone * weight))), 0.0),
        )
        first = bindparam("first", bounds[0], Date)
        oldest = (
            select(p.person_id, literal(0), *sums)
            .where(*ours, p.occurred_on <= first)
            .group_by(p.person_id)
        )
        rows: list[Any] = list(self._conn.execute(oldest).all())
        if len(bounds) > 1:
            period = _period(p.occurred_on, bounds).label("period")
            later = (
                select(p.person_id, period, *sums)
                .where(
                    *ours,
                    p.occurred_on > first,
                    p.occurred_on <= bindparam("last", bounds[-1], Date),
                )
                .group_by(p.person_id, period)
            )
            rows += self._conn.execute(later).all()
        return ContactTallies(*_columns(rows, 6))

    def _favours(
        self,
        bounds: tuple[date, ...],
        units: Mapping[str, int],
        *,
        only: Sequence[int] | None = None,
    ) -> FavourTallies:
        c = t.favours.c
        worth: Any = case(dict(units), value=c.size, else_=0) if units else literal(0)
        period = _period(c.occurred_on, bounds).label("period")
        conditions: list[ColumnElement[bool]] = [
            c.workspace_id == self._scope.workspace_id,
            c.occurred_on <= bindparam("last", bounds[-1], Date),
        ]
        own = mine(self._scope, t.favours)
        if own is not None:
            conditions.append(own)
        if only is not None:
            conditions.append(ids_in(self._conn, c.person_id, only))
        query: Select[Any] = (
            select(
                c.person_id,
                period,
                func.count(),
                func.sum(case((c.direction == "given", worth), else_=0)),
                func.sum(case((c.direction == "given", 0), else_=worth)),
            )
            .where(*conditions)
            .group_by(c.person_id, *([period] if len(bounds) > 1 else []))
        )
        return FavourTallies(*_columns(self._conn.execute(query).all(), 5))

    def _promises(self, me: int | None) -> PromiseColumns:
        if me is None:
            return PromiseColumns()
        c = t.promises.c
        other = case((c.promiser_id == me, c.promisee_id), else_=c.promiser_id)
        query = select(other, c.made_on, c.due_on, c.resolved_on, c.status).where(
            c.workspace_id == self._scope.workspace_id,
            c.status != "released",
            or_(c.promiser_id == me, and_(c.promisee_id == me, c.promiser_id != me)),
        )
        return PromiseColumns.of(
            (
                pid,
                made.toordinal(),
                None if due is None else due.toordinal(),
                None if resolved is None else resolved.toordinal(),
                status,
            )
            for pid, made, due, resolved, status in self._conn.execute(query).all()
        )

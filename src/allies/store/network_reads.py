"""Whole-network reads: the people as columns and the network's stamp (issue 22).

:meth:`SqlNetworkReads.people` reads everyone in one query with SQLAlchemy Core and keeps
the rows as the driver gave them (no type processing, no domain object per row); a
:class:`~allies.domain.Person` is made, with the same mapping as the people repository
uses, only for someone looked up. :meth:`SqlNetworkReads.stamp` aggregates the people, ties
and observations in SQL (counts, newest ids, sums of their columns) into a short digest:
the key under which analyses of the network are kept (:mod:`allies.store.analysis_cache`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Connection,
    Integer,
    Select,
    cast,
    func,
    literal_column,
    select,
    type_coerce,
)
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import NullType

from allies.domain import Person
from allies.domain.people_table import PeopleTable
from allies.store import tables as t
from allies.store.mapping import map_for
from allies.store.repositories.base import Scope
from allies.store.repositories.perspective import viewer_of

__all__ = ["SqlNetworkReads", "SqlPeopleTable"]


def _day_number(connection: Connection, column: Any) -> ColumnElement[Any]:
    """A date column as a whole number of days (NULL stays NULL), in SQL."""
    if connection.dialect.name == "sqlite":
        return cast(func.julianday(column), Integer)
    return column - literal_column("DATE '2000-01-01'")


def _code(connection: Connection, column: Any, ids: Any) -> ColumnElement[Any]:
    """A short text column as a number, weighted by the row's id: its length and first
    character, so that a changed kind changes the sum."""
    first = func.unicode(column) if connection.dialect.name == "sqlite" else func.ascii(column)
    return (func.length(column) * 1000 + first) * ids


def _micro(column: Any) -> ColumnElement[Any]:
    """A number in [0, 1] as whole millionths, so that its sum is exact in any order."""
    return cast(column * 1_000_000, Integer)


class SqlPeopleTable(PeopleTable):
    """Everyone in a workspace, by id, as columns; a :class:`Person` per look-up.

    The store's :class:`allies.domain.people_table.PeopleTable`.
    """

    def __init__(
        self,
        rows: Sequence[Sequence[Any]],
        full: Callable[[], tuple[Sequence[Sequence[Any]], list[str], list[Any]]],
        viewer: int | None,
    ) -> None:
        # rows: (id, name, title, unit_id, level, is_me), ascending id
        self._full = full
        self._full_rows: dict[int, Sequence[Any]] | None = None
        self._columns: list[str] = []
        self._processors: list[Any] = []
        self._viewer = viewer
        self._at = {int(row[0]): i for i, row in enumerate(rows)}
        self._ids: tuple[int, ...] = tuple(self._at)
        self._names: tuple[str, ...] = tuple(map(itemgetter(1), rows))
        self._titles: tuple[str, ...] = tuple(title or "" for title in map(itemgetter(2), rows))
        self._units: tuple[int | None, ...] = tuple(map(itemgetter(3), rows))
        self._levels: tuple[str | None, ...] = tuple(map(itemgetter(4), rows))
        if viewer is None:
            self._me: tuple[bool, ...] = tuple(bool(x) for x in map(itemgetter(5), rows))
        else:
            self._me = tuple(pid == viewer for pid in self._ids)
        self._made: dict[int, Person] = {}

    @property
    def ids(self) -> tuple[int, ...]:
        """Everyone's id, ascending."""
        return self._ids

    @property
    def names(self) -> tuple[str, ...]:
        """Everyone's name."""
        return self._names

    @property
    def titles(self) -> tuple[str, ...]:
        """Everyone's title."""
        return self._titles

    @property
    def unit_ids(self) -> tuple[int | None, ...]:
        """Everyone's unit."""
        return self._units

    @property
    def levels(self) -> tuple[str | None, ...]:
        """Everyone's level relative to me."""
        return self._levels

    @property
    def me(self) -> tuple[bool, ...]:
        """Whether each is me."""
        return self._me

    def __getitem__(self, person_id: int) -> Person:
        found = self._made.get(person_id)
        if found is not None:
            return found
        if person_id not in self._at:
            raise KeyError(person_id)
        if self._full_rows is None:  # the first look-up reads every column, once
            rows, self._columns, self._processors = self._full()
            self._full_rows = {int(r[self._columns.index("id")]): r for r in rows}
        raw = self._full_rows.get(person_id)
        if raw is None:  # removed since: the columns read are all there is
            i = self._at[person_id]
            return Person.trusted(
                name=self._names[i], title=self._titles[i], unit_id=self._units[i], id=person_id
            )
        row = {
            name: value if process is None or value is None else process(value)
            for name, value, process in zip(self._columns, raw, self._processors, strict=True)
        }
        person = map_for(Person).load(row, {})
        if self._viewer is not None:
            person.is_me = person.id == self._viewer
        self._made[person_id] = person
        return person

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._at

    def __iter__(self) -> Iterator[int]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


class SqlNetworkReads:
    """The people as columns and the stamp of one workspace's network.

    Implements :class:`allies.services.ports.network_reads.NetworkReadsRepository`.
    """

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    @property
    def _conn(self) -> Connection:
        return self._scope.connection

    def _aggregates(self) -> list[Select[Any]]:
        conn, ws = self._conn, self._scope.workspace_id
        p, k, o = t.people.c, t.ties.c, t.observations.c
        day, code, micro = _day_number, _code, _micro
        return [
            select(func.count(), func.max(p.id), func.sum(p.id)).where(p.workspace_id == ws),
            select(
                func.count(),
                func.max(k.id),
                func.sum(k.source_id),
                func.sum(k.target_id * 3),
                func.sum(micro(k.weight)),
                func.sum(micro(k.confidence)),
                func.sum(code(conn, k.kind, k.id)),
                func.sum(day(conn, k.valid_from)),
                func.sum(day(conn, k.valid_to)),
                func.count(k.valid_from),
                func.count(k.valid_to),
            ).where(k.workspace_id == ws),
            select(
                func.count(),
                func.max(o.id),
                func.sum(o.subject_id),
                func.sum(o.object_id * 3),
                func.sum(micro(o.strength)),
                func.sum(code(conn, o.kind, o.id)),
                func.sum(day(conn, o.observed_on)),
            ).where(o.workspace_id == ws),
        ]

    def stamp(self) -> str:
        """A digest of the people's ids, the ties and the observations, from SQL aggregates.

        Returns
        -------
        str
            32 hexadecimal digits (BLAKE2b, 16-byte digest).
        """
        digest = hashlib.blake2b(digest_size=16)
        for query in self._aggregates():
            values = self._conn.execute(query).one()
            digest.update(repr(tuple(_plain(v) for v in values)).encode())
        return digest.hexdigest()

    def people(self) -> SqlPeopleTable:
        """Everyone in the workspace, ascending id: the columns the analyses show now, the
        rest of each person on the first look-up of one (one more query, then kept)."""
        p = t.people.c
        mine = p.workspace_id == self._scope.workspace_id
        light = select(p.id, p.name, p.title, p.unit_id, p.level, p.is_me).where(mine)
        rows = self._conn.execute(light.order_by(p.id)).all()
        engine = self._conn.engine
        columns = list(t.people.c)
        everything = (
            select(*(type_coerce(c, NullType()).label(c.name) for c in columns))
            .where(mine)
            .order_by(p.id)
        )

        def full() -> tuple[Sequence[Sequence[Any]], list[str], list[Any]]:
            with engine.connect() as connection:
                found = connection.execute(everything).all()
                dialect = connection.dialect
            processors = [
                c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns
            ]
            return found, [c.name for c in columns], processors

        return SqlPeopleTable(rows, full, viewer_of(self._scope))


def _plain(value: Any) -> Any:
    """An aggregate as a plain number (``Decimal`` and friends compared by value)."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return round(float(value), 9)

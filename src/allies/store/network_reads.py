"""Whole-network reads: the people as columns and the network's stamp (issue 22).

:meth:`SqlNetworkReads.people` reads everyone in one query with SQLAlchemy Core and keeps
the rows as the driver gave them (no type processing, no domain object per row); a
:class:`~allies.domain.Person` is made, with the same mapping as the people repository
uses, only for someone looked up. :meth:`SqlNetworkReads.stamp` reads the counts the
database keeps of the changes of people, ties and observations into a short digest
(:mod:`allies.store.changes`): the key under which analyses of the network are kept
(:mod:`allies.store.analysis_cache`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Connection,
    select,
    type_coerce,
)
from sqlalchemy.types import NullType

from allies.domain import Person
from allies.domain.people_table import PeopleTable
from allies.store import tables as t
from allies.store.changes import changes_stamp
from allies.store.mapping import map_for
from allies.store.repositories.base import IN_CHUNK, Scope, ids_in
from allies.store.repositories.perspective import viewer_of

__all__ = ["ONE_BY_ONE", "SqlNetworkReads", "SqlPeopleTable"]

#: How many people a table reads one row at a time (a page looks up a few); the next
#: look-up reads everyone's rows at once.
ONE_BY_ONE = 16


class SqlPeopleTable(PeopleTable):
    """Everyone in a workspace, by id, as columns; a :class:`Person` per look-up.

    The store's :class:`allies.domain.people_table.PeopleTable`. The first
    :data:`ONE_BY_ONE` look-ups read that person's row only; the next one reads every row
    (once). :meth:`several` reads the rows of several people in one query.
    """

    def __init__(
        self,
        rows: Sequence[Sequence[Any]],
        full: Callable[
            [Sequence[int] | None], tuple[Sequence[Sequence[Any]], list[str], list[Any]]
        ],
        viewer: int | None,
    ) -> None:
        # rows: (id, name, title, unit_id, level, is_me, organisation_id), ascending id
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
        self._organisations: tuple[int | None, ...] = tuple(map(itemgetter(6), rows))
        self._made: dict[int, Person] = {}
        self._one_by_one = 0

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

    @property
    def organisation_ids(self) -> tuple[int | None, ...]:
        """Everyone's organisation."""
        return self._organisations

    def _read(self, person_ids: Sequence[int] | None) -> dict[int, Sequence[Any]]:
        """The stored rows of these people (everyone's with None), by id."""
        rows, self._columns, self._processors = self._full(person_ids)
        at = self._columns.index("id")
        return {int(r[at]): r for r in rows}

    def _person(self, person_id: int, raw: Sequence[Any] | None) -> Person:
        """The person of a stored row (made of the columns when the row is gone)."""
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

    def __getitem__(self, person_id: int) -> Person:
        found = self._made.get(person_id)
        if found is not None:
            return found
        if person_id not in self._at:
            raise KeyError(person_id)
        if self._full_rows is None and self._one_by_one < ONE_BY_ONE:
            self._one_by_one += 1  # a few look-ups read one row each
            return self._person(person_id, self._read([person_id]).get(person_id))
        if self._full_rows is None:  # many look-ups: every row, in one read
            self._full_rows = self._read(None)
        return self._person(person_id, self._full_rows.get(person_id))

    def several(self, person_ids: Sequence[int]) -> list[Person]:
        """The people with these ids, in that order, the rows not read yet in one read.

        Raises
        ------
        KeyError
            If one of them is not in the table.
        """
        for person_id in person_ids:
            if person_id not in self._at:
                raise KeyError(person_id)
        missing = sorted({i for i in person_ids if i not in self._made})
        if missing and self._full_rows is None:
            found = self._read(missing)
            for person_id in missing:
                self._person(person_id, found.get(person_id))
        return [self[i] for i in person_ids]

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

    def stamp(self) -> str:
        """A digest of the changes counted of the people's ids, the ties and the
        observations (:func:`allies.store.changes.changes_stamp`): one read, whatever
        the size of the network.

        Returns
        -------
        str
            32 hexadecimal digits (BLAKE2b, 16-byte digest).
        """
        return changes_stamp(
            self._conn, self._scope.workspace_id, ("people_ids", "ties", "observations")
        )

    def people(self) -> SqlPeopleTable:
        """Everyone in the workspace, ascending id: the columns the analyses show now, the
        rest of a person when they are looked up (see :class:`SqlPeopleTable`)."""
        p = t.people.c
        mine = p.workspace_id == self._scope.workspace_id
        light = select(p.id, p.name, p.title, p.unit_id, p.level, p.is_me, p.organisation_id)
        rows = self._conn.execute(light.where(mine).order_by(p.id)).all()
        engine = self._conn.engine
        columns = list(t.people.c)
        everything = select(*(type_coerce(c, NullType()).label(c.name) for c in columns)).where(
            mine
        )

        def full(
            person_ids: Sequence[int] | None,
        ) -> tuple[Sequence[Sequence[Any]], list[str], list[Any]]:
            with engine.connect() as connection:
                if person_ids is None:
                    found = list(connection.execute(everything).all())
                else:
                    found = []
                    for start in range(0, len(person_ids), IN_CHUNK):
                        chunk = person_ids[start : start + IN_CHUNK]
                        found += connection.execute(
                            everything.where(ids_in(connection, p.id, chunk))
                        ).all()
                dialect = connection.dialect
            processors = [
                c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns
            ]
            return found, [c.name for c in columns], processors

        return SqlPeopleTable(rows, full, viewer_of(self._scope))

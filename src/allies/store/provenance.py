"""Where imported links to people came from: the ``record_sources`` rows.

See :mod:`allies.store.tables.provenance`. An import notes, for each interaction, tie or
observation it made, the identifiers through which it found each person the record
points at; splitting a merge reads them back.
"""

from __future__ import annotations

import builtins

from sqlalchemy import Connection, delete, func, insert, select, update

from allies.domain.provenance import SOURCED_KINDS, RecordSource
from allies.store import tables as t

__all__ = ["SOURCED", "SqlRecordSourceRepository"]

#: The kinds of record whose links to people an import notes the sources of.
SOURCED = frozenset({"interaction", "tie", "observation"})


class SqlRecordSourceRepository:
    """The record sources of one workspace."""

    def __init__(self, connection: Connection, workspace_id: int) -> None:
        self._conn = connection
        self._workspace_id = workspace_id

    def add(self, rows: builtins.list[tuple[str, int, int, str]]) -> None:
        """Note ``(kind, record id, person id, identifier)`` rows."""
        if rows:
            self._conn.execute(
                insert(t.record_sources),
                [
                    {
                        "workspace_id": self._workspace_id,
                        "kind": kind,
                        "record_id": record_id,
                        "person_id": person_id,
                        "identifier": identifier[:300],
                    }
                    for kind, record_id, person_id, identifier in rows
                ],
            )

    def list(self) -> builtins.list[RecordSource]:
        """Every record source of the workspace, in the order they were noted (a backup)."""
        c = t.record_sources.c
        query = (
            select(c.kind, c.record_id, c.person_id, c.identifier)
            .where(c.workspace_id == self._workspace_id)
            .order_by(c.id)
        )
        return [
            RecordSource.of(str(kind), int(record_id), int(person_id), str(identifier))
            for kind, record_id, person_id, identifier in self._conn.execute(query)
            if kind in SOURCED_KINDS
        ]

    def count(self) -> int:
        """How many record sources the workspace holds."""
        c = t.record_sources.c
        query = select(func.count()).where(c.workspace_id == self._workspace_id)
        return int(self._conn.scalar(query) or 0)

    def for_person(self, person_id: int) -> builtins.list[tuple[str, int, str]]:
        """``(kind, record id, identifier)`` of every record linked to the person."""
        c = t.record_sources.c
        query = (
            select(c.kind, c.record_id, c.identifier)
            .where(c.workspace_id == self._workspace_id, c.person_id == person_id)
            .order_by(c.id)
        )
        return [(str(k), int(r), str(i)) for k, r, i in self._conn.execute(query)]

    def move(self, kind: str, record_id: int, from_person: int, to_person: int) -> None:
        """The record's sources for ``from_person`` now name ``to_person``."""
        c = t.record_sources.c
        self._conn.execute(
            update(t.record_sources)
            .where(
                c.workspace_id == self._workspace_id,
                c.kind == kind,
                c.record_id == record_id,
                c.person_id == from_person,
            )
            .values(person_id=to_person)
        )

    def forget_person(self, person_id: int) -> int:
        """Delete every source row of the person (removal, erasure); how many."""
        c = t.record_sources.c
        result = self._conn.execute(
            delete(t.record_sources).where(
                c.workspace_id == self._workspace_id, c.person_id == person_id
            )
        )
        return int(result.rowcount or 0)

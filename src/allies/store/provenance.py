"""Where imported links to people came from: the ``record_sources`` rows.

See :mod:`allies.store.tables.provenance`. An import notes, for each interaction, tie or
observation it made, the identifiers through which it found each person the record
points at; splitting a merge reads them back.
"""

from __future__ import annotations

import builtins
import re

from sqlalchemy import Connection, delete, func, insert, select, update

from allies.domain.provenance import SOURCED_KINDS, RecordSource, origin_key
from allies.store import tables as t

__all__ = ["SOURCED", "SqlRecordSourceRepository"]

#: The kinds of record whose links to people an import notes the sources of.
SOURCED = frozenset(SOURCED_KINDS)


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

    def origins(self, kind: str, item: str) -> builtins.list[tuple[int, str]]:
        """``(record id, origin)`` of every row of a ``kind`` record whose origin names
        an item beginning with ``item`` (``message <``), whatever the file."""
        c = t.record_sources.c
        escaped = re.sub(r"([\\%_])", r"\\\1", item)
        query = select(c.record_id, c.identifier).where(
            c.workspace_id == self._workspace_id,
            c.kind == kind,
            c.identifier.like(origin_key("%", escaped) + "%", escape="\\"),
        )
        return [(int(r), str(i)) for r, i in self._conn.execute(query)]

    def for_person(self, person_id: int) -> builtins.list[tuple[str, int, str]]:
        """``(kind, record id, identifier)`` of every record linked to the person."""
        c = t.record_sources.c
        query = (
            select(c.kind, c.record_id, c.identifier)
            .where(c.workspace_id == self._workspace_id, c.person_id == person_id)
            .order_by(c.id)
        )
        return [(str(k), int(r), str(i)) for k, r, i in self._conn.execute(query)]

    def move(
        self,
        kind: str,
        record_id: int,
        from_person: int,
        to_person: int,
        *,
        to_record: int | None = None,
        identifier: str | None = None,
    ) -> None:
        """The record's sources for ``from_person`` now name ``to_person`` (and, with
        ``to_record``, that record: a person's own sources when a split restores them);
        only the row of ``identifier`` when given."""
        c = t.record_sources.c
        values: dict[str, int] = {"person_id": to_person}
        if to_record is not None:
            values["record_id"] = to_record
        only = [] if identifier is None else [c.identifier == identifier[:300]]
        self._conn.execute(
            update(t.record_sources)
            .where(
                c.workspace_id == self._workspace_id,
                c.kind == kind,
                c.record_id == record_id,
                c.person_id == from_person,
                *only,
            )
            .values(**values)
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


def forget_sources(conn: Connection, workspace_id: int, kind: str, record_id: int) -> None:
    """Delete the source rows of a removed record (``kind`` #``record_id``): a record
    given the same id later (SQLite reuses the highest) must inherit none of them."""
    c = t.record_sources.c
    conn.execute(
        delete(t.record_sources).where(
            c.workspace_id == workspace_id, c.kind == kind, c.record_id == record_id
        )
    )
